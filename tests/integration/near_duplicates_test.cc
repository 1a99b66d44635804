// Duplicate keys end to end on tests/fixtures/duplicates (see its README for what each record is):
// exact and edited copies share a key, a later edition and template notices do not, and the keys are
// the same for a bulk load, a single writer and a load in two runs; search collapses the copies.
// Only documents that share their key with another carry the collapse key (indexer/copy_groups.h),
// whatever the load, and replacing or deleting a copy takes it off the one left alone.
#include <fstream>
#include <map>
#include <set>
#include <string>

#include <xapian.h>

#include "core/slots.h"
#include "core/terms.h"
#include "searcher/searcher.h"
#include "test_support.h"

namespace {

using Keys = std::map<std::string, std::string>;  // id -> duplicate key

std::string fixture(const char* name) {
    return (bw::test::project_dir() / "tests" / "fixtures" / "duplicates" / name).string();
}

Keys duplicate_keys(const std::string& db_path) {
    Xapian::Database db(db_path);
    Keys keys;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        Xapian::Document doc = db.get_document(*it);
        keys[doc.get_value(bw::kSlotId)] = doc.get_value(bw::kSlotDupKey);
    }
    return keys;
}

// id -> collapse key, for the documents that have one.
Keys collapse_keys(const std::string& db_path) {
    Xapian::Database db(db_path);
    Keys keys;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        Xapian::Document doc = db.get_document(*it);
        if (std::string key = doc.get_value(bw::kSlotCopyGroup); !key.empty()) keys[doc.get_value(bw::kSlotId)] = key;
    }
    return keys;
}

// What the collapse keys must be: the duplicate key of every document whose key another shares.
Keys expected_collapse_keys(const Keys& duplicate) {
    std::map<std::string, int> holders;
    for (const auto& [id, key] : duplicate) ++holders[key];
    Keys expected;
    for (const auto& [id, key] : duplicate) {
        if (holders[key] >= 2) expected[id] = key;
    }
    return expected;
}

class NearDuplicatesTest : public ::testing::Test {
protected:
    bw::test::TempDir dir_;

    Keys load(const std::string& name, unsigned threads, bool single_writer, bool two_runs, unsigned shards = 0) {
        const std::string db = dir_ / name;
        bw::IndexOptions options;
        options.threads = threads;
        options.single_writer = single_writer;
        options.batch = 2;
        options.shards = shards;  // several commits (and shard chunks) even for this small fixture
        if (two_runs) {
            bw::test::index_into(db, {fixture("first.jsonl")}, nullptr, options);
            bw::test::index_into(db, {fixture("second.jsonl")}, nullptr, options);
        } else {
            bw::test::index_into(db, {fixture("first.jsonl"), fixture("second.jsonl")}, nullptr, options);
        }
        last_db_ = db;
        return duplicate_keys(db);
    }
    std::string last_db_;
};

TEST_F(NearDuplicatesTest, CopiesShareAKeyAndOthersDoNot) {
    const Keys keys = load("bulk.db", 2, false, false);
    ASSERT_EQ(keys.size(), 8u);
    for (const auto& [id, key] : keys) EXPECT_FALSE(key.empty()) << id;
    EXPECT_EQ(keys.at("dup-002"), keys.at("dup-001"));  // exact copy
    EXPECT_EQ(keys.at("dup-003"), keys.at("dup-001"));  // corrected a day later
    EXPECT_NE(keys.at("dup-004"), keys.at("dup-001"));  // another story
    EXPECT_NE(keys.at("dup-005"), keys.at("dup-001"));  // five weeks later
    EXPECT_NE(keys.at("div-002"), keys.at("div-001"));  // the same notice for another company
    EXPECT_EQ(keys.at("div-003"), keys.at("div-001"));  // the same notice re-sent
}

TEST_F(NearDuplicatesTest, KeysDoNotDependOnHowTheArchiveWasLoaded) {
    const Keys bulk = load("bulk.db", 2, false, false);
    EXPECT_EQ(load("one-thread.db", 1, false, false), bulk);
    EXPECT_EQ(load("single-writer.db", 2, true, false), bulk);
    EXPECT_EQ(load("two-runs.db", 2, false, true), bulk);  // the second run folds onto the database
    EXPECT_EQ(load("sharded.db", 2, false, false, 3), bulk);
    EXPECT_EQ(load("sharded-two-runs.db", 2, false, true, 3), bulk);  // copies on other shards count too
}

