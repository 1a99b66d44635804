// Counting the matches of a query without ranking them: the second pass of a search, which gives
// the total and feeds the facet spies while the ranked pass only looks at the page's window.
// BoolWeight gives every match weight 0, so Xapian skips scoring and, on one database, stops right
// after the count_to-th match (a forward boolean match), 3-4x cheaper per match than a ranked pass
// over every match (bench/results/scale_1m.json).
#pragma once

#include <optional>
#include <vector>

#include <xapian.h>

namespace bw {

// What the counting pass is asked to do.
struct CountOptions {
    Xapian::doccount count_to = 0;                       // stop after this many matches (the archive's size: all)
    std::optional<Xapian::valueno> collapse_key;         // fold copies as the ranked pass does
    double time_limit = 0;                               // seconds, 0 for none (Enquire::set_time_limit)
    bool extrapolate = false;                            // a single local database: see MatchCount::total
    std::vector<Xapian::MatchSpy*> spies;                // facet spies, fed every match counted
};

// The total of a counting pass.
struct MatchCount {
    // Exact when the pass saw every match. Otherwise an estimate: on a single local database the
    // pass walks documents in docid order, so after count_to matches up to docid D the matches are
    // projected over the whole docid range (count_to x last docid / D), which follows the query's
    // real density; Xapian's own estimate for phrases and filters rarely gets near (measured:
    // "west german" 27,651 matches, Xapian 1,000). Elsewhere Xapian's estimate.
    Xapian::doccount total = 0;
    bool exact = false;
};

MatchCount count_matches(const Xapian::Database& db, const Xapian::Query& query, const CountOptions& options);

}  // namespace bw
