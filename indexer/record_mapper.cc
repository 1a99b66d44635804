#include "indexer/record_mapper.h"

#include <algorithm>
#include <cmath>

#include "core/analyzer.h"
#include "core/dates.h"
#include "core/errors.h"
#include "core/hashing.h"

namespace bw {
namespace {

using nlohmann::json;

std::string describe(const json& value) {
    switch (value.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return "a number";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        default: return "an unsupported value";
    }
}

[[noreturn]] void bad_field(const FieldSpec& field, const std::string& key, const std::string& expected,
                            const json& got) {
    std::string name = key == field.name ? "'" + key + "'" : "'" + key + "' (field '" + field.name + "')";
    throw RecordError("field " + name + ": expected " + expected + ", got " + describe(got));
}

std::string number_to_string(const json& value) {
    if (value.is_number_integer()) return std::to_string(value.get<long long>());
    if (value.is_number_unsigned()) return std::to_string(value.get<unsigned long long>());
    double d = value.get<double>();
    if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
    return value.dump();
}

// The first accepted key present with a non-null value.
const json* first_value(const json& raw, const FieldSpec& field, std::string& key_used) {
    for (const auto& key : field.keys) {
        auto it = raw.find(key);
        if (it != raw.end() && !it->is_null()) {
            key_used = key;
            return &*it;
        }
    }
    return nullptr;
}

std::string text_value(const json& value, const FieldSpec& field, const std::string& key) {
    if (value.is_string()) return clean_text(value.get<std::string>());
    if (value.is_array()) {
        std::string out;
        for (const auto& item : value) {
            if (!item.is_string()) bad_field(field, key, "a string or an array of strings", value);
            std::string part = clean_text(item.get<std::string>());
            if (part.empty()) continue;
            if (!out.empty()) out += "\n\n";
            out += part;
        }
        return out;
    }
    bad_field(field, key, "a string", value);
}

json sources_value(const json& value, const FieldSpec& field, const std::string& key) {
    json out = json::array();
    if (value.is_string()) {
        std::string title = clean_text(value.get<std::string>());
        if (!title.empty()) out.push_back({{"title", title}, {"quotes", json::array()}});
        return out;
    }
    if (!value.is_array()) bad_field(field, key, "an array of {title, quotes}", value);
    for (const auto& item : value) {
        if (item.is_string()) {
            std::string title = clean_text(item.get<std::string>());
            if (!title.empty()) out.push_back({{"title", title}, {"quotes", json::array()}});
            continue;
        }
        if (!item.is_object()) bad_field(field, key, "an array of {title, quotes}", value);
        json source = json::object();
        if (auto t = item.find("title"); t != item.end() && t->is_string()) source["title"] = clean_text(*t);
        if (auto u = item.find("url"); u != item.end() && u->is_string()) source["url"] = clean_text(*u);
        if (auto r = item.find("reasoning"); r != item.end() && r->is_string()) source["reasoning"] = clean_text(*r);
        json quotes = json::array();
        if (auto q = item.find("quotes"); q != item.end() && !q->is_null()) {
            if (!q->is_array()) bad_field(field, key + ".quotes", "an array", *q);
            for (const auto& quote : *q) {
                if (quote.is_string()) {
                    quotes.push_back({{"text", clean_text(quote)}});
                } else if (quote.is_object() && quote.contains("text") && quote["text"].is_string()) {
                    json entry = {{"text", clean_text(quote["text"])}};
                    if (quote.contains("label") && quote["label"].is_string()) entry["label"] = clean_text(quote["label"]);
                    quotes.push_back(std::move(entry));
                } else {
                    bad_field(field, key + ".quotes", "strings or {text, label} objects", quote);
                }
            }
        }
        source["quotes"] = std::move(quotes);
        out.push_back(std::move(source));
    }
    return out;
}

void add_keyword(const FieldSpec& field, std::string value, std::vector<std::string>& values,
                 std::vector<std::string>& keys_seen, CanonicalRecord& record) {
    value = clean_text(value);
    std::replace(value.begin(), value.end(), '\n', ' ');
    std::replace(value.begin(), value.end(), '\t', ' ');
    if (field.keyword_case == KeywordCase::Upper) {
        // Tickers: "$MU", "MU--" and "mu" are all MU.
        while (!value.empty() && value.front() == '$') value.erase(value.begin());
        while (value.size() > 2 && value.ends_with("--")) value.resize(value.size() - 2);
        value = Analyzer::upper(value);
    }
    if (value.empty()) return;
    if (value.size() > kMaxKeywordBytes) {
        record.warnings.push_back("field '" + field.name + "': a value longer than " +
                                  std::to_string(kMaxKeywordBytes) + " bytes was dropped");
        return;
    }
    std::string key = Analyzer::fold(value);
    if (std::find(keys_seen.begin(), keys_seen.end(), key) != keys_seen.end()) return;
    if (values.size() >= kMaxKeywordValues) {
        if (values.size() == kMaxKeywordValues) {
            record.warnings.push_back("field '" + field.name + "': more than " + std::to_string(kMaxKeywordValues) +
                                      " values; the rest were dropped");
            values.push_back({});  // marker so the warning is given once; removed below
        }
        return;
    }
    keys_seen.push_back(std::move(key));
    values.push_back(std::move(value));
}

json keyword_values(const json& raw, const FieldSpec& field, CanonicalRecord& record) {
    std::vector<std::string> values;
    std::vector<std::string> keys_seen;
    for (const auto& key : field.keys) {  // union over every accepted key
        auto it = raw.find(key);
        if (it == raw.end() || it->is_null()) continue;
        const json& value = *it;
        if (value.is_string()) {
            add_keyword(field, value.get<std::string>(), values, keys_seen, record);
        } else if (value.is_array()) {
            for (const auto& item : value) {
                if (item.is_string()) add_keyword(field, item.get<std::string>(), values, keys_seen, record);
                else if (item.is_null()) continue;
                else bad_field(field, key, "an array of strings", value);
            }
        } else {
            bad_field(field, key, "a string or an array of strings", value);
        }
    }
    if (values.size() > kMaxKeywordValues) values.resize(kMaxKeywordValues);
    return values;
}

std::optional<std::string> date_value(const json& value, const FieldSpec& field, const std::string& key,
                                      CanonicalRecord& record) {
    if (value.is_string()) {
        std::string text = value.get<std::string>();
        if (auto ts = parse_date(text)) return ts->iso();
        std::string shown = text.size() > 60 ? text.substr(0, 60) + "..." : text;
        record.warnings.push_back("field '" + key + "': cannot parse date '" + clean_text(shown) +
                                  "'; indexed without a date");
        return std::nullopt;
    }
    if (value.is_number()) {
        double seconds = value.get<double>();
        if (std::fabs(seconds) > 1e11) seconds /= 1000.0;  // milliseconds since the epoch
        if (seconds > -62135596800.0 && seconds < 253402300800.0) {
            return Timestamp{static_cast<std::int64_t>(std::floor(seconds))}.iso();
        }
        record.warnings.push_back("field '" + key + "': timestamp out of range; indexed without a date");
        return std::nullopt;
    }
    bad_field(field, key, "a date string", value);
}

std::optional<double> number_value(const json& value, const FieldSpec& field, const std::string& key,
                                   CanonicalRecord& record) {
    if (value.is_number()) {
        double d = value.get<double>();
        if (std::isfinite(d)) return d;
    } else if (value.is_string()) {
        const std::string text = value.get<std::string>();
        try {
            std::size_t used = 0;
            double d = std::stod(text, &used);
            if (used == text.size() && std::isfinite(d)) return d;
        } catch (const std::exception&) {
        }
        record.warnings.push_back("field '" + key + "': '" + clean_text(text.substr(0, 40)) +
                                  "' is not a number; ignored");
        return std::nullopt;
    } else {
        bad_field(field, key, "a number", value);
    }
    record.warnings.push_back("field '" + key + "': not a finite number; ignored");
    return std::nullopt;
}

std::string derive_id(const CanonicalRecord& record) {
    if (auto url = record.fields.find("url"); url != record.fields.end() && url->is_string() && !url->get<std::string>().empty()) {
        return record.type + "-" + hex64(fnv1a64("url\n" + url->get<std::string>()));
    }
    auto get = [&](const char* name) {
        auto it = record.fields.find(name);
        return it != record.fields.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    // Built by appending: GCC 12 reports a false -Wrestrict overlap for `"\n" + std::string`.
    const std::string title = get("title");
    std::string basis = record.type;
    basis.append("\n").append(title).append("\n").append(get("date"));
    if (title.empty()) basis.append("\n").append(record.fields.dump());  // untitled: the whole content
    std::string id = record.type;
    return id.append("-").append(hex64(fnv1a64(basis)));
}

}  // namespace

json CanonicalRecord::to_json() const {
    json out = fields;
    out["type"] = type;
    out["id"] = id;
    if (!entities.is_null()) out["entities"] = entities;
    return out;
}

std::string clean_text(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') continue;
            out += '\n';
        } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
            out += ' ';
        } else if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
            out += ' ';  // C1 control characters
            ++i;
        } else {
            out += static_cast<char>(c);
        }
    }
    std::size_t begin = out.find_first_not_of(" \t\n");
    if (begin == std::string::npos) return {};
    std::size_t end = out.find_last_not_of(" \t\n");
    return out.substr(begin, end - begin + 1);
}

