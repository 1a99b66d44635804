// The counting pass (searcher/match_count.h): exact when it saw every match, otherwise an
// estimate projected over the docid range on one local database, and never "exact" when Xapian's
// time limit cut the match short (Xapian itself then reports what it saw as the whole count).
// A generated glass database of 20,000 documents with terms of known frequency and spread.
#include <string>

#include <gtest/gtest.h>
#include <xapian.h>

#include "searcher/match_count.h"
#include "test_support.h"

namespace {

constexpr Xapian::doccount kDocuments = 20000;

// Every document has "all"; "even" every second one; "tenth" every tenth; "early" only the first
// 2,000 (a query whose matches are not spread evenly); "rare" 36 spread out; "copy" 1 in 4 with
// a collapse value in slot 0 shared by pairs of them (2,501 distinct).
class MatchCountTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new bw::test::TempDir();
        Xapian::WritableDatabase db(*dir_ / "db", Xapian::DB_CREATE_OR_OVERWRITE);
        for (Xapian::docid id = 1; id <= kDocuments; ++id) {
            Xapian::Document doc;
            doc.add_term("all");
            if (id % 2 == 0) doc.add_term("even");
            if (id % 10 == 0) doc.add_term("tenth");
            if (id <= 2000) doc.add_term("early");
            if (id % 541 == 0) doc.add_term("rare");
            if (id % 4 == 0) {
                doc.add_term("copy");
                doc.add_value(0, std::to_string(id / 8));
            }
            db.add_document(doc);
        }
        db.commit();
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static Xapian::Database open() { return Xapian::Database(*dir_ / "db"); }

    static bw::test::TempDir* dir_;
};

bw::test::TempDir* MatchCountTest::dir_ = nullptr;

struct CountCase {
    const char* name;
    const char* term;
    Xapian::doccount count_to;
    bool collapse;
    bool extrapolate;
    bool exact;                 // expected
    Xapian::doccount expected;  // the true count
    double tolerance;           // relative, for estimates
};

TEST_F(MatchCountTest, TotalsAndExactness) {
    const CountCase cases[] = {
        {"fewer matches than the bound: exact", "rare", 100, false, true, true, 36, 0},
        {"as many matches as the bound: more may follow", "rare", 36, false, true, false, 36, 0.05},
        {"bound at the archive's size: exact", "all", kDocuments, false, true, true, kDocuments, 0},
        {"even spread, projected", "even", 1000, false, true, false, 10000, 0.01},
        {"every tenth, projected", "tenth", 150, false, true, false, 2000, 0.01},
        // Matches bunched at the start: the projection overshoots, but stays within Xapian's bounds.
        {"bunched at the start, within bounds", "early", 500, false, true, false, 2000, 0},
        {"collapsed, exact below the bound", "copy", 5000, true, true, true, 2501, 0},
        {"collapsed, projected", "copy", 500, true, true, false, 2501, 0.01},
    };
    const Xapian::Database db = open();
    for (const CountCase& c : cases) {
        SCOPED_TRACE(c.name);
        bw::CountOptions options;
        options.count_to = c.count_to;
        if (c.collapse) options.collapse_key = 0;
        options.extrapolate = c.extrapolate;
        const bw::MatchCount count = bw::count_matches(db, Xapian::Query(c.term), options);
        EXPECT_EQ(count.exact, c.exact);
        if (c.exact) {
            EXPECT_EQ(count.total, c.expected);
        } else if (c.tolerance > 0) {
            EXPECT_NEAR(static_cast<double>(count.total), static_cast<double>(c.expected), c.tolerance * c.expected);
        } else {
            EXPECT_GE(count.total, c.count_to);
            EXPECT_LE(count.total, db.get_termfreq(c.term));
        }
    }
}

TEST_F(MatchCountTest, ProjectionFollowsTheQueryNotXapiansEstimate) {
    // An AND of two terms: Xapian estimates from term frequencies as if they were independent
    // (10,000 x 2,000 / 20,000 = 1,000); every tenth document is even, so all 2,000 match.
    const Xapian::Database db = open();
    const Xapian::Query both(Xapian::Query::OP_AND, Xapian::Query("even"), Xapian::Query("tenth"));
    bw::CountOptions options;
    options.count_to = 200;
    options.extrapolate = true;
    const bw::MatchCount projected = bw::count_matches(db, both, options);
    EXPECT_FALSE(projected.exact);
    EXPECT_NEAR(projected.total, 2000.0, 20.0);

    options.extrapolate = false;  // several databases or a remote one: Xapian's estimate, flagged
    const bw::MatchCount estimated = bw::count_matches(db, both, options);
    EXPECT_FALSE(estimated.exact);
    EXPECT_GE(estimated.total, options.count_to);
}

TEST_F(MatchCountTest, TimeLimitIsNeverExact) {
    const Xapian::Database db = open();
    bw::CountOptions options;
    options.count_to = kDocuments;  // would be exact without the limit
    options.time_limit = 1e-9;      // every match takes longer than this
    options.extrapolate = true;
    const bw::MatchCount count = bw::count_matches(db, Xapian::Query("all"), options);
    EXPECT_FALSE(count.exact);
    EXPECT_LE(count.total, kDocuments);
}

TEST_F(MatchCountTest, SpiesSeeEveryCountedMatch) {
    const Xapian::Database db = open();
    Xapian::ValueCountMatchSpy spy(0);
    bw::CountOptions options;
    options.count_to = kDocuments;
    options.spies = {&spy};
    const bw::MatchCount count = bw::count_matches(db, Xapian::Query("copy"), options);
    EXPECT_TRUE(count.exact);
    EXPECT_EQ(count.total, 5000u);
    EXPECT_EQ(spy.get_total(), 5000u);
}

}  // namespace
