#include "indexer/document_builder.h"

#include "core/dates.h"
#include "core/multivalue.h"
#include "core/slots.h"
#include "core/terms.h"
#include "core/hashing.h"
#include "indexer/duplicate_key.h"
#include "indexer/entity_extractor.h"

namespace bw {
namespace {

std::string digits_only(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c >= '0' && c <= '9') out += c;
    }
    return out;
}

// The text of a "sources" value: each source's title, quotes and labels.
std::string sources_text(const nlohmann::json& sources) {
    std::string text;
    auto add = [&](const nlohmann::json& value) {
        if (!value.is_string()) return;
        if (!text.empty()) text += "\n";
        text += value.get<std::string>();
    };
    for (const auto& source : sources) {
        if (auto t = source.find("title"); t != source.end()) add(*t);
        if (auto q = source.find("quotes"); q != source.end()) {
            for (const auto& quote : *q) {
                if (auto qt = quote.find("text"); qt != quote.end()) add(*qt);
                if (auto ql = quote.find("label"); ql != quote.end()) add(*ql);
            }
        }
    }
    return text;
}

}  // namespace

void DocumentBuilder::index_text(Xapian::Document& doc, const FieldSpec& field, const std::string& text,
                                 Xapian::termpos& position) const {
    const Xapian::termcount wdf = field.weight;
    for (const Token& token : analyzer_.tokenize(text)) {
        ++position;
        const std::string& term = token.text;
        if (term.size() + field.prefix.size() + 2 > kMaxTermBytes) continue;  // junk: over Xapian's limit
        std::string stem = analyzer_.stem(term);
        if (field.default_search) {
            doc.add_posting(term, position, wdf);
            if (!stem.empty()) doc.add_term(stem_term("", stem), wdf);
        }
        if (!field.prefix.empty()) {
            doc.add_posting(field.prefix + term, position, wdf);
            if (!stem.empty()) doc.add_term(stem_term(field.prefix, stem), wdf);
        }
    }
    position += kFieldPositionGap;
}

Xapian::Document DocumentBuilder::build(const CanonicalRecord& record, const Schema& schema) const {
    Xapian::Document doc;
    doc.add_boolean_term(id_term(record.id));
    doc.add_boolean_term(std::string(kTypePrefix) + record.type);
    doc.add_value(kSlotType, record.type);
    doc.add_value(kSlotId, record.id);

    Xapian::termpos position = 0;
    nlohmann::json stored = record.to_json();
    for (const auto& field : schema.fields()) {
        auto it = record.fields.find(field.name);
        if (it == record.fields.end()) continue;
        const nlohmann::json& value = *it;
        switch (field.role) {
            case FieldRole::Text:
                if (field.shape == FieldShape::Sources) index_text(doc, field, sources_text(value), position);
                else if (value.is_string()) index_text(doc, field, value.get<std::string>(), position);
                break;
            case FieldRole::Keyword: {
                std::vector<std::string> values;
                for (const auto& v : value) {
                    values.push_back(v.get<std::string>());
                    doc.add_boolean_term(keyword_term(field, values.back()));
                }
                if (field.slot) doc.add_value(*field.slot, encode_values(values));
                break;
            }
            case FieldRole::Date: {
                auto ts = parse_date(value.get<std::string>());
                if (!ts) break;
                if (field.slot) doc.add_value(*field.slot, Xapian::sortable_serialise(static_cast<double>(ts->seconds)));
                if (field.slot == kSlotDate) {
                    doc.add_value(kSlotDateKey, sort_key(static_cast<double>(ts->seconds), record.id));
                    // The main date also feeds histograms and Omega-style D/M/Y filter terms.
                    std::string day = ts->day();
                    doc.add_value(kSlotDay, day);
                    std::string ymd = digits_only(day);
                    doc.add_boolean_term(std::string(kDayPrefix) + ymd);
                    doc.add_boolean_term(std::string(kMonthPrefix) + ymd.substr(0, 6));
                    doc.add_boolean_term(std::string(kYearPrefix) + ymd.substr(0, 4));
                }
                break;
            }
            case FieldRole::Number:
                if (field.slot && value.is_number()) doc.add_value(*field.slot, Xapian::sortable_serialise(value.get<double>()));
                if (field.slot == kSlotStrength && value.is_number())
                    doc.add_value(kSlotStrengthKey, sort_key(value.get<double>(), record.id));
                break;
            case FieldRole::Id:
            case FieldRole::Stored:
                break;
        }
        if (!field.stored) stored.erase(field.name);
    }
    add_entity_terms(doc, record, schema);
    add_link_terms(doc, record, schema);
    if (auto fingerprint = duplicate_fingerprint(record, schema)) {
        doc.add_value(kSlotDupKey, duplicate_key(record.type, fingerprint->simhash));
        if (fingerprint->near_matchable) {
            doc.add_value(kSlotSimHash, hex64(fingerprint->simhash));
            for (const auto& term : near_band_terms(fingerprint->simhash)) doc.add_boolean_term(term);
        }
    }
    doc.set_data(stored.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return doc;
}

}  // namespace bw
