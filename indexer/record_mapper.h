// Maps a raw input object (JSONL line or parsed page) onto a schema: picks each field's value from
// the keys the schema accepts, checks and normalises types, derives a stable id. Bad records raise
// RecordError with a message that names the field and the problem.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/schema.h"
#include "indexer/entity_extractor.h"
#include "indexer/record.h"

namespace bw {

class RecordMapper {
public:
    // `default_type` applies to records without a "type" key (from --type or --schema);
    // `extract_entities` false keeps tickers and actors exactly as the fields give them.
    RecordMapper(const SchemaSet& schemas, std::string default_type, bool extract_entities = true);

    // Throws RecordError for an unknown type, a value of the wrong type, or a record without text.
    // Tickers and actors are completed by entity extraction (entity_extractor.h).
    CanonicalRecord map(const nlohmann::json& raw) const;

private:
    const SchemaSet& schemas_;
    std::string default_type_;
    EntityExtractor extractor_;
    bool extract_entities_ = true;
};

// Limits applied while mapping (beyond them values are dropped with a warning).
inline constexpr std::size_t kMaxKeywordValues = 1000;
inline constexpr std::size_t kMaxKeywordBytes = 200;
// A text field longer than this is cut (at a character boundary) with a warning: it bounds the
// memory and time one record can take (the 50 MB body of a broken export).
inline constexpr std::size_t kMaxTextBytes = 4u << 20;

// Replaces control characters (except newline and tab) by spaces and trims the ends.
std::string clean_text(const std::string& text);

}  // namespace bw
