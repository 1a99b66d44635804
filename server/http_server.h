// bellwether-serve's HTTP side on cpp-httplib (Debian's libcpp-httplib-dev): routes, JSON errors
// for every failure, 405 for other methods, size limits (413/414), timeouts, optional CORS, the
// static web page with ETag/Cache-Control, one access-log line per request, clean stop on
// SIGINT/SIGTERM.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

namespace bw {

// Everything bellwether-serve can be told.
struct ServerOptions {
    std::string db_path;
    std::string host = "127.0.0.1";  // loopback unless told otherwise
    int port = 8080;                 // 0: any free port (printed at startup)
    std::size_t threads = 8;         // worker threads, each with its own read-only database
    std::string static_dir;          // the web page; "" = none
    std::string cors_origin;         // "" = no CORS headers
    int timeout_seconds = 10;        // socket read/write timeout
    std::size_t max_body_bytes = 64 * 1024;
    bool quiet = false;              // no access log
};

// Serves until SIGINT/SIGTERM. Prints "bellwether-serve: listening on http://HOST:PORT ..." to
// `log` once bound. Returns the process exit code (0 after a clean stop, 3 when it cannot bind).
// Throws DatabaseError/UsageError for a bad database or web directory.
int run_server(const ServerOptions& options, std::ostream& log);

}  // namespace bw
