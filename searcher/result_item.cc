// Turns a matched Xapian document into the ResultItem of a response: its stored fields and the
// best snippet among its text fields.
#include "searcher/result_item.h"

#include <optional>
#include <set>

#include "core/analyzer.h"
#include "core/slots.h"

namespace bw {
namespace {

std::optional<std::string> string_field(const nlohmann::json& data, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        auto it = data.find(name);
        if (it == data.end()) continue;
        if (it->is_string()) return it->get<std::string>();
        // Keyword fields are stored as lists; a single-valued view shows the first one.
        if (it->is_array() && !it->empty() && it->front().is_string()) return it->front().get<std::string>();
    }
    return std::nullopt;
}

std::vector<std::string> list_field(const nlohmann::json& data, std::initializer_list<const char*> names) {
    std::vector<std::string> out;
    for (const char* name : names) {
        auto it = data.find(name);
        if (it == data.end() || !it->is_array()) continue;
        for (const auto& v : *it) {
            if (v.is_string()) out.push_back(v.get<std::string>());
        }
    }
    return out;
}

// How many different words (case-folded) a snippet marks.
std::size_t distinct_marks(const Snippet& snippet) {
    std::set<std::string> words;
    for (const auto& [begin, end] : snippet.marks) words.insert(Analyzer::fold(snippet.text.substr(begin, end - begin)));
    return words.size();
}

// Text a snippet can be cut from, for one text field of a record.
std::string field_text(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    std::string text;
    if (!value.is_array()) return text;
    for (const auto& source : value) {  // "sources": quotes first, they are what the reader wants
        if (auto q = source.find("quotes"); q != source.end() && q->is_array()) {
            for (const auto& quote : *q) {
                if (auto l = quote.find("label"); l != quote.end() && l->is_string() && !l->get<std::string>().empty()) {
                    text += l->get<std::string>() + ": ";
                }
                if (auto t = quote.find("text"); t != quote.end() && t->is_string()) text += "“" + t->get<std::string>() + "” ";
            }
        }
        if (auto t = source.find("title"); t != source.end() && t->is_string()) text += t->get<std::string>() + ". ";
    }
    return text;
}

}  // namespace

ResultItem build_result_item(const Xapian::Document& doc, double score, std::size_t rank, const SchemaSet& schemas,
                             const SnippetMaker& snippets, std::size_t snippet_length, const ResultFields& fields) {
    using F = ResultField;
    ResultItem item;
    item.score = score;
    item.rank = rank;
    nlohmann::json data = nlohmann::json::parse(doc.get_data(), nullptr, false);
    if (data.is_discarded() || !data.is_object()) data = nlohmann::json::object();
    item.id = string_field(data, {"id"}).value_or("");
    // The type picks the schema for the snippet, even when it is not shown. The slot is read only
    // when the record has none: a value read is a B-tree lookup.
    std::string type = string_field(data, {"type"}).value_or("");
    if (type.empty()) type = doc.get_value(kSlotType);
    if (fields.has(F::Type)) item.type = type;
    if (fields.has(F::Title)) item.title = string_field(data, {"title"});
    if (fields.has(F::Date)) item.date = string_field(data, {"date"});
    if (fields.has(F::Source)) item.source = string_field(data, {"source", "publisher"});
    if (fields.has(F::Url)) item.url = string_field(data, {"url"});
    if (fields.has(F::Tickers)) item.tickers = list_field(data, {"tickers"});
    if (fields.has(F::Actors)) item.actors = list_field(data, {"actors"});
    if (fields.has(F::Topics)) item.topics = list_field(data, {"topics", "categories"});
    if (fields.has(F::Strength)) {
        if (auto s = data.find("strength"); s != data.end() && s->is_number()) item.strength = s->get<double>();
    }

    // Snippet: from the non-title text field whose best passage holds the most distinct matched
    // words; ties go to the longer field (prose such as the body beats a short keyword line).
    // None for --snippet-length 0 (and TREC runs) or --fields without snippet.
    if (snippet_length == 0 || !fields.has(F::Snippet)) return item;
    std::optional<Snippet> fallback;
    std::size_t best_distinct = 0, best_length = 0;
    if (const Schema* schema = schemas.find(type)) {
        for (const auto& field : schema->fields()) {
            if (field.role != FieldRole::Text || field.name == "title") continue;
            auto value = data.find(field.name);
            if (value == data.end()) continue;
            std::string text = field_text(*value);
            if (text.empty()) continue;
            bool matched = false;
            Snippet s = snippets.make(text, snippet_length, &matched);
            if (!matched) {
                if (!fallback) fallback = std::move(s);
                continue;
            }
            std::size_t distinct = distinct_marks(s);
            if (distinct > best_distinct || (distinct == best_distinct && text.size() > best_length)) {
                best_distinct = distinct;
                best_length = text.size();
                item.snippet = std::move(s);
            }
        }
    }
    if (best_distinct > 0) return item;
    if (fallback) item.snippet = std::move(*fallback);
    else if (auto title = string_field(data, {"title"})) item.snippet = snippets.make(*title, snippet_length);
    return item;
}

}  // namespace bw
