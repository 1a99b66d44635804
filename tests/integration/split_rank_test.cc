// A phrase search ranked as two docid halves on two threads (searcher/ranked_window.h) answers
// exactly as the whole pass: the same results in the same order with the same scores, on every
// page, with copies folded or not, with filters, and the same exact totals (the halves count their
// matches on the way). A bounded count past its bound is projected from what the halves counted.
// And it never ranks a revision other than the searcher's.
#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "searcher/searcher.h"
#include "test_support.h"

namespace {

using bw::SearchRequest;
using bw::SearchResponse;

SearchRequest phrase_request(const std::string& query, std::size_t limit, std::size_t offset, bool collapse) {
    SearchRequest request;
    request.query = query;
    request.limit = limit;
    request.offset = offset;
    request.collapse = collapse;
    return request;
}

std::vector<SearchRequest> cases() {
    // Phrases with many matches ("mln dlrs", "cts vs"), some ("last year", "the company"), few
    // ("oil prices"), a phrase with another word, a phrase in a field, and filters. Pages past the
    // first with copies folded are ranked whole (Xapian's collapse, searcher.cc): 8 of the 50.
    const std::vector<std::string> queries = {"\"mln dlrs\"",  "\"cts vs\"",          "\"last year\"",
                                              "\"the company\"", "\"oil prices\"",    "\"said it\" bank",
                                              "title:\"oil prices\"",  "\"net loss\" OR profit"};
    std::vector<SearchRequest> out;
    for (const auto& q : queries) {
        for (bool collapse : {true, false}) {
            out.push_back(phrase_request(q, 10, 0, collapse));
            out.push_back(phrase_request(q, 3, 7, collapse));
            out.push_back(phrase_request(q, 20, 40, collapse));
        }
    }
    SearchRequest exact = phrase_request("\"mln dlrs\"", 10, 0, true);
    exact.exact_total = true;
    out.push_back(exact);
    SearchRequest filtered = phrase_request("\"the company\"", 10, 0, true);
    filtered.filters["topic"] = {"earn", "acq"};
    filtered.since = "1987-03-01";
    out.push_back(filtered);
    return out;
}

void expect_same(const SearchResponse& whole, const SearchResponse& split) {
    EXPECT_EQ(whole.total, split.total);
    EXPECT_EQ(whole.total_exact, split.total_exact);
    EXPECT_EQ(whole.collapsed, split.collapsed);
    ASSERT_EQ(whole.results.size(), split.results.size());
    for (std::size_t r = 0; r < whole.results.size(); ++r) {
        SCOPED_TRACE("result " + std::to_string(r));
        EXPECT_EQ(whole.results[r].id, split.results[r].id);
        EXPECT_DOUBLE_EQ(whole.results[r].score, split.results[r].score);
        EXPECT_EQ(whole.results[r].collapsed, split.results[r].collapsed);
    }
}

class SplitRankTest : public bw::test::ReutersSliceTest {};

TEST_F(SplitRankTest, AnswersAsTheWholePass) {
    bw::Searcher whole(db_), split(db_);
    whole.set_parallel_count_from(static_cast<std::size_t>(-1));  // never a second thread
    split.set_parallel_count_from(0);                              // always, when a pass checks positions
    std::size_t with_results = 0;
    for (const SearchRequest& request : cases()) {
        SCOPED_TRACE(request.query + " limit " + std::to_string(request.limit) + " offset " +
                     std::to_string(request.offset) + (request.collapse ? " collapsed" : ""));
        const SearchResponse expected = whole.search(request);
        EXPECT_TRUE(expected.total_exact);  // 2,500 documents: every count is exact
        if (!expected.results.empty()) ++with_results;
        expect_same(expected, split.search(request));
    }
    EXPECT_GE(with_results, cases().size() - 6);  // the deep pages of the rarer phrases may be empty
    EXPECT_EQ(whole.split_passes(), 0u);
    EXPECT_GE(split.split_passes(), cases().size() - 8);  // every case has a phrase
}

// Words without a phrase keep the single pass (and its counting pass beside it).
TEST_F(SplitRankTest, OnlyPhrasesAreSplit) {
    bw::Searcher split(db_);
    split.set_parallel_count_from(0);
    split.search(phrase_request("oil prices", 10, 0, true));
    split.search(phrase_request("ticker:IBM", 10, 0, true));
    EXPECT_EQ(split.split_passes(), 0u);
}

// Counting up to 20 of a phrase with hundreds of matches: each half stops counting at 20, and the
// total is projected over the half's docid range from where its 20th match was.
TEST_F(SplitRankTest, ProjectsABoundedCount) {
    bw::Searcher whole(db_), split(db_);
    whole.set_parallel_count_from(static_cast<std::size_t>(-1));
    split.set_parallel_count_from(0);
    for (const char* query : {"\"mln dlrs\"", "\"cts vs\""}) {
        SCOPED_TRACE(query);
        SearchRequest exact = phrase_request(query, 10, 0, true);
        exact.exact_total = true;
        const std::size_t truth = whole.search(exact).total;
        ASSERT_GT(truth, 200u);
        SearchRequest bounded = phrase_request(query, 10, 0, true);
        bounded.count_up_to = 20;
        const SearchResponse projected = split.search(bounded);
        EXPECT_FALSE(projected.total_exact);
        EXPECT_GT(projected.total, truth / 2);
        EXPECT_LT(projected.total, truth * 2);
        const SearchResponse expected = whole.search(bounded);  // its total is count_matches' projection
        ASSERT_EQ(expected.results.size(), projected.results.size());
        for (std::size_t r = 0; r < expected.results.size(); ++r) EXPECT_EQ(expected.results[r].id, projected.results[r].id);
    }
}

// The half-ranking thread's handle, opened after a commit, is at a newer revision than the
// searcher's: then the pass is not split, and the searcher's revision is what is ranked.
TEST_F(SplitRankTest, RanksTheSearchersRevisionAfterACommit) {
    bw::Searcher split(db_);
    split.set_parallel_count_from(0);
    const SearchRequest request = phrase_request("\"minister said\"", 50, 0, true);
    const SearchResponse before = bw::Searcher(db_).search(request);

    const std::string more = dir_ / "more.jsonl";
    {
        std::ofstream out(more);
        for (int i = 0; i < 30; ++i)
            out << R"({"type": "article", "id": "extra-)" << i << R"(", "title": "Extra )" << i
                << R"(", "body": "The minister said prices rose.", "topics": ["trade"]})" << "\n";
    }
    bw::test::index_into(db_, {more});
    expect_same(before, split.search(request));
    EXPECT_EQ(split.split_passes(), 0u);
    ASSERT_TRUE(split.refresh());
    EXPECT_EQ(split.search(request).total, before.total + 30);
    EXPECT_EQ(split.split_passes(), 1u);
}

}  // namespace
