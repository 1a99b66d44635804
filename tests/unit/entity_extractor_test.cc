// Entity extraction at index time: what a record's fields state, what its text names, and the union
// written back into its tickers and actors.
#include <gtest/gtest.h>

#include <xapian.h>

#include "core/schema.h"
#include "core/terms.h"
#include "indexer/document_builder.h"
#include "indexer/record_mapper.h"

namespace {

using nlohmann::json;

const bw::SchemaSet& schemas() {
    static const bw::SchemaSet set = bw::SchemaSet::builtin();
    return set;
}

bw::CanonicalRecord map(const json& raw) {
    bw::RecordMapper mapper(schemas(), "article");
    return mapper.map(raw);
}

struct ExtractCase {
    std::string label;
    json raw;
    json fields_side;  // expected entities.fields
    json text_side;    // expected entities.text
};

class ExtractTest : public ::testing::TestWithParam<ExtractCase> {};

TEST_P(ExtractTest, RecordsProvenance) {
    const ExtractCase& c = GetParam();
    bw::CanonicalRecord record = map(c.raw);
    ASSERT_TRUE(record.entities.is_object()) << c.label;
    EXPECT_EQ(record.entities["fields"], c.fields_side) << c.label;
    EXPECT_EQ(record.entities["text"], c.text_side) << c.label;
}

json side(std::vector<std::string> tickers, std::vector<std::string> actors) {
    return {{"tickers", tickers}, {"actors", actors}};
}

INSTANTIATE_TEST_SUITE_P(
    Table, ExtractTest,
    ::testing::Values(
        ExtractCase{"exchange form in the body",
                    {{"title", "Memory makers"}, {"body", "Micron Technology (NASDAQ: MU) guided higher."}},
                    side({}, {}), side({"MU"}, {"Micron"})},
        ExtractCase{"cashtag",
                    {{"title", "Flash"}, {"body", "Traders piled into $SNDK and $mu on Tuesday."}},
                    side({}, {}), side({"SNDK", "MU"}, {"SanDisk", "Micron"})},
        ExtractCase{"stated ticker adds its company",
                    {{"title", "Chips"}, {"body", "Shares rose."}, {"tickers", {"MU--", "NVDA"}}},
                    side({"MU", "NVDA"}, {"Micron", "Nvidia"}), side({}, {})},
        ExtractCase{"stated actor adds its ticker; private actors have none",
                    {{"title", "Models"}, {"body", "Prices fell."}, {"actors", {"Micron Technology", "OpenAI", "Jane Doe"}}},
                    side({"MU"}, {"Micron", "OpenAI", "Jane Doe"}), side({}, {})},
        ExtractCase{"names in title and body, longest first, AI is a topic",
                    {{"title", "Morgan Stanley on AI"}, {"body", "Alphabet and Taiwan Semiconductor Manufacturing gained."}},
                    side({}, {}), side({"MS", "GOOGL", "TSM"}, {"Morgan Stanley", "Google", "TSMC"})},
        ExtractCase{"common-word company needs its suffix",
                    {{"title", "Retail"}, {"body", "Target Corp. beat estimates; the target price rose at Target."}},
                    side({}, {}), side({"TGT"}, {"Target"})},
        ExtractCase{"a Reuters bracket ticker alone adds no company (tickers change hands)",
                    {{"title", "MAY STORES <MA> MARCH SALES RISE 3.5 PCT"}, {"body", "May Department Stores Co said sales rose."}},
                    side({}, {}), side({"MA"}, {})},
        ExtractCase{"a bracket ticker with its company named",
                    {{"title", "OCCIDENTAL <OXY> UNIT SELLS DIVISION"}, {"body", "Occidental Petroleum Corp's unit sold it."}},
                    side({}, {}), side({"OXY"}, {"Occidental Petroleum"})},
        ExtractCase{"a name wrapped over two lines, a Reuters institution",
                    {{"title", "EC WARNS"}, {"body", "the laws of the General Agreement on\nTariffs and Trade, it said."}},
                    side({}, {}), side({}, {"European Community", "GATT"})},
        ExtractCase{"Reuters orgs codes resolve to registry institutions",
                    {{"title", "Talks"}, {"body", "Nothing named."}, {"orgs", {"ec", "worldbank", "ico-coffee"}}},
                    side({}, {"European Community", "World Bank", "International Coffee Organization"}), side({}, {})}),
    [](const auto& case_info) { return std::to_string(case_info.index); });

TEST(EntityExtractor, UnionIsWrittenBackIntoTheFields) {
    bw::CanonicalRecord record = map({{"title", "Micron beats"},
                                      {"body", "Micron and Nvidia (NASDAQ: NVDA) led."},
                                      {"tickers", {"MU"}},
                                      {"actors", {"Micron Technology"}}});
    EXPECT_EQ(record.fields["tickers"], json({"MU", "NVDA"}));
    EXPECT_EQ(record.fields["actors"], json({"Micron Technology", "Nvidia"}));  // as written, then added
    EXPECT_EQ(record.to_json()["entities"]["text"]["actors"], json({"Micron", "Nvidia"}));
}

TEST(EntityExtractor, NothingFoundMeansNoEntitiesKey) {
    bw::CanonicalRecord record = map({{"title", "Rain in Spain"}, {"body", "it rained all day"}});
    EXPECT_TRUE(record.entities.is_null());
    EXPECT_FALSE(record.to_json().contains("entities"));
}

TEST(EntityExtractor, DocumentGetsStatedCanonicalAndEntityTerms) {
    bw::CanonicalRecord record = map({{"title", "Micron beats"},
                                      {"body", "Nvidia (NASDAQ: NVDA) led."},
                                      {"actors", {"Micron Technology"}}});
    bw::Analyzer analyzer;
    bw::DocumentBuilder builder(analyzer);
    Xapian::Document doc = builder.build(record, schemas().get("article"));
    std::map<std::string, Xapian::termcount> terms;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) terms[*t] = t.get_wdf();
    EXPECT_TRUE(terms.count("XSTATED:MU"));
    EXPECT_TRUE(terms.count("XSTATEDmicron"));
    EXPECT_FALSE(terms.count("XSTATED:NVDA"));  // only found in the text
    EXPECT_TRUE(terms.count("XACTORmicron"));   // canonical actor term
    EXPECT_TRUE(terms.count("XTICKER:NVDA"));
    EXPECT_EQ(terms["XENTITY:MU"], 3u);         // stated (2) and named in the title (1)
    EXPECT_EQ(terms["XENTITY:NVDA"], 1u);
}

}  // namespace
