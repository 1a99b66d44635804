// What a Bellwether database records about itself in Xapian's user metadata: the format version
// and the schema of every document type it holds. The indexer writes them; the searcher reads
// them back, so queries are always parsed against the schema the index was built with.
#pragma once

#include <string>
#include <xapian.h>

#include "core/schema.h"

namespace bw {

inline constexpr int kFormatVersion = 3;  // 3: collapse keys only on documents with a copy (kSlotCopyGroup)
inline constexpr const char* kFormatKey = "bellwether.format";
inline constexpr const char* kSchemaKeyPrefix = "bellwether.schema.";
// Written with every commit of bellwether-index, atomically with the documents it commits:
// {"through": "FILE:LINE", "records": N} = the last input record the commit includes and how many
// records that run had read by then. After a crash it tells exactly what the database holds.
inline constexpr const char* kLastCommitKey = "bellwether.last_commit";
// The number of the last committed indexing batch; documents carry theirs in kSlotGeneration.
inline constexpr const char* kGenerationKey = "bellwether.generation";
// Saved searches (bellwether-watch): one JSON object per watch name.
inline constexpr const char* kWatchKeyPrefix = "bellwether.watch.";

// Records the format version and every schema of `schemas` (done inside the writer's transaction).
void write_metadata(Xapian::WritableDatabase& db, const SchemaSet& schemas);
// The schemas stored in `db`. An empty database (nothing indexed yet) yields the built-in ones.
// Throws DatabaseError when the database was written by another program or format version.
SchemaSet read_schemas(const Xapian::Database& db);
// True when `db` already holds a Bellwether format key.
bool has_metadata(const Xapian::Database& db);

// The last committed indexing generation of a database (0 when it has none).
unsigned long long committed_generation(const Xapian::Database& db);

}  // namespace bw
