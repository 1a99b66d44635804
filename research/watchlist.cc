#include "research/watchlist.h"

#include <chrono>
#include <thread>

#include "core/dates.h"
#include "core/errors.h"
#include "core/metadata.h"
#include "searcher/searcher.h"

namespace bw {
namespace {

Xapian::WritableDatabase open_for_writing(const std::string& path, double wait_seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_seconds);
    while (true) {
        try {
            return Xapian::WritableDatabase(path, Xapian::DB_OPEN);
        } catch (const Xapian::DatabaseLockError&) {
            if (std::chrono::steady_clock::now() >= deadline) {
                throw DatabaseError(path + ": the database is being written by another process (locked); "
                                    "the watches were not changed, try again when it is done");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        } catch (const Xapian::DatabaseOpeningError&) {
            throw DatabaseError(path + ": no database here (create one with bellwether-index)");
        }
    }
}

}  // namespace

nlohmann::ordered_json Watch::to_json() const {
    nlohmann::ordered_json out;
    out["name"] = name;
    out["query"] = query;
    out["filters"] = nlohmann::ordered_json::object();
    for (const auto& [field, values] : filters) out["filters"][field] = values;
    out["mark"] = mark;
    out["created"] = created;
    out["last_run"] = last_run ? nlohmann::ordered_json(*last_run) : nlohmann::ordered_json(nullptr);
    return out;
}

Watch Watch::from_json(const nlohmann::json& json) {
    Watch w;
    w.name = json.value("name", "");
    w.query = json.value("query", "");
    if (auto f = json.find("filters"); f != json.end() && f->is_object()) {
        for (const auto& [field, values] : f->items()) w.filters[field] = values.get<std::vector<std::string>>();
    }
    w.mark = json.value("mark", 0ULL);
    w.created = json.value("created", "");
    if (auto r = json.find("last_run"); r != json.end() && r->is_string()) w.last_run = r->get<std::string>();
    return w;
}

void validate_watch_name(const std::string& name) {
    bool ok = !name.empty() && name.size() <= 64;
    for (char c : name) {
        ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.');
    }
    if (!ok) throw UsageError("watch name '" + name + "': use 1-64 letters, digits, '_', '-' or '.'");
}

WatchStore::WatchStore(const std::string& db_path, double lock_wait_seconds)
    : db_(open_for_writing(db_path, lock_wait_seconds)) {}

std::vector<Watch> WatchStore::list() const {
    std::vector<Watch> out;
    for (auto it = db_.metadata_keys_begin(kWatchKeyPrefix); it != db_.metadata_keys_end(kWatchKeyPrefix); ++it) {
        auto json = nlohmann::json::parse(db_.get_metadata(*it), nullptr, false);
        if (json.is_object()) out.push_back(Watch::from_json(json));
    }
    return out;
}

std::optional<Watch> WatchStore::find(const std::string& name) const {
    std::string text = db_.get_metadata(kWatchKeyPrefix + name);
    if (text.empty()) return std::nullopt;
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (!json.is_object()) return std::nullopt;
    return Watch::from_json(json);
}

void WatchStore::save(const Watch& watch) { db_.set_metadata(kWatchKeyPrefix + watch.name, watch.to_json().dump()); }

void WatchStore::remove(const std::string& name) {
    if (!find(name)) throw NotFoundError("no watch named '" + name + "'");
    db_.set_metadata(kWatchKeyPrefix + name, "");
}

unsigned long long WatchStore::generation() const { return committed_generation(db_); }

void WatchStore::commit() { db_.commit(); }

std::vector<WatchReport> run_watches(const std::string& db_path, WatchStore& store, std::vector<Watch> watches,
                                     std::size_t limit) {
    // The store holds the write lock, so the searcher sees exactly the generation read here.
    const unsigned long long generation = store.generation();
    Searcher searcher(db_path);
    const std::string now = now_utc().iso();
    std::vector<WatchReport> reports;
    for (Watch& watch : watches) {
        SearchRequest request;
        request.query = watch.query;
        request.filters = watch.filters;
        request.sort = SortOrder::Date;
        request.limit = limit;
        request.exact_total = true;  // "N new since last time" is a count, not an estimate
        request.changed_after_generation = watch.mark;  // a first run (mark 0) reports every match
        WatchReport report{watch, searcher.search(request)};
        watch.mark = generation;
        watch.last_run = now;
        store.save(watch);
        reports.push_back(std::move(report));
    }
    return reports;
}

}  // namespace bw
