#include "searcher/ranking.h"

#include <cstdlib>
#include <set>
#include <sstream>
#include <vector>

#include "core/errors.h"
#include "core/terms.h"

namespace bw {
namespace {

double number_of(const std::string& key, const std::string& value, double low, double high) {
    char* end = nullptr;
    double d = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || !(d >= low && d <= high)) {
        std::ostringstream message;
        message << "ranking: '" << key << "' must be a number from " << low << " to " << high << ", got '" << value
                << "'";
        throw UsageError(message.str());
    }
    return d;
}

}  // namespace

RankingProfile builtin_profile(const std::string& name) {
    RankingProfile p;
    p.name = name;
    if (name == "xapian") return p;  // Xapian's BM25Weight defaults
    // BM25 tuned on SciFact training queries (bench/eval): see README "Relevance" for the table.
    p.k1 = 1.2;
    p.b = 0.75;
    if (name == "bm25") return p;
    if (name == "default") {
        // Divergence from randomness (IneB2, c=1) scored best on both halves of the training
        // queries; the k1/b above apply when a spec sets model=bm25.
        p.model = "ineb2";
        p.c = 1.0;
        return p;
    }
    throw UsageError("unknown ranking profile '" + name + "' (known: default, bm25, xapian)");
}

RankingProfile parse_ranking(const std::string& spec) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(spec);
    while (std::getline(in, part, ',')) {
        if (!part.empty()) parts.push_back(part);
    }
    RankingProfile profile = builtin_profile("default");
    std::size_t first = 0;
    if (!parts.empty() && parts[0].find('=') == std::string::npos) {
        profile = builtin_profile(parts[0]);
        first = 1;
    }
    for (std::size_t i = first; i < parts.size(); ++i) {
        auto eq = parts[i].find('=');
        if (eq == std::string::npos) throw UsageError("ranking: expected key=value, got '" + parts[i] + "'");
        std::string key = parts[i].substr(0, eq), value = parts[i].substr(eq + 1);
        if (key == "model") {
            static const std::set<std::string> models = {"bm25", "bm25plus", "pl2", "pl2plus", "dph", "dlh",
                                                          "inl2", "ifb2", "ineb2", "bb2", "lm"};
            if (!models.count(value))
                throw UsageError("ranking: unknown model '" + value +
                                 "' (bm25, bm25plus, pl2, pl2plus, dph, dlh, inl2, ifb2, ineb2, bb2, lm)");
            profile.model = value;
        } else if (key == "k1") profile.k1 = number_of(key, value, 0, 10);
        else if (key == "b") profile.b = number_of(key, value, 0, 1);
        else if (key == "c") profile.c = number_of(key, value, 0.01, 100);
        else if (key == "delta") profile.delta = number_of(key, value, 0, 10);
        else if (key == "mu") profile.mu = number_of(key, value, 1, 100000);
        else if (key == "min_normlen") profile.min_normlen = number_of(key, value, 0, 1);
        else if (key == "stopwords") profile.drop_stopwords = number_of(key, value, 0, 1) != 0;
        else if (key == "prf_docs") profile.prf_docs = static_cast<unsigned>(number_of(key, value, 0, 100));
        else if (key == "prf_terms") profile.prf_terms = static_cast<unsigned>(number_of(key, value, 0, 200));
        else if (key == "prf_weight") profile.prf_weight = number_of(key, value, 0, 10);
        else if (key == "proximity") profile.proximity = number_of(key, value, 0, 10);
        else if (key == "window") profile.proximity_window = static_cast<unsigned>(number_of(key, value, 2, 100));
        else throw UsageError("ranking: unknown setting '" + key + "' (model, k1, b, min_normlen, c, delta, mu, stopwords, prf_docs, prf_terms, prf_weight, proximity, window)");
        profile.name = "custom";
    }
    return profile;
}

