// Relevance evaluation: TREC qrels and run files, and the measures research users judge an engine
// by (nDCG@k, Recall@k, MRR@k), computed the way trec_eval does for binary and graded judgments.
#pragma once

#include <istream>
#include <map>
#include <string>
#include <vector>

namespace bw {

// Judgments: query id -> document id -> relevance grade (0 = judged not relevant).
using Qrels = std::map<std::string, std::map<std::string, int>>;

// One ranked document of a run.
struct RunEntry {
    std::string doc;
    double score = 0;
    int rank = 0;
};

// A run: query id -> documents in ranked order (by score descending, then rank, then doc id, as
// trec_eval orders them).
using Run = std::map<std::string, std::vector<RunEntry>>;

// Parses "qid iter docid grade" lines; throws UsageError naming file:line on a malformed line.
Qrels read_qrels(std::istream& in, const std::string& origin);
// Parses "qid Q0 docid rank score tag" lines; throws UsageError naming file:line on a malformed line.
Run read_run(std::istream& in, const std::string& origin);

// Measures of one ranked list against the judgments of its query.
double ndcg_at(const std::vector<std::string>& ranked, const std::map<std::string, int>& judged, std::size_t k);
double recall_at(const std::vector<std::string>& ranked, const std::map<std::string, int>& judged, std::size_t k);
double reciprocal_rank_at(const std::vector<std::string>& ranked, const std::map<std::string, int>& judged,
                          std::size_t k);

// Mean measures of a run over the queries of the qrels that have at least one relevant document
// (a query the run did not answer counts as 0, as in trec_eval -c).
struct EvalSummary {
    std::size_t queries = 0;
    double ndcg10 = 0, recall100 = 0, mrr10 = 0;
};
EvalSummary evaluate(const Qrels& qrels, const Run& run);

}  // namespace bw
