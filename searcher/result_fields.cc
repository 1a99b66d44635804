#include "searcher/result_fields.h"

#include <utility>

#include "core/errors.h"

namespace bw {
namespace {

const std::vector<std::pair<std::string, ResultField>>& field_names() {
    static const std::vector<std::pair<std::string, ResultField>> names = {
        {"type", ResultField::Type},       {"title", ResultField::Title},     {"date", ResultField::Date},
        {"source", ResultField::Source},   {"url", ResultField::Url},         {"tickers", ResultField::Tickers},
        {"actors", ResultField::Actors},   {"topics", ResultField::Topics},   {"strength", ResultField::Strength},
        {"snippet", ResultField::Snippet}};
    return names;
}

}  // namespace

const std::string& ResultFields::valid_names() {
    static const std::string names = [] {
        std::string out = "id, rank, score";
        for (const auto& [name, field] : field_names()) out += ", " + name;
        return out;
    }();
    return names;
}

ResultFields ResultFields::parse(const std::vector<std::string>& names) {
    ResultFields fields;
    if (names.empty()) return fields;
    fields.mask_ = 0;
    for (const auto& name : names) {
        if (name == "id" || name == "rank" || name == "score") continue;
        bool known = false;
        for (const auto& [candidate, field] : field_names()) {
            if (candidate == name) {
                fields.mask_ |= static_cast<unsigned>(field);
                known = true;
            }
        }
        if (!known) throw UsageError("fields: unknown field '" + name + "' (one of: " + valid_names() + ")");
    }
    return fields;
}

}  // namespace bw
