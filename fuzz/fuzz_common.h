// Shared by the fuzz targets: the objects a harness needs once per process (schemas, analyzer,
// mapper, builder), and `index_record`, which runs a raw record through the indexer's pipeline
// (map through the schema, build the Xapian document) the way bellwether-index does. A
// RecordError is the expected, reported outcome for bad input; anything else escaping is a bug.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "core/analyzer.h"
#include "core/entities.h"
#include "core/errors.h"
#include "core/schema.h"
#include "indexer/document_builder.h"
#include "indexer/record_mapper.h"

namespace bw::fuzz {

// Process-wide pipeline objects (built on first use; the harnesses are single-threaded).
struct Pipeline {
    SchemaSet schemas = SchemaSet::builtin();
    Analyzer analyzer;
    RecordMapper mapper{schemas, "article"};
    DocumentBuilder builder{analyzer};
    const EntityRegistry& registry = EntityRegistry::builtin();

    static Pipeline& get() {
        static Pipeline pipeline;
        return pipeline;
    }
};

// Maps and builds one raw record as the indexer does; returns false when it is rejected.
inline bool index_record(const nlohmann::json& raw) {
    Pipeline& p = Pipeline::get();
    try {
        CanonicalRecord record = p.mapper.map(raw);
        Xapian::Document doc = p.builder.build(record, p.schemas.get(record.type));
        // What --dry-run prints and what the document stores must serialise.
        (void)record.to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        (void)doc.get_data().size();
        return true;
    } catch (const RecordError&) {
        return false;
    }
}

inline std::string as_string(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

}  // namespace bw::fuzz
