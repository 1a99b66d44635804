// bellwether-query-bench: times searches in one process, as a server would run them.
// Usage: bellwether-query-bench DB QUERIES.jsonl [--repeat N] [--samples] [--in-line-count] [--parallel-count-from N]
// Each line of QUERIES.jsonl is a request: {"class": "...", "query": "...", "filters": {"ticker": ["MU"]},
// "since": "...", "until": "...", "facets": ["ticker", ...], "snippet": 200, "limit": 10,
// "exact_total": true, "count_up_to": 0, "fields": ["id"], "collapse": false}.
// One warm-up pass runs every query first (so the OS page cache holds the database, as on a warm
// server); then every query runs N times and each run is timed (steady clock, microseconds).
// Prints one JSON object: per class {"n", "p50_ms", "p95_ms", "p99_ms", "mean_ms", "max_ms",
// "mean_total"}, with the latencies of every timed run under "samples_ms" when --samples is given.
// --in-line-count keeps every search on one thread: the counting pass after the ranked pass, never
// beside it (searcher/parallel_count.h), and a phrase's ranked pass whole, not in two docid halves
// (searcher/ranked_window.h), to measure what the second thread saves; --parallel-count-from N
// sets the postings from which it is used (ParallelCounter::kDefaultFromPostings).
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "searcher/searcher.h"

namespace {

using nlohmann::json;

struct BenchQuery {
    std::string group;
    bw::SearchRequest request;
};

bw::SearchRequest to_request(const json& line) {
    bw::SearchRequest request;
    request.query = line.value("query", "");
    if (auto f = line.find("filters"); f != line.end()) {
        for (const auto& [name, values] : f->items()) request.filters[name] = values.get<std::vector<std::string>>();
    }
    if (line.contains("since")) request.since = line["since"].get<std::string>();
    if (line.contains("until")) request.until = line["until"].get<std::string>();
    request.facets = line.value("facets", std::vector<std::string>{});
    request.exact_total = line.value("exact_total", false);
    if (line.contains("count_up_to")) request.count_up_to = line["count_up_to"].get<std::size_t>();
    request.snippet_length = line.value("snippet", 0);
    request.fields = bw::ResultFields::parse(line.value("fields", std::vector<std::string>{}));
    request.limit = line.value("limit", 10);
    request.collapse = line.value("collapse", true);
    return request;
}

double percentile(std::vector<double> sorted, double p) {
    if (sorted.empty()) return 0;
    std::size_t rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(rank, sorted.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: bellwether-query-bench DB QUERIES.jsonl [--repeat N] [--samples] [--in-line-count] [--parallel-count-from N]\n";
        return 2;
    }
    int repeat = 1;
    bool samples = false;
    bool in_line_count = false;
    long parallel_from = -1;
    for (int i = 3; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--samples") samples = true;
        else if (arg == "--in-line-count") in_line_count = true;
        else if (arg == "--parallel-count-from" && i + 1 < argc) parallel_from = std::max(0L, std::atol(argv[++i]));
    }
    try {
        bw::Searcher searcher(argv[1]);
        if (parallel_from >= 0) searcher.set_parallel_count_from(static_cast<std::size_t>(parallel_from));
        if (in_line_count) searcher.set_parallel_count_from(static_cast<std::size_t>(-1));
        std::vector<BenchQuery> queries;
        std::ifstream in(argv[2]);
        std::string text;
        while (std::getline(in, text)) {
            if (text.empty()) continue;
            json line = json::parse(text);
            queries.push_back({line.value("class", "all"), to_request(line)});
        }
        for (const auto& q : queries) searcher.search(q.request);  // warm-up

        std::map<std::string, std::vector<double>> latencies;
        std::map<std::string, double> totals;
        for (int r = 0; r < repeat; ++r) {
            for (const auto& q : queries) {
                auto start = std::chrono::steady_clock::now();
                bw::SearchResponse response = searcher.search(q.request);
                auto end = std::chrono::steady_clock::now();
                latencies[q.group].push_back(std::chrono::duration<double, std::milli>(end - start).count());
                totals[q.group] += static_cast<double>(response.total);
            }
        }
        json out = json::object();
        for (auto& [group, values] : latencies) {
            std::vector<double> sorted = values;
            std::sort(sorted.begin(), sorted.end());
            double sum = 0;
            for (double v : sorted) sum += v;
            json entry = {{"n", sorted.size()},
                          {"p50_ms", percentile(sorted, 50)},
                          {"p95_ms", percentile(sorted, 95)},
                          {"p99_ms", percentile(sorted, 99)},
                          {"mean_ms", sum / static_cast<double>(sorted.size())},
                          {"max_ms", sorted.back()},
                          {"mean_total", totals[group] / static_cast<double>(sorted.size())}};
            if (samples) entry["samples_ms"] = values;
            out[group] = entry;
        }
        std::cout << out.dump(1) << "\n";
        std::cerr << "bellwether-query-bench: facet columns held: " << searcher.facet_columns_held() << ", "
                  << static_cast<double>(searcher.facet_columns_bytes()) / 1e6 << " MB; value columns held: "
                  << searcher.value_columns_held() << ", " << static_cast<double>(searcher.value_columns_bytes()) / 1e6
                  << " MB\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "bellwether-query-bench: " << e.what() << "\n";
        return 3;
    }
}
