// Copies folded on our side of the ranked pass (searcher/copy_folding.h) give the window Xapian's
// collapse gives: the same documents in the same order and, when every match was seen, the same
// total, on 2,500 Reuters articles (which hold real copy groups); a run of equal scores cut at the
// window's end widens the window until the run ends inside it; and the fold declines (the caller
// then collapses in Xapian) when copies use up the slack or a run of ties is wider than
// kMaxTieWindow.
#include <algorithm>
#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/slots.h"
#include "searcher/copy_folding.h"
#include "searcher/match_window.h"
#include "test_support.h"

namespace {

using bw::CopyKeys;
using bw::kSlotCopyGroup;

std::vector<Xapian::docid> docids(const Xapian::MSet& mset, std::size_t count) {
    std::vector<Xapian::docid> out;
    for (auto it = mset.begin(); it != mset.end() && out.size() < count; ++it) out.push_back(*it);
    return out;
}

std::vector<Xapian::docid> docids(const std::vector<Xapian::MSetIterator>& items, std::size_t count = SIZE_MAX) {
    std::vector<Xapian::docid> out;
    for (const auto& it : items) {
        if (out.size() == count) break;
        out.push_back(*it);
    }
    return out;
}

Xapian::Query terms(const std::vector<std::string>& words, Xapian::Query::op op) {
    std::vector<Xapian::Query> parts;
    for (const auto& w : words) parts.emplace_back("Z" + w);
    return Xapian::Query(op, parts.begin(), parts.end());
}

class CopyFoldingTest : public bw::test::ReutersSliceTest {};

TEST_F(CopyFoldingTest, GivesTheWindowXapiansCollapseGives) {
    Xapian::Database db(db_);
    const CopyKeys keys(db, kSlotCopyGroup);
    ASSERT_GT(keys.keyed(), 20u);  // the slice has copy groups
    ASSERT_EQ(keys.keyed(), db.get_value_freq(kSlotCopyGroup));
    const Xapian::doccount all = db.get_doccount();
    const std::vector<Xapian::Query> queries = {
        terms({"said"}, Xapian::Query::OP_OR),         terms({"oil"}, Xapian::Query::OP_OR),
        terms({"trade", "deficit"}, Xapian::Query::OP_AND), terms({"bank", "rate"}, Xapian::Query::OP_OR),
        terms({"wheat", "export"}, Xapian::Query::OP_OR), terms({"dividend"}, Xapian::Query::OP_OR),
        terms({"coffe", "quota"}, Xapian::Query::OP_AND),  terms({"shr", "net", "rev"}, Xapian::Query::OP_AND),
        terms({"gold"}, Xapian::Query::OP_OR),         terms({"yen", "dollar"}, Xapian::Query::OP_OR),
    };
    int folded_windows = 0, saw_all = 0, with_copies_folded = 0, widened = 0;
    for (const auto& query : queries) {
        for (Xapian::doccount count : {5u, 15u, 40u}) {
            SCOPED_TRACE(query.get_description() + ", window " + std::to_string(count));
            Xapian::Enquire plain(db);
            plain.set_query(query);
            const auto folded = bw::rank_folding_copies(plain, keys, count, count, all, count - 3);
            if (!folded) continue;
            ++folded_windows;
            // A window widened for a run of ties is compared with Xapian's at the same width.
            const auto width = static_cast<Xapian::doccount>(std::max<std::size_t>(count, folded->items.size()));
            if (width > count) ++widened;
            Xapian::Enquire collapsed(db);
            collapsed.set_query(query);
            collapsed.set_collapse_key(kSlotCopyGroup);
            const Xapian::MSet expected = collapsed.get_mset(0, width, all);  // every match counted
            EXPECT_EQ(docids(folded->items), docids(expected, width));
            for (std::size_t i = 0; i < folded->items.size(); ++i)
                EXPECT_DOUBLE_EQ(folded->items[i].get_weight(), expected[static_cast<Xapian::doccount>(i)].get_weight());
            if (folded->saw_all) {
                ++saw_all;
                EXPECT_EQ(folded->total, expected.get_matches_lower_bound());
            } else {  // Xapian's uncollapsed estimate, less the share of the window folded away
                const Xapian::doccount uncollapsed = folded->ranked.estimated;
                EXPECT_LE(folded->total, uncollapsed);
                EXPECT_GE(folded->total, folded->items.size());
                if (docids(folded->ranked.items, width) == docids(folded->items)) EXPECT_EQ(folded->total, uncollapsed);
                else EXPECT_LT(folded->total, uncollapsed);
            }
            if (!folded->ranked.items.empty() && docids(folded->ranked.items, width) != docids(folded->items)) ++with_copies_folded;
        }
    }
    std::cout << "folded " << folded_windows << " of 30 windows, " << widened << " widened for ties\n";
    EXPECT_GE(folded_windows, 25);     // most windows fold here (30 of 30 when written)
    EXPECT_GE(widened, 1);             // and a run of ties made one widen (1), compared above at its width
    EXPECT_GE(saw_all, 3);             // some queries match fewer than their window (4)
    EXPECT_GE(with_copies_folded, 3);  // and some windows had copies to fold (8)
}

TEST(CopyFolding, WidensForTiesAndDeclinesWhenCopiesUseUpTheSlack) {
    bw::test::TempDir dir;
    const std::string path = dir / "copies.db";
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
        for (int i = 0; i < 60; ++i) {  // 60 copies of two texts, then 30 equal documents without copies
            Xapian::Document doc;
            doc.add_term("Zmemori", static_cast<Xapian::termcount>(1 + i % 2));
            doc.add_term("Zfiller" + std::to_string(i % 2));
            doc.add_value(kSlotCopyGroup, i % 2 ? "article:odd" : "article:even");
            db.add_document(doc);
        }
        for (int i = 0; i < 30; ++i) {
            Xapian::Document doc;
            doc.add_term("Zequal");
            db.add_document(doc);
        }
        for (Xapian::doccount i = 0; i < bw::kMaxTieWindow + 100; ++i) {  // a run of ties too wide to widen for
            Xapian::Document doc;
            doc.add_term("Zmany");
            db.add_document(doc);
        }
        db.commit();
    }
    Xapian::Database db(path);
    const CopyKeys keys(db, kSlotCopyGroup);
    EXPECT_EQ(keys.keyed(), 60u);
    EXPECT_EQ(keys.key_of(1), "article:even");
    EXPECT_EQ(keys.key_of(2), "article:odd");
    EXPECT_EQ(keys.key_of(61), "");
    EXPECT_NE(keys.group_of(1), keys.group_of(2));
    EXPECT_EQ(keys.group_of(1), keys.group_of(3));

