// Exact facet counting over every match of a query, with Xapian's ValueCountMatchSpy only, so it
// works unchanged over remote shards served by a stock xapian-tcpsrv (a custom MatchSpy would not).
// Multi-valued keyword slots (tickers, actors, topics, places, authors) hold one value per document,
// the list joined by U+001F (core/multivalue.h): the spy counts documents per distinct list, and
// splitting each list and adding its count to every member gives each value's exact document count. Date histograms aggregate per-day counts into day/week/month/year
// buckets, with empty buckets filled in between the first and the last.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/dates.h"
#include "searcher/response.h"

namespace bw {

// How many matches of `query` share each of the collapse `keys` (the shown documents' keys). Over
// remote shards Xapian 1.4 folds copies that sit on different shards but does not count them
// (get_collapse_count() only counts what one shard folded), so the counts are taken with one exact
// query filtered by the keys' copy-group terms, counting slot 17 (one round trip per shard, not per result).
std::map<std::string, Xapian::doccount> matches_per_key(const Xapian::Database& db, const Xapian::Query& query,
                                                        const std::vector<std::string>& keys);

std::map<std::string, std::size_t> multi_value_counts(const Xapian::ValueCountMatchSpy& spy);

// Merges values that differ only in case (keeping the most frequent spelling), sorts by count
// (descending) then value, and keeps the first `limit` (0 = all).
std::vector<FacetValue> top_values(const std::map<std::string, std::size_t>& counts, std::size_t limit);

// Buckets per-day counts ("YYYY-MM-DD" -> n) by `unit` (day|week|month|year|auto) in date order,
// including empty buckets between the first and last. Throws UsageError for an unknown unit.
std::vector<FacetValue> date_histogram(const std::map<std::string, std::size_t>& day_counts, const std::string& unit);

}  // namespace bw
