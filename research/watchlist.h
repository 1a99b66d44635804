// Watchlists: saved searches stored in a database's metadata, each remembering the commit
// generation it last reported, so `bellwether-watch run` prints only what entered the archive
// (or changed) since then: the morning brief "what is new about MU, HBM or Morgan Stanley".
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "searcher/response.h"

namespace bw {

// One saved search.
struct Watch {
    std::string name;
    std::string query;                                        // bellwether-search query syntax
    std::map<std::string, std::vector<std::string>> filters;  // as SearchRequest::filters
    unsigned long long mark = 0;                              // last generation reported (0 = never ran)
    std::string created;                                      // ISO 8601
    std::optional<std::string> last_run;                      // ISO 8601

    nlohmann::ordered_json to_json() const;
    static Watch from_json(const nlohmann::json& json);
};

// The watches of one database, opened for writing (waits up to `lock_wait_seconds` for an
// indexer that holds the write lock, then throws DatabaseError). Changes are committed by commit().
class WatchStore {
public:
    explicit WatchStore(const std::string& db_path, double lock_wait_seconds = 30);

    std::vector<Watch> list() const;
    std::optional<Watch> find(const std::string& name) const;
    void save(const Watch& watch);
    void remove(const std::string& name);  // throws NotFoundError
    // The last committed indexing generation (nothing can commit while the store is open).
    unsigned long long generation() const;
    void commit();

private:
    Xapian::WritableDatabase db_;
};

// Throws UsageError unless `name` is 1-64 characters of A-Z a-z 0-9 _ - .
void validate_watch_name(const std::string& name);

// What one run of a watch found.
struct WatchReport {
    Watch watch;  // as it was before the run (its old mark)
    SearchResponse response;
};

// Runs each watch (newest first, at most `limit` results), moves its mark to `generation` and
// saves it in `store`; the caller commits.
std::vector<WatchReport> run_watches(const std::string& db_path, WatchStore& store, std::vector<Watch> watches,
                                     std::size_t limit);

}  // namespace bw
