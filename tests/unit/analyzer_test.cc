// Table-driven tests of the shared analyzer: segmentation, normalisation, folding, stemming.
#include <gtest/gtest.h>

#include "core/analyzer.h"

namespace {

std::vector<std::string> words(const std::string& text) {
    bw::Analyzer analyzer;
    std::vector<std::string> out;
    for (const auto& t : analyzer.tokenize(text)) out.push_back(t.text);
    return out;
}

struct TokenCase {
    std::string input;
    std::vector<std::string> expected;
};

class TokenizeTest : public ::testing::TestWithParam<TokenCase> {};

TEST_P(TokenizeTest, SplitsAndNormalises) { EXPECT_EQ(words(GetParam().input), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Table, TokenizeTest,
    ::testing::Values(
        TokenCase{"", {}},
        TokenCase{"   \n\t ", {}},
        TokenCase{"Bear case on Micron", {"bear", "case", "on", "micron"}},
        TokenCase{"MEMORY CHIP STOCKS", {"memory", "chip", "stocks"}},
        TokenCase{"$100bn selloff, (P × Q).", {"100bn", "selloff", "p", "q"}},
        TokenCase{"don’t can't", {"don't", "can't"}},
        TokenCase{"investors' 'quoted'", {"investors", "quoted"}},
        TokenCase{"ＭＩＣＲＯＮ ﬁnance", {"micron", "finance"}},            // NFKC: full-width, ligature
        TokenCase{"Straße STRASSE", {"strasse", "strasse"}},               // case folding
        TokenCase{"3.5% 1/30th", {"3.5", "1", "30th"}},
        TokenCase{"AI-driven e-mail", {"ai", "driven", "e", "mail"}},
        TokenCase{"東京エレクトロン", {"東京", "エレクトロン"}},                 // dictionary segmentation (CJK)
        TokenCase{"삼성전자 주가", {"삼성전자", "주가"}},
        TokenCase{"ภาษาไทย", {"ภาษา", "ไทย"}},                             // Thai dictionary
        TokenCase{"bad\xff\xfe bytes", {"bad", "bytes"}},                  // invalid UTF-8 never crashes
        TokenCase{std::string("nul\0byte", 8), {"nul", "byte"}},
        // ASCII words take a fast path (lowercasing only); these pin it to the ICU path's output.
        TokenCase{"N.Z. U.S. Dlrs 1987/88 MU's", {"n.z", "u.s", "dlrs", "1987", "88", "mu's"}},
        TokenCase{"'' ''rock'n'roll'' O'NEILL", {"rock'n'roll", "o'neill"}},
        TokenCase{"Ünïcode next to ASCII: Café CAFE", {"ünïcode", "next", "to", "ascii", "café", "cafe"}}));

// Every token equals the ICU case fold (Analyzer::fold: NFKC_Casefold) of the input it spans,
// edge apostrophes trimmed, whichever path made it: over ASCII and non-ASCII text alike.
TEST(Analyzer, TokensAreTheIcuFoldOfTheirSpan) {
    bw::Analyzer analyzer;
    const std::string text =
        "Micron's HBM3E ramp: Q3 FY2025 REVENUE rose 38% to $9.30 BILLION; investors' focus — “AI DEMAND” — "
        "turned to Ünïcode-heavy café names, ＷＩＤＥ letters and ﬁnance ligatures; O'Neill's 'quoted' rock'n'roll "
        "N.Z. Dlrs 1987/88 e-mail AI-driven STRASSE Straße 東京エレクトロン";
    const auto tokens = analyzer.tokenize(text);
    ASSERT_GT(tokens.size(), 40u);
    for (const auto& token : tokens) {
        const std::string span = bw::Analyzer::fold(text.substr(token.begin, token.end - token.begin));
        std::string folded;  // typographic apostrophes (U+2019, U+02BC) unified to ASCII ones
        for (std::size_t k = 0; k < span.size(); ++k) {
            if (span.compare(k, 3, "\u2019") == 0) {
                folded += '\'';
                k += 2;
            } else if (span.compare(k, 2, "\u02bc") == 0) {
                folded += '\'';
                k += 1;
            } else {
                folded += span[k];
            }
        }
        while (!folded.empty() && folded.front() == '\'') folded.erase(0, 1);
        while (!folded.empty() && folded.back() == '\'') folded.pop_back();
        EXPECT_EQ(token.text, folded) << text.substr(token.begin, token.end - token.begin);
    }
}

TEST(Analyzer, OffsetsPointIntoTheInput) {
    bw::Analyzer analyzer;
    std::string text = "Über “HBM” demand";
    auto tokens = analyzer.tokenize(text);
    ASSERT_EQ(tokens.size(), 3u);
    EXPECT_EQ(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "Über");
    EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "HBM");
    EXPECT_EQ(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin), "demand");
}

struct StemCase {
    std::string token, stem;
};

class StemTest : public ::testing::TestWithParam<StemCase> {};

TEST_P(StemTest, English) {
    bw::Analyzer analyzer;
    EXPECT_EQ(analyzer.stem(GetParam().token), GetParam().stem);
}

INSTANTIATE_TEST_SUITE_P(Table, StemTest,
                         ::testing::Values(StemCase{"shortages", "shortag"}, StemCase{"shortage", "shortag"},
                                           StemCase{"valuations", "valuat"}, StemCase{"running", "run"},
                                           StemCase{"2026", ""}, StemCase{"", ""}));

// Stems are remembered per analyzer: asking again, and asking past the cache's bound (when it is
// emptied), gives what Xapian's stemmer gives.
TEST(Analyzer, RememberedStemsAreXapiansStems) {
    bw::Analyzer analyzer;
    Xapian::Stem english("english");
    for (int round = 0; round < 2; ++round) {
        for (const char* token : {"shortages", "shortage", "valuations", "running", "semiconductors"})
            EXPECT_EQ(analyzer.stem(token), english(token)) << token << ", round " << round;
    }
    const std::size_t past_bound = bw::Analyzer::kMaxCachedStems + 10;
    for (std::size_t i = 0; i < past_bound; ++i) {
        const std::string token = "pricing" + std::string(1, static_cast<char>('a' + i % 26)) + std::to_string(i);
        ASSERT_EQ(analyzer.stem(token), english(token)) << token;
    }
    EXPECT_EQ(analyzer.stem("shortages"), "shortag");  // asked again after the cache was emptied
    EXPECT_EQ(analyzer.stem("2026"), "");               // numbers are still not stemmed
}

TEST(Analyzer, FoldAndUpper) {
    EXPECT_EQ(bw::Analyzer::fold("Morgan Stanley"), "morgan stanley");
    EXPECT_EQ(bw::Analyzer::fold("AI"), "ai");
    EXPECT_EQ(bw::Analyzer::upper("mu"), "MU");
    EXPECT_EQ(bw::Analyzer::upper("ｎｖｄａ"), "NVDA");
}

}  // namespace
