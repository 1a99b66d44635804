// The parallel indexer gives the same database whatever the thread count: every document (found by
// its Q id term) has the same document id, data, terms (wdf and positions) and values; metadata and
// spelling data agree; diagnostics come out in input order, identical to a sequential run; and
// --strict still commits nothing. The reference is the classic single writer (--single-writer).
#include <sys/resource.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include <xapian.h>

#include "core/metadata.h"
#include "core/slots.h"
#include "database_dump.h"
#include "indexer/shard_writer.h"
#include "test_support.h"

namespace {

using bw::IndexOptions;
using bw::test::DatabaseDump;
using bw::test::TempDir;
using bw::test::dump;
using bw::test::expect_same;

struct IndexRun {
    bw::IndexSummary summary;
    std::string diagnostics;
    DatabaseDump contents;
};

IndexRun index_with(const TempDir& dir, const std::string& name, const std::vector<std::string>& inputs,
               unsigned threads, bool single_writer, std::size_t batch, bool strict = false) {
    IndexOptions options;
    options.threads = threads;
    options.single_writer = single_writer;
    options.batch = batch;
    options.strict = strict;
    IndexRun run;
    const std::string db = dir / name;
    run.summary = bw::test::index_into(db, inputs, &run.diagnostics, options);
    run.contents = dump(db);
    return run;
}

void expect_same_runs(const IndexRun& expected, const IndexRun& actual, const std::string& label) {
    EXPECT_EQ(expected.diagnostics, actual.diagnostics) << label;
    EXPECT_EQ(expected.summary.read, actual.summary.read) << label;
    EXPECT_EQ(expected.summary.added, actual.summary.added) << label;
    EXPECT_EQ(expected.summary.replaced, actual.summary.replaced) << label;
    EXPECT_EQ(expected.summary.skipped, actual.summary.skipped) << label;
    EXPECT_EQ(expected.summary.warnings, actual.summary.warnings) << label;
    expect_same(expected.contents, actual.contents, label);
}

// A JSONL file with good records, bad ones and warnings, and ids that repeat far apart.
std::string write_mixed_fixture(const TempDir& dir) {
    const std::string path = dir / "mixed.jsonl";
    std::ofstream out(path);
    for (int i = 0; i < 120; ++i) {
        if (i % 17 == 5) {
            out << "{\"id\": \"bad-" << i << "\", \"title\": 42}\n";  // wrong type: rejected
        } else if (i % 23 == 7) {
            out << "{not json\n";
        } else {
            int id = i % 50;  // ids 0..49 come back, so later records replace earlier ones
            out << "{\"id\": \"doc-" << id << "\", \"title\": \"Record " << i << " about chips\", "
                << "\"body\": \"Version " << i << " of document " << id << " mentions memory prices.\", "
                << "\"date\": \"2024-0" << (1 + i % 9) << "-1" << (i % 10) << "\", \"topics\": [\"t" << (i % 4)
                << "\"]}\n";
        }
    }
    return path;
}

TEST(ParallelIndex, ExamplesAreTheSameWithOneOrThreeThreads) {
    TempDir dir;
    const std::vector<std::string> inputs = {bw::test::examples_dir().string()};
    // Same --batch everywhere: commit generations (a value) are numbered per batch.
    IndexRun reference = index_with(dir, "single.db", inputs, 1, true, 7);
    ASSERT_GT(reference.contents.doccount, 0u);
    // Small batches make many chunks, so the merge is exercised.
    expect_same_runs(reference, index_with(dir, "t1.db", inputs, 1, false, 7), "threads 1");
    expect_same_runs(reference, index_with(dir, "t3.db", inputs, 3, false, 7), "threads 3");
    expect_same_runs(reference, index_with(dir, "t3-single.db", inputs, 3, true, 7), "threads 3, single writer");
}

TEST(ParallelIndex, RepeatedIdsAndErrorsMatchTheSequentialRun) {
    TempDir dir;
    const std::vector<std::string> inputs = {write_mixed_fixture(dir), bw::test::examples_dir() / "articles.jsonl",
                                             bw::test::examples_dir() / "articles.jsonl"};
    for (std::size_t batch : {4u, 33u, 2000u}) {
        IndexRun reference = index_with(dir, "single-" + std::to_string(batch), inputs, 1, true, batch);
        ASSERT_GT(reference.summary.replaced, 0u);
        ASSERT_GT(reference.summary.skipped, 0u);
        for (unsigned threads : {1u, 2u, 3u}) {
            // Appended, not `"t" + std::to_string(...)`: GCC 12 warns -Wrestrict (a false positive) on that.
            const std::string name = std::string("t").append(std::to_string(threads)).append("-").append(std::to_string(batch));
            const std::string label =
                std::string("threads ").append(std::to_string(threads)).append(", batch ").append(std::to_string(batch));
            expect_same_runs(reference, index_with(dir, name, inputs, threads, false, batch), label);
        }
    }
}

// Lowers the soft limit on open files for the lifetime of the object.
class OpenFileLimit {
public:
    explicit OpenFileLimit(rlim_t soft) {
        getrlimit(RLIMIT_NOFILE, &saved_);
        rlimit lowered = saved_;
        lowered.rlim_cur = std::min<rlim_t>(soft, saved_.rlim_cur);
        setrlimit(RLIMIT_NOFILE, &lowered);
    }
    ~OpenFileLimit() { setrlimit(RLIMIT_NOFILE, &saved_); }
    OpenFileLimit(const OpenFileLimit&) = delete;
    OpenFileLimit& operator=(const OpenFileLimit&) = delete;

private:
    rlimit saved_{};
};

// A big bulk load makes hundreds of chunks (a million documents make 1,000): they
// are merged a bounded number at a time, so the load works under a low open-file limit. Before
// that, one compaction opened every chunk and failed at the end with "Too many open files".
TEST(ParallelIndex, ManyChunksAreMergedInStagesUnderALowOpenFileLimit) {
    TempDir dir;
    const std::vector<std::string> inputs = {write_mixed_fixture(dir), bw::test::examples_dir().string()};
    IndexRun reference = index_with(dir, "single.db", inputs, 1, true, 1);
    ASSERT_GT(reference.contents.doccount, 3 * bw::ShardedBulkLoad::kMaxMergeInputs);  // two merge stages
    OpenFileLimit limit(400);  // one chunk database holds about four files
    expect_same_runs(reference, index_with(dir, "t1.db", inputs, 1, false, 1), "threads 1, batch 1");
    expect_same_runs(reference, index_with(dir, "t2.db", inputs, 2, false, 1), "threads 2, batch 1");
}

TEST(ParallelIndex, StrictCommitsNothingOfTheRun) {
    TempDir dir;
    const std::vector<std::string> inputs = {bw::test::examples_dir() / "articles.jsonl", write_mixed_fixture(dir)};
    IndexRun sequential = index_with(dir, "single.db", inputs, 1, true, 5, true);
    IndexRun parallel = index_with(dir, "parallel.db", inputs, 3, false, 5, true);
    EXPECT_TRUE(parallel.summary.aborted);
    EXPECT_EQ(sequential.diagnostics, parallel.diagnostics);
    EXPECT_EQ(sequential.summary.read, parallel.summary.read);
    EXPECT_EQ(parallel.contents.doccount, 0u);
    EXPECT_EQ(sequential.contents.doccount, 0u);
}

TEST(ParallelIndex, IncrementalUpdateOfAnExistingDatabase) {
    TempDir dir;
    const auto articles = (bw::test::examples_dir() / "articles.jsonl").string();
    const auto signals = (bw::test::examples_dir() / "signals.jsonl").string();
    const std::string db = dir / "incremental.db";
    IndexOptions options;
    options.threads = 3;
    options.batch = 9;
    bw::IndexSummary first = bw::test::index_into(db, {articles}, nullptr, options);
    EXPECT_TRUE(first.bulk);
    bw::IndexSummary second = bw::test::index_into(db, {signals, articles}, nullptr, options);
    EXPECT_FALSE(second.bulk);
    EXPECT_EQ(second.replaced, first.added);
    index_with(dir, "reference.db", {articles, signals, articles}, 1, true, 2000);
    // Two runs make two commit generations where one run makes one: compare everything else.
    expect_same(dump(dir / "reference.db", false), dump(db, false), "incremental");
}

TEST(ParallelIndex, CompactKeepsEverything) {
    TempDir dir;
    const std::string db = dir / "compact.db";
    IndexOptions options;
    options.single_writer = true;
    options.batch = 3;
    bw::test::index_into(db, {bw::test::examples_dir().string()}, nullptr, options);
    DatabaseDump before = dump(db);
    bw::CompactSummary summary = bw::compact_database(db);
    EXPECT_EQ(summary.documents, before.doccount);
    EXPECT_LE(summary.bytes_after, summary.bytes_before);
    expect_same(before, dump(db), "compacted");
    // The database is still writable afterwards.
    bw::IndexSummary again = bw::test::index_into(db, {(bw::test::examples_dir() / "signals.jsonl").string()});
    EXPECT_GT(again.replaced, 0u);
}

TEST(ParallelIndex, ReutersSliceIsTheSameWithOneOrThreeThreads) {
    BW_REQUIRE_SHARED(corpus, "corpora/reuters21578/reuters21578.jsonl");
    TempDir dir;
    const std::string slice = dir / "reuters-slice.jsonl";
    bw::test::write_slice(corpus, slice, 2500);
    IndexRun one = index_with(dir, "t1.db", {slice}, 1, false, 400);
    IndexRun three = index_with(dir, "t3.db", {slice}, 3, false, 400);
    EXPECT_EQ(one.contents.doccount, 2500u);
    expect_same_runs(one, three, "reuters threads 3");
}

}  // namespace
