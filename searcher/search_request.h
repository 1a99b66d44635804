// What a search asks for: the query text, filters, sort order, page, facets, result fields and
// snippet length.
// The CLI and the HTTP server both fill one of these, so they accept the same parameters.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "searcher/query_parser.h"
#include "searcher/result_fields.h"

namespace bw {

// relevance: the ranking profile's scheme; date/oldest/strength: by that value; recency: relevance blended with freshness.
enum class SortOrder { Relevance, Date, Oldest, Strength, Recency };

struct SearchRequest {
    std::string query;
    // Filters by query field name ("ticker", "actor", "topic", "place", "type", "source", ...):
    // values of one name are ORed, different names ANDed.
    std::map<std::string, std::vector<std::string>> filters;
    std::optional<std::string> since;  // any date form parse_date_span accepts
    std::optional<std::string> until;
    SortOrder sort = SortOrder::Relevance;
    std::size_t limit = 10;
    std::size_t offset = 0;
    std::vector<std::string> facets;   // facet names (ticker, actor, topic, place, source, type, author, date)
    std::size_t facet_limit = 10;
    std::string date_buckets = "auto"; // day|week|month|year|auto
    std::size_t snippet_length = 200;  // characters
    ResultFields fields;               // what each result carries (default: everything)
    DefaultOperator default_op = DefaultOperator::And;
    double half_life_days = 30;        // --sort recency: age at which the freshness factor halves
    bool explain = false;              // per-result score breakdown
    std::string group_by;              // ticker|actor|topic|source|type|month|place|author ("" = no groups)
    std::size_t group_limit = 10;      // groups returned
    std::size_t group_size = 3;        // best documents per group
    bool collapse = true;              // fold documents sharing a duplicate key
    bool exact_total = false;          // count every match (else exactly up to count_up_to, then an estimate)
    // Count matches exactly up to this many, then estimate (Elasticsearch's track_total_hits=N);
    // unset: kExactTotalUpTo; 0: only the matches the page needs. exact_total overrides it.
    std::optional<std::size_t> count_up_to;
    double time_limit = 0;             // seconds the matcher may run before it stops early (0: no limit)
    std::string ranking;               // ranking profile spec (searcher/ranking.h); "" = the database's
    // Only documents whose content changed in a commit generation after this one (0 = all);
    // see indexer/generations.h. Watchlists use it.
    unsigned long long changed_after_generation = 0;
};

// Parses a duration such as "30d", "2w", "12h", "1y" (or a plain number of days) into days.
double parse_half_life(const std::string& text);

// Parses "relevance", "date", "oldest", "strength", "recency"; throws UsageError otherwise.
SortOrder parse_sort_order(const std::string& text);
const char* to_string(SortOrder order);

}  // namespace bw
