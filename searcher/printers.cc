#include "searcher/printers.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "core/errors.h"

namespace bw {
namespace {

std::string join(const std::vector<std::string>& values, const char* separator) {
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) out += separator;
        out += v;
    }
    return out;
}

std::string format_score(double score) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(3) << score;
    return s.str();
}

std::string snippet_text(const Snippet& snippet, bool color) {
    std::string out;
    if (snippet.leading_ellipsis) out += "…";
    std::size_t at = 0;
    for (const auto& [begin, end] : snippet.marks) {
        if (begin < at || end > snippet.text.size()) continue;
        out.append(snippet.text, at, begin - at);
        if (color) out += "\033[1;33m";
        out.append(snippet.text, begin, end - begin);
        if (color) out += "\033[0m";
        at = end;
    }
    out.append(snippet.text, at, std::string::npos);
    if (snippet.trailing_ellipsis) out += "…";
    return out;
}

void print_bars(const std::vector<FacetValue>& values, std::ostream& out) {
    std::size_t width = 0, top = 0;
    for (const auto& v : values) {
        width = std::max(width, v.value.size());
        top = std::max(top, v.count);
    }
    width = std::min<std::size_t>(width, 30);
    for (const auto& v : values) {
        std::size_t bar = top ? static_cast<std::size_t>(std::lround(30.0 * static_cast<double>(v.count) / top)) : 0;
        if (v.count && bar == 0) bar = 1;
        std::string label = v.value.size() > 30 ? v.value.substr(0, 29) + "…" : v.value;
        out << "  " << std::left << std::setw(static_cast<int>(width)) << label << std::right << " " << std::setw(6)
            << v.count << " ";
        for (std::size_t i = 0; i < bar; ++i) out << "█";
        out << "\n";
    }
}

}  // namespace

OutputFormat parse_output_format(const std::string& text) {
    if (text == "text") return OutputFormat::Text;
    if (text == "json") return OutputFormat::Json;
    if (text == "jsonl") return OutputFormat::Jsonl;
    if (text == "csv") return OutputFormat::Csv;
    throw UsageError("unknown format '" + text + "' (expected text, json, jsonl or csv)");
}

void print_json(const SearchResponse& response, std::ostream& out) {
    out << response_to_json(response).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void print_jsonl(const SearchResponse& response, std::ostream& out) {
    for (const auto& item : response.results) {
        out << result_to_json(item, response.fields).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
}

std::string csv_field(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

void print_csv(const SearchResponse& response, std::ostream& out) {
    using F = ResultField;
    // id, then the columns --fields keeps (all by default), then score.
    struct Column {
        F field;
        const char* name;
        std::string (*value)(const ResultItem&);
    };
    static const Column columns[] = {
        {F::Type, "type", [](const ResultItem& i) { return i.type; }},
        {F::Date, "date", [](const ResultItem& i) { return i.date.value_or(""); }},
        {F::Title, "title", [](const ResultItem& i) { return i.title.value_or(""); }},
        {F::Tickers, "tickers", [](const ResultItem& i) { return join(i.tickers, ";"); }},
        {F::Actors, "actors", [](const ResultItem& i) { return join(i.actors, ";"); }},
        {F::Topics, "topics", [](const ResultItem& i) { return join(i.topics, ";"); }},
    };
    out << "id";
    for (const auto& c : columns) {
        if (response.fields.has(c.field)) out << ',' << c.name;
    }
    out << ",score\r\n";
    for (const auto& item : response.results) {
        out << csv_field(item.id);
        for (const auto& c : columns) {
            if (response.fields.has(c.field)) out << ',' << csv_field(c.value(item));
        }
        out << ',' << format_score(item.score) << "\r\n";
    }
}

void print_text(const SearchResponse& response, std::ostream& out, bool color) {
    const char* bold = color ? "\033[1m" : "";
    const char* dim = color ? "\033[2m" : "";
    const char* reset = color ? "\033[0m" : "";
    std::size_t last = response.offset + response.results.size();
    if (response.total == 0) {
        out << "No matches";
        if (!response.query.empty()) out << " for \"" << response.query << "\"";
        out << ".\n";
    } else {
        out << (response.total_exact ? "" : "about ") << response.total << " match" << (response.total == 1 ? "" : "es");
        if (!response.results.empty()) out << ", showing " << response.offset + 1 << "-" << last;
        out << "\n";
    }
    if (response.suggestion) out << "Did you mean: " << bold << *response.suggestion << reset << "\n";
    if (response.collapsed) out << response.collapsed << " near-identical document" << (response.collapsed == 1 ? "" : "s") << " folded (--no-collapse shows them)\n";
    for (const auto& item : response.results) {
        // Fields left out by --fields are empty here, so they print nothing.
        const std::string headline = response.fields.has(ResultField::Title) ? item.title.value_or("(untitled)") : item.id;
        out << "\n" << std::setw(3) << item.rank << ". " << bold << headline << reset << "\n";
        std::vector<std::string> facts;
        if (!item.type.empty()) facts.push_back(item.type);
        if (item.date) facts.push_back(item.date->substr(0, 10));
        if (item.source) facts.push_back(*item.source);
        if (item.strength) {
            std::ostringstream strength;
            strength << "strength " << *item.strength;
            facts.push_back(strength.str());
        }
        facts.push_back("score " + format_score(item.score));
        facts.push_back("id " + item.id);
        out << "     " << dim << join(facts, " · ") << reset << "\n";
        if (!item.tickers.empty()) out << "     tickers: " << join(item.tickers, " ") << "\n";
        if (!item.actors.empty()) out << "     actors: " << join(item.actors, ", ") << "\n";
        if (!item.topics.empty()) out << "     topics: " << join(item.topics, ", ") << "\n";
        if (!item.snippet.text.empty()) out << "     " << snippet_text(item.snippet, color) << "\n";
        if (item.collapsed) out << "     " << dim << "(+" << item.collapsed << " near-identical folded)" << reset << "\n";
        if (item.explanation) {
            const auto& e = *item.explanation;
            out << "     explain: relevance " << e.value("relevance", 0.0);
            if (e.contains("recency_factor")) out << " × recency " << e["recency_factor"].get<double>();
            out << "\n";
            for (const auto& term : e["terms"]) {
                out << "       " << term["term"].get<std::string>() << " " << term["weight"].get<double>();
                for (const auto& [field, weight] : term["fields"].items()) out << "  " << field << "=" << weight.get<double>();
                out << "\n";
            }
        }
    }
    if (response.group_by) {
        out << "\n" << bold << "groups by " << *response.group_by << reset << "\n";
        for (const auto& group : response.groups) {
            out << "  " << group.value << " (" << group.count << ")\n";
            for (const auto& item : group.results) {
                out << "     " << item.rank << ". " << item.title.value_or("(untitled)");
                if (item.date) out << dim << " · " << item.date->substr(0, 10) << reset;
                out << "\n";
            }
        }
    }
    for (const auto& [name, values] : response.facets) {
        out << "\n" << bold << name << reset << (name == "date" ? " (timeline)" : "") << "\n";
        if (values.empty()) out << "  (none)\n";
        else print_bars(values, out);
    }
}

}  // namespace bw
