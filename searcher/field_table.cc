#include "searcher/field_table.h"

#include <algorithm>
#include <set>

#include "core/terms.h"

namespace bw {
namespace {

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

bool queryable(FieldRole role) {
    switch (role) {
        case FieldRole::Id:
        case FieldRole::Text:
        case FieldRole::Keyword:
        case FieldRole::Date:
        case FieldRole::Number:
            return true;
        case FieldRole::Stored:
            return false;
    }
    return false;
}

// Two targets that would produce the same query: same role, prefix and slot (and, for keywords, the
// same case rule, since that changes the term).
bool same_target(const FieldSpec& a, const FieldSpec& b) {
    return a.role == b.role && a.prefix == b.prefix && a.slot == b.slot &&
           (a.role != FieldRole::Keyword || a.keyword_case == b.keyword_case);
}

// A built-in keyword field matched case-folded (type:, stated:).
FieldSpec folded_keyword(const char* name, std::string_view prefix) {
    FieldSpec f;
    f.name = name;
    f.role = FieldRole::Keyword;
    f.prefix = std::string(prefix);
    f.keyword_case = KeywordCase::Fold;
    return f;
}

}  // namespace

const FieldSpec& FieldTable::type_field() {
    static const FieldSpec spec = folded_keyword("type", kTypePrefix);
    return spec;
}

const FieldSpec& FieldTable::stated_field() {
    static const FieldSpec spec = folded_keyword("stated", kStatedPrefix);
    return spec;
}

FieldTable::FieldTable(const SchemaSet& schemas) {
    for (const auto& [type, schema] : schemas.all()) {
        types_.push_back(type);
        for (const FieldSpec& field : schema.fields()) {
            if (!queryable(field.role)) continue;
            for (const std::string& name : field.all_query_names()) {
                auto& targets = by_name_[ascii_lower(name)];
                bool duplicate = std::any_of(targets.begin(), targets.end(), [&](const FieldTarget& t) {
                    return same_target(*t.field, field);
                });
                if (!duplicate) targets.push_back(FieldTarget{&field, type});
            }
        }
    }
    // `type:` is always there (schemas may not declare a field called "type").
    by_name_["type"] = {FieldTarget{&type_field(), ""}};
    by_name_["stated"] = {FieldTarget{&stated_field(), ""}};
    std::sort(types_.begin(), types_.end());
}

const std::vector<FieldTarget>* FieldTable::lookup(std::string_view name) const {
    auto it = by_name_.find(ascii_lower(name));
    return it == by_name_.end() ? nullptr : &it->second;
}

std::vector<std::string> FieldTable::names() const {
    std::vector<std::string> out;
    out.reserve(by_name_.size());
    for (const auto& entry : by_name_) out.push_back(entry.first);
    return out;
}

std::vector<std::string> FieldTable::canonical_names() const {
    std::set<std::string> out;
    for (const auto& [name, targets] : by_name_) {
        for (const auto& target : targets) {
            if (target.field->name == name) out.insert(name);
        }
    }
    return {out.begin(), out.end()};
}

}  // namespace bw
