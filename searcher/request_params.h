// The one mapping from named search parameters to a SearchRequest, shared by bellwether-search (its
// options) and bellwether-serve (the query string of GET /api/search), so both accept the same
// parameters, apply the same defaults and reject bad values with the same messages.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "searcher/search_request.h"

namespace bw {

// Parameters in the order given; a name may repeat (ticker=MU&ticker=NVDA). Names use '_' or '-'
// interchangeably (date_buckets, date-buckets).
using SearchParams = std::vector<std::pair<std::string, std::string>>;

// Bounds a caller puts on a request beyond the searcher's own (the server is stricter than the CLI).
struct RequestLimits {
    std::size_t max_limit = 10000;
    std::size_t max_offset = 1000000;
    std::size_t max_query_bytes = 0;  // 0: no limit
    std::size_t max_group_size = 10000;
    std::size_t max_group_limit = 1000;  // each group is one more search
};

// Builds a request from parameters: q (query text), ticker, actor, topic, place, type, source
// (filters, repeatable), since, until, sort, half_life, limit, offset, facets (comma list,
// repeatable), facet_limit, date_buckets, snippet_length, match (all|any), group_by, group_limit,
// group_size, collapse (true|false), explain (true|false), ranking (a profile, searcher/ranking.h). Absent parameters keep the defaults of
// SearchRequest. Throws UsageError naming the parameter for an unknown name, a repeated
// single-valued parameter or a bad value.
SearchRequest build_search_request(const SearchParams& params, const RequestLimits& limits = {});

// The parameter names build_search_request accepts, in their '_' spelling.
const std::vector<std::string>& search_param_names();

}  // namespace bw
