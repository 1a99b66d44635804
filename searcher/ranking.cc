#include "searcher/ranking.h"

#include <cstdlib>
#include <set>
#include <sstream>

#include "core/errors.h"

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
    if (name == "default") {
        // Tuned on SciFact training queries (bench/eval): see README "Relevance" for the table.
        p.k1 = 1.2;
        p.b = 0.75;
        return p;
    }
    throw UsageError("unknown ranking profile '" + name + "' (known: default, xapian)");
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
        if (key == "k1") profile.k1 = number_of(key, value, 0, 10);
        else if (key == "b") profile.b = number_of(key, value, 0, 1);
        else if (key == "min_normlen") profile.min_normlen = number_of(key, value, 0, 1);
        else if (key == "stopwords") profile.drop_stopwords = number_of(key, value, 0, 1) != 0;
        else if (key == "prf_docs") profile.prf_docs = static_cast<unsigned>(number_of(key, value, 0, 100));
        else if (key == "prf_terms") profile.prf_terms = static_cast<unsigned>(number_of(key, value, 0, 200));
        else if (key == "prf_weight") profile.prf_weight = number_of(key, value, 0, 10);
        else if (key == "proximity") profile.proximity = number_of(key, value, 0, 10);
        else if (key == "window") profile.proximity_window = static_cast<unsigned>(number_of(key, value, 2, 100));
        else throw UsageError("ranking: unknown setting '" + key + "' (k1, b, min_normlen, stopwords, prf_docs, prf_terms, prf_weight, proximity, window)");
        profile.name = "custom";
    }
    return profile;
}

Xapian::BM25Weight bm25_of(const RankingProfile& profile) {
    // k2 = 0 and k3 = 1 as in Xapian's defaults: no document-length correction term, query
    // term frequency counted linearly.
    return Xapian::BM25Weight(profile.k1, 0, 1, profile.b, profile.min_normlen);
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

}  // namespace bw
