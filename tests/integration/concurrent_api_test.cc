// bellwether-serve's API (server/api.h) called from several threads at once while a writer keeps
// committing to the same database, as under the e2e load test but inside one process, so that
// scripts/test.sh --tsan checks its per-thread searchers, their reopening at each new revision and
// the retry after a DatabaseModifiedError. Every reply must be a 200, and every thread must see
// the writer's documents once it has committed them.
#include <atomic>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/api.h"
#include "test_support.h"

namespace {

class ConcurrentApiTest : public bw::test::ReutersSliceTest {};

// Writes `count` small articles with ids "extra-<batch>-<i>" to a JSONL file and returns its path.
std::string write_batch(const bw::test::TempDir& dir, int batch, int count) {
    const std::string path = dir / ("batch-" + std::to_string(batch) + ".jsonl");
    std::ofstream out(path);
    for (int i = 0; i < count; ++i)
        out << R"({"type": "article", "id": "extra-)" << batch << "-" << i << R"(", "title": "Extra )" << i
            << R"(", "body": "Grain exports rose as the minister said trade would grow.", "topics": ["trade"]})"
            << "\n";
    return path;
}

std::size_t documents_in(const bw::ApiReply& health) {
    return nlohmann::json::parse(health.body).at("documents").get<std::size_t>();
}

TEST_F(ConcurrentApiTest, EveryRequestSucceedsWhileAWriterCommits) {
    bw::Api api(db_, bw::ApiLimits{});
    const std::size_t before = documents_in(api.health());
    ASSERT_EQ(before, 2500u);

    constexpr int kThreads = 4;
    constexpr int kBatches = 6;
    constexpr int kPerBatch = 20;
    std::atomic<bool> writing{true};
    std::atomic<int> failures{0};
    std::atomic<int> requests{0};
    std::atomic<int> stale{0};  // threads whose searcher missed the last commit after the writer ended
    std::vector<std::string> failed;  // the first few, for the message
    std::mutex failed_mutex;
    auto check = [&](const bw::ApiReply& reply, const char* what) {
        ++requests;
        if (reply.status == 200) return;
        ++failures;
        std::lock_guard lock(failed_mutex);
        if (failed.size() < 5) failed.push_back(std::string(what) + ": " + std::to_string(reply.status) + " " + reply.body);
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            // At least a few rounds each, and on until the writer is done.
            for (int round = 0; round < 5 || writing; ++round) {
                check(api.search({{"topic", "trade"}, {"sort", "date"}}), "filters only");
                check(api.search({{"q", "grain exports"}, {"facets", "topic,place"}}), "text with facets");
                check(api.search({{"q", "\"trade deficit\""}}), "phrase");
                check(api.related("reuters-5", {}), "related");
                check(api.doc("reuters-7"), "doc");
                check(api.suggest({{"q", "gra"}}), "suggest");
                check(api.stats(), "stats");
            }
            // The writer has committed its last batch: this thread's searcher, opened before that,
            // must read the last revision now.
            if (documents_in(api.health()) != before + kBatches * kPerBatch) ++stale;
        });
    }
    for (int batch = 0; batch < kBatches; ++batch) {
        const auto summary = bw::test::index_into(db_, {write_batch(dir_, batch, kPerBatch)});
        EXPECT_EQ(summary.added, static_cast<std::size_t>(kPerBatch));
    }
    writing = false;
    for (auto& thread : threads) thread.join();

    EXPECT_EQ(failures.load(), 0) << (failed.empty() ? "" : failed.front());
    EXPECT_GE(requests.load(), kThreads * 5 * 7);
    std::printf("%d requests while %d batches were committed\n", requests.load(), kBatches);
    EXPECT_EQ(stale.load(), 0);
    // And this thread's, opened before the first commit.
    EXPECT_EQ(documents_in(api.health()), before + kBatches * kPerBatch);
}

}  // namespace
