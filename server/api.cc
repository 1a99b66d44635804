#include "server/api.h"

#include <charconv>

#include "core/errors.h"

namespace bw {
namespace {

using ojson = nlohmann::ordered_json;

std::string dump(const ojson& value) { return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

// The single optional `limit` (and nothing else but the names in `allowed`) of a small endpoint.
std::size_t small_limit(const SearchParams& params, std::initializer_list<const char*> allowed, std::size_t fallback,
                        std::size_t max) {
    std::size_t limit = fallback;
    for (const auto& [name, value] : params) {
        if (name == "limit") {
            auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), limit);
            if (value.empty() || ec != std::errc() || ptr != value.data() + value.size())
                throw UsageError("limit: '" + value + "' is not a whole number");
            if (limit > max) throw UsageError("limit may be at most " + std::to_string(max));
            continue;
        }
        bool ok = false;
        for (const char* a : allowed) ok = ok || name == a;
        if (!ok) throw UsageError("unknown parameter '" + name + "'");
    }
    return limit;
}

}  // namespace

Api::Api(std::string db_path, ApiLimits limits) : db_path_(std::move(db_path)), limits_(limits) {
    Searcher check(db_path_);  // fail at startup, not on the first request
}

ApiReply Api::error(int status, const std::string& code, const std::string& message, std::optional<std::size_t> position) {
    ojson detail = {{"code", code}, {"message", message}};
    if (position) detail["position"] = *position;
    return {status, dump(ojson{{"error", detail}})};
}

Searcher& Api::searcher() {
    Searcher* mine = nullptr;
    {
        std::lock_guard lock(mutex_);
        auto& slot = searchers_[std::this_thread::get_id()];
        if (!slot) slot = std::make_unique<Searcher>(db_path_);
        else mine = slot.get();
        if (!mine) return *slot;  // freshly opened: already at the latest revision
    }
    try {
        mine->refresh();  // cheap when nothing changed: Xapian compares the revision
    } catch (const DatabaseError&) {
        drop_searcher();  // the database was replaced or removed: open it afresh
        return searcher();
    }
    return *mine;
}

void Api::drop_searcher() {
    std::lock_guard lock(mutex_);
    searchers_.erase(std::this_thread::get_id());
}

// Runs `body` (Searcher& -> ApiReply) on this thread's searcher; maps every error to a JSON reply.
template <class Body>
ApiReply Api::answer(Body&& body) {
    try {
        try {
            return body(searcher());
        } catch (const Xapian::DatabaseModifiedError&) {
            // A writer committed over the revision being read: once more on the new one.
            return body(searcher());  // searcher() reopens at the new revision
        }
    } catch (const QuerySyntaxError& e) {
        return error(400, "query_syntax", e.what(), e.position());
    } catch (const UsageError& e) {
        return error(400, "bad_parameter", e.what());
    } catch (const NotFoundError& e) {
        return error(404, "not_found", e.what());
    } catch (const DatabaseError& e) {
        drop_searcher();
        return error(503, "database_unavailable", e.what());
    } catch (const Xapian::DatabaseError& e) {
        drop_searcher();
        return error(503, "database_unavailable", e.get_description());
    } catch (const Xapian::Error& e) {
        return error(500, "internal", e.get_description());
    } catch (const std::exception& e) {
        return error(500, "internal", e.what());
    }
}

ApiReply Api::search(const SearchParams& params) {
    return answer([&](Searcher& s) {
        RequestLimits limits;
        limits.max_limit = limits_.max_limit;
        limits.max_offset = limits_.max_offset;
        limits.max_query_bytes = limits_.max_query_bytes;
        limits.max_group_size = 20;
        limits.max_group_limit = 50;
        SearchRequest request = build_search_request(params, limits);
        request.time_limit = limits_.search_seconds;
        return ApiReply{200, dump(response_to_json(s.search(request)))};
    });
}

ApiReply Api::doc(const std::string& id) {
    return answer([&](Searcher& s) { return ApiReply{200, dump(s.show(id))}; });
}

ApiReply Api::related(const std::string& id, const SearchParams& params) {
    return answer([&](Searcher& s) {
        std::size_t limit = small_limit(params, {}, 10, limits_.max_limit);
        return ApiReply{200, dump(response_to_json(s.related(id, limit)))};
    });
}

ApiReply Api::suggest(const SearchParams& params) {
    return answer([&](Searcher& s) {
        std::size_t limit = small_limit(params, {"q"}, 8, 50);
        std::string text;
        for (const auto& [name, value] : params) {
            if (name == "q") text = value;
        }
        return ApiReply{200, dump(s.suggest(text, limit))};
    });
}

ApiReply Api::stats() {
    return answer([&](Searcher& s) {
        ojson stats = s.stats();
        stats.erase("database");  // the server's file system layout is not the client's business
        return ApiReply{200, dump(stats)};
    });
}

ApiReply Api::health() {
    return answer([&](Searcher& s) {
        return ApiReply{200, dump(ojson{{"status", "ok"}, {"documents", s.document_count()}})};
    });
}

}  // namespace bw
