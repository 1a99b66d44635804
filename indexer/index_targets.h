// The databases one indexing run writes: the database at --db, or every shard of a sharded archive
// (indexer/sharded_archive.h), and how it writes them. Each document goes to the shard of its id
// (core/sharding.h); a plain database is the one-shard case of the same code.
//
// Per run, every target is written the same way:
//  - bulk load, when every target is empty (and not --single-writer): each target gets its own
//    ShardedBulkLoad (chunk databases written by ceil(threads / shards) writer threads, none with
//    --threads 1, merged by compaction and swapped in at the end);
//  - direct writers otherwise: one Xapian writer per target.
// Batches are counted over the whole run, not per shard: every --batch documents (and deletes) all
// targets commit, and all share one commit-generation sequence, so a document's generation is the
// one a single database would give it and every shard's metadata names the same last generation.
// Each commit of a target is atomic; the commits of different shards are not one transaction, so a
// crash can leave the shards one batch apart (running the same load again converges, as for one
// database). --strict opens one transaction per target and commits or cancels them all at the end.
// Before every commit the copy groups (indexer/copy_groups.h) of the documents changed are brought
// up to date over all targets, so the collapse keys are right in every committed state.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/schema.h"
#include "indexer/copy_groups.h"
#include "indexer/sharded_archive.h"
#include "indexer/shard_writer.h"

namespace bw {

// How the targets are written (from IndexOptions).
struct TargetSettings {
    std::size_t batch = 2000;  // documents (and deletes) per commit
    bool strict = false;       // one transaction per target for the whole run
    bool single_writer = false;
    unsigned threads = 1;      // effective --threads
};

// The databases of a run (see the file comment). Opening them takes each one's write lock until
// close() or destruction.
class IndexTargets : public DocumentSink {
public:
    // A plain database at `path` when `archive` is nullopt, else the archive's shards. Throws
    // DatabaseError (cannot open, locked, a shard of another archive) or UsageError (schemas differ).
    IndexTargets(const std::string& path, const std::optional<ShardedArchive>& archive, const SchemaSet& schemas,
                 const TargetSettings& settings, std::ostream& err);
    ~IndexTargets() override;
    IndexTargets(const IndexTargets&) = delete;
    IndexTargets& operator=(const IndexTargets&) = delete;

    // True when this run is a bulk load.
    bool bulk() const { return bulk_; }

    bool put(const std::string& id, Xapian::Document&& document) override;
    // Every target database, for reading what is indexed so far (pending changes included).
    std::vector<const Xapian::Database*> databases() const;
    // Deletes the document with this id (--delete); false when there is none. Not in a bulk load
    // (the targets are empty then: the caller counts it as not found).
    bool remove(const std::string& id);

    // Called with each target just before each of its commits (to record the input position).
    void set_before_commit(std::function<void(Xapian::WritableDatabase&)> hook) { before_commit_ = std::move(hook); }

    // Commits the rest of the run on every target (a bulk load is merged, completed and swapped in);
    // `changed`: documents were added or replaced, so the spelling data is brought up to date.
    void finish(bool changed);
    // Drops everything of a --strict run (its transactions, or the bulk load's scratch databases).
    void discard();

    struct Target;  // one database and its writer (index_targets.cc)

private:
    Target& target_for(const std::string& id);
    void commit_batch();
    void finish_bulk(bool changed);
    void finish_direct(Target& target, bool changed);
    // The duplicate key of the stored document with this id ("" when there is none).
    static std::string stored_key(const Target& target, const std::string& id);
    unsigned long long last_bulk_generation() const;

    std::vector<std::unique_ptr<Target>> targets_;
    const SchemaSet& schemas_;
    TargetSettings settings_;
    bool bulk_ = false;
    unsigned long long first_generation_ = 1;  // the generation of this run's first batch
    std::size_t puts_ = 0;                     // documents put in this run
    std::size_t pending_ = 0;                  // changes since the last batch commit (direct writers)
    std::function<void(Xapian::WritableDatabase&)> before_commit_;
    std::optional<CopyGroups> copy_groups_;  // direct writers: the keys changed since the last commit
};

}  // namespace bw
