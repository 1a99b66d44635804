#include "indexer/shard_writer.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <functional>

#include "core/metadata.h"
#include "core/slots.h"
#include "core/terms.h"
#include "indexer/pipeline.h"

namespace bw {

bool DirectWriter::put(const std::string& id, Xapian::Document&& document) {
    const std::string term = id_term(id);
    const bool exists = db_.term_exists(term);
    generations_.stamp(document, term);
    db_.replace_document(term, document);
    return exists;
}

void DirectWriter::commit_batch() {
    generations_.record();
    db_.commit();
    generations_.advance();
}

ShardedBulkLoad::ShardedBulkLoad(const std::string& target_path, unsigned writers, std::size_t chunk_docs)
    : scratch_(target_path, "bw-bulk"),
      chunk_docs_(std::clamp<std::size_t>(chunk_docs, 1, kMaxChunkDocs)),
      max_queued_(writers) {
    current_.first = next_docid_;
    BlockStopSignals blocked;  // SIGINT/SIGTERM go to the reader thread, not to writers
    for (unsigned i = 0; i < writers; ++i) writers_.emplace_back([this] { writer_loop(); });
}

ShardedBulkLoad::~ShardedBulkLoad() {
    stop_writers();
    if (replacements_) {
        try {
            replacements_->close();
        } catch (const Xapian::Error&) {
        }
    }
}

bool ShardedBulkLoad::put(const std::string& id, Xapian::Document&& document, unsigned long long generation) {
    const std::size_t data_hash = std::hash<std::string>{}(document.get_data());
    auto [it, added] = placed_.try_emplace(id, Placed{next_docid_, generation, data_hash});
    if (!added) {
        if (it->second.data_hash == data_hash) generation = it->second.generation;
        it->second.generation = generation;
        it->second.data_hash = data_hash;
    }
    document.add_value(kSlotGeneration, Xapian::sortable_serialise(static_cast<double>(generation)));
    if (added) {
        ++next_docid_;
        current_.documents.push_back(std::move(document));
        if (current_.documents.size() >= chunk_docs_) flush_chunk();
        return false;
    }
    const Xapian::docid docid = it->second.docid;
    if (docid >= current_.first) {
        current_.documents[docid - current_.first] = std::move(document);
    } else {
        if (!replacements_) {
            replacements_.emplace((scratch_.path() / "replacements").string(), Xapian::DB_CREATE);
        }
        replacements_->replace_document(docid, document);
    }
    return true;
}

std::filesystem::path ShardedBulkLoad::chunk_path(std::size_t index) const {
    char name[32];
    std::snprintf(name, sizeof name, "chunk-%06zu", index);
    return scratch_.path() / name;
}

void ShardedBulkLoad::write_chunk(Chunk& chunk) const {
    // A chunk is scratch: a crash leaves the target empty whatever state the chunk is in, and the
    // merged database is synced when it is committed. So no fsync per chunk.
    Xapian::WritableDatabase db(chunk_path(chunk.index).string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
    Xapian::docid docid = chunk.first;
    for (auto& document : chunk.documents) db.replace_document(docid++, document);
    db.commit();
    db.close();
    chunk.documents.clear();
}

void ShardedBulkLoad::flush_chunk() {
    if (current_.documents.empty()) return;
    Chunk chunk = std::move(current_);
    chunk.index = next_chunk_++;
    current_ = Chunk{};
    current_.first = next_docid_;
    if (writers_.empty()) {
        write_chunk(chunk);
        return;
    }
    std::unique_lock lock(mutex_);
    queue_changed_.wait(lock, [&] { return writer_error_ || queue_.size() < max_queued_; });
    if (writer_error_) {
        lock.unlock();
        rethrow_writer_error();
    }
    queue_.push_back(std::move(chunk));
    queue_changed_.notify_all();
}

void ShardedBulkLoad::writer_loop() {
    for (;;) {
        Chunk chunk;
        {
            std::unique_lock lock(mutex_);
            queue_changed_.wait(lock, [&] { return closing_ || !queue_.empty(); });
            if (queue_.empty()) return;  // closing and nothing left
            chunk = std::move(queue_.front());
            queue_.pop_front();
            queue_changed_.notify_all();
        }
        try {
            write_chunk(chunk);
        } catch (...) {
            std::lock_guard lock(mutex_);
            if (!writer_error_) writer_error_ = std::current_exception();
            queue_changed_.notify_all();
        }
        // Documents are released here, on the thread that wrote them: Xapian objects are not
        // shared between threads.
    }
}

void ShardedBulkLoad::stop_writers() {
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
        queue_changed_.notify_all();
    }
    for (auto& writer : writers_) {
        if (writer.joinable()) writer.join();
    }
}

void ShardedBulkLoad::rethrow_writer_error() {
    std::lock_guard lock(mutex_);
    if (writer_error_) std::rethrow_exception(writer_error_);
}

namespace {

// Compacts `inputs` (consecutive, ascending docid ranges) into one database at `output`, then
// removes the inputs to free their disk space. Without DBCOMPACT_MULTIPASS: Xapian's multi-pass
// postlist merge (temporary databases of merged pairs) made the merge of Reuters' 11-32 chunks
// 40% slower and a whole bulk load 9% slower (bench/HISTORY.md, 2026-12-04).
void compact_into(const std::vector<std::filesystem::path>& inputs, const std::filesystem::path& output) {
    Xapian::Database sources;
    for (const auto& input : inputs) sources.add_database(Xapian::Database(input.string()));
    sources.compact(output.string(), Xapian::DBCOMPACT_NO_RENUMBER);
    sources.close();
    for (const auto& input : inputs) {
        std::error_code ignored;
        std::filesystem::remove_all(input, ignored);
    }
}

}  // namespace

std::optional<std::filesystem::path> ShardedBulkLoad::merge() {
    flush_chunk();
    stop_writers();
    rethrow_writer_error();
    if (next_chunk_ == 0) return std::nullopt;
    std::vector<std::filesystem::path> inputs;
    for (std::size_t i = 0; i < next_chunk_; ++i) inputs.push_back(chunk_path(i));
    // Every open glass database holds up to six files: merging hundreds of chunks at once (a
    // million documents make 1,000 chunks) would pass a 1,024 open-file limit, Debian's default.
    // Consecutive groups of kMaxMergeInputs are merged first, on up to as many threads as wrote chunks.
    // The groups are of equal size (within one) and, where there are inputs enough, as many as a
    // multiple of the merging threads, so that no thread merges alone at the end of a round.
    const std::size_t merge_threads = std::clamp<std::size_t>(writers_.size(), 1, kMaxParallelMerges);
    for (unsigned round = 1; inputs.size() > kMaxMergeInputs; ++round) {
        std::size_t groups = (inputs.size() + kMaxMergeInputs - 1) / kMaxMergeInputs;
        const std::size_t rounded = (groups + merge_threads - 1) / merge_threads * merge_threads;
        if (rounded * 2 <= inputs.size()) groups = rounded;  // every group still merges two or more
        std::vector<std::filesystem::path> outputs;
        for (std::size_t g = 0; g < groups; ++g) {
            char name[48];
            std::snprintf(name, sizeof name, "merge-%u-%06zu", round, g);
            outputs.push_back(scratch_.path() / name);
        }
        std::atomic<std::size_t> next_group{0};
        std::exception_ptr error;
        std::mutex error_mutex;
        auto merge_groups = [&] {
            for (std::size_t g; (g = next_group++) < groups;) {
                try {
                    const auto first = inputs.begin() + static_cast<std::ptrdiff_t>(g * inputs.size() / groups);
                    const auto last = inputs.begin() + static_cast<std::ptrdiff_t>((g + 1) * inputs.size() / groups);
                    compact_into({first, last}, outputs[g]);
                } catch (...) {
                    std::lock_guard lock(error_mutex);
                    if (!error) error = std::current_exception();
                }
            }
        };
        std::vector<std::thread> helpers;
        const std::size_t threads = std::min(merge_threads, groups);
        for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(merge_groups);
        merge_groups();
        for (auto& helper : helpers) helper.join();
        if (error) std::rethrow_exception(error);
        inputs = std::move(outputs);
    }
    const std::filesystem::path merged = scratch_.path() / "merged";
    compact_into(inputs, merged);
    return merged;
}

void ShardedBulkLoad::apply_replacements(Xapian::WritableDatabase& target) {
    if (!replacements_) return;
    replacements_->commit();
    for (auto it = replacements_->postlist_begin(""); it != replacements_->postlist_end(""); ++it) {
        target.replace_document(*it, replacements_->get_document(*it));
    }
}

}  // namespace bw
