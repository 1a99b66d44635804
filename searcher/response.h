// The response model shared by every output (CLI text/json/jsonl/csv, HTTP JSON): one search's
// results, facets and suggestion, independent of how they are printed.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "searcher/result_fields.h"

namespace bw {

// A passage of a document with the byte ranges of matched words.
struct Snippet {
    std::string text;
    std::vector<std::pair<std::size_t, std::size_t>> marks;  // [begin, end) byte ranges in text, sorted
    bool leading_ellipsis = false;
    bool trailing_ellipsis = false;
};

// One matching document.
struct ResultItem {
    std::string id;
    std::string type;
    double score = 0;
    std::size_t rank = 0;  // 1-based position in the whole result list
    std::optional<std::string> title, date, source, url;
    std::vector<std::string> tickers, actors, topics;
    std::optional<double> strength;
    Snippet snippet;
    std::size_t collapsed = 0;              // near-identical documents folded into this one
    std::optional<nlohmann::ordered_json> explanation;  // --explain: score breakdown
};

// One group of --group-by: a value, how many matches carry it, and its best documents.
struct ResultGroup {
    std::string value;
    std::size_t count = 0;
    std::vector<ResultItem> results;
};

// One value of a facet and how many matching documents carry it.
struct FacetValue {
    std::string value;
    std::size_t count = 0;
};

struct SearchResponse {
    std::string query;
    std::size_t total = 0;     // number of matches: exact when total_exact, else Xapian's estimate
    bool total_exact = true;   // false: more than kExactTotalUpTo matches and only the best were counted
    std::size_t offset = 0;
    std::size_t limit = 0;
    std::vector<ResultItem> results;
    std::vector<std::pair<std::string, std::vector<FacetValue>>> facets;  // in the order asked
    std::optional<std::string> suggestion;
    std::size_t collapsed = 0;             // documents folded into others on this page
    std::optional<std::string> group_by;   // set when groups were asked for
    std::vector<ResultGroup> groups;
    ResultFields fields;                   // what the results carry (the request's --fields)
};

// The JSON shapes documented in the README.
// `fields`: the ones printed besides id, score and rank (and collapsed/explain when set).
nlohmann::ordered_json result_to_json(const ResultItem& item, const ResultFields& fields = {});
nlohmann::ordered_json response_to_json(const SearchResponse& response);
// The snippet as HTML-escaped text with <mark>...</mark> around matches.
std::string snippet_to_html(const Snippet& snippet);

}  // namespace bw
