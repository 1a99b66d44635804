#include "searcher/search_request.h"

#include "core/errors.h"

namespace bw {

SortOrder parse_sort_order(const std::string& text) {
    if (text == "relevance") return SortOrder::Relevance;
    if (text == "date" || text == "newest") return SortOrder::Date;
    if (text == "oldest") return SortOrder::Oldest;
    if (text == "strength") return SortOrder::Strength;
    throw UsageError("unknown sort order '" + text + "' (expected relevance, date, oldest or strength)");
}

const char* to_string(SortOrder order) {
    switch (order) {
        case SortOrder::Relevance: return "relevance";
        case SortOrder::Date: return "date";
        case SortOrder::Oldest: return "oldest";
        case SortOrder::Strength: return "strength";
    }
    return "relevance";
}

}  // namespace bw
