// Ranking profiles: the weighting scheme (IneB2, BM25, ...), its parameters and query-side techniques (stopword handling,
// pseudo-relevance feedback) one search uses. "default" is tuned on SciFact's training queries
// (see README, "Relevance"); a schema may name another profile, and --ranking overrides both.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

namespace bw {

// What a ranking profile sets. Every field has a name in the spec syntax "k1=1.2,b=0.75,...".
struct RankingProfile {
    std::string name = "default";
    std::string model = "bm25";  // Xapian weighting scheme: bm25, bm25plus, pl2, pl2plus, dph, dlh, inl2, ifb2, ineb2, bb2, lm
    double k1 = 1.0;           // BM25 term frequency saturation
    double b = 0.5;            // BM25 document length normalisation
    double min_normlen = 0.5;  // BM25 floor of the normalised length
    double c = 1.0;            // DFR models (pl2, inl2, ...): term frequency normalisation
    double delta = 1.0;        // bm25plus / pl2plus: the lower bound added to a matching term's weight
    double mu = 2000;          // lm: Dirichlet smoothing
    bool drop_stopwords = false;  // leave common English function words out of scored OR queries
    unsigned prf_docs = 0;     // pseudo-relevance feedback: top documents assumed relevant (0 = off)
    unsigned prf_terms = 0;    // expansion terms taken from them
    double prf_weight = 0.0;   // weight of the expansion relative to the original query
    double proximity = 0.0;    // weight of the bonus for adjacent query words found near each other
    unsigned proximity_window = 8;  // "near": within this many words
};

// The built-in profiles: "default" (tuned: IneB2), "bm25" (BM25 tuned, k1=1.2 b=0.75), "xapian"
// (Xapian's own BM25 defaults, k1=1 b=0.5).
// Throws UsageError for an unknown name.
RankingProfile builtin_profile(const std::string& name);

// Parses a profile name, optionally followed by overrides: "default", "xapian,k1=1.4",
// "k1=1.2,b=0.75,prf_docs=10" (overrides apply to "default"). Throws UsageError naming the problem.
RankingProfile parse_ranking(const std::string& spec);

// The weighting scheme of a profile (all are Xapian's own classes, so a stock xapian-tcpsrv knows them).
std::unique_ptr<Xapian::Weight> weighting_of(const RankingProfile& profile);

// Pseudo-relevance feedback: the best terms of the profile's top documents for `query` (Xapian's
// ESet) re-rank its matches without adding any (OP_AND_MAYBE).
Xapian::Query expand_with_feedback(Xapian::Enquire& enquire, const Xapian::Query& query, const RankingProfile& profile);

// A bonus for documents where adjacent query `words` (unstemmed, stopwords skipped) occur within
// the profile's window of each other.
Xapian::Query add_proximity_bonus(const Xapian::Query& query, const std::vector<std::string>& words,
                                  const RankingProfile& profile);

// Whether a folded word is an English function word ("the", "of", "in", ...).
bool is_stopword(const std::string& folded_word);

}  // namespace bw
