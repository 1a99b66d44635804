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
        TokenCase{std::string("nul\0byte", 8), {"nul", "byte"}}));

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

TEST(Analyzer, FoldAndUpper) {
    EXPECT_EQ(bw::Analyzer::fold("Morgan Stanley"), "morgan stanley");
    EXPECT_EQ(bw::Analyzer::fold("AI"), "ai");
    EXPECT_EQ(bw::Analyzer::upper("mu"), "MU");
    EXPECT_EQ(bw::Analyzer::upper("ｎｖｄａ"), "NVDA");
}

}  // namespace
