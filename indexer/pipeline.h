// The indexer's ordered pipeline: one reader thread reads and parses the inputs in order and cuts
// them into small batches (each item keeps its file:line), worker threads map, analyse and build
// documents for whole batches, and the calling thread consumes the results strictly in input order
// (diagnostics, counts and writes stay exactly as in a sequential run). Memory is bounded: at most
// `max_batches_in_flight` batches exist between the reader and the consumer at any time.
#pragma once

#include <csignal>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/input_reader.h"

namespace bw {

// One input item after the worker stage: its diagnostics and either a document or the reason why not.
struct ProcessedItem {
    std::string origin;
    std::size_t line = 0;
    std::vector<std::string> read_warnings;    // from reading (e.g. repaired UTF-8)
    std::vector<std::string> record_warnings;  // from mapping the record
    std::optional<std::string> error;          // set when the record was rejected
    std::exception_ptr fatal;                  // an unexpected failure, rethrown in order by the consumer
    std::string id;                            // the record id (documents only)
    std::optional<Xapian::Document> document;  // the built document (not in --dry-run)
    std::string canonical_json;                // the canonical record (--dry-run only)
};

// Turns one input item into a processed item. Each worker thread gets its own (analyzers hold state).
using ItemProcessor = std::function<ProcessedItem(InputItem&&)>;
// Receives processed items in input order with the input bytes read so far; returns false to stop.
using ItemConsumer = std::function<bool(ProcessedItem&&, std::uint64_t bytes_read)>;

struct PipelineOptions {
    unsigned workers = 1;                  // 1: everything runs on the calling thread, no extra threads
    std::size_t batch_items = 64;          // items per batch handed to a worker (1 for a slow stream)
    std::size_t max_batches_in_flight = 8; // read but not yet consumed
    std::function<bool()> stop_requested;  // checked by the reader after each item (e.g. SIGINT seen)
};

// Blocks SIGINT and SIGTERM on the calling thread while it lives, so threads started meanwhile
// inherit the mask. The pipeline keeps the stop signals for its reader thread alone: a signal then
// interrupts a read that waits on a pipe or terminal, as it does in a sequential run.
class BlockStopSignals {
public:
    BlockStopSignals();
    ~BlockStopSignals();
    BlockStopSignals(const BlockStopSignals&) = delete;
    BlockStopSignals& operator=(const BlockStopSignals&) = delete;
    // Unblocks them again on the calling thread (the reader thread calls this first).
    static void unblock_on_this_thread();

private:
    sigset_t previous_{};
};

// Runs the pipeline to the end of the inputs or until `consume` returns false. Exceptions from the
// reader are rethrown on the calling thread after the threads have stopped.
void run_pipeline(InputReader& reader, const PipelineOptions& options,
                  const std::function<ItemProcessor()>& make_processor, const ItemConsumer& consume);

}  // namespace bw
