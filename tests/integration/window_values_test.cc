// WindowValues (searcher/window_values.h) reads the same values as Document::get_value: for
// windows in any order, with repeats, documents without the value, a dense and a sparse slot, one
// database and two combined, and without value streams (the remote path); and so do value
// columns held in memory (searcher/value_columns.h), coded and not, with deleted documents.
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "searcher/window_values.h"
#include "test_support.h"

namespace {

constexpr Xapian::valueno kDense = 3;   // every document: long enough to span many blocks
constexpr Xapian::valueno kSparse = 9;  // one document in seven

void fill(const std::string& path, int documents, int seed) {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
    for (int i = 1; i <= documents; ++i) {
        Xapian::Document doc;
        const std::string name = std::to_string(seed) + "-" + std::to_string(i);
        doc.add_term("Q" + name);
        std::string dense = "dense-";
        dense.append(name).append(40, 'x');
        doc.add_value(kDense, dense);
        if (i % 7 == 0) doc.add_value(kSparse, "sparse-" + name);
        db.add_document(doc);
    }
    db.commit();
}

struct WindowCase {
    const char* name;
    std::vector<Xapian::docid> docids;
};

std::vector<WindowCase> windows(Xapian::docid last) {
    std::vector<WindowCase> out;
    out.push_back({"one document", {1}});
    out.push_back({"the last document", {last}});
    out.push_back({"ascending, far apart", {2, 700, 1400, 2100, last - 1}});
    out.push_back({"descending", {last, last / 2, 35, 7, 1}});
    out.push_back({"repeats", {14, 14, 900, 14, 900}});
    out.push_back({"only documents without the sparse value", {1, 2, 3, 8, 13}});
    out.push_back({"neighbours", {700, 701, 702, 703, 704, 705, 706, 707}});
    std::mt19937 random(42);
    std::uniform_int_distribution<Xapian::docid> pick(1, last);
    for (int round = 0; round < 20; ++round) {
        WindowCase random_window{"random", {}};
        for (int i = 0; i < 15; ++i) random_window.docids.push_back(pick(random));
        out.push_back(random_window);
    }
    return out;
}

void expect_as_documents(const Xapian::Database& db, bool streams, bw::ValueColumnCache* columns = nullptr) {
    for (const WindowCase& w : windows(db.get_lastdocid())) {
        SCOPED_TRACE(w.name);
        bw::WindowValues values(db, streams, columns);
        values.load(kDense, w.docids);
        values.load(kSparse, w.docids);
        for (Xapian::docid did : w.docids) {
            SCOPED_TRACE("docid " + std::to_string(did));
            const Xapian::Document doc = db.get_document(did);
            EXPECT_EQ(values.get(did, kDense), doc.get_value(kDense));
            EXPECT_EQ(values.get(did, kSparse), doc.get_value(kSparse));
        }
        // Not loaded first: read when asked.
        bw::WindowValues unloaded(db, streams, columns);
        for (Xapian::docid did : w.docids) EXPECT_EQ(unloaded.get(did, kSparse), db.get_document(did).get_value(kSparse));
    }
}

class WindowValuesTest : public ::testing::Test {
protected:
    bw::test::TempDir dir_;
};

TEST_F(WindowValuesTest, ReadsWhatDocumentsHoldFromOneDatabase) {
    const std::string path = dir_ / "one.db";
    fill(path, 2500, 1);
    Xapian::Database db(path);
    ASSERT_EQ(db.get_value_freq(kSparse), 2500u / 7);
    expect_as_documents(db, true);
    expect_as_documents(db, false);
}

TEST_F(WindowValuesTest, ReadsWhatDocumentsHoldFromShardsCombined) {
    const std::string first = dir_ / "first.db", second = dir_ / "second.db";
    fill(first, 1250, 1);
    fill(second, 1250, 2);  // equal sizes: every interleaved docid exists
    Xapian::Database db(first);
    db.add_database(Xapian::Database(second));
    expect_as_documents(db, true);
    expect_as_documents(db, false);
}

}  // namespace

namespace {

void expect_column_as_documents(const Xapian::Database& db, Xapian::valueno slot) {
    const auto column = bw::ValueColumn::read(db, slot);
    ASSERT_NE(column, nullptr);
    for (Xapian::docid did = 1; did <= db.get_lastdocid() + 2; ++did) {
        std::string expected;
        try {
            expected = db.get_document(did).get_value(slot);
        } catch (const Xapian::DocNotFoundError&) {
        }
        ASSERT_EQ(column->get(did), expected) << "docid " << did;
    }
}

TEST_F(WindowValuesTest, HeldColumnsHoldWhatDocumentsHold) {
    const std::string path = dir_ / "held.db";
    fill(path, 2500, 1);
    {
        Xapian::WritableDatabase db(path);
        for (Xapian::docid did : {1u, 7u, 1000u, 2500u}) db.delete_document(did);
        db.commit();
    }
    Xapian::Database db(path);
    expect_column_as_documents(db, kDense);   // 2,496 distinct values: coded
    expect_column_as_documents(db, kSparse);  // a value in one document of seven
}

TEST_F(WindowValuesTest, HeldColumnsOfManyDistinctValuesKeepThemEndToEnd) {
    const std::string path = dir_ / "many.db";
    constexpr int kDocuments = 70000;  // more distinct values than a 2-byte code holds
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
        for (int i = 1; i <= kDocuments; ++i) {
            Xapian::Document doc;
            if (i % 50 != 0) doc.add_value(kDense, "id-" + std::to_string(i * 7919 % 100003));
            db.add_document(doc);
        }
        db.commit();
    }
    Xapian::Database db(path);
    expect_column_as_documents(db, kDense);
    const auto column = bw::ValueColumn::read(db, kDense);
    // 68,600 distinct values, more than 2-byte codes give: end to end, a 4-byte start per
    // document plus ~8 bytes of value (coded, each value would be a std::string of 32+ bytes).
    EXPECT_GE(column->memory_bytes(), 4u * kDocuments);
    EXPECT_LT(column->memory_bytes(), 16u * kDocuments);
}

TEST_F(WindowValuesTest, ColumnsAreHeldOnceWindowsReadEnoughAndGiveTheSameValues) {
    const std::string path = dir_ / "cache.db";
    fill(path, 2500, 1);
    Xapian::Database db(path);
    bw::ValueColumnCache columns;
    EXPECT_EQ(columns.column(db, kDense), nullptr);  // nothing read yet: not worth holding
    const std::size_t due = (2500 + bw::ValueColumnCache::kColumnAfterShare - 1) / bw::ValueColumnCache::kColumnAfterShare;
    {
        bw::WindowValues values(db, true, &columns);
        std::vector<Xapian::docid> window;
        for (Xapian::docid did = 1; did < due; ++did) window.push_back(did);
        values.load(kDense, window);  // one value short of due
    }
    EXPECT_EQ(columns.column(db, kDense), nullptr);
    columns.note_read(kDense, 1);
    ASSERT_NE(columns.column(db, kDense), nullptr);
    EXPECT_EQ(columns.size(), 1u);
    EXPECT_EQ(columns.column(db, kSparse), nullptr);  // per slot
    columns.note_read(kSparse, due);
    ASSERT_NE(columns.column(db, kSparse), nullptr);
    expect_as_documents(db, true, &columns);
    columns.forget();
    EXPECT_EQ(columns.size(), 0u);
    EXPECT_EQ(columns.column(db, kDense), nullptr);
}

}  // namespace
