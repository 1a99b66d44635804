#include "searcher/response.h"

#include <cmath>

namespace bw {
namespace {

using json = nlohmann::ordered_json;

json optional_string(const std::optional<std::string>& value) { return value ? json(*value) : json(nullptr); }

void append_escaped(std::string& out, std::string_view text) {
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
}

}  // namespace

std::string snippet_to_html(const Snippet& snippet) {
    std::string out;
    if (snippet.leading_ellipsis) out += "…";
    std::size_t at = 0;
    for (const auto& [begin, end] : snippet.marks) {
        if (begin < at || end > snippet.text.size()) continue;
        append_escaped(out, std::string_view(snippet.text).substr(at, begin - at));
        out += "<mark>";
        append_escaped(out, std::string_view(snippet.text).substr(begin, end - begin));
        out += "</mark>";
        at = end;
    }
    append_escaped(out, std::string_view(snippet.text).substr(at));
    if (snippet.trailing_ellipsis) out += "…";
    return out;
}

json result_to_json(const ResultItem& item, const ResultFields& fields) {
    using F = ResultField;
    json out = json::object();
    out["id"] = item.id;
    if (fields.has(F::Type)) out["type"] = item.type;
    out["score"] = std::round(item.score * 10000.0) / 10000.0;
    out["rank"] = item.rank;
    if (fields.has(F::Title)) out["title"] = optional_string(item.title);
    if (fields.has(F::Date)) out["date"] = optional_string(item.date);
    if (fields.has(F::Source)) out["source"] = optional_string(item.source);
    if (fields.has(F::Url)) out["url"] = optional_string(item.url);
    if (fields.has(F::Tickers)) out["tickers"] = item.tickers;
    if (fields.has(F::Actors)) out["actors"] = item.actors;
    if (fields.has(F::Topics)) out["topics"] = item.topics;
    if (fields.has(F::Strength)) out["strength"] = item.strength ? json(*item.strength) : json(nullptr);
    if (fields.has(F::Snippet)) out["snippet"] = snippet_to_html(item.snippet);
    if (item.collapsed) out["collapsed"] = item.collapsed;
    if (item.explanation) out["explain"] = *item.explanation;
    return out;
}

json response_to_json(const SearchResponse& response) {
    json out = json::object();
    out["query"] = response.query;
    out["total"] = response.total;
    if (!response.total_exact) out["total_exact"] = false;
    out["offset"] = response.offset;
    out["limit"] = response.limit;
    out["results"] = json::array();
    for (const auto& item : response.results) out["results"].push_back(result_to_json(item, response.fields));
    json facets = json::object();
    for (const auto& [name, values] : response.facets) {
        json list = json::array();
        for (const auto& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
        facets[name] = std::move(list);
    }
    out["facets"] = std::move(facets);
    out["suggestion"] = optional_string(response.suggestion);
    if (response.collapsed) out["collapsed"] = response.collapsed;
    if (response.group_by) {
        out["group_by"] = *response.group_by;
        json groups = json::array();
        for (const auto& group : response.groups) {
            json entry = {{"value", group.value}, {"count", group.count}, {"results", json::array()}};
            for (const auto& item : group.results) entry["results"].push_back(result_to_json(item, response.fields));
            groups.push_back(std::move(entry));
        }
        out["groups"] = std::move(groups);
    }
    return out;
}

}  // namespace bw
