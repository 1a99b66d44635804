#include "core/schema.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/embedded_data.h"
#include "core/errors.h"
#include "core/slots.h"
#include "core/terms.h"

namespace bw {
namespace {

using nlohmann::json;

// Slots the engine writes on every document for itself (a schema's fields may use the others).
bool is_internal_slot(Xapian::valueno slot) {
    switch (slot) {
        case kSlotDay: case kSlotType: case kSlotDupKey: case kSlotGeneration: case kSlotId:
        case kSlotDateKey: case kSlotStrengthKey: case kSlotSimHash: case kSlotCopyGroup: return true;
        default: return false;
    }
}

// Term prefixes the engine writes for itself.
bool is_internal_prefix(const std::string& prefix) {
    for (std::string_view internal : {kIdPrefix, kStemPrefix, kDayPrefix, kMonthPrefix, kYearPrefix, kTypePrefix,
                                      kStatedPrefix, kEntityPrefix, kTitleKeyPrefix, kCitesPrefix, kNearBandPrefix,
                                      kCopyKeyPrefix}) {
        if (prefix == internal) return true;
    }
    return false;
}

[[noreturn]] void fail(const std::string& origin, const std::string& where, const std::string& what) {
    throw SchemaError(origin + ": " + where + ": " + what);
}

std::optional<FieldRole> parse_role(const std::string& text) {
    if (text == "id") return FieldRole::Id;
    if (text == "text") return FieldRole::Text;
    if (text == "keyword") return FieldRole::Keyword;
    if (text == "date") return FieldRole::Date;
    if (text == "number") return FieldRole::Number;
    if (text == "stored") return FieldRole::Stored;
    return std::nullopt;
}

std::vector<std::string> string_list(const json& value, const std::string& origin, const std::string& where,
                                     const char* property) {
    if (!value.is_array()) fail(origin, where, std::string("property '") + property + "' must be an array of strings");
    std::vector<std::string> out;
    for (const auto& item : value) {
        if (!item.is_string() || item.get<std::string>().empty())
            fail(origin, where, std::string("property '") + property + "' must hold non-empty strings");
        out.push_back(item.get<std::string>());
    }
    return out;
}

bool valid_prefix(const std::string& prefix) {
    // Omega convention: one capital letter, or 'X' followed by capitals.
    if (prefix.empty()) return true;
    if (prefix.size() > 32) return false;
    return std::all_of(prefix.begin(), prefix.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

FieldSpec parse_field(const json& spec, const std::string& origin, std::size_t index) {
    std::string where = "fields[" + std::to_string(index) + "]";
    if (!spec.is_object()) fail(origin, where, "must be an object");
    static const std::set<std::string> known = {"name", "role", "keys", "query_names", "prefix", "weight",
                                                "default_search", "slot", "facet", "sortable", "shape",
                                                "case", "stored", "description"};
    for (const auto& [key, value] : spec.items()) {
        if (!known.count(key)) fail(origin, where, "unknown property '" + key + "'");
    }
    if (!spec.contains("name") || !spec["name"].is_string() || spec["name"].get<std::string>().empty())
        fail(origin, where, "property 'name' is required and must be a non-empty string");
    FieldSpec field;
    field.name = spec["name"].get<std::string>();
    where = "field '" + field.name + "'";
    for (char c : field.name) {
        if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
            fail(origin, where, "property 'name' may only hold a-z, 0-9 and '_'");
    }
    if (!spec.contains("role") || !spec["role"].is_string())
        fail(origin, where, "property 'role' is required (id, text, keyword, date, number, stored)");
    auto role = parse_role(spec["role"].get<std::string>());
    if (!role) fail(origin, where, "property 'role': unknown role '" + spec["role"].get<std::string>() +
                                       "' (expected id, text, keyword, date, number or stored)");
    field.role = *role;
    field.keys = spec.contains("keys") ? string_list(spec["keys"], origin, where, "keys")
                                       : std::vector<std::string>{field.name};
    if (field.keys.empty()) fail(origin, where, "property 'keys' must not be empty");
    if (spec.contains("query_names")) field.query_names = string_list(spec["query_names"], origin, where, "query_names");
    if (spec.contains("prefix")) {
        if (!spec["prefix"].is_string()) fail(origin, where, "property 'prefix' must be a string");
        field.prefix = spec["prefix"].get<std::string>();
        if (!valid_prefix(field.prefix))
            fail(origin, where, "property 'prefix': '" + field.prefix + "' must be capital letters A-Z (e.g. S, XTICKER)");
    }
    if (spec.contains("weight")) {
        if (!spec["weight"].is_number_unsigned() || spec["weight"].get<unsigned>() == 0 ||
            spec["weight"].get<unsigned>() > 100)
            fail(origin, where, "property 'weight' must be a whole number from 1 to 100");
        field.weight = spec["weight"].get<unsigned>();
    }
    auto read_bool = [&](const char* name, bool& target) {
        if (!spec.contains(name)) return;
        if (!spec[name].is_boolean()) fail(origin, where, std::string("property '") + name + "' must be true or false");
        target = spec[name].get<bool>();
    };
    read_bool("default_search", field.default_search);
    read_bool("facet", field.facet);
    read_bool("sortable", field.sortable);
    read_bool("stored", field.stored);
    if (spec.contains("slot")) {
        if (!spec["slot"].is_number_unsigned() || spec["slot"].get<unsigned>() > 1000)
            fail(origin, where, "property 'slot' must be a whole number from 0 to 1000");
        field.slot = spec["slot"].get<unsigned>();
    }
    if (spec.contains("shape")) {
        const auto& shape = spec["shape"];
        if (shape == "plain") field.shape = FieldShape::Plain;
        else if (shape == "sources") field.shape = FieldShape::Sources;
        else fail(origin, where, "property 'shape' must be \"plain\" or \"sources\"");
    }
    if (spec.contains("case")) {
        const auto& kcase = spec["case"];
        if (kcase == "fold") field.keyword_case = KeywordCase::Fold;
        else if (kcase == "upper") field.keyword_case = KeywordCase::Upper;
        else fail(origin, where, "property 'case' must be \"fold\" or \"upper\"");
    }

    // Role-specific requirements.
    switch (field.role) {
        case FieldRole::Text:
            if (field.prefix.empty() && !field.default_search)
                fail(origin, where, "a text field needs a 'prefix' or 'default_search': true");
            if (field.slot) fail(origin, where, "a text field has no value slot");
            break;
        case FieldRole::Keyword:
            if (field.prefix.empty()) fail(origin, where, "a keyword field needs a 'prefix'");
            if (field.facet && !field.slot) fail(origin, where, "a keyword facet needs a 'slot'");
            break;
        case FieldRole::Date:
        case FieldRole::Number:
            if (!field.slot) fail(origin, where, "a " + std::string(to_string(field.role)) + " field needs a 'slot'");
            break;
        case FieldRole::Id:
        case FieldRole::Stored:
            break;
    }
    if (field.shape == FieldShape::Sources && field.role != FieldRole::Text)
        fail(origin, where, "shape \"sources\" is only for text fields");
    return field;
}

}  // namespace

std::vector<std::string> FieldSpec::all_query_names() const {
    std::vector<std::string> names{name};
    for (const auto& alias : query_names) {
        if (std::find(names.begin(), names.end(), alias) == names.end()) names.push_back(alias);
    }
    return names;
}

Schema Schema::from_json(const json& doc, const std::string& origin) {
    if (!doc.is_object()) fail(origin, "top level", "a schema must be a JSON object");
    Schema schema;
    if (!doc.contains("type") || !doc["type"].is_string() || doc["type"].get<std::string>().empty())
        fail(origin, "top level", "property 'type' is required (e.g. \"article\")");
    schema.type_ = doc["type"].get<std::string>();
    for (char c : schema.type_) {
        if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
            fail(origin, "top level", "property 'type' may only hold a-z, 0-9 and '_'");
    }
    if (doc.contains("version")) {
        if (!doc["version"].is_number_integer() || doc["version"].get<long long>() < 0) fail(origin, "top level", "property 'version' must be a whole number");
        schema.version_ = doc["version"].get<int>();
    }
    if (doc.contains("ranking")) {
        if (!doc["ranking"].is_string()) fail(origin, "top level", "property 'ranking' must be a ranking profile spec string");
        schema.ranking_ = doc["ranking"].get<std::string>();
    }
    if (!doc.contains("fields") || !doc["fields"].is_array() || doc["fields"].empty())
        fail(origin, "top level", "property 'fields' is required and must be a non-empty array");
    std::set<std::string> names;
    std::map<Xapian::valueno, std::string> slots;
    std::map<std::string, std::string> prefixes;
    for (std::size_t i = 0; i < doc["fields"].size(); ++i) {
        FieldSpec field = parse_field(doc["fields"][i], origin, i);
        const std::string where = "field '" + field.name + "'";
        if (field.name == "type") fail(origin, where, "'type' is reserved (every document has a type)");
        if (!names.insert(field.name).second) fail(origin, where, "duplicate field name");
        if (field.slot) {
            auto [it, fresh] = slots.emplace(*field.slot, field.name);
            if (!fresh) fail(origin, where, "slot " + std::to_string(*field.slot) + " is already used by field '" + it->second + "'");
            if (is_internal_slot(*field.slot))
                fail(origin, where, "slot " + std::to_string(*field.slot) + " is reserved (see core/slots.h)");
        }
        if (!field.prefix.empty()) {
            if (is_internal_prefix(field.prefix)) fail(origin, where, "prefix '" + field.prefix + "' is reserved");
            auto [it, fresh] = prefixes.emplace(field.prefix, field.name);
            if (!fresh) fail(origin, where, "prefix '" + field.prefix + "' is already used by field '" + it->second + "'");
        }
        schema.fields_.push_back(std::move(field));
    }
    if (schema.first_with_role(FieldRole::Text) == nullptr)
        fail(origin, "top level", "a schema needs at least one text field");
    int ids = 0;
    for (const auto& f : schema.fields_) ids += f.role == FieldRole::Id;
    if (ids > 1) fail(origin, "top level", "a schema may have only one id field");
    return schema;
}

Schema Schema::from_text(std::string_view json_text, const std::string& origin) {
    json doc;
    try {
        doc = json::parse(json_text);
    } catch (const json::parse_error& e) {
        throw SchemaError(origin + ": invalid JSON: " + e.what());
    }
    return from_json(doc, origin);
}

Schema Schema::load_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw SchemaError(path.string() + ": cannot read the schema file");
    std::stringstream buffer;
    buffer << in.rdbuf();
    return from_text(buffer.str(), path.string());
}

Schema Schema::builtin(std::string_view type) {
    if (type == "article") return from_text(embedded::article_schema(), "schemas/article.json");
    if (type == "signal") return from_text(embedded::signal_schema(), "schemas/signal.json");
    throw UsageError("unknown document type '" + std::string(type) + "' (expected article or signal)");
}

const FieldSpec* Schema::field(std::string_view name) const {
    for (const auto& f : fields_) {
        if (f.name == name) return &f;
    }
    return nullptr;
}

const FieldSpec* Schema::first_with_role(FieldRole role) const {
    for (const auto& f : fields_) {
        if (f.role == role) return &f;
    }
    return nullptr;
}

json Schema::to_json() const {
    json doc;
    doc["type"] = type_;
    doc["version"] = version_;
    if (!ranking_.empty()) doc["ranking"] = ranking_;
    doc["fields"] = json::array();
    for (const auto& f : fields_) {
        json spec;
        spec["name"] = f.name;
        spec["role"] = std::string(to_string(f.role));
        spec["keys"] = f.keys;
        if (!f.query_names.empty()) spec["query_names"] = f.query_names;
        if (!f.prefix.empty()) spec["prefix"] = f.prefix;
        if (f.role == FieldRole::Text) {
            spec["weight"] = f.weight;
            spec["default_search"] = f.default_search;
        }
        if (f.slot) spec["slot"] = *f.slot;
        if (f.facet) spec["facet"] = true;
        if (f.sortable) spec["sortable"] = true;
        if (f.shape == FieldShape::Sources) spec["shape"] = "sources";
        if (f.keyword_case == KeywordCase::Upper) spec["case"] = "upper";
        if (!f.stored) spec["stored"] = false;
        doc["fields"].push_back(std::move(spec));
    }
    return doc;
}

SchemaSet SchemaSet::builtin() {
    SchemaSet set;
    set.add(Schema::builtin("article"));
    set.add(Schema::builtin("signal"));
    return set;
}

void SchemaSet::add(Schema schema) {
    std::string type = schema.type();
    schemas_.insert_or_assign(std::move(type), std::move(schema));
}

const Schema* SchemaSet::find(std::string_view type) const {
    auto it = schemas_.find(type);
    return it == schemas_.end() ? nullptr : &it->second;
}

const Schema& SchemaSet::get(std::string_view type) const {
    if (const Schema* s = find(type)) return *s;
    std::string known;
    for (const auto& [name, schema] : schemas_) known += (known.empty() ? "" : ", ") + name;
    throw UsageError("unknown document type '" + std::string(type) + "' (known: " + known + ")");
}

std::string_view to_string(FieldRole role) {
    switch (role) {
        case FieldRole::Id: return "id";
        case FieldRole::Text: return "text";
        case FieldRole::Keyword: return "keyword";
        case FieldRole::Date: return "date";
        case FieldRole::Number: return "number";
        case FieldRole::Stored: return "stored";
    }
    return "stored";
}

}  // namespace bw
