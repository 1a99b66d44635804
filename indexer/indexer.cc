#include "indexer/indexer.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iomanip>
#include <memory>
#include <ostream>
#include <sstream>
#include <thread>
#include <unistd.h>

#include <xapian.h>

#include "core/analyzer.h"
#include "core/entities.h"
#include "core/errors.h"
#include "core/metadata.h"
#include "core/terms.h"
#include "indexer/document_builder.h"
#include "indexer/input_reader.h"
#include "indexer/record_mapper.h"
#include "indexer/index_targets.h"
#include "indexer/near_duplicates.h"
#include "indexer/pipeline.h"
#include "indexer/sharded_archive.h"

namespace bw {
namespace {

std::atomic<int> g_stop_signal{0};

extern "C" void on_stop_signal(int signal) { g_stop_signal.store(signal); }

// Installs SIGINT/SIGTERM handlers for the run so the current batch is committed before exiting.
class StopSignals {
public:
    StopSignals() {
        g_stop_signal.store(0);
        struct sigaction action {};
        action.sa_handler = on_stop_signal;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, &old_int_);
        sigaction(SIGTERM, &action, &old_term_);
    }
    ~StopSignals() {
        sigaction(SIGINT, &old_int_, nullptr);
        sigaction(SIGTERM, &old_term_, nullptr);
    }
    bool stopped() const { return g_stop_signal.load() != 0; }

private:
    struct sigaction old_int_ {};
    struct sigaction old_term_ {};
};

SchemaSet resolve_schemas(const IndexOptions& options, std::string& default_type) {
    SchemaSet schemas = SchemaSet::builtin();
    std::string last_type;
    for (const auto& arg : options.schema_args) {
        if (arg == "article" || arg == "signal") {
            last_type = arg;
            continue;
        }
        Schema schema = Schema::load_file(arg);
        last_type = schema.type();
        schemas.add(std::move(schema));
    }
    default_type = !options.default_type.empty() ? options.default_type : !last_type.empty() ? last_type : "article";
    schemas.get(default_type);  // throws UsageError for an unknown --type
    return schemas;
}

class Progress {
public:
    Progress(ProgressMode mode, std::ostream& err) : err_(err) {
        enabled_ = mode == ProgressMode::Always || (mode == ProgressMode::Auto && isatty(STDERR_FILENO));
        start_ = last_ = std::chrono::steady_clock::now();
    }
    void update(std::size_t records, std::uint64_t bytes, std::uint64_t total_bytes, bool force = false) {
        if (!enabled_) return;
        auto now = std::chrono::steady_clock::now();
        if (!force && now - last_ < std::chrono::milliseconds(250)) return;
        last_ = now;
        double secs = std::chrono::duration<double>(now - start_).count();
        if (secs <= 0) return;
        std::ostringstream line;
        line << "\r" << records << " records, " << std::fixed << std::setprecision(0) << records / secs << " rec/s, "
             << std::setprecision(1) << bytes / secs / 1e6 << " MB/s";
        if (total_bytes > 0 && bytes > 0 && bytes <= total_bytes) {
            double eta = secs * (static_cast<double>(total_bytes) / static_cast<double>(bytes) - 1.0);
            line << ", " << std::setprecision(0) << 100.0 * bytes / total_bytes << "%, ETA " << eta << " s";
        }
        line << "   ";
        err_ << line.str() << std::flush;
        shown_ = true;
    }
    void finish() {
        if (shown_) err_ << "\n";
    }

private:
    std::ostream& err_;
    bool enabled_ = false;
    bool shown_ = false;
    std::chrono::steady_clock::time_point start_, last_;
};

std::string location(const std::string& origin, std::size_t line) {
    return line == 0 ? origin : origin + ":" + std::to_string(line);
}

}  // namespace

std::string IndexSummary::summary_line() const {
    std::ostringstream s;
    s << "bellwether-index: " << read << " read, " << added << " added, " << replaced << " replaced, " << deleted
      << " deleted, " << skipped << " skipped";
    if (warnings) s << ", " << warnings << " warning" << (warnings == 1 ? "" : "s");
    if (not_found) s << ", " << not_found << " not found";
    s << " in " << std::fixed << std::setprecision(2) << seconds << " s";
    if (aborted) s << " (--strict: stopped at the first error, nothing committed)";
    if (interrupted) s << " (interrupted: committed what was indexed before the signal)";
    return s.str();
}

int exit_code_for(const IndexSummary& summary) {
    if (summary.skipped > 0 || summary.interrupted || summary.aborted) return 1;
    return 0;
}

unsigned effective_threads(unsigned requested) {
    if (requested > 0) return requested;
    unsigned cores = std::thread::hardware_concurrency();
    return cores > 0 ? cores : 1;
}

