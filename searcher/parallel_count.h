// The counting pass of a search (searcher/match_count.h) run on a second thread, beside the ranked
// pass, instead of after it: on a single local database a search with facets or an exact total
// makes two independent passes over the same matches (the ranked one for the page, the counting
// one for the total and the facets), and on two cores their latencies overlap instead of adding
// up (bench/HISTORY.md, 2026-12-02: a common term with facets at 300,000 documents).
//
// Xapian::Database and Xapian::Query objects are not thread-safe (their reference counts are
// plain integers), so the thread gets a handle of its own on the same database, at the same
// revision as the searcher's, and a deep copy of the query (serialised and read back).
#pragma once

#include <cstddef>
#include <future>
#include <optional>
#include <string>

#include <xapian.h>

#include "searcher/match_count.h"
#include "searcher/ranked_window.h"
#include "searcher/ranking.h"

namespace bw {

// A second read handle on a local database, for counting passes, and the upper half of a split
// ranked pass (searcher/ranked_window.h), on another thread. One per Searcher; like the Searcher,
// not thread-safe itself.
class ParallelCounter {
public:
    // Counts run beside the ranked pass only when the query's most frequent term has at least this
    // many postings (below that a thread costs more than it saves) and the machine has two cores.
    static constexpr std::size_t kDefaultFromPostings = 20000;

    explicit ParallelCounter(std::string path) : path_(std::move(path)) {}

    // Starts count_matches(query, options) on a new thread over this handle, or returns nothing
    // when the count should run in line: `main` is not one local database, the query is light or
    // cannot be copied, or this handle cannot reach main's revision (a commit in between). The
    // spies and columns in `options` belong to the thread until the future is ready; the future's
    // destructor waits for it.
    std::optional<std::future<MatchCount>> start(const Xapian::Database& main, const Xapian::Query& query,
                                                 const CountOptions& options);
    // Starts a ranked pass of `query` under `profile` over the docids [low, high] on a new thread
    // over this handle, for the window from the first match to `count`, checking at least `check`
    // matches (rank_whole, over `all` documents), `spy` (if any) seeing its matches. Nothing when `main` is not one local database or
    // this handle cannot reach its revision. The window's MSets read through this handle: use them
    // before the next start.
    std::optional<std::future<RankedWindow>> rank_beside(const Xapian::Database& main, const Xapian::Query& query,
                                                         const RankingProfile& profile, Xapian::docid low,
                                                         Xapian::docid high, Xapian::doccount count,
                                                         Xapian::doccount check, Xapian::doccount all,
                                                         double time_limit, Xapian::MatchSpy* spy);
    // Whether a pass over `query` is heavy enough for a second thread (see kDefaultFromPostings).
    bool worth_a_thread(const Xapian::Database& main, const Xapian::Query& query) const { return worth_it(main, query); }
    // Drops the handle (main was reopened); the next start opens it again.
    void forget() { db_.reset(); }
    // 0: every count that can runs beside; SIZE_MAX: none (tests compare the two).
    void set_from_postings(std::size_t postings) { from_postings_ = postings; }
    // How many counts this handle has started on a thread.
    std::size_t started() const { return started_; }
    // How many half-ranked passes this handle has started on a thread.
    std::size_t ranked_beside() const { return ranked_beside_; }

private:
    bool worth_it(const Xapian::Database& main, const Xapian::Query& query) const;
    bool at_revision_of(const Xapian::Database& main);

    std::string path_;
    std::optional<Xapian::Database> db_;
    std::size_t from_postings_ = kDefaultFromPostings;
    std::size_t started_ = 0;
    std::size_t ranked_beside_ = 0;
};

}  // namespace bw
