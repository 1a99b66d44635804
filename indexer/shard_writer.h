// Where the indexer puts documents. Two writers for one database:
//  - DirectWriter: the classic single Xapian writer on the target (incremental updates of an
//    existing database, --single-writer): replace by id term; indexer/index_targets.h commits it
//    every --batch documents.
//  - ShardedBulkLoad: for a bulk load into a new or empty database. Documents get their final
//    document ids in input order (a repeated id keeps the id of its first occurrence, as
//    replace_document does), are cut into chunks of --batch documents (at most kMaxChunkDocs),
//    and each chunk is written by one of the writer threads into its own temporary database next
//    to the target. Xapian is fastest writing into an empty database; the chunks (disjoint,
//    ascending docid ranges) are then merged with Database::compact(NO_RENUMBER), Xapian's own
//    k-way merge, at most kMaxMergeInputs at a time (open files stay bounded however many chunks
//    there are).
//    A record whose id already went out in an earlier chunk is kept in a small "replacements"
//    database and applied to the merged result at the end.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "indexer/db_files.h"
#include "indexer/generations.h"

namespace bw {

// Receives the documents of a run in input order (indexer/index_targets.h is the one the indexer
// uses: it routes them to the writers below, one per database or shard).
class DocumentSink {
public:
    virtual ~DocumentSink() = default;
    // Adds the document, or replaces the one with the same id; returns true when it replaced.
    virtual bool put(const std::string& id, Xapian::Document&& document) = 0;
};

// Writes straight into an open database, stamping each document with the current commit
// generation. The caller decides when a batch is committed (indexer/index_targets.h commits every
// --batch changes, across all shards at once).
class DirectWriter {
public:
    // `generation`: the generation of the first batch this writer commits.
    DirectWriter(Xapian::WritableDatabase& db, unsigned long long generation) : db_(db), generations_(db, generation) {}
    // Adds the document, or replaces the one with the same id; returns true when it replaced.
    bool put(const std::string& id, Xapian::Document&& document);
    // Records the current generation in the metadata, commits, and moves on to the next generation.
    void commit_batch();
    // Records the current generation (before a final commit the caller makes).
    void record_generation() const { generations_.record(); }

private:
    Xapian::WritableDatabase& db_;
    GenerationStamper generations_;
};

// A bulk load through temporary chunk databases merged at the end (see the file comment).
class ShardedBulkLoad {
public:
    // The most databases one compaction reads at once (each holds up to six open files), and the
    // most such compactions at once: at most 4 x 32 x 6 = 768 files, under a 1,024 limit.
    static constexpr std::size_t kMaxMergeInputs = 32;
    static constexpr std::size_t kMaxParallelMerges = 4;
    // The largest chunk, whatever --batch says: Xapian's in-memory buffers of a writer cost more
    // per document the more documents they hold, and the writers are two thirds of a bulk load's CPU
    // (bench/HISTORY.md, 2026-12-04: Reuters 6-7% faster in chunks of 1,000 than of 2,000).
    static constexpr std::size_t kMaxChunkDocs = 1000;
    // `writers` threads write the chunks (0: chunks are written on the calling thread).
    ShardedBulkLoad(const std::string& target_path, unsigned writers, std::size_t chunk_docs);
    ~ShardedBulkLoad();  // stops the writers and removes every temporary database

    // Adds the document, or replaces the one with the same id put earlier; returns true when it
    // replaced. `generation` is the commit generation a single writer would give it (a document
    // re-put with the same data keeps the generation of its earlier version).
    bool put(const std::string& id, Xapian::Document&& document, unsigned long long generation);

    // Writes the last chunk, waits for the writers and merges every chunk into one compacted
    // database in the scratch directory; returns its path, or nullopt when no document was put.
    // Rethrows the first error of a writer thread.
    std::optional<std::filesystem::path> merge();
    // The scratch directory (for swap_in_database).
    const std::filesystem::path& scratch() const { return scratch_.path(); }
    // Applies the records whose id repeated across chunks to the merged target database.
    void apply_replacements(Xapian::WritableDatabase& target);

    std::size_t chunks_written() const { return next_chunk_; }

private:
    struct Chunk {
        std::size_t index = 0;
        Xapian::docid first = 1;
        std::vector<Xapian::Document> documents;
    };
    void flush_chunk();
    void write_chunk(Chunk& chunk) const;
    void writer_loop();
    std::filesystem::path chunk_path(std::size_t index) const;
    void stop_writers();
    void rethrow_writer_error();

    ScratchDir scratch_;
    const std::size_t chunk_docs_;
    // What a repeated id needs: its docid, and the generation and data hash of its last version.
    struct Placed {
        Xapian::docid docid;
        unsigned long long generation;
        std::size_t data_hash;
    };
    std::unordered_map<std::string, Placed> placed_;  // id -> where it went (this run)
    Xapian::docid next_docid_ = 1;
    Chunk current_;
    std::size_t next_chunk_ = 0;
    std::optional<Xapian::WritableDatabase> replacements_;

    std::mutex mutex_;
    std::condition_variable queue_changed_;
    std::deque<Chunk> queue_;
    std::size_t max_queued_;
    bool closing_ = false;
    std::exception_ptr writer_error_;
    std::vector<std::thread> writers_;
};

}  // namespace bw
