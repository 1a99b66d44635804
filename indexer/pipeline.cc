#include "indexer/pipeline.h"

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace bw {
namespace {

struct ReadBatch {
    std::size_t seq = 0;
    std::vector<InputItem> items;
    std::uint64_t bytes_read = 0;
};

struct DoneBatch {
    std::vector<ProcessedItem> items;
    std::uint64_t bytes_read = 0;
};

// The state shared by the reader, the workers and the consumer, guarded by one mutex.
class Stages {
public:
    explicit Stages(std::size_t max_in_flight) : max_in_flight_(max_in_flight) {}

    // Reader side: waits for room; false when the run is stopping.
    bool push_read(ReadBatch&& batch) {
        std::unique_lock lock(mutex_);
        room_.wait(lock, [&] { return stop_ || in_flight_ < max_in_flight_; });
        if (stop_) return false;
        ++in_flight_;
        ++batches_read_;
        to_process_.push_back(std::move(batch));
        work_.notify_one();
        return true;
    }
    void reader_finished(std::exception_ptr error) {
        std::lock_guard lock(mutex_);
        reader_done_ = true;
        reader_error_ = error;
        work_.notify_all();
        done_.notify_all();
    }

    // Worker side: the next batch to process, or nothing when there is no more work.
    std::optional<ReadBatch> pop_read() {
        std::unique_lock lock(mutex_);
        work_.wait(lock, [&] { return stop_ || reader_done_ || !to_process_.empty(); });
        if (stop_ || to_process_.empty()) return std::nullopt;
        ReadBatch batch = std::move(to_process_.front());
        to_process_.pop_front();
        return batch;
    }
    void push_done(std::size_t seq, DoneBatch&& batch) {
        std::lock_guard lock(mutex_);
        done_batches_.emplace(seq, std::move(batch));
        done_.notify_all();
    }

    // Consumer side: the batch with sequence number `seq`, or nothing at the end of the input.
    std::optional<DoneBatch> pop_done(std::size_t seq) {
        std::unique_lock lock(mutex_);
        done_.wait(lock, [&] {
            return done_batches_.count(seq) || (reader_done_ && seq >= batches_read_);
        });
        auto it = done_batches_.find(seq);
        if (it == done_batches_.end()) return std::nullopt;
        DoneBatch batch = std::move(it->second);
        done_batches_.erase(it);
        --in_flight_;
        room_.notify_one();
        return batch;
    }
    void stop() {
        std::lock_guard lock(mutex_);
        stop_ = true;
        room_.notify_all();
        work_.notify_all();
        done_.notify_all();
    }
    std::exception_ptr reader_error() {
        std::lock_guard lock(mutex_);
        return reader_error_;
    }

private:
    std::mutex mutex_;
    std::condition_variable room_, work_, done_;
    const std::size_t max_in_flight_;
    std::size_t in_flight_ = 0;
    std::size_t batches_read_ = 0;
    bool reader_done_ = false;
    bool stop_ = false;
    std::exception_ptr reader_error_;
    std::deque<ReadBatch> to_process_;
    std::map<std::size_t, DoneBatch> done_batches_;
};

ProcessedItem process_safely(const ItemProcessor& process, InputItem&& item) {
    std::string origin = item.origin;
    std::size_t line = item.line;
    try {
        return process(std::move(item));
    } catch (...) {
        ProcessedItem failed;
        failed.origin = std::move(origin);
        failed.line = line;
        failed.fatal = std::current_exception();
        return failed;
    }
}

void run_inline(InputReader& reader, const std::function<ItemProcessor()>& make_processor,
                const ItemConsumer& consume) {
    ItemProcessor process = make_processor();
    reader.for_each([&](InputItem&& item) -> bool {
        return consume(process_safely(process, std::move(item)), reader.bytes_read());
    });
}

sigset_t stop_signal_set() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

}  // namespace

BlockStopSignals::BlockStopSignals() {
    sigset_t set = stop_signal_set();
    pthread_sigmask(SIG_BLOCK, &set, &previous_);
}

BlockStopSignals::~BlockStopSignals() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }

void BlockStopSignals::unblock_on_this_thread() {
    sigset_t set = stop_signal_set();
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

void run_pipeline(InputReader& reader, const PipelineOptions& options,
                  const std::function<ItemProcessor()>& make_processor, const ItemConsumer& consume) {
    if (options.workers <= 1) {
        run_inline(reader, make_processor, consume);
        return;
    }
    const std::size_t batch_items = options.batch_items ? options.batch_items : 1;
    // Processors are made before any thread starts, so their construction errors just propagate.
    std::vector<ItemProcessor> processors;
    for (unsigned i = 0; i < options.workers; ++i) processors.push_back(make_processor());
    Stages stages(options.max_batches_in_flight ? options.max_batches_in_flight : 1);
    // Every thread started here inherits the blocked stop signals; the reader unblocks them.
    BlockStopSignals blocked;

    std::thread reader_thread([&] {
        BlockStopSignals::unblock_on_this_thread();
        std::exception_ptr error;
        try {
            ReadBatch batch;
            std::size_t seq = 0;
            bool running = true;
            reader.for_each([&](InputItem&& item) -> bool {
                batch.items.push_back(std::move(item));
                const bool stopping = options.stop_requested && options.stop_requested();
                if (batch.items.size() < batch_items && !stopping) return true;
                batch.seq = seq++;
                batch.bytes_read = reader.bytes_read();
                running = stages.push_read(std::move(batch));
                batch = ReadBatch{};
                return running && !stopping;
            });
            if (running && !batch.items.empty()) {
                batch.seq = seq++;
                batch.bytes_read = reader.bytes_read();
                stages.push_read(std::move(batch));
            }
        } catch (...) {
            error = std::current_exception();
        }
        stages.reader_finished(error);
    });

    std::vector<std::thread> workers;
    for (auto& processor : processors) {
        workers.emplace_back([&stages, process = std::move(processor)] {
            while (auto batch = stages.pop_read()) {
                DoneBatch done;
                done.bytes_read = batch->bytes_read;
                done.items.reserve(batch->items.size());
                for (auto& item : batch->items) done.items.push_back(process_safely(process, std::move(item)));
                stages.push_done(batch->seq, std::move(done));
            }
        });
    }

    auto join_all = [&] {
        stages.stop();
        reader_thread.join();
        for (auto& worker : workers) worker.join();
    };
    try {
        std::size_t seq = 0;
        bool running = true;
        while (running) {
            auto batch = stages.pop_done(seq++);
            if (!batch) break;
            for (auto& item : batch->items) {
                if (!consume(std::move(item), batch->bytes_read)) {
                    running = false;
                    break;
                }
            }
        }
    } catch (...) {
        join_all();
        throw;
    }
    join_all();
    if (auto error = stages.reader_error()) std::rethrow_exception(error);
}

}  // namespace bw
