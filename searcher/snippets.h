// Picks the best passage of a document for a query and marks every matched word (exact and
// stemmed forms), using the same Analyzer as the index so highlights agree with matches.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/analyzer.h"
#include "searcher/response.h"

namespace bw {

class SnippetMaker {
public:
    SnippetMaker(const Analyzer& analyzer, const std::vector<std::string>& terms,
                 const std::vector<std::string>& stems);

    // The window of about `length` characters of `text` with the most distinct matched words
    // (then the most matches); the start of the text when nothing matches. `matched` tells whether
    // any word matched.
    Snippet make(std::string_view text, std::size_t length, bool* matched = nullptr) const;

private:
    bool matches(const std::string& token) const;

    const Analyzer& analyzer_;
    std::unordered_set<std::string> terms_;
    std::unordered_set<std::string> stems_;
};

}  // namespace bw
