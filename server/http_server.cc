#include "server/http_server.h"

#include <chrono>
#include <csignal>
#include <ctime>
#include <mutex>
#include <pthread.h>
#include <thread>

#include <httplib.h>

#include "core/errors.h"
#include "server/api.h"
#include "server/static_files.h"

namespace bw {
namespace {

using Clock = std::chrono::steady_clock;
thread_local Clock::time_point request_start;
thread_local bool request_started = false;

SearchParams params_of(const httplib::Request& req) {
    SearchParams params;
    for (const auto& [name, value] : req.params) params.emplace_back(name, value);
    return params;
}

std::string utc_now() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

const char* reason_code(int status) {
    switch (status) {
        case 400: return "bad_request";
        case 404: return "not_found";
        case 405: return "method_not_allowed";
        case 408: return "request_timeout";
        case 413: return "payload_too_large";
        case 414: return "uri_too_long";
        case 416: return "range_not_satisfiable";
        case 503: return "unavailable";
        default: return status >= 500 ? "internal" : "error";
    }
}

}  // namespace

int run_server(const ServerOptions& options, std::ostream& log) {
    Api api(options.db_path, ApiLimits{});
    StaticFiles files;
    if (!options.static_dir.empty()) files = StaticFiles(options.static_dir);

    // SIGINT/SIGTERM are taken by one waiting thread (blocked everywhere else, including httplib's
    // workers, which inherit this mask), which stops the server.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    httplib::Server server;
    const std::size_t threads = options.threads;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_read_timeout(options.timeout_seconds, 0);
    server.set_write_timeout(options.timeout_seconds, 0);
    server.set_keep_alive_timeout(5);
    server.set_keep_alive_max_count(1000);
    server.set_payload_max_length(options.max_body_bytes);
    server.set_tcp_nodelay(true);  // small JSON replies must not wait for delayed ACKs (Nagle)

    auto add_cors = [&](httplib::Response& res) {
        if (!options.cors_origin.empty()) {
            res.set_header("Access-Control-Allow-Origin", options.cors_origin);
            res.set_header("Vary", "Origin");
        }
    };
    auto send = [&](httplib::Response& res, const ApiReply& reply) {
        res.status = reply.status;
        res.set_header("Cache-Control", "no-store");
        add_cors(res);
        res.set_content(reply.body, "application/json");
    };

    // Other methods without a body are refused here (the library would call a body-less POST a bad
    // request); with a body, the library reads it (413 when over the limit) and the handlers below
    // answer 405.
    auto not_allowed = [&](const httplib::Request&, httplib::Response& res) {
        res.set_header("Allow", options.cors_origin.empty() ? "GET, HEAD" : "GET, HEAD, OPTIONS");
        send(res, Api::error(405, "method_not_allowed", "only GET and HEAD are supported"));
    };
    server.set_pre_routing_handler([&](const httplib::Request& req, httplib::Response& res) {
        request_start = Clock::now();
        request_started = true;
        const bool allowed = req.method == "GET" || req.method == "HEAD" || req.method == "OPTIONS";
        const bool has_body = req.has_header("Transfer-Encoding") ||
                              (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0");
        if (!allowed && !has_body) {
            not_allowed(req, res);
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    std::mutex log_mutex;
    if (!options.quiet) {
        server.set_logger([&](const httplib::Request& req, const httplib::Response& res) {
            std::string ms = "-";
            if (request_started) {
                char buffer[32];
                std::snprintf(buffer, sizeof buffer, "%.1fms",
                              std::chrono::duration<double, std::milli>(Clock::now() - request_start).count());
                ms = buffer;
                request_started = false;
            }
            auto field = [](const std::string& value) { return value.empty() ? std::string("-") : value; };
            std::string line = utc_now() + " " + field(req.remote_addr) + " " + field(req.method) + " " +
                               field(req.target.empty() ? req.path : req.target) + " " + std::to_string(res.status) +
                               " " + ms + "\n";
            std::lock_guard lock(log_mutex);
            log << line << std::flush;
        });
    }
    // Failures the library detects itself (unknown route, oversized body or URI, bad request line)
    // get the same JSON error shape as ours.
    server.set_error_handler(httplib::Server::HandlerWithResponse([&](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string message = res.status == 404   ? "no such path"
                              : res.status == 413 ? "the request is too large"
                              : res.status == 414 ? "the request URI is too long"
                                                  : res.status == 405 ? "method not allowed"
                              : res.status < 500  ? "bad request"
                                                  : "internal error";
        send(res, Api::error(res.status, reason_code(res.status), message));
        return httplib::Server::HandlerResponse::Handled;
    }));
    server.set_exception_handler([&](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send(res, Api::error(500, "internal", "internal error"));
    });

    server.Get("/api/search", [&](const httplib::Request& req, httplib::Response& res) {
        send(res, api.search(params_of(req)));
    });
    server.Get(R"(/api/doc/(.+))", [&](const httplib::Request& req, httplib::Response& res) {
        if (!req.params.empty()) return send(res, Api::error(400, "bad_parameter", "/api/doc takes no parameters"));
        send(res, api.doc(req.matches[1]));
    });
    server.Get(R"(/api/related/(.+))", [&](const httplib::Request& req, httplib::Response& res) {
        send(res, api.related(req.matches[1], params_of(req)));
    });
    server.Get("/api/suggest", [&](const httplib::Request& req, httplib::Response& res) {
        send(res, api.suggest(params_of(req)));
    });
    server.Get("/api/stats", [&](const httplib::Request&, httplib::Response& res) { send(res, api.stats()); });
    server.Get("/api/health", [&](const httplib::Request&, httplib::Response& res) { send(res, api.health()); });
    server.Get(R"(/api(/.*)?)", [&](const httplib::Request&, httplib::Response& res) {
        send(res, Api::error(404, "not_found", "no such API endpoint"));
    });
    server.Get(R"(/.*)", [&](const httplib::Request& req, httplib::Response& res) {
        const StaticFile* file = files.find(req.path);
        if (!file) return send(res, Api::error(404, "not_found", "no such path"));
        res.set_header("ETag", file->etag);
        res.set_header("Cache-Control", file->cache_control);
        res.set_header("X-Content-Type-Options", "nosniff");
        if (req.get_header_value("If-None-Match") == file->etag) {
            res.status = 304;
            return;
        }
        res.set_content(file->content, file->content_type.c_str());
    });
    server.Post(R"(/.*)", not_allowed);
    server.Put(R"(/.*)", not_allowed);
    server.Patch(R"(/.*)", not_allowed);
    server.Delete(R"(/.*)", not_allowed);
    server.Options(R"(/.*)", [&](const httplib::Request& req, httplib::Response& res) {
        if (options.cors_origin.empty()) return not_allowed(req, res);
        add_cors(res);
        res.set_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
        res.set_header("Access-Control-Allow-Headers", "Content-Type");
        res.set_header("Access-Control-Max-Age", "600");
        res.status = 204;
    });

    int port = options.port;
    if (port == 0) {
        port = server.bind_to_any_port(options.host);
        if (port < 0) port = 0;
    } else if (!server.bind_to_port(options.host, port)) {
        port = 0;
    }
    if (port == 0) {
        log << "bellwether-serve: fatal: cannot listen on " << options.host << ":" << options.port << std::endl;
        return 3;
    }
    log << "bellwether-serve: listening on http://" << options.host << ":" << port << " (database " << options.db_path
        << ", " << threads << " threads, " << (files.size() ? files.directory() : std::string("no web page")) << ")"
        << std::endl;

    std::thread stopper([&] {
        int signal = 0;
        sigwait(&stop_signals, &signal);
        server.stop();
    });
    stopper.detach();
    server.listen_after_bind();
    log << "bellwether-serve: stopped" << std::endl;
    return 0;
}

}  // namespace bw
