// "Did you mean" (searcher/spelling_suggester.h), table-driven over a small archive vocabulary:
// only words the index lacks, as typed and by stem, are respelt; operators, field:value parts and
// wildcards are kept as typed.
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/analyzer.h"
#include "searcher/spelling_suggester.h"
#include "test_support.h"

namespace {

class SpellingSuggesterTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new bw::test::TempDir();
        path_ = *dir_ / "spelling.db";
        Xapian::WritableDatabase db(path_, Xapian::DB_CREATE_OR_OVERWRITE);
        // What the indexer writes for a title "Quaker Oats sells Vernell's Fine Candies" and a body
        // about semiconductors: plain words, their stems (Z), and the spelling data of the words.
        Xapian::Document doc;
        for (const char* term : {"quaker", "oats", "sells", "vernell's", "fine", "candies", "semiconductors", "vernal",
                                 "Zquaker", "Zoat", "Zsell", "Zvernel", "Zfine", "Zcandi", "Zsemiconductor", "Zvernal"})
            doc.add_term(term);
        db.add_document(doc);
        for (const char* word : {"quaker", "oats", "sells", "fine", "candies", "semiconductors", "vernal"})
            db.add_spelling(word);
        db.commit();
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static bw::test::TempDir* dir_;
    static std::string path_;
};

bw::test::TempDir* SpellingSuggesterTest::dir_ = nullptr;
std::string SpellingSuggesterTest::path_;

TEST_F(SpellingSuggesterTest, RespeltOnlyWordsTheIndexLacks) {
    struct Case {
        std::string query;
        std::optional<std::string> expected;
    };
    const std::vector<Case> cases = {
        {"semiconductr", "semiconductors"},         // unknown: respelt
        {"quakr oats", "quaker oats"},              // only the unknown word changes
        {"vernell", std::nullopt},                  // known by its stem (Zvernel), not as typed: kept
        {"candy", std::nullopt},                    // known by its stem (Zcandi)
        {"VERNELL fine", std::nullopt},             // case folded before the lookups
        {"sells", std::nullopt},                    // known as typed
        {"quakr AND oats", "quaker AND oats"},      // operators are kept
        {"title:quakr", std::nullopt},              // field:value parts are not respelt
        {"quak*", std::nullopt},                    // nor wildcards
        {"zz", std::nullopt},                       // nor words under three letters
    };
    Xapian::Database db(path_);
    bw::Analyzer analyzer;
    for (const auto& c : cases) {
        SCOPED_TRACE(c.query);
        EXPECT_EQ(bw::suggest_spelling(db, analyzer, c.query), c.expected);
    }
}

}  // namespace
