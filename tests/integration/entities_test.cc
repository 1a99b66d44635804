// Entities end to end on the sample archive: every way of naming Micron finds the same documents,
// text-found companies add tickers, `stated:` keeps to what fields say, a bare company word ranks
// documents naming it another way below text matches (and --explain shows why), and syndicated
// copies (art-041/art-042) collapse.
#include <algorithm>
#include <set>

#include <xapian.h>

#include "core/errors.h"
#include "core/terms.h"
#include "searcher/searcher.h"
#include "test_support.h"

namespace {

class EntitiesTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new bw::test::TempDir();
        db_ = *dir_ / "examples.db";
        bw::test::index_into(db_, {bw::test::examples_dir().string()});
    }
    static void TearDownTestSuite() { delete dir_; }

    static bw::SearchResponse search(const std::string& query, bool collapse = false, bool explain = false) {
        bw::Searcher searcher(db_);
        bw::SearchRequest request;
        request.query = query;
        request.limit = 1000;
        request.collapse = collapse;
        request.explain = explain;
        return searcher.search(request);
    }
    static std::set<std::string> ids(const std::string& query) {
        std::set<std::string> out;
        for (const auto& r : search(query).results) out.insert(r.id);
        return out;
    }
    static nlohmann::ordered_json show(const std::string& id) { return bw::Searcher(db_).show(id); }

    static bw::test::TempDir* dir_;
    static std::string db_;
};

bw::test::TempDir* EntitiesTest::dir_ = nullptr;
std::string EntitiesTest::db_;

TEST_F(EntitiesTest, EveryNameOfMicronFindsTheSameDocuments) {
    const auto mu = ids("ticker:MU");
    ASSERT_GE(mu.size(), 20u);
    EXPECT_EQ(ids("ticker:$mu"), mu);
    EXPECT_EQ(ids("actor:Micron"), mu);
    EXPECT_EQ(ids("actor:\"Micron Technology\""), mu);
    EXPECT_EQ(ids("company:micron"), mu);
    // Each of them states MU (or Micron) in its fields or names Micron in its text.
    for (const auto& id : mu) {
        auto record = show(id);
        ASSERT_TRUE(record.contains("entities")) << id;
        auto has = [&](const char* side) {
            const auto& tickers = record["entities"][side]["tickers"];
            return std::find(tickers.begin(), tickers.end(), "MU") != tickers.end();
        };
        EXPECT_TRUE(has("fields") || has("text")) << id;
    }
}

TEST_F(EntitiesTest, CompaniesNamedOnlyInTheBodyGetTheirTickers) {
    const auto mu = ids("ticker:MU");
    EXPECT_TRUE(mu.count("art-012"));  // Micron Technology (NASDAQ: MU), actor Micron
    EXPECT_TRUE(mu.count("art-022"));  // $MU
    EXPECT_TRUE(ids("ticker:TSM").count("art-028"));  // Taiwan Semiconductor Manufacturing
    EXPECT_TRUE(ids("actor:AMD").count("art-028"));   // Advanced Micro Devices
    EXPECT_TRUE(ids("ticker:8035.T").count("art-010"));  // 東京エレクトロン
    auto record = show("art-022");
    const auto& text_tickers = record["entities"]["text"]["tickers"];
    EXPECT_NE(std::find(text_tickers.begin(), text_tickers.end(), "MU"), text_tickers.end());
}

TEST_F(EntitiesTest, StatedKeepsToTheFields) {
    const auto stated = ids("stated:MU");
    const auto all = ids("ticker:MU");
    ASSERT_FALSE(stated.empty());
    EXPECT_LT(stated.size(), all.size());
    EXPECT_TRUE(std::includes(all.begin(), all.end(), stated.begin(), stated.end()));
    EXPECT_EQ(ids("stated:micron"), stated);
    EXPECT_FALSE(stated.count("art-022"));  // $MU is only in its body
    for (const auto& id : stated) {
        auto record = show(id);
        const auto& tickers = record["entities"]["fields"]["tickers"];
        EXPECT_NE(std::find(tickers.begin(), tickers.end(), "MU"), tickers.end()) << id;
    }
}

