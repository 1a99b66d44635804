// Counting the matches of a query without ranking them: the second pass of a search, which gives
// the total and feeds the facet spies while the ranked pass only looks at the page's window.
// BoolWeight gives every match weight 0, so Xapian skips scoring and, on one database, stops right
// after the count_to-th match (a forward boolean match), 3-4x cheaper per match than a ranked pass
// over every match (bench/results/scale_1m.json).
#pragma once

#include <optional>
#include <vector>

#include <xapian.h>

#include "searcher/facet_columns.h"

namespace bw {

// What the counting pass is asked to do.
struct CountOptions {
    Xapian::doccount count_to = 0;                       // stop after this many matches (the archive's size: all)
    std::optional<Xapian::valueno> collapse_key;         // fold copies as the ranked pass does
    bool count_copies_apart = false;                     // local databases: see count_matches
    double time_limit = 0;                               // seconds, 0 for none (Enquire::set_time_limit)
    bool extrapolate = false;                            // a single local database: see MatchCount::total
    std::vector<Xapian::MatchSpy*> spies;                // facet spies, fed every match counted
    FacetColumnSpy* columns = nullptr;                   // facet columns, fed every match counted
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

// When every match is counted (count_to >= the archive's size) with a collapse key and
// count_copies_apart, Xapian does not fold copies in the counting pass (its collapser reads the key
// of every match: +55% on a common term at 1M); the copies are counted apart instead, over the few
// matches that carry a key (the key slot's value stream as a filter): M such matches with K
// distinct keys fold into K, so the folded total is the plain count - (M - K). The facet spies see
// the same matches either way (Xapian calls them before it folds). count_copies_apart needs a
// MatchSpy of ours, so not over remote databases. Without folding in the pass and without spies,
// a query whose match count Xapian knows before matching (one term: its frequency) is not matched
// at all; and when the facets are all columns, one term's matches are its postings, read straight
// from the posting list (no matcher, no Document per match: 3-4x cheaper, measured at 1M).
MatchCount count_matches(const Xapian::Database& db, const Xapian::Query& query, const CountOptions& options);

// How many matches of `query` fold away as copies of another match under the collapse key `key`:
// M - K over the M matches that carry a key, K distinct keys among them (one pass over the keyed
// documents only).
Xapian::doccount count_folded_copies(const Xapian::Database& db, const Xapian::Query& query, Xapian::valueno key,
                                     double time_limit);

}  // namespace bw
