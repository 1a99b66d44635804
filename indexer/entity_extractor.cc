#include "indexer/entity_extractor.h"

#include <algorithm>
#include <map>

#include "core/analyzer.h"
#include "core/terms.h"

namespace bw {
namespace {

using nlohmann::json;

const FieldSpec* keyword_field(const Schema& schema, std::string_view prefix) {
    for (const auto& field : schema.fields()) {
        if (field.role == FieldRole::Keyword && field.prefix == prefix) return &field;
    }
    return nullptr;
}

std::vector<std::string> strings_of(const json& fields, const FieldSpec* field) {
    std::vector<std::string> out;
    if (!field) return out;
    auto it = fields.find(field->name);
    if (it == fields.end()) return out;
    if (it->is_string()) out.push_back(it->get<std::string>());
    if (it->is_array()) {
        for (const auto& v : *it) {
            if (v.is_string()) out.push_back(v.get<std::string>());
        }
    }
    return out;
}

// The text of every text field, one after the other (sources: titles, quotes and labels).
std::string record_text(const CanonicalRecord& record, const Schema& schema) {
    std::string text;
    auto add = [&](const json& value) {
        if (!value.is_string() || text.size() >= kMaxEntityTextBytes) return;
        if (!text.empty()) text += "\n\n";
        text += value.get<std::string>();
    };
    for (const auto& field : schema.fields()) {
        if (field.role != FieldRole::Text) continue;
        auto it = record.fields.find(field.name);
        if (it == record.fields.end()) continue;
        if (it->is_string()) {
            add(*it);
        } else if (it->is_array()) {
            for (const auto& source : *it) {
                if (!source.is_object()) continue;
                if (auto t = source.find("title"); t != source.end()) add(*t);
                if (auto q = source.find("quotes"); q != source.end() && q->is_array()) {
                    for (const auto& quote : *q) {
                        if (!quote.is_object()) continue;
                        if (auto qt = quote.find("text"); qt != quote.end()) add(*qt);
                        if (auto ql = quote.find("label"); ql != quote.end()) add(*ql);
                    }
                }
            }
        }
    }
    if (text.size() > kMaxEntityTextBytes) text.resize(kMaxEntityTextBytes);  // may cut a character: harmless
    return text;
}

// Tickers and actors of one side (fields or text), de-duplicated: tickers by ticker_key, actors by
// registry entity (or folded name).
struct Side {
    std::vector<std::string> tickers, actors;
    std::vector<std::string> ticker_keys, actor_keys;

