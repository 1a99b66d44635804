#include "searcher/match_count.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace bw {
namespace {

// Remembers the last docid the match reached (matches arrive in docid order on one database).
class LastMatchSpy : public Xapian::MatchSpy {
public:
    void operator()(const Xapian::Document& doc, double) override { last_ = std::max(last_, doc.get_docid()); }
    Xapian::docid last() const { return last_; }

private:
    Xapian::docid last_ = 0;
};

}  // namespace

MatchCount count_matches(const Xapian::Database& db, const Xapian::Query& query, const CountOptions& options) {
    Xapian::Enquire counting(db);
    counting.set_query(query);
    counting.set_weighting_scheme(Xapian::BoolWeight());
    if (options.collapse_key) counting.set_collapse_key(*options.collapse_key);
    if (options.time_limit > 0) counting.set_time_limit(options.time_limit);
    for (Xapian::MatchSpy* spy : options.spies) counting.add_matchspy(spy);
    LastMatchSpy last;
    if (options.extrapolate) counting.add_matchspy(&last);
    const auto start = std::chrono::steady_clock::now();
    const Xapian::MSet counted = counting.get_mset(0, 0, options.count_to);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    // Xapian's time limit ends the match quietly and then reports what it saw as if it were all.
    const bool timed_out = options.time_limit > 0 && took.count() >= options.time_limit;

    // Xapian stops early only after it has kept count_to matches (after folding, with collapsing):
    // a lower bound below that means it saw them all, and is the exact count. (With collapsing the
    // upper bound and estimate stay loose and the uncollapsed lower bound starts at the smallest
    // term frequency of the query, so neither of those tells.)
    MatchCount count;
    const Xapian::doccount seen = counted.get_matches_lower_bound();
    count.exact = !timed_out && (seen < options.count_to || options.count_to >= db.get_doccount());
    if (count.exact) {
        count.total = seen;
    } else if (options.extrapolate && last.last() > 0) {
        const double projected = std::round(static_cast<double>(seen) * db.get_lastdocid() / last.last());
        count.total = std::clamp(static_cast<Xapian::doccount>(projected), seen, std::max(seen, counted.get_matches_upper_bound()));
    } else {
        count.total = counted.get_matches_estimated();
    }
    return count;
}

}  // namespace bw