std::unique_ptr<Xapian::Weight> weighting_of(const RankingProfile& p) {
    // BM25: k2 = 0 and k3 = 1 as in Xapian's defaults: no document-length correction term, query
    // term frequency counted linearly.
    if (p.model == "bm25plus") return std::make_unique<Xapian::BM25PlusWeight>(p.k1, 0, 1, p.b, p.min_normlen, p.delta);
    if (p.model == "pl2") return std::make_unique<Xapian::PL2Weight>(p.c);
    if (p.model == "pl2plus") return std::make_unique<Xapian::PL2PlusWeight>(p.c, p.delta);
    if (p.model == "dph") return std::make_unique<Xapian::DPHWeight>();
    if (p.model == "dlh") return std::make_unique<Xapian::DLHWeight>();
    if (p.model == "inl2") return std::make_unique<Xapian::InL2Weight>(p.c);
    if (p.model == "ifb2") return std::make_unique<Xapian::IfB2Weight>(p.c);
    if (p.model == "ineb2") return std::make_unique<Xapian::IneB2Weight>(p.c);
    if (p.model == "bb2") return std::make_unique<Xapian::BB2Weight>(p.c);
    if (p.model == "lm")
        return std::make_unique<Xapian::LMWeight>(0.0, Xapian::Weight::DIRICHLET_SMOOTHING, p.mu, 0.0);
    return std::make_unique<Xapian::BM25Weight>(p.k1, 0, 1, p.b, p.min_normlen);
}

bool is_stopword(const std::string& w) {
    // A short list: articles, auxiliaries, prepositions, conjunctions and pronouns. Words with
    // meaning in markets ("up", "down", "over", "under") stay.
    static const std::set<std::string> words = {
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "do", "does", "for", "from",
        "had", "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "of",
        "on", "or", "our", "she", "so", "than", "that", "the", "their", "them", "then", "there", "these",
        "they", "this", "those", "to", "was", "we", "were", "what", "when", "which", "who", "why", "will",
        "with", "would", "you", "your"};
    return words.count(w) > 0;
}

namespace {

// Accepts unprefixed stemmed terms ("Zmemori"): the words of any text field, as they were indexed.
class BodyStemDecider : public Xapian::ExpandDecider {
public:
    bool operator()(const std::string& term) const override {
        return term.size() > 2 && term[0] == 'Z' && !(term[1] >= 'A' && term[1] <= 'Z');
    }
};

}  // namespace

// Pseudo-relevance feedback: the best terms of the top documents (Xapian's ESet, Robertson's
// selection value) re-rank the matches of `query` without adding any (OP_AND_MAYBE).
Xapian::Query expand_with_feedback(Xapian::Enquire& enquire, const Xapian::Query& query, const RankingProfile& profile) {
    Xapian::MSet top = enquire.get_mset(0, profile.prf_docs);
    if (top.empty()) return query;
    Xapian::RSet rset;
    for (auto it = top.begin(); it != top.end(); ++it) rset.add_document(*it);
    BodyStemDecider decider;
    Xapian::ESet eset = enquire.get_eset(profile.prf_terms, rset, &decider);
    if (eset.empty()) return query;
    const double best = eset.begin().get_weight();
    std::vector<Xapian::Query> expansion;
    for (auto it = eset.begin(); it != eset.end(); ++it) {
        if (best <= 0) break;
        expansion.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it), it.get_weight() / best);
    }
    Xapian::Query extra(Xapian::Query::OP_OR, expansion.begin(), expansion.end());
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, extra, profile.prf_weight));
}

// A bonus for documents where adjacent query words (stopwords skipped) occur within a window of
// each other, in any order: the sequential-dependence idea, on the unstemmed positional terms.
Xapian::Query add_proximity_bonus(const Xapian::Query& query, const std::vector<std::string>& words,
                                  const RankingProfile& profile) {
    std::vector<std::string> content;
    for (const auto& w : words) {
        if (!is_stopword(w)) content.push_back(make_term("", w));
    }
    std::vector<Xapian::Query> pairs;
    for (std::size_t i = 1; i < content.size(); ++i) {
        Xapian::Query pair[] = {Xapian::Query(content[i - 1]), Xapian::Query(content[i])};
        pairs.emplace_back(Xapian::Query::OP_NEAR, pair, pair + 2, profile.proximity_window);
    }
    if (pairs.empty()) return query;
    Xapian::Query bonus(Xapian::Query::OP_OR, pairs.begin(), pairs.end());
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, bonus, profile.proximity));
}

}  // namespace bw
