// The data contract. A Schema is one document type's field table (schemas/article.json,
// schemas/signal.json): each field's role, term prefix, value slot, facet/sort flags and the input
// keys that feed it. The indexer maps records and builds documents from it; the searcher reads the
// same schemas back from the database metadata and builds its query field table from them.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

namespace bw {

// What a field is for; decides how its value is indexed and queried.
enum class FieldRole {
    Id,       // the record's unique id (term "Q" + id)
    Text,     // free text: positional terms, stemmed Z-terms, weighted by `weight`
    Keyword,  // boolean filter terms (exact value, case-insensitive), optionally a facet
    Date,     // a date: value slot (sortable), D/M/Y boolean terms, histogram day slot
    Number,   // a number: value slot (sortable), ranges
    Stored,   // kept in the document data only (shown, not searchable)
};

// How a Text field's value is shaped in a record.
enum class FieldShape {
    Plain,    // a string (or an array of strings, joined by blank lines)
    Sources,  // an array of {"title": str, "quotes": [{"text": str, "label": str}]}
};

// How Keyword values are normalised into terms; display values keep the form they were written in.
enum class KeywordCase {
    Fold,   // Unicode case folding: topic:ai == topic:AI
    Upper,  // upper case: tickers (ticker:mu == ticker:MU)
};

// One field of a schema.
struct FieldSpec {
    std::string name;                      // canonical name in records, output and queries
    FieldRole role = FieldRole::Stored;
    std::vector<std::string> keys;         // input keys feeding it: first present wins; Keyword: union
    std::vector<std::string> query_names;  // extra names accepted as `name:value` in queries
    std::string prefix;                    // Xapian term prefix ("" = unprefixed text only)
    unsigned weight = 1;                   // Text: wdf increment per occurrence (field weight)
    bool default_search = true;            // Text: also indexed unprefixed, found without `field:`
    std::optional<Xapian::valueno> slot;   // Date/Number: sortable value; Keyword facet: list slot
    bool facet = false;                    // counted by --facets
    bool sortable = false;                 // usable with --sort
    FieldShape shape = FieldShape::Plain;
    KeywordCase keyword_case = KeywordCase::Fold;
    bool stored = true;                    // kept in the document data (shown by --show)

    // All names this field answers to in queries: `name` first, then `query_names`.
    std::vector<std::string> all_query_names() const;
};

// One document type's schema.
class Schema {
public:
    // Validates and builds a schema; errors name `origin`, the field and the problem.
    static Schema from_json(const nlohmann::json& json, const std::string& origin);
    static Schema from_text(std::string_view json_text, const std::string& origin);
    static Schema load_file(const std::filesystem::path& path);
    // The schema shipped with the project for "article" or "signal" (compiled into the binary).
    static Schema builtin(std::string_view type);

    const std::string& type() const { return type_; }
    int version() const { return version_; }
    // The ranking profile this type asks for ("" = the built-in default); see searcher/ranking.h.
    const std::string& ranking() const { return ranking_; }
    const std::vector<FieldSpec>& fields() const { return fields_; }
    // The field called `name`, or nullptr.
    const FieldSpec* field(std::string_view name) const;
    // The field with this role (the first one), or nullptr; used for the id and the main date.
    const FieldSpec* first_with_role(FieldRole role) const;
    nlohmann::json to_json() const;

private:
    std::string type_;
    int version_ = 1;
    std::string ranking_;
    std::vector<FieldSpec> fields_;
};

// The schemas of one database, by document type ("article", "signal", or a user's own type).
class SchemaSet {
public:
    // The two built-in schemas.
    static SchemaSet builtin();
    void add(Schema schema);  // replaces a schema of the same type
    const Schema* find(std::string_view type) const;
    const Schema& get(std::string_view type) const;  // throws UsageError for an unknown type
    const std::map<std::string, Schema, std::less<>>& all() const { return schemas_; }

private:
    std::map<std::string, Schema, std::less<>> schemas_;
};

std::string_view to_string(FieldRole role);

}  // namespace bw
