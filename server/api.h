// The HTTP API's logic, independent of the HTTP library: each endpoint takes the decoded path
// parameter and query parameters and returns a status and a JSON body. Searches go through the
// same request mapping (searcher/request_params.h) and serializer (searcher/response.h) as
// bellwether-search --format json, so both give the same JSON for the same request.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>

#include "searcher/request_params.h"
#include "searcher/searcher.h"

namespace bw {

// A status and a JSON body (errors: {"error": {"code", "message"[, "position"]}}).
struct ApiReply {
    int status = 200;
    std::string body;
};

// Bounds on what one API request may ask for.
struct ApiLimits {
    std::size_t max_limit = 100;
    std::size_t max_offset = 10000;
    std::size_t max_query_bytes = 1000;
    double search_seconds = 5;  // the matcher stops early after this long (counts become estimates)
};

// The endpoints. Thread-safe: every calling thread gets its own read-only Searcher (one
// Xapian::Database each), reopened at the start of each request so that new commits are visible
// at once; a request that meets a DatabaseModifiedError is retried once on the new revision.
class Api {
public:
    // Opens the database once to check it; throws DatabaseError when it cannot be opened.
    Api(std::string db_path, ApiLimits limits);

    ApiReply search(const SearchParams& params);                           // GET /api/search
    ApiReply doc(const std::string& id);                                   // GET /api/doc/{id}
    ApiReply related(const std::string& id, const SearchParams& params);   // GET /api/related/{id}?limit=
    ApiReply suggest(const SearchParams& params);                          // GET /api/suggest?q=&limit=
    ApiReply stats();                                                      // GET /api/stats
    ApiReply health();                                                     // GET /api/health

    // The JSON error body with `code` (a short machine-readable word) and a human message.
    static ApiReply error(int status, const std::string& code, const std::string& message,
                          std::optional<std::size_t> position = std::nullopt);

private:
    template <class Body>
    ApiReply answer(Body&& body);
    Searcher& searcher();
    void drop_searcher();

    std::string db_path_;
    ApiLimits limits_;
    std::mutex mutex_;
    std::unordered_map<std::thread::id, std::unique_ptr<Searcher>> searchers_;
};

}  // namespace bw
