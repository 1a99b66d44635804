// bellwether-index: parses options into IndexOptions, runs the indexing job, maps errors to exit
// codes (0 all indexed, 1 some records rejected, 2 usage error, 3 fatal).
#include <cstdlib>
#include <iostream>

#include <boost/program_options.hpp>

#include <xapian.h>

#include "core/command_line.h"
#include "core/errors.h"
#include "core/sharding.h"
#include "indexer/indexer.h"

namespace po = boost::program_options;

namespace {

const char* kUsage =
    "Usage: bellwether-index [options] INPUT...\n"
    "Index JSON Lines files, raw article/signal pages, directories (recursively) or - (stdin)\n"
    "into a Bellwether (Xapian) database.\n\nOptions";

std::string default_db() {
    const char* env = std::getenv("BELLWETHER_DB");
    return env && *env ? env : "./bellwether.db";
}

}  // namespace

int main(int argc, char** argv) {
    bw::IndexOptions options;
    std::string progress = "auto";
    bool compact = false;
    po::options_description visible(kUsage);
    visible.add_options()
        ("help,h", "show this help")
        ("db", po::value(&options.db_path)->default_value(default_db(), "$BELLWETHER_DB or ./bellwether.db"),
         "database directory")
        ("schema", po::value(&options.schema_args)->composing(),
         "article, signal, or a schema JSON file (repeatable)")
        ("type", po::value(&options.default_type), "type of records without a \"type\" key: article|signal")
        ("batch", po::value(&options.batch)->default_value(2000), "documents per commit")
        ("strict", po::bool_switch(&options.strict), "stop at the first bad record; commit nothing of this run")
        ("delete", po::value(&options.delete_ids)->composing(), "delete the document with this id (repeatable)")
        ("dry-run", po::bool_switch(&options.dry_run), "print each parsed record as canonical JSON; no database")
        ("progress", po::value(&progress)->default_value("auto"), "progress line: auto|always|never")
        ("threads", po::value(&options.threads)->default_value(0, "all cores"),
         "threads that analyse documents and, for a new or empty database, write shards")
        ("single-writer", po::bool_switch(&options.single_writer),
         "write straight into the database even when it is empty (no chunk databases, no merge)")
        ("shards", po::value(&options.shards),
         "write a sharded archive of N databases at --db (a directory with shard-0..N-1 and a Xapian stub "
         "file XAPIANDB; documents routed by FNV-1a 64 of their id mod N); an existing archive keeps its N")
        ("compact", po::bool_switch(&compact),
         "compact the database in place (after indexing INPUTs, if any are given)");
    try {
        const auto parsed = bw::parse_command_line(argc, argv, visible, "input", options.inputs);
        if (!parsed) return 0;  // --help
        const po::variables_map& vm = *parsed;
        if (progress == "auto") options.progress = bw::ProgressMode::Auto;
        else if (progress == "always") options.progress = bw::ProgressMode::Always;
        else if (progress == "never") options.progress = bw::ProgressMode::Never;
        else throw bw::UsageError("--progress must be auto, always or never");
        if (vm.count("shards") && (options.shards < 1 || options.shards > bw::kMaxShards))
            throw bw::UsageError("--shards must be between 1 and " + std::to_string(bw::kMaxShards));
        if (options.inputs.empty() && options.delete_ids.empty() && !compact)
            throw bw::UsageError("no input given (files, directories, or - for standard input)");
    } catch (const po::error& e) {
        std::cerr << "bellwether-index: error: " << e.what() << "\n(see bellwether-index --help)\n";
        return 2;
    } catch (const bw::UsageError& e) {
        std::cerr << "bellwether-index: error: " << e.what() << "\n(see bellwether-index --help)\n";
        return 2;
    }

    try {
        std::ios::sync_with_stdio(false);
        int status = 0;
        if (!options.inputs.empty() || !options.delete_ids.empty()) {
            bw::IndexSummary summary = bw::run_index(options, std::cout, std::cerr);
            std::cout.flush();
            std::cerr << summary.summary_line() << "\n";
            status = bw::exit_code_for(summary);
            if (summary.interrupted || summary.aborted || options.dry_run) return status;
        }
        if (compact) std::cerr << bw::compact_database(options.db_path).summary_line() << "\n";
        return status;
    } catch (const bw::UsageError& e) {
        std::cerr << "bellwether-index: error: " << e.what() << "\n";
        return 2;
    } catch (const bw::SchemaError& e) {
        std::cerr << "bellwether-index: error: " << e.what() << "\n";
        return 2;
    } catch (const bw::Error& e) {
        std::cerr << "bellwether-index: fatal: " << e.what() << "\n";
        return 3;
    } catch (const Xapian::Error& e) {
        std::cerr << "bellwether-index: fatal: " << e.get_description() << "\n";
        return 3;
    } catch (const std::exception& e) {
        std::cerr << "bellwether-index: fatal: " << e.what() << "\n";
        return 3;
    }
}
