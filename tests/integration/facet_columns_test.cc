// Facet counts read from in-memory columns (searcher/facet_columns.h) equal the counts of Xapian's
// ValueCountMatchSpy, which a fresh Searcher uses until the spies have read a quarter of the
// database: for every facet kind (multi-value lists, source, type, date histograms), filters,
// value sorts, --group-by, deleted documents (docid gaps), and after the database changes under an
// open Searcher (the columns are dropped and read again). A sharded archive counts with the spies.
#include <fstream>
#include <string>
#include <vector>

#include "searcher/searcher.h"
#include "test_support.h"

namespace {

using bw::SearchRequest;
using bw::SearchResponse;
using bw::test::TempDir;

const char* const kTickers[] = {"MU", "NVDA", "TSM", "AAPL", "INTC", "AMD"};
const char* const kActors[] = {"Micron", "Nvidia", "Morgan Stanley", "Google", "Samsung"};
const char* const kTopics[] = {"memory", "AI", "earnings", "trade"};
const char* const kSources[] = {"Reuters", "Bloomberg", "CNBC"};

// `count` articles from `first` on, with 0-2 tickers, 0-2 actors (one spelt in two cases), 1-2
// topics, a source and a date spread over two years; every third mentions "memory".
std::string write_articles(const TempDir& dir, const std::string& name, int first, int count) {
    const std::string path = dir / name;
    std::ofstream out(path);
    for (int i = first; i < first + count; ++i) {
        std::string tickers, actors, topics;
        for (int k = 0; k < i % 3; ++k) tickers += std::string(k ? ", " : "") + "\"" + kTickers[(i * 7 + k) % 6] + "\"";
        for (int k = 0; k < (i / 2) % 3; ++k) {
            std::string actor = kActors[(i * 3 + k) % 5];
            if (i % 11 == 0 && actor == "Nvidia") actor = "NVIDIA";
            actors += std::string(k ? ", " : "") + "\"" + actor + "\"";
        }
        for (int k = 0; k < 1 + i % 2; ++k) topics += std::string(k ? ", " : "") + "\"" + kTopics[(i + k * 2) % 4] + "\"";
        out << "{\"type\": \"article\", \"id\": \"a-" << i << "\", \"source\": \"" << kSources[i % 3]
            << "\", \"title\": \"Story " << i << (i % 3 == 0 ? " on memory prices" : " on chip demand")
            << "\", \"body\": \"Body of story " << i << " about chips, prices and demand in the market.\""
            << ", \"tickers\": [" << tickers << "], \"actors\": [" << actors << "], \"topics\": [" << topics
            << "], \"date\": \"" << 2024 + i % 2 << "-" << (i % 12 < 9 ? "0" : "") << 1 + i % 12 << "-"
            << 10 + i % 18 << "\"}\n";
    }
    return path;
}

std::vector<SearchRequest> requests() {
    std::vector<SearchRequest> out;
    SearchRequest all;
    all.limit = 3;
    all.facets = {"ticker", "actor", "topic", "source", "type", "date"};
    all.facet_limit = 50;
    out.push_back(all);
    SearchRequest text = all;
    text.query = "memory";
    out.push_back(text);
    SearchRequest filtered = all;
    filtered.query = "prices";
    filtered.filters["ticker"] = {"MU", "NVDA"};
    filtered.since = "2025-01-01";
    out.push_back(filtered);
    SearchRequest by_date = text;
    by_date.sort = bw::SortOrder::Date;
    by_date.date_buckets = "year";
    out.push_back(by_date);
    SearchRequest grouped;
    grouped.query = "demand";
    grouped.group_by = "ticker";
    grouped.group_limit = 3;
    grouped.facets = {"topic"};
    out.push_back(grouped);
    SearchRequest months = grouped;
    months.group_by = "month";
    out.push_back(months);
    SearchRequest uncollapsed = all;
    uncollapsed.collapse = false;
    uncollapsed.facet_limit = 2;
    out.push_back(uncollapsed);
    return out;
}

void expect_same_counts(const SearchResponse& spied, const SearchResponse& columns) {
    EXPECT_EQ(spied.total, columns.total);
    ASSERT_EQ(spied.facets.size(), columns.facets.size());
    for (std::size_t f = 0; f < spied.facets.size(); ++f) {
        SCOPED_TRACE(spied.facets[f].first);
        EXPECT_EQ(spied.facets[f].first, columns.facets[f].first);
        ASSERT_EQ(spied.facets[f].second.size(), columns.facets[f].second.size());
        for (std::size_t v = 0; v < spied.facets[f].second.size(); ++v) {
            EXPECT_EQ(spied.facets[f].second[v].value, columns.facets[f].second[v].value);
            EXPECT_EQ(spied.facets[f].second[v].count, columns.facets[f].second[v].count);
        }
    }
    ASSERT_EQ(spied.groups.size(), columns.groups.size());
    for (std::size_t g = 0; g < spied.groups.size(); ++g) {
        EXPECT_EQ(spied.groups[g].value, columns.groups[g].value);
        EXPECT_EQ(spied.groups[g].count, columns.groups[g].count);
        ASSERT_EQ(spied.groups[g].results.size(), columns.groups[g].results.size());
    }
    ASSERT_EQ(spied.results.size(), columns.results.size());
    for (std::size_t r = 0; r < spied.results.size(); ++r) EXPECT_EQ(spied.results[r].id, columns.results[r].id);
}

// Every request on a fresh Searcher (spies) against the same request on `warm`, after the spies
// of `warm` have counted everything once; it then holds `columns` columns (checked).
void expect_columns_match_spies(const std::string& db, bw::Searcher& warm, std::size_t columns = 6) {
    for (int round = 0; round < 2; ++round) warm.search(requests().front());
    EXPECT_EQ(warm.facet_columns_held(), columns);  // ticker, actor, topic, source, type, date
    int n = 0;
    for (const SearchRequest& request : requests()) {
        SCOPED_TRACE("request " + std::to_string(n++) + ": '" + request.query + "'");
        bw::Searcher fresh(db);
        const SearchResponse spied = fresh.search(request);
        EXPECT_EQ(fresh.facet_columns_held(), 0u);
        expect_same_counts(spied, warm.search(request));
    }
}

TEST(FacetColumns, CountLikeTheSpiesWithGapsAndAfterChanges) {
    TempDir dir;
    const std::string db = dir / "archive.db";
    bw::test::index_into(db, {write_articles(dir, "a.jsonl", 0, 400), (bw::test::examples_dir() / "signals.jsonl").string()});
    bw::IndexOptions deleting;
    for (int i = 5; i < 400; i += 37) deleting.delete_ids.push_back("a-" + std::to_string(i));
    ASSERT_EQ(bw::test::index_into(db, {}, nullptr, deleting).deleted, 11u);

    bw::Searcher warm(db);
    {
        SCOPED_TRACE("with deleted documents");
        expect_columns_match_spies(db, warm);
    }
    // New documents and a replaced one, committed while `warm` holds columns of the old revision.
    const SearchResponse before = warm.search(requests().front());
    bw::test::index_into(db, {write_articles(dir, "b.jsonl", 390, 60)});
    ASSERT_TRUE(warm.refresh());
    EXPECT_EQ(warm.facet_columns_held(), 0u);
    const SearchResponse after = warm.search(requests().front());
    EXPECT_GT(after.total, before.total);
    bw::Searcher fresh(db);
    expect_same_counts(fresh.search(requests().front()), after);
    {
        SCOPED_TRACE("after the database changed");
        expect_columns_match_spies(db, warm);
    }
}

// Over several shards a MatchSpy sees shard-local docids (Xapian 1.4), so no column is read and
// the spies count, the same as on one database.
TEST(FacetColumns, AreNotUsedOnAShardedArchive) {
    TempDir dir;
    const std::string archive = dir / "archive";
    bw::IndexOptions sharded;
    sharded.shards = 3;
    bw::test::index_into(archive, {write_articles(dir, "a.jsonl", 0, 300), (bw::test::examples_dir() / "signals.jsonl").string()},
                         nullptr, sharded);
    bw::Searcher warm(archive);
    expect_columns_match_spies(archive, warm, 0);
    const std::string single = dir / "single.db";
    bw::test::index_into(single, {dir / "a.jsonl", (bw::test::examples_dir() / "signals.jsonl").string()});
    bw::Searcher one(single);
    expect_columns_match_spies(single, one);
    for (const SearchRequest& request : requests()) expect_same_counts(warm.search(request), one.search(request));
}

}  // namespace
