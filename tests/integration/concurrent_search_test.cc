// Searchers on several threads at once, one Searcher each, as bellwether-serve runs them
// (server/api.h): every thread gets the answers a lone searcher gets. Xapian's reference counts
// are plain integers, so any Xapian object two threads copy at once (a global such as
// Xapian::Query::MatchAll, a cached query) can be freed under one of them; bellwether-serve
// crashed that way under load (2026-12-04). The requests here take the paths that once shared
// MatchAll: no query text (filters only, or nothing), a pure exclusion, and "related".
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "searcher/searcher.h"
#include "test_support.h"

namespace {

using bw::SearchRequest;
using bw::SearchResponse;

std::vector<SearchRequest> requests() {
    std::vector<SearchRequest> out;
    SearchRequest filters_only;
    filters_only.filters["topic"] = {"trade"};
    out.push_back(filters_only);
    SearchRequest by_date = filters_only;
    by_date.sort = bw::SortOrder::Date;
    out.push_back(by_date);
    out.push_back(SearchRequest{});  // no query at all: every document
    SearchRequest excluded;
    excluded.query = "-oil";
    out.push_back(excluded);
    SearchRequest text;
    text.query = "grain exports";
    out.push_back(text);
    return out;
}

std::vector<std::string> ids(const SearchResponse& response) {
    std::vector<std::string> out;
    for (const auto& result : response.results) out.push_back(result.id);
    return out;
}

class ConcurrentSearchTest : public bw::test::ReutersSliceTest {};

TEST_F(ConcurrentSearchTest, ThreadsAnswerAsALoneSearcher) {
    const std::vector<SearchRequest> cases = requests();
    std::vector<std::vector<std::string>> expected;
    std::vector<std::size_t> totals;
    bw::Searcher lone(db_);
    for (const SearchRequest& request : cases) {
        const SearchResponse response = lone.search(request);
        ASSERT_FALSE(response.results.empty());
        expected.push_back(ids(response));
        totals.push_back(response.total);
    }
    const std::vector<std::string> related = ids(lone.related("reuters-5"));
    ASSERT_FALSE(related.empty());

    constexpr int kThreads = 4;
    constexpr int kRounds = 150;
    std::atomic<int> mismatches{0};
    std::atomic<int> errors{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            try {
                bw::Searcher mine(db_);
                for (int round = 0; round < kRounds; ++round) {
                    for (std::size_t c = 0; c < cases.size(); ++c) {
                        const SearchResponse response = mine.search(cases[c]);
                        if (ids(response) != expected[c] || response.total != totals[c]) ++mismatches;
                    }
                    if (ids(mine.related("reuters-5")) != related) ++mismatches;
                }
            } catch (...) {
                ++errors;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(mismatches.load(), 0);
    EXPECT_EQ(errors.load(), 0);
}

}  // namespace
