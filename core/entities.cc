#include "core/entities.h"

#include <algorithm>
#include <set>

#include "core/analyzer.h"
#include "core/embedded_data.h"

namespace bw {
namespace {

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(separator, start);
        if (end == std::string_view::npos) end = text.size();
        std::string part(text.substr(start, end - start));
        while (!part.empty() && (part.back() == ' ' || part.back() == '\r')) part.pop_back();
        while (!part.empty() && part.front() == ' ') part.erase(part.begin());
        if (!part.empty()) parts.push_back(std::move(part));
        start = end + 1;
    }
    return parts;
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

}  // namespace

const EntityRegistry& EntityRegistry::builtin() {
    static const EntityRegistry registry = from_tsv(embedded::entities_tsv());
    return registry;
}

EntityRegistry EntityRegistry::from_tsv(std::string_view text) {
    EntityRegistry registry;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        if (line.empty() || line[0] == '#') continue;
        auto columns = split(line, '\t');
        // split() drops empty columns; re-split keeping positions.
        std::vector<std::string> cols;
        std::size_t s = 0;
        while (s <= line.size()) {
            std::size_t e = line.find('\t', s);
            if (e == std::string_view::npos) e = line.size();
            cols.emplace_back(line.substr(s, e - s));
            s = e + 1;
        }
        if (cols.empty() || cols[0].empty()) continue;
        Entity entity;
        entity.name = split(cols[0], '|').empty() ? cols[0] : split(cols[0], '|')[0];
        if (cols.size() > 1) entity.tickers = split(cols[1], '|');
        if (cols.size() > 2) entity.aliases = split(cols[2], '|');
        std::size_t index = registry.entities_.size();
        registry.entities_.push_back(std::move(entity));
        const Entity& added = registry.entities_.back();
        registry.by_name_.emplace(Analyzer::fold(added.name), index);
        for (const auto& alias : added.aliases) registry.by_name_.emplace(Analyzer::fold(alias), index);
        for (const auto& ticker : added.tickers) registry.by_ticker_.emplace(ticker, index);
        registry.exact_names_.insert(added.name);
        for (const auto& alias : added.aliases) registry.exact_names_.insert(alias);
        (void)columns;
    }
    for (const auto& n : registry.exact_names_) registry.name_lengths_.insert(n.size());
    return registry;
}

const Entity* EntityRegistry::find_by_name(std::string_view name) const {
    auto it = by_name_.find(Analyzer::fold(name));
    return it == by_name_.end() ? nullptr : &entities_[it->second];
}

const Entity* EntityRegistry::find_by_ticker(std::string_view ticker) const {
    auto it = by_ticker_.find(std::string(ticker));
    return it == by_ticker_.end() ? nullptr : &entities_[it->second];
}

std::vector<std::string> EntityRegistry::split_actor_line(std::string_view line) const {
    // Names as written (exact case), longest first, so "Morgan Stanley" beats "Morgan".
    const auto& names = exact_names_;
    const auto& lengths = name_lengths_;

    // A known name starting at `pos` and ending on a boundary (end, space, punctuation or a capital
    // letter that starts the next name); returns its length or 0.
    auto known_at = [&](std::size_t pos) -> std::size_t {
        for (std::size_t len : lengths) {
            if (pos + len > line.size()) continue;
            if (!names.count(line.substr(pos, len))) continue;
            if (pos + len == line.size()) return len;
            char next = line[pos + len];
            if (!is_lower(next) && !(next >= '0' && next <= '9')) return len;
        }
        return 0;
    };

    std::vector<std::string> out;
    auto emit = [&](std::string_view piece) {
        std::string name(piece);
        while (!name.empty() && (name.back() == ' ' || name.back() == ',' || name.back() == ';')) name.pop_back();
        while (!name.empty() && (name.front() == ' ' || name.front() == ',' || name.front() == ';')) name.erase(name.begin());
        if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    };

    std::size_t pos = 0;
    while (pos < line.size()) {
        char c = line[pos];
        if (line.substr(pos, 2) == "\xc2\xb7") {  // a middle dot separator
            pos += 2;
            continue;
        }
        if (c == ' ' || c == ',' || c == ';' || c == '\t' || c == '|') {
            ++pos;
            continue;
        }
        if (std::size_t len = known_at(pos)) {
            emit(line.substr(pos, len));
            pos += len;
            continue;
        }
        // Unknown name: runs to the next separator, lower->upper case boundary, or known name.
        std::size_t end = pos + 1;
        while (end < line.size()) {
            char prev = line[end - 1];
            char cur = line[end];
            if (cur == ',' || cur == ';' || cur == '\t' || cur == '|') break;
            if (line.substr(end, 2) == "\xc2\xb7") break;
            if (is_lower(prev) && is_upper(cur)) break;
            if ((prev == ' ' || is_lower(prev) || is_upper(prev)) && is_upper(cur) && known_at(end) && prev != ' ') break;
            ++end;
        }
        emit(line.substr(pos, end - pos));
        pos = end;
    }
    return out;
}

}  // namespace bw
