#include "indexer/indexer.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iomanip>
#include <ostream>
#include <sstream>
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
#include "indexer/generations.h"
#include "indexer/spelling.h"

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

// Checks that the schemas of this run match what the database was built with.
void check_schemas(const Xapian::Database& db, const SchemaSet& schemas) {
    if (!has_metadata(db)) return;
    SchemaSet stored = read_schemas(db);
    for (const auto& [type, schema] : schemas.all()) {
        const Schema* existing = stored.find(type);
        if (existing && existing->to_json() != schema.to_json() &&
            !db.get_metadata(std::string(kSchemaKeyPrefix) + type).empty()) {
            throw UsageError("the database holds " + type + " documents indexed with a different " + type +
                             " schema; index into a new database or use the same --schema");
        }
    }
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

IndexSummary run_index(const IndexOptions& options, std::ostream& out, std::ostream& err) {
    auto started = std::chrono::steady_clock::now();
    if (options.batch == 0) throw UsageError("--batch must be at least 1");
    std::string default_type;
    SchemaSet schemas = resolve_schemas(options, default_type);
    const EntityRegistry& registry = EntityRegistry::builtin();
    RecordMapper mapper(schemas, default_type);
    Analyzer analyzer;
    DocumentBuilder builder(analyzer);
    InputReader reader(options.inputs, registry);  // throws for missing inputs before the DB is touched

    IndexSummary summary;
    std::optional<Xapian::WritableDatabase> db;
    std::optional<GenerationStamper> generations;
    if (!options.dry_run) {
        try {
            db.emplace(options.db_path, Xapian::DB_CREATE_OR_OPEN);
        } catch (const Xapian::DatabaseLockError&) {
            throw DatabaseError(options.db_path + ": the database is being written by another process (locked); "
                                "wait for it to finish and run again");
        } catch (const Xapian::Error& e) {
            throw DatabaseError(options.db_path + ": cannot open the database: " + e.get_description());
        }
        check_schemas(*db, schemas);
        if (options.strict) db->begin_transaction(true);
        write_metadata(*db, schemas);
        generations.emplace(*db);
    }

    StopSignals signals;
    Progress progress(options.progress, err);
    std::size_t pending = 0;
    auto commit = [&] {
        if (db && !options.strict && pending > 0) {
            generations->record();
            db->commit();
            generations->advance();
            pending = 0;
        }
    };

    for (const auto& id : options.delete_ids) {
        if (options.dry_run) continue;
        std::string term = id_term(id);
        if (db->term_exists(term)) {
            db->delete_document(term);
            ++summary.deleted;
            ++pending;
        } else {
            ++summary.not_found;
            err << "bellwether-index: warning: --delete " << id << ": no such document\n";
        }
    }

    bool strict_failed = false;
    reader.for_each([&](InputItem&& item) -> bool {
        ++summary.read;
        for (const auto& w : item.warnings) {
            err << location(item.origin, item.line) << ": warning: " << w << "\n";
            ++summary.warnings;
        }
        try {
            if (!item.record) throw RecordError(item.error);
            CanonicalRecord record = mapper.map(*item.record);
            for (const auto& w : record.warnings) {
                err << location(item.origin, item.line) << ": warning: " << w << "\n";
                ++summary.warnings;
            }
            if (options.dry_run) {
                out << record.to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
                ++summary.added;
            } else {
                Xapian::Document doc = builder.build(record, schemas.get(record.type));
                std::string term = id_term(record.id);
                bool exists = db->term_exists(term);
                generations->stamp(doc, term);
                db->replace_document(term, doc);
                ++(exists ? summary.replaced : summary.added);
                if (++pending >= options.batch) commit();
            }
        } catch (const RecordError& e) {
            err << location(item.origin, item.line) << ": error: " << e.what() << "\n";
            ++summary.skipped;
            if (options.strict) {
                strict_failed = true;
                return false;
            }
        }
        progress.update(summary.read, reader.bytes_read(), reader.total_bytes());
        if (signals.stopped()) {
            summary.interrupted = true;
            return false;
        }
        return true;
    });
    progress.update(summary.read, reader.bytes_read(), reader.total_bytes(), true);
    progress.finish();

    if (db) {
        if (options.strict) {
            if (strict_failed || summary.interrupted) {
                db->cancel_transaction();
                summary.aborted = strict_failed;
                summary.added = summary.replaced = summary.deleted = 0;
            } else {
                update_spelling(*db);
                generations->record();
                db->commit_transaction();
            }
        } else {
            if (pending > 0) generations->record();
            db->commit();
            if (summary.added + summary.replaced > 0) {
                update_spelling(*db);
                db->commit();
            }
        }
        db->close();
    }
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

}  // namespace bw
