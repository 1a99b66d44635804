// The canonical record: what one input record becomes after its keys are mapped through the
// schema. It is what --dry-run prints, what is stored as the document data, and what --show prints.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/schema.h"

namespace bw {

// One record in canonical form: {"type", "id", <field name>: value, ...} with values normalised
// (dates ISO 8601, keyword lists de-duplicated, text cleaned of control characters).
struct CanonicalRecord {
    std::string type;
    std::string id;
    nlohmann::json fields = nlohmann::json::object();  // canonical field name -> value (no type/id)
    std::vector<std::string> warnings;                  // problems that did not reject the record
    // Where the record's tickers and actors came from (indexer/entity_extractor.h), or null:
    // {"fields": {"tickers": [...], "actors": [...]}, "text": {"tickers": [...], "actors": [...]}}.
    nlohmann::json entities;

    // {"type", "id", ...fields, "entities"} as one JSON object (keys sorted).
    nlohmann::json to_json() const;
};

}  // namespace bw
