// Picks the best passage of a document for a query and marks every matched word (exact and
// stemmed forms), using the same Analyzer as the index so highlights agree with matches.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/analyzer.h"
#include "searcher/response.h"

namespace bw {

// The stems of words seen in snippets, kept across searches (a searcher's; not shared between
// threads): stemming every word of every text cut was a fifth of a snippet query's instructions
// (callgrind), and texts share most of their words. Emptied when it reaches kMaxWords.
class StemCache {
public:
    static constexpr std::size_t kMaxWords = 200000;
    // The stem of `word` (as Analyzer::stem gives it).
    const std::string& stem(const Analyzer& analyzer, const std::string& word);

private:
    std::unordered_map<std::string, std::string> stems_;
};

class SnippetMaker {
public:
    // `cache`: where stems are remembered between texts and searches (none: stems every word).
    SnippetMaker(const Analyzer& analyzer, const std::vector<std::string>& terms,
                 const std::vector<std::string>& stems, StemCache* cache = nullptr);

    // The window of about `length` characters of `text` with the most distinct matched words
    // (then the most matches); the start of the text when nothing matches. `matched` tells whether
    // any word matched.
    Snippet make(std::string_view text, std::size_t length, bool* matched = nullptr) const;

private:
    bool matches(const std::string& token) const;

    std::string stem(const std::string& word) const;

    const Analyzer& analyzer_;
    std::unordered_set<std::string> terms_;
    std::unordered_set<std::string> stems_;
    StemCache* cache_;
};

}  // namespace bw
