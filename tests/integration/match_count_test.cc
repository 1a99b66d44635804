// The counting pass (searcher/match_count.h): exact when it saw every match, otherwise an
// estimate projected over the docid range on one local database, and never "exact" when Xapian's
// time limit cut the match short (Xapian itself then reports what it saw as the whole count).
// A generated glass database of 20,000 documents with terms of known frequency and spread.
#include <string>

#include <gtest/gtest.h>
#include <xapian.h>

#include "searcher/facet_columns.h"
#include "searcher/match_count.h"
#include "test_support.h"

namespace {

constexpr Xapian::doccount kDocuments = 20000;

// Every document has "all"; "even" every second one; "tenth" every tenth; "early" only the first
// 2,000 (a query whose matches are not spread evenly); "rare" 36 spread out; "most" all but every
// seventh (ANDed with it, a term's count is no longer known before matching); "copy" 1 in 4 with
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
            if (id % 7 != 0) doc.add_term("most");
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
    bool and_most;  // the query is term AND most
    Xapian::doccount count_to;
    bool collapse;
    bool apart;  // count_copies_apart
    bool extrapolate;
    bool exact;                 // expected
    Xapian::doccount expected;  // the true count
    double tolerance;           // relative, for estimates
};

TEST_F(MatchCountTest, TotalsAndExactness) {
    const CountCase cases[] = {
        {"fewer matches than the bound: exact", "rare", true, 100, false, false, true, true, 31, 0},
        {"as many matches as the bound: more may follow", "rare", true, 31, false, false, true, false, 31, 0.05},
        {"one term: its frequency, whatever the bound", "rare", false, 10, false, false, true, true, 36, 0},
        {"bound at the archive's size: exact", "even", true, kDocuments, false, false, true, true, 8572, 0},
        {"even spread, projected", "even", true, 1000, false, false, true, false, 8572, 0.01},
        {"every tenth, projected", "tenth", true, 150, false, false, true, false, 1715, 0.02},
        // Matches bunched at the start: the projection overshoots, but stays within Xapian's bounds.
        {"bunched at the start, within bounds", "early", true, 500, false, false, true, false, 1715, 0},
        {"collapsed, exact below the bound", "copy", false, 5000, true, false, true, true, 2501, 0},
        {"collapsed, projected", "copy", false, 500, true, false, true, false, 2501, 0.01},
        {"copies counted apart, all", "copy", false, kDocuments, true, true, true, true, 2501, 0},
        {"copies counted apart, a term without copies", "tenth", false, kDocuments, true, true, true, true, 2000, 0},
        {"copies apart only when counting all: bounded folds", "copy", false, 500, true, true, true, false, 2501, 0.01},
    };
    const Xapian::Database db = open();
    for (const CountCase& c : cases) {
        SCOPED_TRACE(c.name);
        bw::CountOptions options;
        options.count_to = c.count_to;
        if (c.collapse) options.collapse_key = 0;
        options.count_copies_apart = c.apart;
        options.extrapolate = c.extrapolate;
        const Xapian::Query query = c.and_most ? Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(c.term), Xapian::Query("most"))
                                               : Xapian::Query(c.term);
        const bw::MatchCount count = bw::count_matches(db, query, options);
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
    const Xapian::Query query(Xapian::Query::OP_AND, Xapian::Query("even"), Xapian::Query("most"));
    const bw::MatchCount count = bw::count_matches(db, query, options);
    EXPECT_FALSE(count.exact);
    EXPECT_LE(count.total, kDocuments);
    // One term, counted from its frequency without a pass: the clock still says.
    const bw::MatchCount one_term = bw::count_matches(db, Xapian::Query("all"), options);
    EXPECT_FALSE(one_term.exact);
    EXPECT_EQ(one_term.total, kDocuments);
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

TEST_F(MatchCountTest, CopiesApartFoldTheSameAndSpiesSeeTheSame) {
    // Xapian calls spies before it folds copies, so folding in the pass or apart gives the same
    // total and the same spy counts; over an OR, whose count Xapian cannot know without matching.
    const Xapian::Database db = open();
    const Xapian::Query either(Xapian::Query::OP_OR, Xapian::Query("copy"), Xapian::Query("rare"));
    Xapian::doccount totals[2];
    Xapian::doccount spied[2];
    for (const bool apart : {false, true}) {
        Xapian::ValueCountMatchSpy spy(0);
        bw::CountOptions options;
        options.count_to = kDocuments;
        options.collapse_key = 0;
        options.count_copies_apart = apart;
        options.spies = {&spy};
        const bw::MatchCount count = bw::count_matches(db, either, options);
        EXPECT_TRUE(count.exact);
        totals[apart] = count.total;
        spied[apart] = spy.get_total();
    }
    EXPECT_EQ(totals[0], totals[1]);
    EXPECT_EQ(spied[0], spied[1]);
    // 5,000 "copy" (2,501 after folding) and 36 "rare", of which 9 are also "copy" (541 x 4k).
    EXPECT_EQ(totals[1], 2501u + 36u - 9u);
}

TEST_F(MatchCountTest, OneTermWalksItsPostingsIntoTheColumns) {
    // Facet columns and one term: the postings go straight into the columns, under a time limit too.
    const Xapian::Database db = open();
    const auto column = bw::FacetColumn::read(db, 0, false);  // the copy key: on every fourth document
    for (const double limit : {0.0, 1e-9}) {
        SCOPED_TRACE(limit ? "a time limit every walk exceeds" : "no time limit");
        bw::FacetColumnSpy columns;
        const std::size_t tally = columns.add(*column);
        bw::CountOptions options;
        options.count_to = kDocuments;
        options.time_limit = limit;
        options.columns = &columns;
        const bw::MatchCount count = bw::count_matches(db, Xapian::Query("even"), options);
        EXPECT_EQ(count.total, 10000u);  // the term's frequency either way
        EXPECT_EQ(count.exact, limit == 0);
        std::size_t counted = 0;
        for (const auto& [value, n] : columns.value_counts(tally)) counted += n;
        if (limit == 0) {
            EXPECT_EQ(counted, 5000u);  // every multiple of 4 is even
        } else {
            EXPECT_LT(counted, 5000u);  // cut short at the first clock reading (4,096 postings)
        }
    }
}

}  // namespace
