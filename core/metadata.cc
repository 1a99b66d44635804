#include "core/metadata.h"

#include <cstdlib>

#include "core/errors.h"

namespace bw {

void write_metadata(Xapian::WritableDatabase& db, const SchemaSet& schemas) {
    db.set_metadata(kFormatKey, std::to_string(kFormatVersion));
    for (const auto& [type, schema] : schemas.all()) {
        db.set_metadata(kSchemaKeyPrefix + type, schema.to_json().dump());
    }
}

bool has_metadata(const Xapian::Database& db) { return !db.get_metadata(kFormatKey).empty(); }

SchemaSet read_schemas(const Xapian::Database& db) {
    std::string format = db.get_metadata(kFormatKey);
    if (format.empty()) {
        if (db.get_doccount() == 0) return SchemaSet::builtin();
        throw DatabaseError("not a Bellwether database (no '" + std::string(kFormatKey) + "' metadata)");
    }
    if (format != std::to_string(kFormatVersion)) {
        throw DatabaseError("database format " + format + " is not supported by this version (expects " +
                            std::to_string(kFormatVersion) + "); re-index it");
    }
    SchemaSet schemas;
    for (auto it = db.metadata_keys_begin(kSchemaKeyPrefix); it != db.metadata_keys_end(kSchemaKeyPrefix); ++it) {
        const std::string key = *it;
        schemas.add(Schema::from_text(db.get_metadata(key), "database metadata '" + key + "'"));
    }
    // Types never indexed still answer to the built-in field names, so queries stay valid.
    const SchemaSet builtin = SchemaSet::builtin();
    for (const auto& [type, schema] : builtin.all()) {
        if (!schemas.find(type)) schemas.add(schema);
    }
    return schemas;
}

unsigned long long committed_generation(const Xapian::Database& db) {
    const std::string value = db.get_metadata(kGenerationKey);
    return value.empty() ? 0 : std::strtoull(value.c_str(), nullptr, 10);
}

}  // namespace bw
