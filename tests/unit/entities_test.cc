// The entity registry: lookups and splitting actor lines that lost their separators.
#include <gtest/gtest.h>

#include "core/entities.h"

namespace {

struct SplitCase {
    std::string line;
    std::vector<std::string> expected;
};

class SplitActorsTest : public ::testing::TestWithParam<SplitCase> {};

TEST_P(SplitActorsTest, UsesRegistryThenCaseBoundaries) {
    EXPECT_EQ(bw::EntityRegistry::builtin().split_actor_line(GetParam().line), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, SplitActorsTest,
    ::testing::Values(SplitCase{"MicronGoogleMorgan Stanley", {"Micron", "Google", "Morgan Stanley"}},
                      SplitCase{"OpenAIGoogleSK Hynix", {"OpenAI", "Google", "SK Hynix"}},
                      SplitCase{"NvidiaTSMC", {"Nvidia", "TSMC"}},
                      SplitCase{"Acme WidgetsGoogle", {"Acme Widgets", "Google"}},   // unknown name: case boundary
                      SplitCase{"Micron, Google", {"Micron", "Google"}},
                      SplitCase{"Federal ReserveMicron", {"Federal Reserve", "Micron"}},
                      SplitCase{"", {}}));

TEST(EntityRegistry, Lookups) {
    const auto& registry = bw::EntityRegistry::builtin();
    ASSERT_NE(registry.find_by_name("micron technology"), nullptr);
    EXPECT_EQ(registry.find_by_name("Micron Technology")->tickers.at(0), "MU");
    ASSERT_NE(registry.find_by_ticker("MS"), nullptr);
    EXPECT_EQ(registry.find_by_ticker("MS")->name, "Morgan Stanley");
    EXPECT_EQ(registry.find_by_name("no such company"), nullptr);
    EXPECT_TRUE(registry.find_by_name("OpenAI")->tickers.empty());
}

}  // namespace
