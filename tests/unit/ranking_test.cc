// Ranking profile specs ("default", "bm25,k1=2", "model=pl2,c=4") -> the profile and the Xapian
// weighting scheme a search uses, and the errors for bad specs.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/errors.h"
#include "searcher/ranking.h"

namespace bw {
namespace {

struct SpecCase {
    std::string spec;
    std::string weight_name;  // Xapian::Weight::name() of the scheme
    double k1, b, c;
    bool stopwords;
};

class RankingSpecTest : public ::testing::TestWithParam<SpecCase> {};

TEST_P(RankingSpecTest, GivesTheProfileAndScheme) {
    const SpecCase& t = GetParam();
    RankingProfile p = parse_ranking(t.spec);
    EXPECT_DOUBLE_EQ(p.k1, t.k1);
    EXPECT_DOUBLE_EQ(p.b, t.b);
    EXPECT_DOUBLE_EQ(p.c, t.c);
    EXPECT_EQ(p.drop_stopwords, t.stopwords);
    EXPECT_EQ(weighting_of(p)->name(), t.weight_name);
}

INSTANTIATE_TEST_SUITE_P(Table, RankingSpecTest, ::testing::Values(
    SpecCase{"", "Xapian::IneB2Weight", 1.2, 0.75, 1.0, false},
    SpecCase{"default", "Xapian::IneB2Weight", 1.2, 0.75, 1.0, false},
    SpecCase{"default,c=2", "Xapian::IneB2Weight", 1.2, 0.75, 2.0, false},
    SpecCase{"bm25", "Xapian::BM25Weight", 1.2, 0.75, 1.0, false},
    SpecCase{"xapian", "Xapian::BM25Weight", 1.0, 0.5, 1.0, false},
    SpecCase{"xapian,stopwords=1", "Xapian::BM25Weight", 1.0, 0.5, 1.0, true},
    SpecCase{"model=bm25,k1=2", "Xapian::BM25Weight", 2.0, 0.75, 1.0, false},
    SpecCase{"default,model=bm25plus", "Xapian::BM25PlusWeight", 1.2, 0.75, 1.0, false},
    SpecCase{"model=pl2,c=4", "Xapian::PL2Weight", 1.2, 0.75, 4.0, false},
    SpecCase{"model=pl2plus", "Xapian::PL2PlusWeight", 1.2, 0.75, 1.0, false},
    SpecCase{"model=dph", "Xapian::DPHWeight", 1.2, 0.75, 1.0, false},
    SpecCase{"model=dlh", "Xapian::DLHWeight", 1.2, 0.75, 1.0, false},
    SpecCase{"model=inl2", "Xapian::InL2Weight", 1.2, 0.75, 1.0, false},
    SpecCase{"model=ifb2", "Xapian::IfB2Weight", 1.2, 0.75, 1.0, false},
    SpecCase{"model=bb2", "Xapian::BB2Weight", 1.2, 0.75, 1.0, false},
    SpecCase{"model=lm,mu=500", "Xapian::LMWeight", 1.2, 0.75, 1.0, false}));

struct BadSpecCase {
    std::string spec;
    std::string message_part;
};

class BadRankingSpecTest : public ::testing::TestWithParam<BadSpecCase> {};

TEST_P(BadRankingSpecTest, IsRejectedWithAClearMessage) {
    const BadSpecCase& t = GetParam();
    try {
        parse_ranking(t.spec);
        FAIL() << "accepted: " << t.spec;
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find(t.message_part), std::string::npos) << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(Table, BadRankingSpecTest, ::testing::Values(
    BadSpecCase{"okapi", "unknown ranking profile 'okapi'"},
    BadSpecCase{"model=tfidf2", "unknown model 'tfidf2'"},
    BadSpecCase{"default,k1", "expected key=value"},
    BadSpecCase{"b=2", "'b' must be a number from 0 to 1"},
    BadSpecCase{"c=0", "'c' must be a number from 0.01 to 100"},
    BadSpecCase{"default,colour=1", "unknown setting 'colour'"}));

}  // namespace
}  // namespace bw