    Xapian::Enquire copies(db);
    copies.set_query(Xapian::Query("Zmemori"));
    EXPECT_FALSE(bw::rank_folding_copies(copies, keys, 10, 10, db.get_doccount(), 10));  // two groups, 60 matches

    Xapian::Enquire ties(db);
    ties.set_query(Xapian::Query("Zequal"));
    // 30 equal scores: a window of 10 is widened to 20, still cut, then to 40, which holds them all.
    const auto widened = bw::rank_folding_copies(ties, keys, 10, 10, db.get_doccount(), 10);
    ASSERT_TRUE(widened);
    EXPECT_TRUE(widened->saw_all);
    EXPECT_EQ(widened->items.size(), 30u);
    EXPECT_EQ(widened->total, 30u);
    const auto whole = bw::rank_folding_copies(ties, keys, 40, 40, db.get_doccount(), 40);  // all 30 fit
    ASSERT_TRUE(whole);
    EXPECT_EQ(docids(whole->items), docids(widened->items));
    // A run of ties wider than kMaxTieWindow: declined, so the caller's own widening decides.
    Xapian::Enquire many(db);
    many.set_query(Xapian::Query("Zmany"));
    EXPECT_FALSE(bw::rank_folding_copies(many, keys, 10, 10, db.get_doccount(), 10));
}

}  // namespace
