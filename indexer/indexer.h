// The indexing job behind bellwether-index: read inputs, map records through the schemas, build
// documents and write them in batched commits, reporting each bad record as `file:line: error:`
// and closing with a summary. The executable only parses options into IndexOptions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

namespace bw {

enum class ProgressMode { Auto, Always, Never };

// Everything bellwether-index can be asked to do.
struct IndexOptions {
    std::string db_path;
    std::vector<std::string> schema_args;  // --schema NAME|FILE (repeatable)
    std::string default_type;              // --type; "" = from the schema given, else article
    std::size_t batch = 2000;              // documents per commit
    bool strict = false;                   // stop at the first error, commit nothing of the run
    std::vector<std::string> delete_ids;   // --delete ID
    bool dry_run = false;                  // print canonical records, no database
    ProgressMode progress = ProgressMode::Auto;
    unsigned threads = 0;                  // analysis workers and shard writers; 0 = all cores
    bool single_writer = false;            // never use chunk databases, even for a bulk load
    unsigned shards = 0;                   // --shards N: a sharded archive of N databases (0: not given;
                                           // an existing archive keeps its count)
    std::vector<std::string> inputs;
};

// What a run did; printed as the closing summary.
struct IndexSummary {
    std::size_t read = 0;      // records read (good and bad)
    std::size_t added = 0;
    std::size_t replaced = 0;
    std::size_t deleted = 0;
    std::size_t skipped = 0;   // records rejected with an error
    std::size_t warnings = 0;
    std::size_t not_found = 0; // --delete ids that were not in the database
    double seconds = 0;
    bool interrupted = false;  // stopped by SIGINT/SIGTERM after committing the current batch
    bool aborted = false;      // --strict stopped at an error; nothing was committed
    bool bulk = false;         // written through shards merged by compaction (new/empty database)
    std::string summary_line() const;
};

// Runs the job. Diagnostics and the summary go to `err`, --dry-run records to `out`.
// Throws UsageError (bad options/inputs) or DatabaseError (cannot open/lock the database).
IndexSummary run_index(const IndexOptions& options, std::ostream& out, std::ostream& err);

// The thread count `--threads N` stands for (0 = every core).
unsigned effective_threads(unsigned requested);

// What `bellwether-index --compact` did.
struct CompactSummary {
    std::uint64_t bytes_before = 0;
    std::uint64_t bytes_after = 0;
    Xapian::doccount documents = 0;
    double seconds = 0;
    std::string summary_line() const;
};

// Compacts the database at `db_path` in place: it is compacted into a scratch directory next to it
// (holding the write lock meanwhile) and the result is renamed into its place, so readers see
// either the old or the new database. A sharded archive is compacted shard by shard (the summary
// adds them up). Throws DatabaseError (missing, locked, not a database).
CompactSummary compact_database(const std::string& db_path);

// Exit status for a finished run: 0 all indexed, 1 some records rejected (or interrupted).
int exit_code_for(const IndexSummary& summary);

}  // namespace bw
