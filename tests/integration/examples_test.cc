// Index the bundled sample archive (examples/) and check searches against counts computed
// independently from its JSONL files: filters, facets (multi-valued too), date histograms,
// sorting, phrases and boolean operators, snippets, grouping, spelling suggestions.
#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "core/analyzer.h"
#include "core/dates.h"
#include "core/entities.h"
#include "searcher/searcher.h"
#include "test_support.h"

namespace {

using nlohmann::json;

std::vector<json> load_jsonl(const std::filesystem::path& path) {
    std::vector<json> records;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty()) records.push_back(json::parse(line));
    }
    return records;
}

class ExamplesTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new bw::test::TempDir();
        db_ = *dir_ / "examples.db";
        summary_ = bw::test::index_into(db_, {bw::test::examples_dir().string()}, &diagnostics_);
        for (const char* file : {"articles.jsonl", "signals.jsonl"}) {
            for (auto& r : load_jsonl(bw::test::examples_dir() / file)) records_.push_back(std::move(r));
        }
    }
    static void TearDownTestSuite() {
        delete dir_;
        records_.clear();
    }

    // How many JSONL records have `value` (case-insensitively) in any of `keys`.
    static std::size_t count_with(const std::vector<std::string>& keys, const std::string& value) {
        std::size_t n = 0;
        for (const auto& r : records_) {
            bool has = false;
            for (const auto& key : keys) {
                if (!r.contains(key)) continue;
                for (const auto& v : r[key]) has |= bw::Analyzer::fold(v.get<std::string>()) == bw::Analyzer::fold(value);
            }
            n += has;
        }
        return n;
    }

    bw::SearchResponse search(const std::string& query, std::size_t limit = 1000) {
        bw::Searcher searcher(db_);
        bw::SearchRequest request;
        request.query = query;
        request.limit = limit;
        request.collapse = false;
        return searcher.search(request);
    }

    static bw::test::TempDir* dir_;
    static std::string db_, diagnostics_;
    static bw::IndexSummary summary_;
    static std::vector<json> records_;
};

bw::test::TempDir* ExamplesTest::dir_ = nullptr;
std::string ExamplesTest::db_, ExamplesTest::diagnostics_;
bw::IndexSummary ExamplesTest::summary_;
std::vector<json> ExamplesTest::records_;

TEST_F(ExamplesTest, EveryRecordAndPageIsIndexed) {
    std::size_t pages = 0;
    for (const auto& entry : std::filesystem::directory_iterator(bw::test::examples_dir() / "pages")) pages += entry.path().extension() == ".txt";
    EXPECT_EQ(summary_.skipped, 0u) << diagnostics_;
    EXPECT_EQ(summary_.added, records_.size() + pages) << diagnostics_;
    EXPECT_GE(records_.size(), 55u);
    Xapian::Database db(db_);
    EXPECT_EQ(db.get_doccount(), records_.size() + pages);
}

TEST_F(ExamplesTest, FiltersMatchTheJsonl) {
    // The JSONL files alone, so counts can be computed from them exactly.
    bw::test::TempDir dir;
    const std::string db = dir / "jsonl.db";
    bw::test::index_into(db, {(bw::test::examples_dir() / "articles.jsonl").string(),
                              (bw::test::examples_dir() / "signals.jsonl").string()});
    bw::Searcher searcher(db);
    auto total = [&](const std::string& query) {
        bw::SearchRequest request;
        request.query = query;
        request.limit = 0;
        request.collapse = false;
        return searcher.search(request).total;
    };
    // Entities the fields state (directly or through the registry: a stated actor's ticker) match
    // `stated:`; extraction from the text only adds to `ticker:`/`actor:` (entities_test.cc).
    const auto& registry = bw::EntityRegistry::builtin();
    auto count_stated = [&](const std::string& value) {
        const bw::Entity* entity = registry.resolve(value);
        std::size_t n = 0;
        for (const auto& r : records_) {
            bool has = false;
            for (const char* key : {"tickers", "actors"}) {
                if (!r.contains(key)) continue;
                for (const auto& v : r[key]) {
                    std::string s = v.get<std::string>();
                    const bw::Entity* e = std::string(key) == "tickers" ? registry.find_by_ticker(s) : registry.find_by_name(s);
                    has |= entity ? e == entity : bw::Analyzer::fold(s) == bw::Analyzer::fold(value);
                }
            }
            n += has;
        }
        return n;
    };
    for (const char* ticker : {"MU", "NVDA", "TSM", "GOOGL", "MS", "000660.KS", "CEG"}) {
        SCOPED_TRACE(ticker);
        EXPECT_EQ(total(std::string("stated:") + ticker), count_stated(ticker));
        EXPECT_GE(total(std::string("ticker:") + ticker), count_with({"tickers"}, ticker));
    }
    for (const char* actor : {"Micron", "Morgan Stanley", "SK Hynix", "Federal Reserve"}) {
        SCOPED_TRACE(actor);
        EXPECT_EQ(total(std::string("stated:\"") + actor + "\""), count_stated(actor));
        EXPECT_GE(total(std::string("actor:\"") + actor + "\""), count_with({"actors"}, actor));
    }
    for (const char* topic : {"AI", "memory", "economic", "regulatory"}) {
        SCOPED_TRACE(topic);
        EXPECT_EQ(total(std::string("topic:") + topic), count_with({"topics", "categories"}, topic));
    }
    EXPECT_EQ(total("ticker:mu"), total("ticker:MU"));
    EXPECT_EQ(total("topic:ai"), total("topic:AI"));
    // One field's values ORed, different fields ANDed.
    EXPECT_EQ(total("ticker:MU ticker:NVDA"), total("ticker:MU OR ticker:NVDA"));
    EXPECT_LE(total("ticker:MU topic:AI"), std::min(total("ticker:MU"), total("topic:AI")));
}

