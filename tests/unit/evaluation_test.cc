// Relevance measures checked against cases computed by hand (see the comments for the arithmetic).
#include <sstream>

#include <gtest/gtest.h>

#include "core/errors.h"
#include "research/evaluation.h"

namespace {

struct MeasureCase {
    const char* name;
    std::vector<std::string> ranked;
    std::map<std::string, int> judged;
    double ndcg10, recall100, rr10;
};

TEST(Evaluation, MeasuresMatchHandComputedValues) {
    const std::vector<MeasureCase> cases = {
        // One relevant at rank 2: DCG = 1/log2(3) = 0.63093, IDCG = 1.
        {"second", {"a", "b", "c"}, {{"b", 1}}, 0.630930, 1.0, 0.5},
        // Relevant at 1 and 4 of 3: DCG = 1 + 1/log2(5) = 1.43068; IDCG = 1 + 1/log2(3) + 1/2 = 2.13093.
        {"two of three", {"a", "b", "c", "d"}, {{"a", 1}, {"d", 1}, {"e", 1}}, 0.671390, 2.0 / 3.0, 1.0},
        // Graded: gains 2^g - 1. DCG = 1 + 3/log2(3) = 2.89279; IDCG = 3 + 1/log2(3) = 3.63093.
        {"graded", {"x", "y"}, {{"x", 1}, {"y", 2}}, 0.796709, 1.0, 1.0},
        // Judged non-relevant documents gain nothing.
        {"judged zero", {"n", "r"}, {{"n", 0}, {"r", 1}}, 0.630930, 1.0, 0.5},
        // Nothing found.
        {"miss", {"a", "b"}, {{"z", 1}}, 0.0, 0.0, 0.0},
        // Rank 11 is outside @10 but inside @100.
        {"rank 11", {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "r"}, {{"r", 1}}, 0.0, 1.0, 0.0},
        {"empty run", {}, {{"r", 1}}, 0.0, 0.0, 0.0},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        EXPECT_NEAR(bw::ndcg_at(c.ranked, c.judged, 10), c.ndcg10, 1e-5);
        EXPECT_NEAR(bw::recall_at(c.ranked, c.judged, 100), c.recall100, 1e-5);
        EXPECT_NEAR(bw::reciprocal_rank_at(c.ranked, c.judged, 10), c.rr10, 1e-5);
    }
}

TEST(Evaluation, RunsAreOrderedByScoreAndMissingQueriesCountZero) {
    std::istringstream qrels_text("1 0 d1 1\n1 0 d9 0\n2 0 d5 1\n3 0 d7 0\n");
    std::istringstream run_text(
        // Listed out of order: by score d1 (3.0) comes first, the file's rank column notwithstanding.
        "1 Q0 d2 1 2.0 t\n1 Q0 d1 2 3.0 t\n\n");
    bw::Qrels qrels = bw::read_qrels(qrels_text, "qrels");
    bw::Run run = bw::read_run(run_text, "run");
    ASSERT_EQ(run["1"].front().doc, "d1");
    bw::EvalSummary s = bw::evaluate(qrels, run);
    EXPECT_EQ(s.queries, 2u);  // query 3 has no relevant document; query 2 was not answered
    EXPECT_NEAR(s.ndcg10, 0.5, 1e-9);
    EXPECT_NEAR(s.recall100, 0.5, 1e-9);
    EXPECT_NEAR(s.mrr10, 0.5, 1e-9);
}

TEST(Evaluation, MalformedLinesNameFileAndLine) {
    std::istringstream bad_run("1 Q0 d1 1 2.0 t\n1 Q0 d2 x\n");
    try {
        bw::read_run(bad_run, "run.trec");
        FAIL() << "no error";
    } catch (const bw::UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("run.trec:2: error:"), std::string::npos) << e.what();
    }
    std::istringstream bad_qrels("q1 0 d1\n");
    EXPECT_THROW(bw::read_qrels(bad_qrels, "qrels"), bw::UsageError);
}

}  // namespace
