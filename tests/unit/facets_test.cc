// Facet value ordering, date histograms (buckets, gaps filled, auto unit), multi-value counts.
#include <gtest/gtest.h>

#include "core/errors.h"
#include "core/multivalue.h"
#include "searcher/facets.h"

namespace {

std::vector<std::pair<std::string, std::size_t>> flat(const std::vector<bw::FacetValue>& values) {
    std::vector<std::pair<std::string, std::size_t>> out;
    for (const auto& v : values) out.emplace_back(v.value, v.count);
    return out;
}

TEST(TopValues, SortsByCountThenValueAndMergesCase) {
    std::map<std::string, std::size_t> counts{{"MU", 3}, {"NVDA", 3}, {"AMD", 1}, {"micron", 1}, {"Micron", 4}};
    auto top = flat(bw::top_values(counts, 3));
    std::vector<std::pair<std::string, std::size_t>> expected{{"Micron", 5}, {"MU", 3}, {"NVDA", 3}};
    EXPECT_EQ(top, expected);
}

struct HistogramCase {
    std::map<std::string, std::size_t> days;
    std::string unit;
    std::vector<std::pair<std::string, std::size_t>> expected;
};

class HistogramTest : public ::testing::TestWithParam<HistogramCase> {};

TEST_P(HistogramTest, Buckets) { EXPECT_EQ(flat(bw::date_histogram(GetParam().days, GetParam().unit)), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Table, HistogramTest,
    ::testing::Values(
        HistogramCase{{}, "month", {}},
        HistogramCase{{{"2026-01-15", 2}, {"2026-03-02", 1}, {"2026-03-30", 4}}, "month",
                      {{"2026-01", 2}, {"2026-02", 0}, {"2026-03", 5}}},
        HistogramCase{{{"2026-03-01", 1}, {"2026-03-03", 2}}, "day", {{"2026-03-01", 1}, {"2026-03-02", 0}, {"2026-03-03", 2}}},
        HistogramCase{{{"2026-03-01", 1}, {"2026-03-03", 2}}, "auto", {{"2026-03-01", 1}, {"2026-03-02", 0}, {"2026-03-03", 2}}},
        HistogramCase{{{"2025-12-29", 1}, {"2026-01-11", 1}}, "week", {{"2026-W01", 1}, {"2026-W02", 1}}},
        HistogramCase{{{"1987-02-26", 5}, {"1990-06-01", 1}}, "year", {{"1987", 5}, {"1988", 0}, {"1989", 0}, {"1990", 1}}},
        HistogramCase{{{"2025-10-01", 1}, {"2026-04-01", 1}}, "auto",
                      {{"2025-10", 1}, {"2025-11", 0}, {"2025-12", 0}, {"2026-01", 0}, {"2026-02", 0}, {"2026-03", 0}, {"2026-04", 1}}}));

TEST(DateHistogram, RejectsUnknownUnit) {
    EXPECT_THROW(bw::date_histogram({{"2026-01-01", 1}}, "fortnight"), bw::UsageError);
}

}  // namespace

namespace {

// Multi-valued facets from Xapian's own ValueCountMatchSpy (so they also work over remote shards):
// each document's joined list is counted once per value it holds.
TEST(MultiValueCounts, SplitListsAndAddTheirCounts) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const std::vector<std::vector<std::string>> lists = {
        {"MU", "NVDA"}, {"MU", "NVDA"}, {"MU"}, {"TSM", "MU", "NVDA"}, {}, {"Morgan Stanley"}};
    for (const auto& list : lists) {
        Xapian::Document doc;
        doc.add_boolean_term("Xall");
        if (!list.empty()) doc.add_value(7, bw::encode_values(list));
        db.add_document(doc);
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("Xall"));
    Xapian::ValueCountMatchSpy spy(7);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    const std::map<std::string, std::size_t> expected = {{"MU", 4}, {"NVDA", 3}, {"TSM", 1}, {"Morgan Stanley", 1}};
    EXPECT_EQ(bw::multi_value_counts(spy), expected);
}

}  // namespace
