// Exact facet counting over every match of a query. Single-valued slots (type, day) use Xapian's
// ValueCountMatchSpy; multi-valued keyword slots (tickers, actors, topics, places, authors: values
// joined by U+001F, see core/multivalue.h) use MultiValueCountSpy, which counts a document once
// for each value it carries. Date histograms aggregate per-day counts into day/week/month/year
// buckets, with empty buckets filled in between the first and the last.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/dates.h"
#include "searcher/response.h"

namespace bw {

// Counts each value of a multi-value slot in every document the match sees.
// A custom MatchSpy is not known to a stock xapian-tcpsrv; the remote path is handled separately.
class MultiValueCountSpy : public Xapian::MatchSpy {
public:
    explicit MultiValueCountSpy(Xapian::valueno slot) : slot_(slot) {}
    void operator()(const Xapian::Document& doc, double wt) override;
    std::string name() const override { return "Bellwether::MultiValueCountSpy"; }
    const std::map<std::string, std::size_t>& counts() const { return counts_; }

private:
    Xapian::valueno slot_;
    std::map<std::string, std::size_t> counts_;
};

// Merges values that differ only in case (keeping the most frequent spelling), sorts by count
// (descending) then value, and keeps the first `limit` (0 = all).
std::vector<FacetValue> top_values(const std::map<std::string, std::size_t>& counts, std::size_t limit);

// Buckets per-day counts ("YYYY-MM-DD" -> n) by `unit` (day|week|month|year|auto) in date order,
// including empty buckets between the first and last. Throws UsageError for an unknown unit.
std::vector<FacetValue> date_histogram(const std::map<std::string, std::size_t>& day_counts, const std::string& unit);

}  // namespace bw
