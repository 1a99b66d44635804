// The query side's view of the schemas: which `name:` a query may use and what each one means
// (term prefix, value slot, role). Built from the schemas stored in the database, so a query
// cannot disagree with the index it runs on. Several schemas may share a name (article "topics"
// and signal "categories" both answer to `topic:`); their targets are ORed. Besides the schema
// fields, `type:` (the document type, term kTypePrefix + type) is always available, and every Id
// field answers to its names (`id:reuters-1` -> the Q term). `stated:` (entities stated in fields) is
// always available too.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/schema.h"

namespace bw {

// One place a `name:value` in a query can look.
struct FieldTarget {
    const FieldSpec* field = nullptr;  // the schema field (role, prefix, slot, case)
    std::string schema_type;           // "article", "signal", ...
};

class FieldTable {
public:
    explicit FieldTable(const SchemaSet& schemas);

    // The targets for a query field name (case-insensitive), or nullptr when unknown.
    // Targets with the same role and prefix/slot are listed once.
    const std::vector<FieldTarget>* lookup(std::string_view name) const;
    // Every accepted field name, sorted (for error messages and help).
    std::vector<std::string> names() const;
    // The document types of the schemas ("article", "signal"), sorted: the values `type:` accepts.
    const std::vector<std::string>& types() const { return types_; }
    // The canonical names of the fields (no aliases) plus "type", sorted: a short list for messages.
    std::vector<std::string> canonical_names() const;

    // The pseudo-field behind `type:` (keyword role, prefix kTypePrefix); every table has it.
    static const FieldSpec& type_field();
    // The pseudo-field behind `stated:` (keyword role, prefix kStatedPrefix): entities a document's own
    // fields state, as opposed to entities only found in its text. Every table has it.
    static const FieldSpec& stated_field();

private:
    std::map<std::string, std::vector<FieldTarget>, std::less<>> by_name_;
    std::vector<std::string> types_;
};

}  // namespace bw
