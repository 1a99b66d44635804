// Relevance ties: documents with the same score come out newest first, then by id, on every page
// and for every weighting scheme, so paging through a result list never repeats or skips one.
// The searcher reads dates only for matches whose score ties with a neighbour's; this checks that
// the order is still the full (score, date, id) order.
#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "searcher/searcher.h"
#include "test_support.h"

namespace {

struct Record {
    std::string id, date, body;
};

class RelevanceTiesTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new bw::test::TempDir();
        db_ = *dir_ / "ties.db";
        // 24 identical notices (equal scores) with dates out of file order, two pairs on one day;
        // three documents that say "dividend" more often score above all of them.
        std::vector<Record> records;
        for (int i = 0; i < 24; ++i) {
            int day = 1 + (i * 7) % 24;  // a permutation of 1..24
            if (i == 5 || i == 6) day = 9;
            if (i == 10 || i == 11) day = 17;
            char date[16], id[16];
            std::snprintf(date, sizeof date, "2025-03-%02d", day);
            std::snprintf(id, sizeof id, "note-%02d", 23 - i);
            records.push_back({id, date, "The board declared a regular quarterly dividend payable next month."});
        }
        records.push_back({"div-a", "2024-01-01", "Dividend dividend dividend: the dividend was raised."});
        records.push_back({"div-b", "2024-01-02", "Dividend news: a special dividend and a higher dividend."});
        records.push_back({"div-c", "2024-01-03", "The dividend, the dividend policy and buybacks."});
        const std::string input = *dir_ / "ties.jsonl";
        std::ofstream out(input);
        for (const auto& r : records)
            out << R"({"id": ")" << r.id << R"(", "type": "article", "title": "Notice", "date": ")" << r.date
                << R"(", "body": ")" << r.body << "\"}\n";
        out.close();
        bw::test::index_into(db_, {input});
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }

    static std::vector<bw::ResultItem> page(const std::string& ranking, std::size_t offset, std::size_t limit) {
        bw::Searcher searcher(db_);
        bw::SearchRequest request;
        request.query = "dividend";
        request.offset = offset;
        request.limit = limit;
        request.collapse = false;  // the notices are copies of each other
        request.ranking = ranking;
        return searcher.search(request).results;
    }

    static bw::test::TempDir* dir_;
    static std::string db_;
};

bw::test::TempDir* RelevanceTiesTest::dir_ = nullptr;
std::string RelevanceTiesTest::db_;

TEST_F(RelevanceTiesTest, EqualScoresGoNewestFirstThenById) {
    for (const std::string ranking : {"default", "bm25", "model=dlh"}) {
        const auto all = page(ranking, 0, 100);
        ASSERT_EQ(all.size(), 27u) << ranking;
        for (std::size_t i = 1; i < all.size(); ++i) {
            const auto& a = all[i - 1];
            const auto& b = all[i];
            ASSERT_GE(a.score, b.score) << ranking << " at " << i;
            if (a.score == b.score) {
                EXPECT_TRUE(*a.date > *b.date || (*a.date == *b.date && a.id < b.id))
                    << ranking << ": " << a.id << " " << *a.date << " before " << b.id << " " << *b.date;
            }
        }
        // The three "dividend" documents come first; the 24 tied notices follow, newest first.
        for (std::size_t i = 3; i < all.size(); ++i) EXPECT_EQ(all[i].id.substr(0, 5), "note-") << ranking << " at " << i;
        EXPECT_EQ(all[3].date, std::optional<std::string>("2025-03-24T00:00:00Z")) << ranking;
    }
}

TEST_F(RelevanceTiesTest, PagesJoinIntoTheSingleList) {
    for (const std::string ranking : {"default", "bm25"}) {
        const auto all = page(ranking, 0, 100);
        std::vector<std::string> expected, paged;
        for (const auto& r : all) expected.push_back(r.id);
        for (std::size_t offset = 0; offset < all.size(); offset += 5)
            for (const auto& r : page(ranking, offset, 5)) paged.push_back(r.id);
        EXPECT_EQ(paged, expected) << ranking;
    }
}

// A page inside the run of ties makes the searcher fetch a wider window again; the facet counts
// come from the first pass only, so they are not counted twice.
TEST_F(RelevanceTiesTest, WideningTheWindowDoesNotCountFacetsTwice) {
    bw::Searcher searcher(db_);
    bw::SearchRequest request;
    request.query = "dividend";
    request.offset = 15;
    request.limit = 5;
    request.collapse = false;
    request.facets = {"type"};
    auto response = searcher.search(request);
    EXPECT_EQ(response.total, 27u);
    ASSERT_EQ(response.facets.size(), 1u);
    ASSERT_EQ(response.facets[0].second.size(), 1u);
    EXPECT_EQ(response.facets[0].second[0].value, "article");
    EXPECT_EQ(response.facets[0].second[0].count, 27u);
    ASSERT_EQ(response.results.size(), 5u);
}

}  // namespace
