// Searcher::suggest: completions for a search box. The last word of the text is completed from
// the archive's own vocabulary (Xapian's term list walked from the prefix, most frequent first);
// `field:partial` completes the values of a keyword field (ticker:M -> ticker:MU); the last one to
// three words are also matched against the start of the known entity names (core/entities).
#include <algorithm>
#include <map>
#include <set>

#include "core/entities.h"
#include "core/errors.h"
#include "core/terms.h"
#include "searcher/searcher.h"
#include "searcher/read_retry.h"

namespace bw {
namespace {

using ojson = nlohmann::ordered_json;
constexpr std::size_t kMaxSuggestions = 50;
constexpr std::size_t kMaxScannedTerms = 20000;  // bounds the cost of a one-letter prefix
constexpr std::size_t kMaxTextBytes = 200;

struct Candidate {
    std::string text;        // what is shown
    std::string completion;  // the whole search text with the completion applied
    std::string kind;        // word | field | entity
    std::size_t count = 0;   // documents with it
    std::string ticker;      // entities: primary ticker
};

std::string quoted(const std::string& value) {
    return value.find(' ') == std::string::npos ? value : "\"" + value + "\"";
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

// Terms of the database starting with `prefix`, with their document frequencies.
std::vector<std::pair<std::string, std::size_t>> terms_with_prefix(const Xapian::Database& db, const std::string& prefix) {
    std::vector<std::pair<std::string, std::size_t>> out;
    std::size_t scanned = 0;
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix) && scanned < kMaxScannedTerms; ++it, ++scanned)
        out.emplace_back(*it, it.get_termfreq());
    return out;
}

}  // namespace

nlohmann::ordered_json Searcher::suggest(const std::string& text, std::size_t limit) {
    return reading([&] { return suggest_once(text, limit); });
}

nlohmann::ordered_json Searcher::suggest_once(const std::string& text, std::size_t limit) {
    if (limit > kMaxSuggestions) throw UsageError("limit may be at most " + std::to_string(kMaxSuggestions));
    if (text.size() > kMaxTextBytes) throw UsageError("q: longer than " + std::to_string(kMaxTextBytes) + " bytes");
    ojson out;
    out["query"] = text;
    out["suggestions"] = ojson::array();
    std::size_t start = text.find_last_of(" \t");
    start = start == std::string::npos ? 0 : start + 1;
    // Leading operators and punctuation of the word stay as typed: -word, +word, (word, "word.
    while (start < text.size() && std::string_view("-+(\"").find(text[start]) != std::string_view::npos) ++start;
    const std::string head = text.substr(0, start);
    const std::string word = text.substr(start);
    if (word.empty() || word == "AND" || word == "OR" || word == "NOT") return out;

    std::vector<Candidate> entities, others;
    if (auto colon = word.find(':'); colon != std::string::npos) {
        // field:partial -> values of that keyword field.
        std::string field_name = word.substr(0, colon), partial = word.substr(colon + 1);
        if (!partial.empty() && partial[0] == '"') partial.erase(0, 1);
        const auto* targets = fields_->lookup(field_name);
        if (targets && !partial.empty()) {
            std::map<std::string, std::size_t> counts;
            for (const auto& target : *targets) {
                if (target.field->role != FieldRole::Keyword) continue;
                const std::string term_prefix = keyword_term(*target.field, partial);
                for (const auto& [term, freq] : terms_with_prefix(db_, term_prefix)) {
                    std::string value = term.substr(target.field->prefix.size());
                    if (!value.empty() && value[0] == ':') value.erase(0, 1);
                    counts[value] += freq;
                }
            }
            for (const auto& [value, count] : counts)
                others.push_back({value, head + field_name + ":" + quoted(value), "field", count, ""});
        }
    } else {
        const std::string folded = Analyzer::fold(word);
        for (const auto& [term, freq] : terms_with_prefix(db_, folded)) {
            // Plain words start with a lower-case letter or digit; capitalised terms are prefixed ones.
            if (term.empty() || (static_cast<unsigned char>(term[0]) >= 'A' && static_cast<unsigned char>(term[0]) <= 'Z'))
                continue;
            others.push_back({term, head + term, "word", freq, ""});
        }
        // Entity names: the last one to three words may start a name ("morgan st" -> Morgan Stanley).
        std::vector<std::size_t> word_starts;  // where the last words begin in `text`
        for (std::size_t i = 0; i < text.size(); ++i) {
            if ((i == 0 || text[i - 1] == ' ') && text[i] != ' ') word_starts.push_back(i);
        }
        std::set<std::string> seen;
        const auto* actor_targets = fields_->lookup("actor");
        const auto* ticker_targets = fields_->lookup("ticker");
        for (std::size_t k = 1; k <= 3 && k <= word_starts.size(); ++k) {
            std::size_t from = word_starts[word_starts.size() - k];
            std::string partial = Analyzer::fold(text.substr(from));
            if (partial.size() < 2) continue;
            for (const auto& entity : EntityRegistry::builtin().entities()) {
                bool hit = starts_with(fold_name(entity.name), partial);
                for (const auto& alias : entity.aliases) hit = hit || starts_with(fold_name(alias), partial);
                if (!hit || !seen.insert(entity.name).second) continue;
                Candidate c{entity.name, text.substr(0, from) + quoted(entity.name), "entity", 0,
                            entity.tickers.empty() ? "" : entity.tickers.front()};
                // How many documents name it: by ticker when it has one, else by actor.
                const auto* targets = c.ticker.empty() ? actor_targets : ticker_targets;
                if (targets) {
                    for (const auto& target : *targets) {
                        if (target.field->role == FieldRole::Keyword)
                            c.count += db_.get_termfreq(keyword_term(*target.field, c.ticker.empty() ? entity.name : c.ticker));
                    }
                }
                entities.push_back(std::move(c));
            }
        }
    }
    auto by_count = [](const Candidate& a, const Candidate& b) {
        return a.count != b.count ? a.count > b.count : a.text < b.text;
    };
    std::stable_sort(entities.begin(), entities.end(), by_count);
    std::stable_sort(others.begin(), others.end(), by_count);
    // Entities first (at most half the list when words compete), then words/values.
    std::size_t entity_share = others.empty() ? limit : std::max<std::size_t>(1, limit / 2);
    std::vector<Candidate> chosen;
    std::set<std::string> shown;
    for (const auto& c : entities) {
        if (chosen.size() >= entity_share) break;
        if (shown.insert(Analyzer::fold(c.text)).second) chosen.push_back(c);
    }
    for (const auto& c : others) {
        if (chosen.size() >= limit) break;
        if (shown.insert(Analyzer::fold(c.text)).second) chosen.push_back(c);
    }
    for (const auto& c : chosen) {
        ojson item = {{"text", c.text}, {"completion", c.completion}, {"kind", c.kind}, {"count", c.count}};
        if (!c.ticker.empty()) item["ticker"] = c.ticker;
        out["suggestions"].push_back(std::move(item));
    }
    return out;
}

}  // namespace bw
