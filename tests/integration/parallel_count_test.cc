// The counting pass run on a second thread beside the ranked pass (searcher/parallel_count.h)
// answers exactly as the same pass run in line after it: totals (exact and estimated), facets from
// spies and from columns (also one term's posting walk), groups, copies folded, filters and time
// limits, on 2,500 Reuters articles. And it never counts a revision other than the searcher's.
#include <fstream>
#include <string>
#include <vector>

#include "searcher/searcher.h"
#include "test_support.h"

namespace {

using bw::SearchRequest;
using bw::SearchResponse;

struct CountCase {
    const char* name;
    SearchRequest request;
};

SearchRequest with_facets(const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.limit = 5;
    request.facets = {"topic", "place", "date"};
    request.facet_limit = 20;
    return request;
}

std::vector<CountCase> cases() {
    std::vector<CountCase> out;
    out.push_back({"one term, facets (posting walk once columns are read)", with_facets("said")});
    out.push_back({"two terms, facets", with_facets("oil prices")});
    SearchRequest exact;
    exact.query = "bank OR rate";
    exact.exact_total = true;
    out.push_back({"OR, exact total", exact});
    SearchRequest bounded;
    bounded.query = "said OR reuter";
    bounded.count_up_to = 500;
    out.push_back({"bounded count: an estimate past 500", bounded});
    SearchRequest uncollapsed = exact;
    uncollapsed.collapse = false;
    out.push_back({"exact total, copies not folded", uncollapsed});
    SearchRequest filtered = with_facets("trade");
    filtered.filters["topic"] = {"trade", "grain"};
    filtered.since = "1987-03-01";
    out.push_back({"filters and a date range", filtered});
    SearchRequest grouped;
    grouped.query = "prices";
    grouped.group_by = "topic";
    grouped.group_limit = 3;
    out.push_back({"group by topic", grouped});
    SearchRequest timed = with_facets("the");
    timed.time_limit = 30;  // seconds: never reached, but the passes run under a limit
    out.push_back({"under a time limit", timed});
    return out;
}

void expect_same(const SearchResponse& in_line, const SearchResponse& beside) {
    EXPECT_EQ(in_line.total, beside.total);
    EXPECT_EQ(in_line.total_exact, beside.total_exact);
    ASSERT_EQ(in_line.facets.size(), beside.facets.size());
    for (std::size_t f = 0; f < in_line.facets.size(); ++f) {
        SCOPED_TRACE(in_line.facets[f].first);
        ASSERT_EQ(in_line.facets[f].second.size(), beside.facets[f].second.size());
        for (std::size_t v = 0; v < in_line.facets[f].second.size(); ++v) {
            EXPECT_EQ(in_line.facets[f].second[v].value, beside.facets[f].second[v].value);
            EXPECT_EQ(in_line.facets[f].second[v].count, beside.facets[f].second[v].count);
        }
    }
    ASSERT_EQ(in_line.groups.size(), beside.groups.size());
    for (std::size_t g = 0; g < in_line.groups.size(); ++g) {
        EXPECT_EQ(in_line.groups[g].value, beside.groups[g].value);
        EXPECT_EQ(in_line.groups[g].count, beside.groups[g].count);
    }
    ASSERT_EQ(in_line.results.size(), beside.results.size());
    for (std::size_t r = 0; r < in_line.results.size(); ++r) EXPECT_EQ(in_line.results[r].id, beside.results[r].id);
}

class ParallelCountTest : public bw::test::ReutersSliceTest {};

TEST_F(ParallelCountTest, AnswersAsTheCountInLine) {
    bw::Searcher in_line(db_), beside(db_);
    in_line.set_parallel_count_from(static_cast<std::size_t>(-1));
    beside.set_parallel_count_from(0);
    // Twice over: the first round counts facets with Xapian's spies, the second from the columns
    // the spies' counts made worth reading.
    for (int round = 0; round < 2; ++round) {
        for (const CountCase& c : cases()) {
            SCOPED_TRACE(std::string(c.name) + ", round " + std::to_string(round));
            const SearchResponse expected = in_line.search(c.request);
            EXPECT_GT(expected.total, 0u);
            expect_same(expected, beside.search(c.request));
        }
    }
    EXPECT_GE(beside.parallel_counts(), 2 * cases().size());  // and the groups' searches
    EXPECT_EQ(in_line.parallel_counts(), 0u);
    EXPECT_GT(beside.facet_columns_held(), 0u);
    EXPECT_EQ(beside.facet_columns_held(), in_line.facet_columns_held());
}

// A Searcher keeps reading the revision it opened until refreshed; the counting thread's handle,
// opened later (after a commit), is at a newer one, so that count runs in line, on the searcher's.
TEST_F(ParallelCountTest, CountsTheSearchersRevisionAfterACommit) {
    bw::Searcher beside(db_);
    beside.set_parallel_count_from(0);
    SearchRequest request = with_facets("said");
    request.exact_total = true;
    const std::size_t before = bw::Searcher(db_).search(request).total;

    const std::string more = dir_ / "more.jsonl";
    {
        std::ofstream out(more);
        for (int i = 0; i < 30; ++i)
            out << R"({"type": "article", "id": "extra-)" << i << R"(", "title": "Extra )" << i
                << R"(", "body": "The minister said prices rose.", "topics": ["trade"]})" << "\n";
    }
    bw::test::index_into(db_, {more});
    EXPECT_EQ(beside.search(request).total, before);  // not the 30 new ones
    EXPECT_EQ(beside.parallel_counts(), 0u);
    ASSERT_TRUE(beside.refresh());
    EXPECT_EQ(beside.search(request).total, before + 30);
    EXPECT_EQ(beside.parallel_counts(), 1u);
    bw::Searcher in_line(db_);
    in_line.set_parallel_count_from(static_cast<std::size_t>(-1));
    expect_same(in_line.search(request), beside.search(request));
}

}  // namespace
