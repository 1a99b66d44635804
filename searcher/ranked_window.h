// The ranked pass of a relevance search, as one Xapian match or as two matches over the two halves
// of the docid range run at once on two threads and merged.
//
// Why two halves: a query with a phrase (or NEAR) checks word positions in every document that
// holds all its words, and when the phrase matches few of them the ranked pass cannot skip any
// (Xapian raises its weight floor only once the window is full of real matches). At 1,000,000
// documents "shr cts" walks 120,000 such documents for one match: 37 ms on one core. Splitting the
// docid range gives each core half of the walk, and each half counts its matches on the way, so
// no second counting pass competes for the cores (bench/HISTORY.md, "2026-12-04, second session").
// The merged window is the one the whole match gives: the same documents, weights and order
// (relevance, then docid, Xapian's order), because each half ranks with the database's own term
// statistics and keeps at least the window's depth.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include <xapian.h>

namespace bw {

class CopyKeys;
class ParallelCounter;
struct RankingProfile;

// The matches [first, first + count) of a ranked pass, in rank order, with the MSets they point
// into and what the pass learnt about the number of matches.
struct RankedWindow {
    std::vector<Xapian::MSet> msets;          // one per match run; `items` point into them
    std::vector<Xapian::MSetIterator> items;  // rank order
    Xapian::doccount lower_bound = 0;         // matches seen: the exact count when saw_all
    Xapian::doccount estimated = 0;           // Xapian's estimate (summed over the halves)
    bool saw_all = false;                     // every match run saw all its matches (lower bound < check)
    bool split = false;                       // ranked as two docid halves
    // Split passes only. When saw_all and there are copy keys: the matches that fold away as copies.
    std::optional<Xapian::doccount> copies;
    // When not saw_all: the total projected from each half's first `check` matches over its docid
    // range (as count_matches extrapolates), less copies in the share they take among those matches.
    std::optional<Xapian::doccount> projected;
};

// Runs a ranked pass for the window [first, first + count), checking at least `check` matches.
using Ranker = std::function<RankedWindow(Xapian::doccount first, Xapian::doccount count, Xapian::doccount check)>;

// The window of one Xapian match by `enquire` over a database of `all` documents.
RankedWindow rank_whole(Xapian::Enquire& enquire, Xapian::doccount first, Xapian::doccount count, Xapian::doccount check,
                        Xapian::doccount all);

// Merges two halves' windows (each ranked from its first match to first + count) into the window
// [first, first + count) of the whole: by weight, then by docid, as Xapian orders a relevance match.
RankedWindow merge_halves(RankedWindow lower, RankedWindow upper, Xapian::doccount first, Xapian::doccount count);

// The window [first, first + count) of `query` ranked under `profile` in two halves of the docid
// range at once: the upper on `beside`'s handle and thread, the lower here on `db`, each checking
// at least `at_least` matches (of `all`) and counting what it sees; with `keys`, the copy groups
// of the matches too (`copies`). Nothing when `beside` cannot reach `db`'s revision: then rank whole.
std::optional<RankedWindow> rank_in_halves(const Xapian::Database& db, ParallelCounter& beside, const Xapian::Query& query,
                                           const RankingProfile& profile, const CopyKeys* keys, Xapian::doccount first,
                                           Xapian::doccount count, Xapian::doccount at_least, Xapian::doccount all,
                                           double time_limit);

// Whether matching `query` checks word positions (a phrase or NEAR anywhere in it).
bool has_positional_checks(const Xapian::Query& query);

// `query` restricted to the docids [low, high] (a filter of weight 0: the weights are unchanged).
Xapian::Query within_docids(const Xapian::Query& query, Xapian::docid low, Xapian::docid high);

}  // namespace bw
