#include "searcher/spelling_suggester.h"

#include "core/analyzer.h"
#include "core/terms.h"

namespace bw {
namespace {

bool is_word_char(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }

// A word the index holds, as typed or by its stem (the form a query matches it by): not a typo,
// even when the typed form itself is not a term (the index has "vernell's", the query "vernell").
bool is_known_word(const Xapian::Database& db, const Analyzer& analyzer, const std::string& folded) {
    if (db.term_exists(folded)) return true;
    const std::string stem = analyzer.stem(folded);
    return !stem.empty() && db.term_exists(std::string(kStemPrefix) + stem);
}

}  // namespace

std::optional<std::string> suggest_spelling(const Xapian::Database& db, const Analyzer& analyzer, std::string_view query) {
    // Each lookup scans the spelling table (about a millisecond): a query with more words than a
    // person types is not a typo, and 10,000 lookups would take tens of seconds.
    constexpr std::size_t kMaxLookups = 32;
    std::size_t lookups = 0;
    std::string out;
    bool changed = false;
    std::size_t i = 0;
    while (i < query.size()) {
        unsigned char c = static_cast<unsigned char>(query[i]);
        if (!is_word_char(c)) {
            out += query[i++];
            continue;
        }
        std::size_t end = i;
        while (end < query.size() && is_word_char(static_cast<unsigned char>(query[end]))) ++end;
        std::string_view word = query.substr(i, end - i);
        // Field names (word:), wildcards (word*) and operators are not spelling candidates.
        bool is_field = end < query.size() && query[end] == ':';
        bool is_wildcard = end < query.size() && query[end] == '*';
        bool after_colon = i > 0 && query[i - 1] == ':';
        bool is_operator = word == "AND" || word == "OR" || word == "NOT";
        std::string replacement(word);
        if (!is_field && !is_wildcard && !after_colon && !is_operator && word.size() >= 3) {
            std::string folded = Analyzer::fold(word);
            if (!is_known_word(db, analyzer, folded)) {
                if (++lookups > kMaxLookups) return std::nullopt;
                std::string suggestion = db.get_spelling_suggestion(folded, 2);
                if (!suggestion.empty() && suggestion != folded) {
                    replacement = suggestion;
                    changed = true;
                }
            }
        }
        out += replacement;
        i = end;
    }
    if (!changed) return std::nullopt;
    return out;
}

}  // namespace bw
