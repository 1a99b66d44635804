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

namespace bw {

// A second read handle on a local database, for counting passes on another thread. One per
// Searcher; like the Searcher, not thread-safe itself.
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
    // Drops the handle (main was reopened); the next start opens it again.
    void forget() { db_.reset(); }
    // 0: every count that can runs beside; SIZE_MAX: none (tests compare the two).
    void set_from_postings(std::size_t postings) { from_postings_ = postings; }
    // How many counts this handle has started on a thread.
    std::size_t started() const { return started_; }

private:
    bool worth_it(const Xapian::Database& main, const Xapian::Query& query) const;
    bool at_revision_of(const Xapian::Database& main);

    std::string path_;
    std::optional<Xapian::Database> db_;
    std::size_t from_postings_ = kDefaultFromPostings;
    std::size_t started_ = 0;
};

}  // namespace bw
