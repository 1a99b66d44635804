// `bellwether-index --shards N` (run_index with IndexOptions::shards): the shards of an archive hold
// exactly the documents one database would (same data, terms, positions, values and commit
// generations; same metadata plus each shard's place; spelling frequencies adding up), each on the
// shard core/sharding.h names, whether written by direct writers or by a bulk load with writer
// threads; re-indexing and deleting land on the same shard; the shard count of an archive is fixed;
// and Xapian opens the archive directory (its XAPIANDB stub) as one database.
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "core/errors.h"
#include "core/sharding.h"
#include "database_dump.h"
#include "indexer/sharded_archive.h"
#include "test_support.h"

namespace {

using bw::IndexOptions;
using bw::test::DatabaseDump;
using bw::test::TempDir;
using bw::test::dump;

constexpr unsigned kShards = 3;

// Records whose ids come back (later versions replace earlier ones) and some bad lines.
std::string write_fixture(const TempDir& dir) {
    const std::string path = dir / "records.jsonl";
    std::ofstream out(path);
    for (int i = 0; i < 150; ++i) {
        if (i % 19 == 4) {
            out << "{\"id\": \"bad-" << i << "\", \"title\": 42}\n";
            continue;
        }
        const int id = i % 60;
        out << "{\"id\": \"doc-" << id << "\", \"title\": \"Record " << i << " on memory chips\", \"body\": \"Version "
            << i << " of document " << id << " about prices and demand.\", \"date\": \"2025-0" << (1 + i % 9)
            << "-2" << (i % 8) << "\", \"topics\": [\"t" << (i % 5) << "\"]}\n";
    }
    return path;
}

std::vector<std::string> inputs(const TempDir& dir) {
    return {write_fixture(dir), bw::test::examples_dir().string(), (bw::test::examples_dir() / "articles.jsonl").string()};
}

IndexOptions options_with(unsigned shards, unsigned threads, bool single_writer, std::size_t batch) {
    IndexOptions options;
    options.shards = shards;
    options.threads = threads;
    options.single_writer = single_writer;
    options.batch = batch;
    return options;
}

std::string stored_id(const Xapian::Database& db, const std::string& id_term) {
    return nlohmann::json::parse(db.get_document(*db.postlist_begin(id_term)).get_data()).at("id").get<std::string>();
}

// Checks every shard holds only its own ids, and returns the union of the shards' contents (with
// each shard's kShardKey checked and left out of the metadata, and spelling frequencies added).
DatabaseDump union_of_shards(const std::string& archive_path, unsigned shards) {
    DatabaseDump all;
    for (unsigned k = 0; k < shards; ++k) {
        const std::string shard = archive_path + "/shard-" + std::to_string(k);
        DatabaseDump one = dump(shard);
        Xapian::Database db(shard);
        for (const auto& [term, text] : one.documents) {
            EXPECT_EQ(bw::shard_for_id(stored_id(db, term), shards), k) << term << " is on shard " << k;
            EXPECT_TRUE(all.documents.emplace(term, text).second) << term << " is on two shards";
        }
        EXPECT_EQ(one.metadata[bw::kShardKey],
                  "{\"of\":" + std::to_string(shards) + ",\"shard\":" + std::to_string(k) + "}");
        one.metadata.erase(bw::kShardKey);
        if (k == 0) all.metadata = one.metadata;
        EXPECT_EQ(all.metadata, one.metadata) << "metadata of shard " << k;
        for (const auto& [word, freq] : one.spellings) all.spellings[word] += freq;
        all.doccount += one.doccount;
    }
    return all;
}

TEST(ShardedIndex, ShardsHoldWhatOneDatabaseHolds) {
    TempDir dir;
    for (std::size_t batch : {7u, 2000u}) {
        SCOPED_TRACE("batch " + std::to_string(batch));
        const std::string suffix = "-" + std::to_string(batch);
        std::string reference_diagnostics;
        const auto reference_summary = bw::test::index_into(dir / ("single" + suffix), inputs(dir),
                                                            &reference_diagnostics, options_with(0, 1, true, batch));
        ASSERT_GT(reference_summary.replaced, 0u);
        ASSERT_GT(reference_summary.skipped, 0u);
        const DatabaseDump reference = dump(dir / ("single" + suffix));
        struct Variant {
            std::string name;
            unsigned threads;
            bool single_writer;
        };
        for (const Variant& v : {Variant{"direct", 1, true}, Variant{"bulk-t1", 1, false}, Variant{"bulk-t3", 3, false}}) {
            SCOPED_TRACE(v.name);
            const std::string archive = dir / (v.name + suffix);
            std::string diagnostics;
            const auto summary = bw::test::index_into(archive, inputs(dir), &diagnostics,
                                                      options_with(kShards, v.threads, v.single_writer, batch));
            EXPECT_EQ(summary.bulk, !v.single_writer);
            EXPECT_EQ(diagnostics, reference_diagnostics);
            EXPECT_EQ(summary.added, reference_summary.added);
            EXPECT_EQ(summary.replaced, reference_summary.replaced);
            EXPECT_EQ(summary.skipped, reference_summary.skipped);
            bw::test::expect_same(reference, union_of_shards(archive, kShards), v.name, /*docids=*/false);
            // Xapian opens the directory as the stub it holds: all shards as one database.
            Xapian::Database whole(archive);
            EXPECT_EQ(whole.get_doccount(), reference.doccount);
            EXPECT_EQ(whole.get_metadata(bw::kFormatKey), reference.metadata.at(bw::kFormatKey));
        }
    }
}

TEST(ShardedIndex, ReindexingAndDeletingLandOnTheSameShard) {
    TempDir dir;
    const std::string archive = dir / "archive";
    const auto first = bw::test::index_into(archive, {bw::test::examples_dir().string()}, nullptr,
                                            options_with(kShards, 2, false, 2000));
    ASSERT_GT(first.added, 0u);
    std::vector<Xapian::doccount> counts;
    for (unsigned k = 0; k < kShards; ++k) {
        counts.push_back(Xapian::Database(archive + "/shard-" + std::to_string(k)).get_doccount());
        EXPECT_GT(counts.back(), 0u) << "shard " << k << " is empty";
    }
    // Again, without --shards: the archive keeps its count, every document is replaced in place.
    const auto again = bw::test::index_into(archive, {bw::test::examples_dir().string()}, nullptr,
                                            options_with(0, 2, false, 5));
    EXPECT_FALSE(again.bulk);
    EXPECT_EQ(again.added, 0u);
    EXPECT_EQ(again.replaced, first.added);
    for (unsigned k = 0; k < kShards; ++k) {
        EXPECT_EQ(Xapian::Database(archive + "/shard-" + std::to_string(k)).get_doccount(), counts[k]);
    }
    IndexOptions remove = options_with(kShards, 1, false, 2000);
    remove.delete_ids = {"art-001", "sig-016", "no-such-id"};
    const auto removed = bw::test::index_into(archive, {}, nullptr, remove);
    EXPECT_EQ(removed.deleted, 2u);
    EXPECT_EQ(removed.not_found, 1u);
    EXPECT_EQ(Xapian::Database(archive).get_doccount(), first.added - 2);
    EXPECT_FALSE(Xapian::Database(archive).term_exists("Qart-001"));
}

TEST(ShardedIndex, TheShardCountOfAnArchiveIsFixed) {
    TempDir dir;
    const std::string archive = dir / "archive";
    const std::string articles = (bw::test::examples_dir() / "articles.jsonl").string();
    bw::test::index_into(archive, {articles}, nullptr, options_with(kShards, 1, false, 2000));
    ASSERT_TRUE(std::filesystem::exists(archive + "/XAPIANDB"));
    EXPECT_THROW(bw::test::index_into(archive, {articles}, nullptr, options_with(2, 1, false, 2000)), bw::UsageError);
    EXPECT_THROW(bw::test::index_into(archive, {articles}, nullptr, options_with(4, 1, false, 2000)), bw::UsageError);
    // --shards on a single database, or a shard indexed as a database of its own, is refused.
    const std::string single = dir / "single.db";
    bw::test::index_into(single, {articles});
    EXPECT_THROW(bw::test::index_into(single, {articles}, nullptr, options_with(2, 1, false, 2000)), bw::UsageError);
    EXPECT_THROW(bw::test::index_into(archive + "/shard-1", {articles}), bw::DatabaseError);
    EXPECT_THROW(bw::test::index_into(archive + "/XAPIANDB", {articles}), bw::DatabaseError);
    // The archive is unchanged by the refused runs.
    EXPECT_EQ(bw::find_sharded_archive(archive)->shards, kShards);
}

TEST(ShardedIndex, StrictCommitsNothingOnAnyShard) {
    TempDir dir;
    for (bool single_writer : {true, false}) {
        const std::string archive = dir / (single_writer ? "direct" : "bulk");
        IndexOptions options = options_with(kShards, 2, single_writer, 5);
        options.strict = true;
        const auto summary = bw::test::index_into(archive, {write_fixture(dir)}, nullptr, options);
        EXPECT_TRUE(summary.aborted);
        EXPECT_EQ(Xapian::Database(archive).get_doccount(), 0u);
    }
}

TEST(ShardedIndex, CompactingAnArchiveKeepsEverything) {
    TempDir dir;
    const std::string archive = dir / "archive";
    bw::test::index_into(archive, {bw::test::examples_dir().string()}, nullptr, options_with(kShards, 1, true, 4));
    const DatabaseDump before = union_of_shards(archive, kShards);
    const bw::CompactSummary summary = bw::compact_database(archive);
    EXPECT_EQ(summary.documents, before.doccount);
    bw::test::expect_same(before, union_of_shards(archive, kShards), "compacted", false);
}

TEST(ShardedIndex, ReutersSliceAsThreeShards) {
    BW_REQUIRE_SHARED(corpus, "corpora/reuters21578/reuters21578.jsonl");
    TempDir dir;
    const std::string slice = dir / "reuters-slice.jsonl";
    bw::test::write_slice(corpus, slice, 1500);
    bw::test::index_into(dir / "single.db", {slice}, nullptr, options_with(0, 2, false, 300));
    bw::test::index_into(dir / "archive", {slice}, nullptr, options_with(kShards, 2, false, 300));
    bw::test::expect_same(dump(dir / "single.db"), union_of_shards(dir / "archive", kShards), "reuters", false);
}

}  // namespace