    void add_ticker(const std::string& ticker) {
        std::string key = ticker_key(ticker);
        if (key.empty() || tickers.size() >= kMaxEntitiesPerSide) return;
        if (std::find(ticker_keys.begin(), ticker_keys.end(), key) != ticker_keys.end()) return;
        ticker_keys.push_back(key);
        tickers.push_back(Analyzer::upper(ticker));
    }
    void add_actor(const std::string& actor, const Entity* entity) {
        std::string key = entity ? "=" + entity->name : Analyzer::fold(actor);
        if (actor.empty() || actors.size() >= kMaxEntitiesPerSide) return;
        if (std::find(actor_keys.begin(), actor_keys.end(), key) != actor_keys.end()) return;
        actor_keys.push_back(key);
        actors.push_back(entity ? entity->name : actor);
    }
    // A company adds its actor name and, when listed, its primary ticker.
    void add_entity(const Entity& entity) {
        add_actor(entity.name, &entity);
        if (!entity.tickers.empty()) add_ticker(entity.tickers.front());
    }
    json to_json() const { return {{"tickers", tickers}, {"actors", actors}}; }
    bool empty() const { return tickers.empty() && actors.empty(); }
};

}  // namespace

void EntityExtractor::extract(CanonicalRecord& record, const Schema& schema) const {
    const FieldSpec* ticker_field = keyword_field(schema, "XTICKER");
    const FieldSpec* actor_field = keyword_field(schema, "XACTOR");
    if (!ticker_field && !actor_field) return;
    const EntityRegistry& registry = matcher_.registry();

    const std::vector<std::string> field_tickers = strings_of(record.fields, ticker_field);
    const std::vector<std::string> field_actors = strings_of(record.fields, actor_field);

    Side stated;
    for (const auto& ticker : field_tickers) {
        stated.add_ticker(ticker);
        if (const Entity* entity = registry.find_by_ticker(ticker)) stated.add_actor(entity->name, entity);
    }
    for (const auto& actor : field_actors) {
        const Entity* entity = registry.find_by_name(actor);
        if (entity) stated.add_entity(*entity);
        else stated.add_actor(actor, nullptr);
    }

    Side found;
    const std::string text = record_text(record, schema);
    if (!text.empty()) {
        const std::vector<WordSpan> words = split_words(text);
        for (const NameMention& m : matcher_.find_names(text, words)) found.add_entity(*m.entity);
        for (const TickerMention& t : matcher_.find_tickers(text, words)) {
            found.add_ticker(t.ticker);
            // Reuters-style <XX> brackets come from archives decades old, and a ticker may have changed
            // hands since (<MA> was May Department Stores in 1987; MA is Mastercard in today's
            // listings): a bracket ticker adds its company as an actor only when the text names the
            // company too, and then find_names has added it already.
            if (t.form == TickerForm::Bracket) continue;
            if (const Entity* entity = registry.find_by_ticker(t.ticker)) found.add_actor(entity->name, entity);
        }
    }
    if (stated.empty() && found.empty()) return;

    // The union goes into the fields: field values as written, then what was added.
    if (ticker_field) {
        Side all;
        for (const auto& t : field_tickers) all.add_ticker(t);
        for (const auto& t : stated.tickers) all.add_ticker(t);
        for (const auto& t : found.tickers) all.add_ticker(t);
        std::vector<std::string> values = field_tickers;
        for (std::size_t i = field_tickers.size(); i < all.tickers.size(); ++i) values.push_back(all.tickers[i]);
        if (!values.empty()) record.fields[ticker_field->name] = values;
    }
    if (actor_field) {
        Side all;
        std::vector<std::string> values = field_actors;
        for (const auto& a : field_actors) all.add_actor(a, registry.find_by_name(a));
        const std::size_t before = all.actors.size();
        for (const auto& a : stated.actors) all.add_actor(a, registry.find_by_name(a));
        for (const auto& a : found.actors) all.add_actor(a, registry.find_by_name(a));
        for (std::size_t i = before; i < all.actors.size(); ++i) values.push_back(all.actors[i]);
        if (!values.empty()) record.fields[actor_field->name] = values;
    }
    record.entities = {{"fields", stated.to_json()}, {"text", found.to_json()}};
}

void add_entity_terms(Xapian::Document& doc, const CanonicalRecord& record, const Schema& schema) {
    if (!record.entities.is_object()) return;
    const EntityRegistry& registry = EntityRegistry::builtin();
    const FieldSpec* actor_field = keyword_field(schema, "XACTOR");
    std::map<std::string, Xapian::termcount> entity_wdf;

    auto each = [&](const char* side, const char* kind, auto&& fn) {
        auto s = record.entities.find(side);
        if (s == record.entities.end() || !s->is_object()) return;
        auto list = s->find(kind);
        if (list == s->end() || !list->is_array()) return;
        for (const auto& v : *list) {
            if (v.is_string()) fn(v.get<std::string>());
        }
    };
    for (const char* side : {"fields", "text"}) {
        const bool is_stated = std::string_view(side) == "fields";
        const Xapian::termcount wdf = is_stated ? 2 : 1;
        each(side, "tickers", [&](const std::string& ticker) {
            const Entity* entity = registry.find_by_ticker(ticker);
            std::string key = entity ? entity_key(*entity) : ticker_key(ticker);
            if (is_stated) doc.add_boolean_term(make_term(kStatedPrefix, ticker_key(ticker)));
            entity_wdf[key] |= wdf;
        });
        each(side, "actors", [&](const std::string& actor) {
            const Entity* entity = registry.find_by_name(actor);
            std::string key = entity ? entity_key(*entity) : Analyzer::fold(actor);
            if (is_stated) {
                doc.add_boolean_term(make_term(kStatedPrefix, Analyzer::fold(actor)));
                if (entity) {
                    doc.add_boolean_term(make_term(kStatedPrefix, Analyzer::fold(entity->name)));
                    for (const auto& t : entity->tickers) doc.add_boolean_term(make_term(kStatedPrefix, ticker_key(t)));
                }
            }
            entity_wdf[key] |= wdf;
        });
    }
    // Actors written under another name ("Micron Technology", "Alphabet") also get the canonical term.
    if (actor_field) {
        for (const auto& actor : strings_of(record.fields, actor_field)) {
            if (const Entity* entity = registry.find_by_name(actor))
                doc.add_boolean_term(keyword_term(*actor_field, entity->name));
        }
    }
    for (const auto& [key, wdf] : entity_wdf) {
        if (!key.empty()) doc.add_term(make_term(kEntityPrefix, key), wdf);
    }
}

}  // namespace bw
