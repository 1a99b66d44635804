#include "searcher/request_params.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "core/errors.h"

namespace bw {
namespace {

constexpr std::size_t kMaxCountUpTo = 1000000000;  // "count everything" is exact_total
const std::set<std::string> kFilterNames = {"ticker", "actor", "topic", "place", "type", "source"};

std::string canonical_name(std::string name) {
    std::replace(name.begin(), name.end(), '-', '_');
    return name;
}

std::size_t parse_count(const std::string& name, const std::string& text, std::size_t max) {
    std::size_t value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec == std::errc::invalid_argument || ptr != end)
        throw UsageError(name + ": '" + text + "' is not a whole number");
    if (ec == std::errc::result_out_of_range || value > max)
        throw UsageError(name + " may be at most " + std::to_string(max));
    return value;
}

bool parse_bool(const std::string& name, const std::string& text) {
    if (text == "true" || text == "1" || text == "yes" || text == "on") return true;
    if (text == "false" || text == "0" || text == "no" || text == "off") return false;
    throw UsageError(name + ": '" + text + "' is not true or false");
}

void split_commas(const std::string& text, std::vector<std::string>& out) {
    std::size_t at = 0;
    while (at <= text.size()) {
        std::size_t comma = text.find(',', at);
        if (comma == std::string::npos) comma = text.size();
        if (comma > at) out.push_back(text.substr(at, comma - at));
        at = comma + 1;
    }
}

}  // namespace

const std::vector<std::string>& search_param_names() {
    static const std::vector<std::string> names = {
        "q",      "ticker",      "actor",        "topic",          "place", "type",     "source",
        "since",  "until",       "sort",         "half_life",      "limit", "offset",   "facets",
        "facet_limit", "date_buckets", "snippet_length", "match", "group_by", "group_limit",
        "group_size", "collapse", "explain", "ranking", "exact_total", "count_up_to", "fields"};
    return names;
}

SearchRequest build_search_request(const SearchParams& params, const RequestLimits& limits) {
    const auto& known = search_param_names();
    std::map<std::string, std::string> single;  // single-valued parameters, by canonical name
    SearchRequest request;
    for (const auto& [raw_name, value] : params) {
        std::string name = canonical_name(raw_name);
        if (std::find(known.begin(), known.end(), name) == known.end())
            throw UsageError("unknown parameter '" + raw_name + "'");
        if (kFilterNames.count(name)) {
            if (!value.empty()) request.filters[name].push_back(value);
        } else if (name == "facets") {
            split_commas(value, request.facets);
        } else if (!single.emplace(name, value).second) {
            throw UsageError(name + " is given more than once");
        }
    }
    auto get = [&](const char* name) -> const std::string* {
        auto it = single.find(name);
        return it == single.end() ? nullptr : &it->second;
    };
    if (auto* q = get("q")) {
        if (limits.max_query_bytes && q->size() > limits.max_query_bytes)
            throw UsageError("q: the query is longer than " + std::to_string(limits.max_query_bytes) + " bytes");
        request.query = *q;
    }
    if (auto* v = get("since"); v && !v->empty()) request.since = *v;
    if (auto* v = get("until"); v && !v->empty()) request.until = *v;
    if (auto* v = get("sort")) request.sort = parse_sort_order(*v);
    if (auto* v = get("half_life")) request.half_life_days = parse_half_life(*v);
    if (auto* v = get("limit")) request.limit = parse_count("limit", *v, limits.max_limit);
    if (auto* v = get("offset")) request.offset = parse_count("offset", *v, limits.max_offset);
    if (auto* v = get("facet_limit")) request.facet_limit = parse_count("facet_limit", *v, 1000);
    if (auto* v = get("date_buckets")) request.date_buckets = *v;
    if (auto* v = get("snippet_length")) request.snippet_length = parse_count("snippet_length", *v, 10000);
    if (auto* v = get("match")) {
        if (*v == "all") request.default_op = DefaultOperator::And;
        else if (*v == "any") request.default_op = DefaultOperator::Or;
        else throw UsageError("match must be all or any");
    }
    if (auto* v = get("group_by")) request.group_by = *v;
    if (auto* v = get("group_limit")) request.group_limit = parse_count("group_limit", *v, limits.max_group_limit);
    if (auto* v = get("group_size")) request.group_size = parse_count("group_size", *v, limits.max_group_size);
    if (auto* v = get("collapse")) request.collapse = parse_bool("collapse", *v);
    if (auto* v = get("explain")) request.explain = parse_bool("explain", *v);
    if (auto* v = get("exact_total")) request.exact_total = parse_bool("exact_total", *v);
    if (auto* v = get("count_up_to")) request.count_up_to = parse_count("count_up_to", *v, kMaxCountUpTo);
    if (auto* v = get("ranking")) request.ranking = *v;  // parsed (and checked) by the searcher
    if (auto* v = get("fields")) {
        std::vector<std::string> names;
        split_commas(*v, names);
        if (names.empty()) throw UsageError("fields: name at least one field (" + ResultFields::valid_names() + ")");
        request.fields = ResultFields::parse(names);
    }
    return request;
}

}  // namespace bw
