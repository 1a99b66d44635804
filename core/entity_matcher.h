// Finding registry entities in running text, precision first.
//
// Names: the longest registry name or alias starting at each word, on word boundaries (words are runs
// of letters and digits; punctuation, hyphens and a possessive 's end them), compared case-aware word
// by word against how the registry writes the name:
//   - a word written in lower case ("of" in "Bank of America") matches in any case;
//   - a word written with a capital ("Micron", "Apple") needs a capital in the text (so "Apple" and
//     "APPLE" match, "apple pie" does not);
//   - an all-capitals or mixed-case word ("AMD", "SEC", "xAI") must match exactly.
// An entity flagged `common` (its one-word name is an ordinary word: Target, Block, Match; or a
// place: Venice) is found through its longer forms ("Target Corp.") or an explicit ticker, and by its
// bare name only as an item of a list whose neighbour is another company ("OpenRouter, Venice, and
// Baseten"; "Walmart and Target"); names of non-Latin scripts
// (東京エレクトロン) are found as substrings, since such text has no spaces between words.
//
// Tickers: only in explicit forms: cashtags ($MU, $brk.b), exchange prefixes ((NASDAQ: MU), NYSE:MS,
// NYSE American: X), Reuters-style <MU> brackets, and bare upper-case tickers of hand-kept entities
// with three or more letters (NVDA, TSM) outside all-capitals lines. A bare lower-case word or a
// two-letter word (AI, MS, IT) is never a ticker.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "core/entities.h"

namespace bw {

// How a ticker was written.
enum class TickerForm { Cashtag, Exchange, Bracket, Bare };

// A registry name found in text: the entity and the byte range of the name.
struct NameMention {
    const Entity* entity = nullptr;
    std::size_t begin = 0;
    std::size_t end = 0;
};

// A ticker found in text (upper case, as written otherwise) and the byte range of the ticker itself.
struct TickerMention {
    std::string ticker;
    TickerForm form = TickerForm::Cashtag;
    std::size_t begin = 0;
    std::size_t end = 0;
};

// A byte range of one word of `text`, as the matcher cuts it.
struct WordSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
};
std::vector<WordSpan> split_words(std::string_view text);

// Immutable after construction; safe to share between threads.
class EntityMatcher {
public:
    explicit EntityMatcher(const EntityRegistry& registry);
    // The matcher over EntityRegistry::builtin().
    static const EntityMatcher& builtin();

    // Registry names in `text`, in order, not overlapping.
    std::vector<NameMention> find_names(std::string_view text) const;
    // Tickers written in explicit forms in `text`, in order.
    std::vector<TickerMention> find_tickers(std::string_view text) const;
    // The same, given split_words(text), for a caller that looks for both in one text.
    std::vector<NameMention> find_names(std::string_view text, const std::vector<WordSpan>& words) const;
    std::vector<TickerMention> find_tickers(std::string_view text, const std::vector<WordSpan>& words) const;

    const EntityRegistry& registry() const { return registry_; }

private:
    enum class CaseRule : unsigned char { Any, Capitalised, Exact };
    struct Form {
        std::vector<std::string> words;    // ASCII-lower-cased words
        std::vector<std::string> written;  // the words as the registry writes them
        std::vector<CaseRule> rules;
        std::size_t entity = 0;
    };
    struct Substring {
        std::string text;
        std::size_t entity = 0;
    };

    void add_form(const std::string& form, std::size_t entity);

    const EntityRegistry& registry_;
    absl::flat_hash_map<std::string, std::vector<Form>> by_first_word_;  // longest forms first
    absl::flat_hash_map<std::string, std::vector<Form>> common_words_;   // one-word names of `common` entities
    std::vector<Substring> substrings_;                                  // non-Latin names without spaces
};

}  // namespace bw
