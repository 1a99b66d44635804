#include "searcher/explain.h"

#include <cmath>
#include <map>

#include "core/terms.h"

namespace bw {
namespace {

double round4(double v) { return std::round(v * 10000.0) / 10000.0; }

Xapian::termcount wdf_in(const Xapian::Document& doc, const std::string& term) {
    Xapian::TermIterator it = doc.termlist_begin();
    it.skip_to(term);
    return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0;
}

// Splits a text term into (field prefix, word, stemmed?) using the schema's text prefixes;
// nullopt for boolean terms (ids, types, keywords, dates), which never score.
struct TextTerm {
    std::string prefix;
    std::string word;
    bool stemmed = false;
};

std::optional<TextTerm> classify(const std::string& term, const Schema* schema) {
    if (term.empty()) return std::nullopt;
    TextTerm out;
    if (term.rfind(kEntityPrefix, 0) == 0) {  // a company named by a bare query word
        out.prefix = std::string(kEntityPrefix);
        out.word = term.substr(kEntityPrefix.size());
        return out;
    }
    std::string rest = term;
    if (rest[0] == 'Z') {
        out.stemmed = true;
        rest = rest.substr(1);
    }
    unsigned char first = rest.empty() ? 0 : static_cast<unsigned char>(rest[0]);
    if (first && !(first >= 'A' && first <= 'Z')) {
        out.word = rest;
        return out;
    }
    if (!schema) return std::nullopt;
    for (const auto& field : schema->fields()) {
        if (field.role != FieldRole::Text || field.prefix.empty()) continue;
        if (rest.compare(0, field.prefix.size(), field.prefix) != 0) continue;
        std::string word = rest.substr(field.prefix.size());
        if (word.empty() || (word[0] >= 'A' && word[0] <= 'Z')) continue;
        out.prefix = field.prefix;
        out.word = word;
        return out;
    }
    return std::nullopt;
}

}  // namespace

nlohmann::ordered_json explain_score(const Xapian::Database& db, const Xapian::Enquire& enquire,
                                     const Xapian::Weight& weighting, const Xapian::MSetIterator& item, const Schema* schema, double score,
                                     std::optional<double> recency_factor) {
    using ojson = nlohmann::ordered_json;
    Xapian::Document doc = item.get_document();
    Xapian::docid did = *item;
    std::string id_filter;
    for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        std::string term = *t;
        if (term.size() > 1 && term[0] == 'Q') {
            id_filter = term;
            break;
        }
    }
    ojson terms = ojson::array();
    double relevance = item.get_weight();
    for (auto t = enquire.get_matching_terms_begin(item); t != enquire.get_matching_terms_end(item); ++t) {
        const std::string term = *t;
        auto text = classify(term, schema);
        if (!text) continue;
        // The term's weight for this document, alone (the schemes' weights are per-term sums).
        Xapian::Enquire single(db);
        single.set_weighting_scheme(weighting);
        single.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term), Xapian::Query(id_filter)));
        Xapian::MSet mset = single.get_mset(0, 1);
        double weight = 0;
        for (auto m = mset.begin(); m != mset.end(); ++m) {
            if (*m == did) weight = m.get_weight();
        }
        ojson fields = ojson::object();
        if (text->prefix == kEntityPrefix) {
            weight *= kEntityQueryWeight;
            fields["entities"] = round4(weight);
        } else if (schema && text->prefix.empty()) {
            // A general term: share it among the fields it occurs in.
            Xapian::termcount total = wdf_in(doc, term), prefixed_sum = 0;
            std::map<std::string, Xapian::termcount> per_field;
            for (const auto& field : schema->fields()) {
                if (field.role != FieldRole::Text || field.prefix.empty() || !field.default_search) continue;
                std::string field_term = text->stemmed ? stem_term(field.prefix, text->word) : field.prefix + text->word;
                Xapian::termcount wdf = wdf_in(doc, field_term);
                if (wdf) per_field[field.name] = wdf;
                prefixed_sum += wdf;
            }
            if (total > prefixed_sum) {
                for (const auto& field : schema->fields()) {
                    if (field.role == FieldRole::Text && field.prefix.empty()) per_field[field.name] += total - prefixed_sum;
                }
            }
            for (const auto& [name, wdf] : per_field) {
                fields[name] = round4(total ? weight * wdf / total : 0);
            }
        } else if (schema) {
            for (const auto& field : schema->fields()) {
                if (field.role == FieldRole::Text && field.prefix == text->prefix) fields[field.name] = round4(weight);
            }
        }
        terms.push_back({{"term", term}, {"weight", round4(weight)}, {"fields", fields}});
    }
    ojson out = {{"score", round4(score)}, {"relevance", round4(relevance)}};
    if (recency_factor) out["recency_factor"] = round4(*recency_factor);
    out["terms"] = std::move(terms);
    return out;
}

}  // namespace bw