TEST_F(NearDuplicatesTest, OnlyDocumentsWithACopyCarryTheCollapseKey) {
    struct Load {
        const char* name;
        unsigned threads;
        bool single_writer, two_runs;
        unsigned shards;
    };
    for (const Load& l : {Load{"bulk.db", 2, false, false, 0}, Load{"one-thread.db", 1, false, false, 0},
                          Load{"single-writer.db", 2, true, false, 0}, Load{"two-runs.db", 2, false, true, 0},
                          Load{"sharded.db", 2, false, false, 3}, Load{"sharded-two-runs.db", 2, false, true, 3}}) {
        const Keys duplicate = load(l.name, l.threads, l.single_writer, l.two_runs, l.shards);
        const Keys collapse = collapse_keys(last_db_);
        EXPECT_EQ(collapse, expected_collapse_keys(duplicate)) << l.name;
        // dup-001..003 share one key, div-001 and div-003 another; the other three have no copy.
        EXPECT_EQ(collapse.size(), 5u) << l.name;
        EXPECT_EQ(collapse.count("dup-004") + collapse.count("dup-005") + collapse.count("div-002"), 0u) << l.name;
    }
}

TEST_F(NearDuplicatesTest, ACopyReplacedOrDeletedTakesTheCollapseKeyOffTheOneLeft) {
    const std::string db = dir_ / "changes.db";
    bw::IndexOptions options;
    options.batch = 1;
    bw::test::index_into(db, {fixture("first.jsonl"), fixture("second.jsonl")}, nullptr, options);
    ASSERT_TRUE(collapse_keys(db).count("div-003"));
    // div-003 (a copy of div-001) now says something else: div-001 has no copy left.
    const std::string changed = (dir_ / "changed.jsonl");
    {
        std::ofstream out(changed);
        out << R"({"type":"article","id":"div-003","title":"Another notice","date":"2026-03-06","body":"The board declared a special )"
               R"(dividend of two dollars a share payable next month to holders of record."})" << "\n";
    }
    bw::test::index_into(db, {changed}, nullptr, options);
    Keys after = collapse_keys(db);
    EXPECT_EQ(after.count("div-001") + after.count("div-003"), 0u);
    EXPECT_EQ(after, expected_collapse_keys(duplicate_keys(db)));
    // Deleting two of the three dup copies leaves the third alone, without a collapse key.
    options.delete_ids = {"dup-002", "dup-003"};
    bw::test::index_into(db, {}, nullptr, options);
    after = collapse_keys(db);
    EXPECT_EQ(after.count("dup-001"), 0u);
    EXPECT_TRUE(after.empty());
    // Indexing a copy again puts the key back on both.
    bw::test::index_into(db, {fixture("first.jsonl")}, nullptr, options);
    after = collapse_keys(db);
    EXPECT_EQ(after, expected_collapse_keys(duplicate_keys(db)));
    EXPECT_TRUE(after.count("dup-001") && after.count("dup-002"));
}

TEST_F(NearDuplicatesTest, SearchCollapsesTheEditedCopy) {
    const std::string db = dir_ / "search.db";
    bw::test::index_into(db, {fixture("first.jsonl"), fixture("second.jsonl")});
    bw::Searcher searcher(db);
    bw::SearchRequest request;
    request.query = "micron HBM capital spending";
    request.limit = 10;
    request.collapse = false;
    std::set<std::string> plain;
    for (const auto& r : searcher.search(request).results) plain.insert(r.id);
    EXPECT_TRUE(plain.count("dup-001") && plain.count("dup-002") && plain.count("dup-003"));
    request.collapse = true;
    const bw::SearchResponse collapsed = searcher.search(request);
    std::size_t copies = 0;
    for (const auto& r : collapsed.results) copies += r.id == "dup-001" || r.id == "dup-002" || r.id == "dup-003";
    EXPECT_EQ(copies, 1u);
    EXPECT_EQ(collapsed.collapsed, 2u);
    EXPECT_EQ(collapsed.results.size(), plain.size() - 2);
}

}  // namespace
