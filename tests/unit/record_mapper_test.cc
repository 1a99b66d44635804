// Mapping raw records onto the schemas: accepted key names of real archives, type checks, ids,
// normalisation, and the errors bad records get.
#include <gtest/gtest.h>

#include "core/errors.h"
#include "indexer/input_reader.h"
#include "indexer/record_mapper.h"

namespace {

using nlohmann::json;

const bw::SchemaSet& schemas() {
    static const bw::SchemaSet set = bw::SchemaSet::builtin();
    return set;
}

// Mapping alone: entity extraction is tested in entity_extractor_test.cc.
json map(const std::string& raw, const std::string& type = "article") {
    bw::RecordMapper mapper(schemas(), type, false);
    return mapper.map(json::parse(raw)).to_json();
}

struct MapCase {
    std::string name, raw, expected;
};

class MapTest : public ::testing::TestWithParam<MapCase> {};

TEST_P(MapTest, ProducesCanonicalRecord) {
    json actual = map(GetParam().raw);
    json expected = json::parse(GetParam().expected);
    if (!expected.contains("id")) {  // derived ids are checked in DerivesStableIds
        EXPECT_TRUE(actual["id"].get<std::string>().starts_with("article-"));
        actual.erase("id");
    }
    EXPECT_EQ(actual, expected) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(
    Table, MapTest,
    ::testing::Values(
        MapCase{"reuters", R"({"id":"reuters-1","date":"1987-02-26T15:01:01Z","title":"BAHIA COCOA REVIEW","body":"Showers.","topics":["cocoa"],"places":["el-salvador","usa"],"people":[],"orgs":["icco"],"exchanges":[]})",
                R"({"type":"article","id":"reuters-1","date":"1987-02-26T15:01:01Z","title":"BAHIA COCOA REVIEW","body":"Showers.","topics":["cocoa"],"places":["el-salvador","usa"],"actors":["icco"]})"},
        MapCase{"huffpost", R"({"category":"CRIME","headline":"H","authors":"Melissa Jeltsen","link":"https://x/1","short_description":"S.","date":"2018-05-26"})",
                R"({"type":"article","topics":["CRIME"],"title":"H","author":["Melissa Jeltsen"],"url":"https://x/1","body":"S.","date":"2018-05-26T00:00:00Z"})"},
        MapCase{"stocknet", R"({"ticker":"AAPL","date":"2014-01-01","id":"418229860210057216","created_at":"Wed Jan 01 03:59:03 +0000 2014","user":"bk","cashtags":["AAPL","WYNN","$goog"],"text":"RT $AAPL"})",
                R"({"type":"article","id":"418229860210057216","tickers":["AAPL","WYNN","GOOG"],"date":"2014-01-01T00:00:00Z","author":["bk"],"body":"RT $AAPL"})"},
        MapCase{"scifact", R"({"_id":4983,"title":"Microstructural development","text":"Alterations."})",
                R"({"type":"article","id":"4983","title":"Microstructural development","body":"Alterations."})"},
        MapCase{"control characters", "{\"title\":\"a\\u0003b\",\"body\":\" x\\r\\ny \",\"id\":\"c\"}",
                R"({"type":"article","id":"c","title":"a b","body":"x\ny"})"},
        MapCase{"ticker forms", R"({"title":"t","id":"t","tickers":["$mu","MU--","nvda","NVDA"]})",
                R"({"type":"article","id":"t","title":"t","tickers":["MU","NVDA"]})"}));

TEST(RecordMapper, DerivesStableIds) {
    json a = map(R"({"title":"Same","date":"2026-03-01","body":"x"})");
    json b = map(R"({"title":"Same","date":"2026-03-01","body":"different body"})");
    json c = map(R"({"title":"Other","date":"2026-03-01","body":"x"})");
    EXPECT_EQ(a["id"], b["id"]);  // type + title + date
    EXPECT_NE(a["id"], c["id"]);
    json u1 = map(R"({"title":"A","url":"https://e/1"})");
    json u2 = map(R"({"title":"B","url":"https://e/1"})");
    EXPECT_EQ(u1["id"], u2["id"]);  // url wins over title
    json n1 = map(R"({"body":"untitled one"})");
    json n2 = map(R"({"body":"untitled two"})");
    EXPECT_NE(n1["id"], n2["id"]);  // untitled: the body counts
}

TEST(RecordMapper, SignalFields) {
    json s = map(R"({"type":"signal","title":"T","strength":"8","date":"3/27/2026","article_count":1,
                     "categories":["economic","AI"],"actors":["Micron"],"analysis":"A.",
                     "sources":[{"title":"S","quotes":[{"text":"q","label":"l"}]}],"reasoning":"R."})");
    EXPECT_EQ(s["type"], "signal");
    EXPECT_EQ(s["strength"], 8);
    EXPECT_EQ(s["date"], "2026-03-27T00:00:00Z");
    EXPECT_EQ(s["categories"], json::parse(R"(["economic","AI"])"));
    EXPECT_EQ(s["sources"][0]["quotes"][0]["label"], "l");
}

TEST(RecordMapper, UnparsableDateIsAWarningNotAnError) {
    bw::RecordMapper mapper(schemas(), "article");
    auto record = mapper.map(json::parse(R"({"title":"t","date":"31/31/2026"})"));
    EXPECT_FALSE(record.fields.contains("date"));
    ASSERT_EQ(record.warnings.size(), 1u);
    EXPECT_NE(record.warnings[0].find("cannot parse date '31/31/2026'"), std::string::npos);
}

struct BadRecord {
    std::string raw, message_part;
};

class BadRecordTest : public ::testing::TestWithParam<BadRecord> {};

TEST_P(BadRecordTest, IsRejected) {
    bw::RecordMapper mapper(schemas(), "article");
    try {
        mapper.map(json::parse(GetParam().raw));
        FAIL() << "accepted " << GetParam().raw;
    } catch (const bw::RecordError& e) {
        EXPECT_NE(std::string(e.what()).find(GetParam().message_part), std::string::npos) << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadRecordTest,
    ::testing::Values(BadRecord{R"([1,2])", "must be a JSON object"},
                      BadRecord{R"({"id":"x"})", "no text"},
                      BadRecord{R"({"title":"  "})", "no text"},
                      BadRecord{R"({"type":"memo","title":"t"})", "unknown type 'memo'"},
                      BadRecord{R"({"title":"t","tickers":5})", "field 'tickers': expected a string or an array of strings, got a number"},
                      BadRecord{R"({"title":"t","tickers":[{"a":1}]})", "expected an array of strings"},
                      BadRecord{R"({"title":{"x":1}})", "field 'title': expected a string, got an object"},
                      BadRecord{R"({"title":"t","symbols":true})", "'symbols' (field 'tickers')"},
                      BadRecord{R"({"title":"t","id":[1]})", "field 'id'"}));

TEST(RecordMapper, CapsHugeKeywordLists) {
    json raw = {{"title", "t"}, {"tickers", json::array()}};
    for (int i = 0; i < 10000; ++i) raw["tickers"].push_back("T" + std::to_string(i));
    bw::RecordMapper mapper(schemas(), "article");
    auto record = mapper.map(raw);
    EXPECT_EQ(record.fields["tickers"].size(), bw::kMaxKeywordValues);
    EXPECT_EQ(record.warnings.size(), 1u);
}

TEST(RepairUtf8, ReadsStrayBytesAsLatin1) {
    std::string text = "caf\xe9 ok \xc3\xa9";
    EXPECT_EQ(bw::repair_utf8(text), 1u);
    EXPECT_EQ(text, "caf\xc3\xa9 ok \xc3\xa9");
    std::string good = "plain ✓";
    EXPECT_EQ(bw::repair_utf8(good), 0u);
    EXPECT_EQ(good, "plain ✓");
}

}  // namespace