TEST_F(ExamplesTest, FacetCountsAreExactForMultiValuedFields) {
    bw::Searcher searcher(db_);
    bw::SearchRequest request;
    request.query = "type:signal";
    request.facets = {"ticker", "actor", "topic", "type"};
    request.facet_limit = 100;
    request.limit = 0;
    auto response = searcher.search(request);
    std::vector<json> signals;
    for (const auto& r : records_) {
        if (r.value("type", "") == "signal") signals.push_back(r);
    }
    // Signal pages also count; compare against JSONL signals plus what the pages contribute,
    // by checking each facet value's count equals a filter query's total.
    for (const auto& [name, values] : response.facets) {
        SCOPED_TRACE(name);
        ASSERT_FALSE(values.empty());
        for (const auto& v : values) {
            std::string query = "type:signal " + name + ":\"" + v.value + "\"";
            EXPECT_EQ(v.count, search(query, 0).total) << query;
        }
    }
    const auto& tickers = response.facets[0].second;
    ASSERT_GE(tickers.size(), 2u);
    EXPECT_GE(tickers[0].count, tickers[1].count);  // sorted by count
}

TEST_F(ExamplesTest, MonthlyHistogramCountsEveryMatch) {
    bw::Searcher searcher(db_);
    bw::SearchRequest request;
    request.query = "memory";
    request.facets = {"date"};
    request.date_buckets = "month";
    request.limit = 1000;
    request.collapse = false;
    auto response = searcher.search(request);
    std::map<std::string, std::size_t> expected;
    for (const auto& r : response.results) {
        if (r.date) ++expected[r.date->substr(0, 7)];
    }
    ASSERT_EQ(response.facets.size(), 1u);
    std::size_t sum = 0;
    for (const auto& bucket : response.facets[0].second) {
        EXPECT_EQ(bucket.count, expected[bucket.value]) << bucket.value;
        sum += bucket.count;
    }
    std::size_t dated = std::count_if(response.results.begin(), response.results.end(), [](const auto& r) { return r.date.has_value(); });
    EXPECT_EQ(sum, dated);
    // Consecutive months, gaps included.
    const auto& buckets = response.facets[0].second;
    for (std::size_t i = 1; i < buckets.size(); ++i) EXPECT_LT(buckets[i - 1].value, buckets[i].value);
}

TEST_F(ExamplesTest, PhraseAndBooleanSubsets) {
    auto all_memory = search("memory");
    auto phrase = search("\"memory chip\"");
    auto both = search("memory chip");
    ASSERT_GT(phrase.total, 0u);
    EXPECT_LE(phrase.total, both.total);
    EXPECT_LE(both.total, all_memory.total);
    auto ids = [](const bw::SearchResponse& r) {
        std::set<std::string> s;
        for (const auto& i : r.results) s.insert(i.id);
        return s;
    };
    auto phrase_ids = ids(phrase), both_ids = ids(both);
    EXPECT_TRUE(std::includes(both_ids.begin(), both_ids.end(), phrase_ids.begin(), phrase_ids.end()));
    auto hbm = ids(search("hbm")), dram = ids(search("dram"));
    auto either = ids(search("hbm OR dram"));
    std::set<std::string> uni;
    std::set_union(hbm.begin(), hbm.end(), dram.begin(), dram.end(), std::inserter(uni, uni.begin()));
    EXPECT_EQ(either, uni);
    auto hbm_not_dram = ids(search("hbm -dram"));
    std::set<std::string> diff;
    std::set_difference(hbm.begin(), hbm.end(), dram.begin(), dram.end(), std::inserter(diff, diff.begin()));
    EXPECT_EQ(hbm_not_dram, diff);
}

// "total" is the exact number of matches: a full listing has exactly that many results, for
// free text, filters, booleans and phrases (a collapse key once made Xapian report estimates here).
TEST_F(ExamplesTest, TotalsAreExact) {
    for (const char* query : {"memory", "hbm OR dram", "(hbm OR dram) -nand", "ticker:MU type:signal",
                              "\"memory chip\"", "micron date:2026-03", "semicond*", ""}) {
        SCOPED_TRACE(query);
        auto response = search(query);
        EXPECT_EQ(response.total, response.results.size());
        auto counted = search(query, 0);
        EXPECT_EQ(counted.total, response.results.size());
    }
}