RecordMapper::RecordMapper(const SchemaSet& schemas, std::string default_type, bool extract_entities)
    : schemas_(schemas), default_type_(std::move(default_type)), extract_entities_(extract_entities) {}

CanonicalRecord RecordMapper::map(const json& raw) const {
    if (!raw.is_object()) throw RecordError("a record must be a JSON object, got " + describe(raw));
    CanonicalRecord record;
    record.type = default_type_;
    if (auto t = raw.find("type"); t != raw.end() && !t->is_null()) {
        if (!t->is_string()) throw RecordError("field 'type': expected a string, got " + describe(*t));
        record.type = Analyzer::fold(clean_text(t->get<std::string>()));
    }
    const Schema* schema = schemas_.find(record.type);
    if (!schema) {
        std::string known;
        for (const auto& [name, s] : schemas_.all()) known += (known.empty() ? "" : ", ") + name;
        throw RecordError("unknown type '" + record.type.substr(0, 40) + "' (known: " + known + ")");
    }

    bool has_text = false;
    for (const auto& field : schema->fields()) {
        std::string key;
        switch (field.role) {
            case FieldRole::Id: {
                const json* value = first_value(raw, field, key);
                if (!value) break;
                if (value->is_string()) record.id = clean_text(value->get<std::string>());
                else if (value->is_number()) record.id = number_to_string(*value);
                else bad_field(field, key, "a string or a number", *value);
                break;
            }
            case FieldRole::Text: {
                const json* value = first_value(raw, field, key);
                if (!value) break;
                if (field.shape == FieldShape::Sources) {
                    json sources = sources_value(*value, field, key);
                    if (!sources.empty()) {
                        record.fields[field.name] = std::move(sources);
                        has_text = true;
                    }
                } else {
                    std::string text = text_value(*value, field, key);
                    if (text.size() > kMaxTextBytes) {
                        record.warnings.push_back("field '" + key + "': " + std::to_string(text.size() >> 20) +
                                                  " MiB of text; truncated to the first " +
                                                  std::to_string(kMaxTextBytes >> 20) + " MiB");
                        std::size_t cut = kMaxTextBytes;
                        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
                        text.resize(cut);
                    }
                    if (!text.empty()) {
                        record.fields[field.name] = std::move(text);
                        has_text = true;
                    }
                }
                break;
            }
            case FieldRole::Keyword: {
                json values = keyword_values(raw, field, record);
                if (!values.empty()) record.fields[field.name] = std::move(values);
                break;
            }
            case FieldRole::Date: {
                const json* value = first_value(raw, field, key);
                if (!value) break;
                if (auto iso = date_value(*value, field, key, record)) record.fields[field.name] = *iso;
                break;
            }
            case FieldRole::Number: {
                const json* value = first_value(raw, field, key);
                if (!value) break;
                if (auto number = number_value(*value, field, key, record)) {
                    double d = *number;
                    if (std::floor(d) == d && std::fabs(d) < 1e15) record.fields[field.name] = static_cast<long long>(d);
                    else record.fields[field.name] = d;
                }
                break;
            }
            case FieldRole::Stored: {
                const json* value = first_value(raw, field, key);
                if (!value) break;
                if (value->is_string()) {
                    std::string text = clean_text(value->get<std::string>());
                    if (!text.empty()) record.fields[field.name] = std::move(text);
                } else if (value->is_number()) {
                    record.fields[field.name] = number_to_string(*value);
                } else {
                    bad_field(field, key, "a string", *value);
                }
                break;
            }
        }
    }
    if (!has_text) {
        // A record with its own id and some metadata (a date, tickers, topics...) is kept: real archives
        // carry such stubs (Reuters has one) and dropping them would lose the id.  Anything less is an error.
        if (record.id.empty() || record.fields.empty()) {
            throw RecordError("the record has no text (no title, body or other text field)");
        }
        record.warnings.push_back("the record has no text; indexed by its id and metadata only");
    }
    if (record.id.empty()) record.id = derive_id(record);  // before extraction: ids stay what they were
    if (extract_entities_) extractor_.extract(record, *schema);
    return record;
}

}  // namespace bw
