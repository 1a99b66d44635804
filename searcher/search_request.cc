#include "searcher/search_request.h"

#include <string>

#include "core/errors.h"

namespace bw {

SortOrder parse_sort_order(const std::string& text) {
    if (text == "relevance") return SortOrder::Relevance;
    if (text == "date" || text == "newest") return SortOrder::Date;
    if (text == "oldest") return SortOrder::Oldest;
    if (text == "strength") return SortOrder::Strength;
    if (text == "recency") return SortOrder::Recency;
    throw UsageError("unknown sort order '" + text + "' (expected relevance, date, oldest, strength or recency)");
}

const char* to_string(SortOrder order) {
    switch (order) {
        case SortOrder::Relevance: return "relevance";
        case SortOrder::Date: return "date";
        case SortOrder::Oldest: return "oldest";
        case SortOrder::Strength: return "strength";
        case SortOrder::Recency: return "recency";
    }
    return "relevance";
}

double parse_half_life(const std::string& text) {
    std::size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        throw UsageError("--half-life: '" + text + "' is not a duration (e.g. 30d, 2w, 12h, 1y)");
    }
    std::string unit = text.substr(used);
    double days = unit.empty() || unit == "d" ? value
                  : unit == "h"                ? value / 24
                  : unit == "w"                ? value * 7
                  : unit == "m"                ? value * 30.44
                  : unit == "y"                ? value * 365.25
                                               : -1;
    if (days <= 0 || !(days < 1e7)) throw UsageError("--half-life: '" + text + "' is not a positive duration (e.g. 30d)");
    return days;
}

}  // namespace bw