IndexSummary run_index(const IndexOptions& options, std::ostream& out, std::ostream& err) {
    auto started = std::chrono::steady_clock::now();
    if (options.batch == 0) throw UsageError("--batch must be at least 1");
    const unsigned threads = effective_threads(options.threads);
    std::string default_type;
    SchemaSet schemas = resolve_schemas(options, default_type);
    const EntityRegistry& registry = EntityRegistry::builtin();
    InputReader reader(options.inputs, registry);  // throws for missing inputs before the DB is touched

    IndexSummary summary;
    // The targets are opened (and so locked) for the whole run, also for a bulk load.
    std::unique_ptr<IndexTargets> targets;
    if (!options.dry_run) {
        const auto archive = prepare_sharded_archive(options.db_path, options.shards);
        TargetSettings settings{options.batch, options.strict, options.single_writer, threads};
        targets = std::make_unique<IndexTargets>(options.db_path, archive, schemas, settings, err);
        summary.bulk = targets->bulk();
    }
    // Near-duplicates are looked up in every database written directly; a bulk load starts from
    // empty databases, so only this run's documents are candidates then.
    NearDuplicateFolder near_duplicates(targets && !targets->bulk() ? targets->databases()
                                                                    : std::vector<const Xapian::Database*>{});

    StopSignals signals;
    Progress progress(options.progress, err);
    // Crash safety: every commit also records how far the input got ("through": file:line of the
    // last record handled, "records": how many), in the same atomic commit as the documents.
    std::string last_location;
    auto position_json = [&] {
        return nlohmann::json{{"through", last_location}, {"records", summary.read}}.dump(
            -1, ' ', false, nlohmann::json::error_handler_t::replace);
    };
    if (targets) {
        targets->set_before_commit(
            [&](Xapian::WritableDatabase& db) { db.set_metadata(kLastCommitKey, position_json()); });
    }

    for (const auto& id : options.delete_ids) {
        if (options.dry_run) continue;
        if (targets->remove(id)) {
            ++summary.deleted;
        } else {
            ++summary.not_found;
            err << "bellwether-index: warning: --delete " << id << ": no such document\n";
        }
    }

    // Workers: map, analyse and build (each with its own analyzer: ICU iterators hold state).
    auto make_processor = [&]() -> ItemProcessor {
        auto analyzer = std::make_shared<Analyzer>();
        auto mapper = std::make_shared<RecordMapper>(schemas, default_type);
        auto builder = std::make_shared<DocumentBuilder>(*analyzer);
        return [&, analyzer, mapper, builder](InputItem&& item) {
            ProcessedItem done;
            done.origin = std::move(item.origin);
            done.line = item.line;
            done.read_warnings = std::move(item.warnings);
            try {
                if (!item.record) throw RecordError(item.error);
                CanonicalRecord record = mapper->map(*item.record);
                done.record_warnings = record.warnings;
                if (options.dry_run) {
                    done.canonical_json =
                        record.to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
                } else {
                    done.document = builder->build(record, schemas.get(record.type));
                    done.id = record.id;
                }
            } catch (const RecordError& e) {
                done.error = e.what();
            }
            return done;
        };
    };

    // The consumer: diagnostics, counts and writes in input order, exactly as a sequential run.
    bool strict_failed = false;
    auto consume = [&](ProcessedItem&& item, std::uint64_t bytes_read) -> bool {
        ++summary.read;
        const std::string where = location(item.origin, item.line);
        last_location = where;
        for (const auto& w : item.read_warnings) {
            err << where << ": warning: " << w << "\n";
            ++summary.warnings;
        }
        if (item.fatal) std::rethrow_exception(item.fatal);
        for (const auto& w : item.record_warnings) {
            err << where << ": warning: " << w << "\n";
            ++summary.warnings;
        }
        if (item.error) {
            err << where << ": error: " << *item.error << "\n";
            ++summary.skipped;
            if (options.strict) {
                strict_failed = true;
                return false;
            }
        } else if (options.dry_run) {
            out << item.canonical_json << "\n";
            ++summary.added;
        } else {
            near_duplicates.fold(*item.document);
            bool replaced = targets->put(item.id, std::move(*item.document));
            ++(replaced ? summary.replaced : summary.added);
        }
        progress.update(summary.read, bytes_read, reader.total_bytes());
        if (signals.stopped()) {
            summary.interrupted = true;
            return false;
        }
        return true;
    };

    PipelineOptions pipeline;
    pipeline.workers = threads;
    pipeline.max_batches_in_flight = 4 * static_cast<std::size_t>(threads);
    // A stream (stdin) may trickle in: hand each record on at once rather than waiting for a batch.
    if (std::find(options.inputs.begin(), options.inputs.end(), "-") != options.inputs.end()) pipeline.batch_items = 1;
    pipeline.stop_requested = [&signals] { return signals.stopped(); };
    run_pipeline(reader, pipeline, make_processor, consume);
    // A signal that ended the input (a read interrupted on a pipe) still counts as an interruption.
    if (signals.stopped() && !strict_failed) summary.interrupted = true;
    progress.update(summary.read, reader.bytes_read(), reader.total_bytes(), true);
    progress.finish();

    if (targets) {
        if (options.strict && (strict_failed || summary.interrupted)) {
            targets->discard();
            summary.aborted = strict_failed;
            summary.added = summary.replaced = summary.deleted = 0;
        } else {
            targets->finish(summary.added + summary.replaced > 0);
        }
    }
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

}  // namespace bw
