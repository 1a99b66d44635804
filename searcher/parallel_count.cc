#include "searcher/parallel_count.h"

#include <memory>
#include <thread>
#include <utility>

namespace bw {

bool ParallelCounter::worth_it(const Xapian::Database& main, const Xapian::Query& query) const {
    if (from_postings_ == 0) return true;
    // Read once: std::thread::hardware_concurrency opens and reads /sys/devices/system/cpu/online
    // each time (1.4% of a Reuters top-10 query in `perf`).
    static const unsigned cores = std::thread::hardware_concurrency();
    if (from_postings_ == static_cast<std::size_t>(-1) || cores < 2) return false;
    // The pass costs about one step per posting of the query's terms; its most frequent term
    // tells whether that is worth a thread (a term's frequency is one lookup).
    for (auto term = query.get_unique_terms_begin(); term != query.get_unique_terms_end(); ++term) {
        if (main.get_termfreq(*term) >= from_postings_) return true;
    }
    return false;
}

bool ParallelCounter::at_revision_of(const Xapian::Database& main) {
    const Xapian::rev wanted = main.get_revision();
    if (!db_) db_.emplace(path_);
    if (db_->get_revision() != wanted) db_->reopen();  // to the newest, which main may not be on
    return db_->get_revision() == wanted;
}

std::optional<std::future<MatchCount>> ParallelCounter::start(const Xapian::Database& main, const Xapian::Query& query,
                                                               const CountOptions& options) {
    if (main.size() != 1 || !worth_it(main, query)) return std::nullopt;
    Xapian::Query copy;
    try {
        if (!at_revision_of(main)) return std::nullopt;
        copy = Xapian::Query::unserialise(query.serialise());
    } catch (const Xapian::Error&) {
        // A commit met while reopening, or a query part that cannot be serialised: the count runs
        // in line, where a changing database is retried.
        db_.reset();
        return std::nullopt;
    }
    const Xapian::Database& db = *db_;
    ++started_;
    return std::async(std::launch::async,
                      [&db, copy = std::move(copy), options] { return count_matches(db, copy, options); });
}

std::optional<std::future<RankedWindow>> ParallelCounter::rank_beside(const Xapian::Database& main,
                                                                      const Xapian::Query& query,
                                                                      const RankingProfile& profile, Xapian::docid low,
                                                                      Xapian::docid high, Xapian::doccount count,
                                                                      Xapian::doccount check, Xapian::doccount all,
                                                                      double time_limit, Xapian::MatchSpy* spy) {
    if (main.size() != 1) return std::nullopt;
    Xapian::Query copy;
    try {
        if (!at_revision_of(main)) return std::nullopt;
        copy = Xapian::Query::unserialise(query.serialise());
    } catch (const Xapian::Error&) {
        db_.reset();
        return std::nullopt;
    }
    const Xapian::Database& db = *db_;
    ++ranked_beside_;
    return std::async(std::launch::async, [&db, copy = std::move(copy), profile, low, high, count, check, all, time_limit, spy] {
        Xapian::Enquire enquire(db);
        enquire.set_query(within_docids(copy, low, high));
        const std::unique_ptr<Xapian::Weight> weighting = weighting_of(profile);
        enquire.set_weighting_scheme(*weighting);
        if (time_limit > 0) enquire.set_time_limit(time_limit);
        if (spy) enquire.add_matchspy(spy);
        return rank_whole(enquire, 0, count, check, all);
    });
}

}  // namespace bw
