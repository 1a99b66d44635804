#include "core/entities.h"

#include <algorithm>
#include <optional>
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

// Tickers are compared with '-' for a class separator: BRK.B, BRK-B and BRK/B are one ticker.
std::string normal_ticker(std::string_view ticker) {
    std::string out(ticker);
    for (char& c : out) {
        if (c == '.' || c == '/') c = '-';
    }
    return out;
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

}  // namespace

std::string fold_name(std::string_view name) {
    std::string out(name);
    for (char& c : out) {
        if (static_cast<unsigned char>(c) >= 0x80) return Analyzer::fold(name);
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

const EntityRegistry& EntityRegistry::builtin() {
    static const EntityRegistry registry = from_tsv(embedded::entities_tsv(), embedded::companies_tsv());
    return registry;
}

EntityRegistry EntityRegistry::from_tsv(std::string_view curated, std::string_view generated) {
    EntityRegistry registry;
    registry.add_rows(curated, true);
    registry.add_rows(generated, false);
    for (const auto& n : registry.exact_names_) registry.name_lengths_.insert(n.size());
    return registry;
}

void EntityRegistry::add_rows(std::string_view text, bool curated) {
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cols;  // positional columns (empty ones kept)
        std::size_t s = 0;
        while (s <= line.size()) {
            std::size_t e = line.find('\t', s);
            if (e == std::string_view::npos) e = line.size();
            cols.emplace_back(line.substr(s, e - s));
            s = e + 1;
        }
        auto names = split(cols[0], '|');
        if (names.empty()) continue;
        Entity entity;
        entity.name = names[0];
        entity.curated = curated;
        if (cols.size() > 1) entity.tickers = split(cols[1], '|');
        for (std::size_t i = 1; i < names.size(); ++i) entity.aliases.push_back(names[i]);
        if (cols.size() > 2)
            for (auto& alias : split(cols[2], '|')) entity.aliases.push_back(std::move(alias));
        if (cols.size() > 3)
            for (const auto& flag : split(cols[3], ',')) entity.common |= flag == "common";

        // A generated company that shares a ticker with a known entity is merged into it.
        std::optional<std::size_t> into;
        if (!curated) {
            for (const auto& ticker : entity.tickers) {
                if (const Entity* known = find_by_ticker(ticker)) {
                    into = static_cast<std::size_t>(known - entities_.data());
                    break;
                }
            }
        }
        std::size_t index = into ? *into : entities_.size();
        if (!into) {
            Entity fresh = entity;
            fresh.aliases.clear();
            entities_.push_back(std::move(fresh));
        }
        Entity& target = entities_[index];
        // Claim each name that no other entity has; the first claim wins (the hand-kept file loads first).
        std::vector<std::string> forms{entity.name};
        forms.insert(forms.end(), entity.aliases.begin(), entity.aliases.end());
        for (auto& form : forms) {
            auto [it, inserted] = by_name_.emplace(fold_name(form), index);
            if (!inserted && it->second != index) continue;
            if (form != target.name && std::find(target.aliases.begin(), target.aliases.end(), form) == target.aliases.end())
                target.aliases.push_back(form);
            exact_names_.insert(form);
        }
        for (const auto& ticker : entity.tickers) {
            if (by_ticker_.emplace(normal_ticker(ticker), index).second && into &&
                std::find(target.tickers.begin(), target.tickers.end(), ticker) == target.tickers.end())
                target.tickers.push_back(ticker);
        }
    }
}

const Entity* EntityRegistry::find_by_name(std::string_view name) const {
    auto it = by_name_.find(fold_name(name));
    return it == by_name_.end() ? nullptr : &entities_[it->second];
}

const Entity* EntityRegistry::find_by_ticker(std::string_view ticker) const {
    auto it = by_ticker_.find(normal_ticker(ticker));
    return it == by_ticker_.end() ? nullptr : &entities_[it->second];
}

const Entity* EntityRegistry::resolve(std::string_view value) const {
    if (const Entity* entity = find_by_name(value)) return entity;
    while (!value.empty() && value.front() == '$') value.remove_prefix(1);
    if (value.empty()) return nullptr;
    return find_by_ticker(Analyzer::upper(value));
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