// Relevance ties are broken by date, newest first: a filter-free query whose words occur once in
// documents of equal length is rare, so check the rule on every adjacent pair that ties.
TEST_F(ExamplesTest, RelevanceTiesGoToTheNewest) {
    for (const char* query : {"memory", "micron", "ai"}) {
        auto response = search(query);
        for (std::size_t i = 1; i < response.results.size(); ++i) {
            const auto& a = response.results[i - 1];
            const auto& b = response.results[i];
            EXPECT_GE(a.score, b.score) << query;
            if (a.score == b.score && a.date && b.date) {
                EXPECT_GE(*a.date, *b.date) << query;
            }
        }
    }
}

TEST_F(ExamplesTest, TitleMatchesOutrankBodyMatches) {
    auto response = search("turboquant", 20);
    ASSERT_GE(response.results.size(), 2u);
    // The first result names it in its title.
    ASSERT_TRUE(response.results[0].title);
    EXPECT_NE(bw::Analyzer::fold(*response.results[0].title).find("turboquant"), std::string::npos);
}

TEST_F(ExamplesTest, SortsAreMonotonic) {
    bw::Searcher searcher(db_);
    for (auto order : {bw::SortOrder::Date, bw::SortOrder::Oldest, bw::SortOrder::Strength}) {
        bw::SearchRequest request;
        request.query = "memory";
        request.sort = order;
        request.limit = 1000;
        auto response = searcher.search(request);
        ASSERT_GT(response.results.size(), 3u);
        for (std::size_t i = 1; i < response.results.size(); ++i) {
            const auto& a = response.results[i - 1];
            const auto& b = response.results[i];
            if (order == bw::SortOrder::Date && a.date && b.date) {
                EXPECT_GE(*a.date, *b.date);
            }
            if (order == bw::SortOrder::Oldest && a.date && b.date) {
                EXPECT_LE(*a.date, *b.date);
            }
            if (order == bw::SortOrder::Strength && a.strength && b.strength) {
                EXPECT_GE(*a.strength, *b.strength);
            }
        }
    }
}

TEST_F(ExamplesTest, SnippetsMarkStemmedMatches) {
    auto response = search("shortages", 5);
    ASSERT_FALSE(response.results.empty());
    for (const auto& r : response.results) {
        std::string html = bw::snippet_to_html(r.snippet);
        EXPECT_NE(html.find("<mark>"), std::string::npos) << html;
    }
}

TEST_F(ExamplesTest, GroupsByTicker) {
    bw::Searcher searcher(db_);
    bw::SearchRequest request;
    request.query = "memory";
    request.group_by = "ticker";
    request.group_limit = 3;
    request.group_size = 2;
    auto response = searcher.search(request);
    ASSERT_EQ(response.groups.size(), 3u);
    for (const auto& group : response.groups) {
        EXPECT_EQ(group.count, search("memory ticker:" + group.value, 0).total);
        EXPECT_LE(group.results.size(), 2u);
        for (const auto& r : group.results) EXPECT_NE(std::find(r.tickers.begin(), r.tickers.end(), group.value), r.tickers.end());
    }
    EXPECT_GE(response.groups[0].count, response.groups[1].count);
}

// --explain re-scores each matching term alone with the search's own weighting scheme, so the
// parts add up to the relevance score whatever the ranking profile.
TEST_F(ExamplesTest, ExplainedTermWeightsAddUpToTheScore) {
    bw::Searcher searcher(db_);
    for (const std::string ranking : {"default", "bm25", "xapian", "model=pl2", "model=dph"}) {
        bw::SearchRequest request;
        request.query = "hbm memory prices";
        request.default_op = bw::DefaultOperator::Or;
        request.limit = 3;
        request.explain = true;
        request.ranking = ranking;
        auto response = searcher.search(request);
        ASSERT_FALSE(response.results.empty()) << ranking;
        for (const auto& r : response.results) {
            ASSERT_TRUE(r.explanation) << ranking;
            double sum = 0;
            for (const auto& term : r.explanation->at("terms")) sum += term.at("weight").get<double>();
            EXPECT_NEAR(sum, r.explanation->at("relevance").get<double>(), 0.01) << ranking << " " << r.id;
        }
    }
}

TEST_F(ExamplesTest, RecencyPrefersNewerDocuments) {
    bw::Searcher searcher(db_);
    bw::SearchRequest request;
    request.query = "memory";
    request.limit = 5;
    request.sort = bw::SortOrder::Recency;
    request.half_life_days = 7;
    request.explain = true;
    auto recency = searcher.search(request);
    ASSERT_FALSE(recency.results.empty());
    ASSERT_TRUE(recency.results[0].explanation);
    EXPECT_TRUE(recency.results[0].explanation->contains("recency_factor"));
    for (std::size_t i = 1; i < recency.results.size(); ++i) EXPECT_GE(recency.results[i - 1].score, recency.results[i].score);
}

TEST_F(ExamplesTest, SuggestsSpellingFromTheArchive) {
    auto response = search("semicondutcors", 0);
    EXPECT_EQ(response.total, 0u);
    ASSERT_TRUE(response.suggestion);
    EXPECT_EQ(*response.suggestion, "semiconductors");
}

}  // namespace