TEST_F(EntitiesTest, BareCompanyWordRanksOtherNamingsBelowTextMatches) {
    Xapian::Database db(db_);
    auto has_word = [&](const std::string& id) {
        Xapian::PostingIterator p = db.postlist_begin(bw::id_term(id));
        Xapian::Document doc = db.get_document(*p);
        Xapian::TermIterator t = doc.termlist_begin();
        t.skip_to("Zmicron");
        return t != doc.termlist_end() && *t == "Zmicron";
    };
    auto response = search("micron", false, true);
    bool seen_entity_only = false;
    for (const auto& r : response.results) {
        if (has_word(r.id)) {
            EXPECT_FALSE(seen_entity_only) << r.id << " has the word but ranks below a document without it";
        } else {
            seen_entity_only = true;
            ASSERT_TRUE(r.explanation.has_value());
            const auto& terms = (*r.explanation)["terms"];
            bool entity_term = std::any_of(terms.begin(), terms.end(), [](const auto& t) { return t["term"] == "XENTITY:MU"; });
            EXPECT_TRUE(entity_term) << r.id;
        }
    }
    EXPECT_TRUE(seen_entity_only);  // e.g. documents that only say MU or Micron Technology... in fields
}

TEST_F(EntitiesTest, SyndicatedCopiesCollapse) {
    const std::string query = "\"16-high HBM4 stacks\"";
    auto plain = search(query, false);
    std::set<std::string> found;
    for (const auto& r : plain.results) found.insert(r.id);
    ASSERT_TRUE(found.count("art-041") && found.count("art-042"));
    auto collapsed = search(query, true);
    std::size_t copies = 0;
    for (const auto& r : collapsed.results) copies += r.id == "art-041" || r.id == "art-042";
    EXPECT_EQ(copies, 1u);
    EXPECT_EQ(collapsed.results.size(), plain.results.size() - 1);
    EXPECT_EQ(collapsed.collapsed, 1u);
}

}  // namespace

namespace {

TEST_F(EntitiesTest, SignalsLinkToTheArticlesTheyCiteBothWays) {
    auto signal = show("sig-018");
    ASSERT_TRUE(signal.contains("links"));
    const auto& ids = signal["links"]["cites"][0]["ids"];
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), (std::set<std::string>{"art-041", "art-042"}));
    auto article = show("art-001");
    ASSERT_TRUE(article.contains("links"));
    const auto& cited_by = article["links"]["cited_by"];
    EXPECT_NE(std::find(cited_by.begin(), cited_by.end(), "sig-001"), cited_by.end());
    // An external citation links to nothing.
    auto external = show("sig-015");
    bool unmatched = false;
    for (const auto& cite : external["links"]["cites"]) unmatched |= cite["ids"].empty();
    EXPECT_TRUE(unmatched);
}

TEST(EntityLinks, EitherOrderOfIndexing) {
    bw::test::TempDir dir;
    const std::string db = dir / "order.db";
    bw::test::index_into(db, {(bw::test::examples_dir() / "signals.jsonl").string()});
    EXPECT_TRUE(bw::Searcher(db).show("sig-001")["links"]["cites"][0]["ids"].empty());
    bw::test::index_into(db, {(bw::test::examples_dir() / "articles.jsonl").string()});
    auto links = bw::Searcher(db).show("sig-001")["links"];
    EXPECT_EQ(links["cites"][0]["ids"], nlohmann::ordered_json({"art-001"}));
    EXPECT_EQ(bw::Searcher(db).show("art-001")["links"]["cited_by"], nlohmann::ordered_json({"sig-001"}));
}

}  // namespace

namespace {

TEST_F(EntitiesTest, RelatedDocumentsExcludeItselfAndItsCopies) {
    bw::Searcher searcher(db_);
    auto response = searcher.related("art-041", 10);
    ASSERT_FALSE(response.results.empty());
    for (const auto& r : response.results) {
        EXPECT_NE(r.id, "art-041");
        EXPECT_NE(r.id, "art-042");  // its syndicated copy
    }
    // The best match shares its subject: SK Hynix / HBM.
    const auto& best = response.results.front();
    bool hbm = std::find(best.actors.begin(), best.actors.end(), "SK Hynix") != best.actors.end() ||
               std::find(best.tickers.begin(), best.tickers.end(), "000660.KS") != best.tickers.end();
    EXPECT_TRUE(hbm) << best.id;
    EXPECT_THROW(searcher.related("no-such-id", 10), bw::NotFoundError);
}

}  // namespace
