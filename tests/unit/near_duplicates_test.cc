// Near-duplicate folding (indexer/near_duplicates.h): which documents take an earlier one's key,
// table-driven over SimHash distance, date distance and type.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/hashing.h"
#include "core/slots.h"
#include "indexer/duplicate_key.h"
#include "indexer/near_duplicates.h"

namespace {

constexpr std::uint64_t kBase = 0x0123456789abcdefULL;
constexpr double kDay = 86400;
constexpr double kMarch3 = 1772496000;  // 2026-03-03T00:00:00Z

Xapian::Document near_doc(const std::string& type, std::uint64_t simhash, double date) {
    Xapian::Document doc;
    doc.add_value(bw::kSlotDupKey, bw::duplicate_key(type, simhash));
    doc.add_value(bw::kSlotSimHash, bw::hex64(simhash));
    if (!std::isnan(date)) doc.add_value(bw::kSlotDate, Xapian::sortable_serialise(date));
    return doc;
}

TEST(NearDuplicates, BandTermsSpellEverySixteenBits) {
    EXPECT_EQ(bw::near_band_terms(kBase),
              (std::vector<std::string>{"XNEAR0cdef", "XNEAR189ab", "XNEAR24567", "XNEAR30123"}));
}

TEST(NearDuplicates, HammingDistance) {
    EXPECT_EQ(bw::hamming_distance(kBase, kBase), 0);
    EXPECT_EQ(bw::hamming_distance(kBase, kBase ^ 0x1), 1);
    EXPECT_EQ(bw::hamming_distance(0, ~std::uint64_t{0}), 64);
}

struct FoldCase {
    const char* name;
    std::string type;
    std::uint64_t flipped_bits;  // XORed into the first document's SimHash
    double days_later;           // NaN: the second document is undated
    bool folds;
};

class FoldTable : public ::testing::TestWithParam<FoldCase> {};

TEST_P(FoldTable, SecondDocumentTakesTheFirstKeyOrNot) {
    const FoldCase& c = GetParam();
    bw::NearDuplicateFolder folder({});
    Xapian::Document first = near_doc("article", kBase, kMarch3);
    EXPECT_FALSE(folder.fold(first));
    const double date = std::isnan(c.days_later) ? c.days_later : kMarch3 + c.days_later * kDay;
    Xapian::Document second = near_doc(c.type, kBase ^ c.flipped_bits, date);
    const std::string own = second.get_value(bw::kSlotDupKey);
    EXPECT_EQ(folder.fold(second), c.folds);
    EXPECT_EQ(second.get_value(bw::kSlotDupKey), c.folds ? first.get_value(bw::kSlotDupKey) : own);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FoldTable,
    ::testing::Values(FoldCase{"OneBitSameDay", "article", 0x1, 0, true},
                      FoldCase{"ThreeBitsInThreeBands", "article", 0x0001000100010000ULL, 1, true},
                      FoldCase{"ThreeBitsInOneBand", "article", 0x7, 2, true},
                      FoldCase{"FourBitsIsAnotherText", "article", 0xf, 0, false},
                      FoldCase{"FourBitsInFourBands", "article", 0x0001000100010001ULL, 0, false},
                      FoldCase{"WeeksLaterIsAnotherStory", "article", 0x1, 30, false},
                      FoldCase{"UndatedFolds", "article", 0x3, std::nan(""), true},
                      FoldCase{"OtherTypeNeverFolds", "signal", 0x1, 0, false}),
    [](const ::testing::TestParamInfo<FoldCase>& case_info) { return std::string(case_info.param.name); });

TEST(NearDuplicates, ClosestEarlierDocumentWinsThenSmallestKey) {
    bw::NearDuplicateFolder folder({});
    Xapian::Document far = near_doc("article", kBase ^ 0x7, kMarch3);  // 3 bits from the probe
    Xapian::Document close = near_doc("article", kBase ^ 0x100, kMarch3);  // 1 bit
    folder.fold(far);
    folder.fold(close);  // 4 bits from `far`: keeps its own key
    Xapian::Document probe = near_doc("article", kBase, kMarch3);
    EXPECT_TRUE(folder.fold(probe));
    EXPECT_EQ(probe.get_value(bw::kSlotDupKey), close.get_value(bw::kSlotDupKey));
    EXPECT_EQ(folder.folded(), 1u);
}

TEST(NearDuplicates, DocumentsAlreadyInTheDatabaseAreCandidates) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::Document stored = near_doc("article", kBase, kMarch3);
    for (const auto& term : bw::near_band_terms(kBase)) stored.add_boolean_term(term);
    db.add_document(stored);
    bw::NearDuplicateFolder folder({&db});
    Xapian::Document copy = near_doc("article", kBase ^ 0x5, kMarch3 + kDay);
    EXPECT_TRUE(folder.fold(copy));
    EXPECT_EQ(copy.get_value(bw::kSlotDupKey), stored.get_value(bw::kSlotDupKey));
}

