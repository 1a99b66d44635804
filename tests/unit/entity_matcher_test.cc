// The entity matcher on the built-in registry: names case-aware on word boundaries, longest first,
// common-word names only with their suffix, tickers only in explicit forms.
#include <gtest/gtest.h>

#include "core/entity_matcher.h"

namespace {

struct NameCase {
    std::string text;
    std::vector<std::string> expected;  // canonical entity names, in order
};

std::vector<std::string> names_in(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& m : bw::EntityMatcher::builtin().find_names(text)) out.push_back(m.entity->name);
    return out;
}

class NameMatchTest : public ::testing::TestWithParam<NameCase> {};

TEST_P(NameMatchTest, FindsTheExpectedEntities) { EXPECT_EQ(names_in(GetParam().text), GetParam().expected) << GetParam().text; }

INSTANTIATE_TEST_SUITE_P(
    Table, NameMatchTest,
    ::testing::Values(
        NameCase{"Micron Technology, Inc. reported results", {"Micron"}},
        NameCase{"Micron's quarter", {"Micron"}},
        NameCase{"MICRON TECHNOLOGY INC <MU> SAYS", {"Micron"}},
        NameCase{"shares of micron fell", {}},                       // lower case: not the company
        NameCase{"Apple said", {"Apple"}},
        NameCase{"an apple pie", {}},
        NameCase{"Morgan Stanley and Goldman Sachs Group", {"Morgan Stanley", "Goldman Sachs"}},
        NameCase{"Bank of America cut", {"Bank of America"}},
        NameCase{"Taiwan Semiconductor Manufacturing Co. and Advanced Micro Devices", {"TSMC", "AMD"}},
        NameCase{"Alphabet's Google Research unit", {"Google", "Google"}},
        NameCase{"Google DeepMind", {"Google"}},                      // longest: one mention
        NameCase{"the SEC said; sec. 4", {"Securities and Exchange Commission"}},
        NameCase{"OpenAI, Anthropic and DeepSeek", {"OpenAI", "Anthropic", "DeepSeek"}},
        NameCase{"東京エレクトロンの株価", {"Tokyo Electron"}},
        NameCase{"Target Corp. raised its outlook", {"Target"}},       // common word: with its suffix
        NameCase{"the target was missed; Target stores", {}},         // ... never alone
        NameCase{"Block, Inc. and a block of shares", {"Block"}},
        NameCase{"platforms like OpenRouter, Venice, and Baseten", {"OpenRouter", "Venice", "Baseten"}},  // a list
        NameCase{"the Venice summit; summit in Venice, Italy", {}},    // a place alone
        NameCase{"Walmart and Target raised prices", {"Walmart", "Target"}},
        NameCase{"SK Hynix and Samsung Electronics", {"SK Hynix", "Samsung"}},
        NameCase{"General Agreement on\nTariffs and Trade", {"GATT"}},  // a wrapped line joins a name
        NameCase{"the Bank of\n    America", {}},                      // a paragraph break does not
        NameCase{"the Bank of\n\nAmerica", {}},
        NameCase{"Nvidia-led rally; NVIDIA Corporation", {"Nvidia", "Nvidia"}},
        NameCase{"Meta Platforms and the metaverse", {"Meta"}},
        NameCase{"", {}}),
    [](const auto& case_info) { return std::to_string(case_info.index); });

struct TickerCase {
    std::string text;
    std::vector<std::string> expected;
};

class TickerMatchTest : public ::testing::TestWithParam<TickerCase> {};

TEST_P(TickerMatchTest, FindsExplicitTickersOnly) {
    std::vector<std::string> got;
    for (const auto& t : bw::EntityMatcher::builtin().find_tickers(GetParam().text)) got.push_back(t.ticker);
    EXPECT_EQ(got, GetParam().expected) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, TickerMatchTest,
    ::testing::Values(
        TickerCase{"Micron Technology (NASDAQ: MU) rose", {"MU"}},
        TickerCase{"(NYSE: MS) and NASDAQ:AAPL and Nasdaq: nvda", {"MS", "AAPL"}},  // lower case after an exchange: no
        TickerCase{"NYSE American: UAMY", {"UAMY"}},
        TickerCase{"$MU $nvda and $brk.b", {"MU", "NVDA", "BRK.B"}},
        TickerCase{"a $100bn selloff, US$5 and $ 5", {}},
        TickerCase{"COMPUTER TERMINAL SYSTEMS <CPML> SAYS", {"CPML"}},
        TickerCase{"CAPITAL SOUTHWEST <CSWC.O> AND <BRK.N> AND <CLT.TO>", {"CSWC", "BRK", "CLT.TO"}},  // Reuters .O/.N dropped
        TickerCase{"NVDA and TSM rallied", {"NVDA", "TSM"}},               // bare hand-kept tickers, 3+ letters
        TickerCase{"AI and MS and IT and mu", {}},                         // two letters or lower case: never
        TickerCase{"NVIDIA SAYS NVDA CHIPS", {}},                          // an all-capitals line says nothing
        TickerCase{"CRM software", {}},                                    // stoplisted acronym
        TickerCase{"ratio: MU", {}},                                       // not an exchange
        TickerCase{"", {}}),
    [](const auto& case_info) { return std::to_string(case_info.index); });

TEST(SplitWords, CutsOnPunctuationAndPossessives) {
    std::string text = "Micron's HBM—AT&T, 東京 x";
    std::vector<std::string> words;
    for (const auto& w : bw::split_words(text)) words.push_back(text.substr(w.begin, w.end - w.begin));
    EXPECT_EQ(words, (std::vector<std::string>{"Micron", "HBM", "AT", "T", "東京", "x"}));
}

TEST(EntityRegistry, ListingsMergeIntoHandKeptEntities) {
    const auto& registry = bw::EntityRegistry::builtin();
    EXPECT_GT(registry.size(), 3000u);  // the generated listings are loaded
    ASSERT_NE(registry.find_by_name("Alphabet Inc."), nullptr);
    EXPECT_EQ(registry.find_by_name("Alphabet Inc.")->name, "Google");
    EXPECT_EQ(registry.find_by_name("Micron Technology, Inc.")->name, "Micron");
    EXPECT_EQ(registry.find_by_ticker("BRK.B"), registry.find_by_ticker("BRK-B"));
    ASSERT_NE(registry.find_by_ticker("TGT"), nullptr);
    EXPECT_TRUE(registry.find_by_ticker("TGT")->common);
    EXPECT_FALSE(registry.find_by_ticker("MU")->common);
    EXPECT_EQ(registry.resolve("$mu")->name, "Micron");
    EXPECT_EQ(registry.resolve("micron")->name, "Micron");
}

}  // namespace
