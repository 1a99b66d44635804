// bellwether-serve: the HTTP JSON API and the search page over a Bellwether database.
// Exit codes: 0 stopped by SIGINT/SIGTERM, 2 usage error, 3 fatal (no database, cannot listen).
#include <climits>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>
#include <vector>

#include <boost/program_options.hpp>
#include <xapian.h>

#include "core/errors.h"
#include "server/http_server.h"

namespace po = boost::program_options;

namespace {

const char* kUsage =
    "Usage: bellwether-serve [options]\n"
    "Serve a Bellwether database over HTTP: a JSON API under /api/ (search, doc, related, suggest,\n"
    "stats, health) and the search page at /.\n\nOptions";

std::string default_db() {
    const char* env = std::getenv("BELLWETHER_DB");
    return env && *env ? env : "./bellwether.db";
}

// The web page: <prefix>/share/bellwether/web next to <prefix>/bin/bellwether-serve, else the one
// of the install prefix this was built for, else (running from the build tree) the source's web/.
// "" when none exists: the API is served alone.
std::string default_static_dir() {
    std::error_code ec;
    std::vector<std::filesystem::path> candidates;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) candidates.push_back(exe.parent_path().parent_path() / "share" / "bellwether" / "web");
    candidates.emplace_back(BELLWETHER_WEB_DIR);
    candidates.emplace_back(BELLWETHER_SOURCE_WEB_DIR);
    for (const auto& dir : candidates) {
        if (std::filesystem::is_regular_file(dir / "index.html", ec)) return dir.string();
    }
    std::cerr << "bellwether-serve: warning: no web page found (give --static DIR); serving the API only\n";
    return "";
}

}  // namespace

int main(int argc, char** argv) {
    bw::ServerOptions options;
    std::string static_dir;
    bool no_static = false;
    po::options_description visible(kUsage);
    visible.add_options()
        ("help,h", "show this help")
        ("db", po::value(&options.db_path)->default_value(default_db(), "$BELLWETHER_DB or ./bellwether.db"), "database")
        ("host", po::value(&options.host)->default_value("127.0.0.1"), "address to listen on (loopback by default)")
        ("port", po::value(&options.port)->default_value(8080), "port (0: any free port, printed at startup)")
        ("threads", po::value(&options.threads)->default_value(8), "worker threads (each holds one connection at a time)")
        ("static", po::value(&static_dir), "directory of the web page (default: the installed one)")
        ("no-static", po::bool_switch(&no_static), "serve the API only")
        ("cors-origin", po::value(&options.cors_origin), "allow this origin to call the API from a browser (off by default)")
        ("timeout", po::value(&options.timeout_seconds)->default_value(10), "socket read/write timeout in seconds")
        ("quiet", po::bool_switch(&options.quiet), "no access log");
    try {
        po::variables_map vm;
        po::store(po::parse_command_line(argc, argv, visible), vm);
        if (vm.count("help")) {
            std::cout << visible << "\n";
            return 0;
        }
        po::notify(vm);
        if (options.port < 0 || options.port > 65535) throw bw::UsageError("--port must be between 0 and 65535");
        if (options.threads < 1 || options.threads > 1024) throw bw::UsageError("--threads must be between 1 and 1024");
        if (options.timeout_seconds < 1) throw bw::UsageError("--timeout must be at least 1 second");
        if (!no_static) options.static_dir = static_dir.empty() ? default_static_dir() : static_dir;
    } catch (const po::error& e) {
        std::cerr << "bellwether-serve: error: " << e.what() << "\n(see bellwether-serve --help)\n";
        return 2;
    } catch (const bw::UsageError& e) {
        std::cerr << "bellwether-serve: error: " << e.what() << "\n";
        return 2;
    }
    try {
        return bw::run_server(options, std::cerr);
    } catch (const bw::UsageError& e) {
        std::cerr << "bellwether-serve: error: " << e.what() << "\n";
        return 2;
    } catch (const bw::Error& e) {
        std::cerr << "bellwether-serve: fatal: " << e.what() << "\n";
        return 3;
    } catch (const Xapian::Error& e) {
        std::cerr << "bellwether-serve: fatal: " << e.get_description() << "\n";
        return 3;
    } catch (const std::exception& e) {
        std::cerr << "bellwether-serve: fatal: " << e.what() << "\n";
        return 3;
    }
}