TEST(NearDuplicates, DocumentsWithoutSimHashAreLeftAlone) {
    bw::NearDuplicateFolder folder({});
    Xapian::Document doc;
    doc.add_value(bw::kSlotDupKey, "article:0000000000000001");
    EXPECT_FALSE(folder.fold(doc));
    EXPECT_EQ(doc.get_value(bw::kSlotDupKey), "article:0000000000000001");
}

}  // namespace

namespace {

// SimHash values are stored in databases (duplicate keys, band terms), so they are pinned: the
// expected values come from an independent rendition of the algorithm (FNV-1a 64 of each
// space-joined 3-word shingle, one vote per bit), not from this code.
struct SimHashCase {
    std::string name;
    std::string text;
    std::uint64_t expected;
};

std::string long_text() {
    static const char* const vocab[] = {"micron", "hbm",  "demand", "nvidia", "rose",   "the",  "of",
                                        "memory", "prices", "Q3",   "café",   "DRAM",   "said", "analysts"};
    std::string text;
    for (std::size_t i = 0; i < 700; ++i) {
        if (i) text += ' ';
        text += vocab[(i * i + 3 * i) % 14];
    }
    return text;
}

class SimHashTest : public ::testing::TestWithParam<SimHashCase> {};

TEST_P(SimHashTest, MatchesTheReferenceValue) {
    EXPECT_EQ(bw::hex64(bw::simhash64(GetParam().text)), bw::hex64(GetParam().expected));
}

INSTANTIATE_TEST_SUITE_P(
    Table, SimHashTest,
    ::testing::Values(
        SimHashCase{"Empty", "", 0},
        SimHashCase{"OnlyPunctuation", "!!!", 0},
        SimHashCase{"OneWord", "one", 0x1a08aa1921ca5cafULL},
        SimHashCase{"TwoWordsOneShingle", "One two", 0x108ab07fb9e724e1ULL},
        SimHashCase{"ThreeWords", "one two three", 0xa63947c27151dd91ULL},
        SimHashCase{"TwoShinglesTieVotes", "alpha beta gamma delta", 0x2840648080230818ULL},
        SimHashCase{"CaseAndPunctuationDropped", "Alpha, BETA; gamma... delta epsilon", 0x684dec95f53b5e1aULL},
        SimHashCase{"Punctuation", "The Fed's  repo-rate: 5.25% (unchanged)", 0x6104830860211140ULL},
        SimHashCase{"Sentence", "Micron Technology (MU) rose 4% on HBM demand; Nvidia, TSMC and Samsung followed.",
                    0x882d63ff840f939eULL},
        SimHashCase{"NonAsciiBytesKept", "Zürich café naïve — straße ÉLAN", 0x8202221b20285844ULL},
        SimHashCase{"SevenHundredWords", long_text(), 0x370a60548df5336dULL}),
    [](const ::testing::TestParamInfo<SimHashCase>& info) { return info.param.name; });

}  // namespace
