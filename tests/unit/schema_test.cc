// Schema loading and validation: the built-in schemas load, and every invalid schema is rejected
// with a message naming the origin, the field and the problem.
#include <gtest/gtest.h>

#include "core/errors.h"
#include "core/schema.h"
#include "core/terms.h"

namespace {

TEST(Schema, BuiltinsHaveTheRequiredFields) {
    bw::Schema article = bw::Schema::builtin("article");
    for (const char* name : {"id", "url", "source", "title", "subtitle", "keywords", "tickers", "actors", "topics",
                             "places", "date", "author", "body"}) {
        EXPECT_NE(article.field(name), nullptr) << name;
    }
    bw::Schema signal = bw::Schema::builtin("signal");
    for (const char* name : {"id", "publisher", "title", "strength", "date", "article_count", "categories", "actors",
                             "tickers", "analysis", "sources", "reasoning"}) {
        EXPECT_NE(signal.field(name), nullptr) << name;
    }
    EXPECT_EQ(signal.field("categories")->prefix, article.field("topics")->prefix);  // categories are topics
    EXPECT_GT(article.field("title")->weight, article.field("subtitle")->weight);
    EXPECT_GT(article.field("subtitle")->weight, article.field("body")->weight);
    EXPECT_GT(signal.field("analysis")->weight, signal.field("reasoning")->weight);
}

TEST(Schema, RoundTripsThroughJson) {
    bw::Schema article = bw::Schema::builtin("article");
    bw::Schema again = bw::Schema::from_json(article.to_json(), "round trip");
    EXPECT_EQ(again.to_json(), article.to_json());
}

struct BadSchema {
    std::string json;
    std::string expected_message_part;
};

class BadSchemaTest : public ::testing::TestWithParam<BadSchema> {};

TEST_P(BadSchemaTest, IsRejectedWithAClearMessage) {
    try {
        bw::Schema::from_text(GetParam().json, "my.json");
        FAIL() << "accepted: " << GetParam().json;
    } catch (const bw::SchemaError& e) {
        std::string message = e.what();
        EXPECT_NE(message.find("my.json"), std::string::npos) << message;
        EXPECT_NE(message.find(GetParam().expected_message_part), std::string::npos) << message;
    }
}

const char* kText = R"({"name":"body","role":"text"})";

INSTANTIATE_TEST_SUITE_P(
    Table, BadSchemaTest,
    ::testing::Values(
        BadSchema{"{", "invalid JSON"},
        BadSchema{"[]", "must be a JSON object"},
        BadSchema{R"({"fields":[]})", "'type' is required"},
        BadSchema{R"({"type":"x","fields":[]})", "'fields' is required"},
        BadSchema{R"({"type":"x","fields":[{"role":"text"}]})", "'name' is required"},
        BadSchema{R"({"type":"x","fields":[{"name":"body"}]})", "field 'body': property 'role' is required"},
        BadSchema{R"({"type":"x","fields":[{"name":"body","role":"texty"}]})", "unknown role 'texty'"},
        BadSchema{std::string(R"({"type":"x","fields":[)") + kText + "," + kText + "]}", "duplicate field name"},
        BadSchema{R"({"type":"x","fields":[{"name":"t","role":"keyword"}]})", "field 't': a keyword field needs a 'prefix'"},
        BadSchema{R"({"type":"x","fields":[{"name":"d","role":"date"},)" + std::string(kText) + "]}", "field 'd': a date field needs a 'slot'"},
        BadSchema{R"({"type":"x","fields":[{"name":"t","role":"text","prefix":"lower"}]})", "must be capital letters"},
        BadSchema{R"({"type":"x","fields":[{"name":"t","role":"text","weight":0}]})", "'weight' must be a whole number"},
        BadSchema{R"({"type":"x","fields":[{"name":"t","role":"text","colour":"red"}]})", "unknown property 'colour'"},
        BadSchema{R"({"type":"x","fields":[{"name":"n","role":"number","slot":1},)" + std::string(kText) + "]}", "slot 1 is reserved"},
        BadSchema{R"({"type":"x","fields":[{"name":"t","role":"text","prefix":"Q"}]})", "prefix 'Q' is reserved"},
        BadSchema{R"({"type":"x","fields":[{"name":"n","role":"number","slot":17},)" + std::string(kText) + "]}", "slot 17 is reserved"},
        BadSchema{R"({"type":"x","fields":[{"name":"n","role":"number","slot":13},)" + std::string(kText) + "]}", "slot 13 is reserved"},
        BadSchema{R"({"type":"x","fields":[{"name":"t","role":"keyword","prefix":"XCOPY"}]})", "prefix 'XCOPY' is reserved"},
        BadSchema{R"({"type":"x","fields":[{"name":"t","role":"keyword","prefix":"XNEAR"}]})", "prefix 'XNEAR' is reserved"},
        BadSchema{R"({"type":"x","fields":[{"name":"k","role":"keyword","prefix":"XK"}]})", "needs at least one text field"}));

TEST(Terms, FollowOmegaConventions) {
    EXPECT_EQ(bw::make_term("XTICKER", "MU"), "XTICKER:MU");
    EXPECT_EQ(bw::make_term("XACTOR", "micron"), "XACTORmicron");
    EXPECT_EQ(bw::make_term("S", "Micron"), "SMicron");
    EXPECT_EQ(bw::id_term("reuters-1"), "Qreuters-1");
    std::string long_id(400, 'x');
    std::string term = bw::id_term(long_id);
    EXPECT_LE(term.size(), bw::kMaxTermBytes);
    EXPECT_EQ(term, bw::id_term(long_id));  // stable
    EXPECT_NE(term, bw::id_term(long_id + "y"));
    const bw::Schema article = bw::Schema::builtin("article");
    EXPECT_EQ(bw::keyword_term(*article.field("tickers"), "mu"), "XTICKER:MU");
    EXPECT_EQ(bw::keyword_term(*article.field("topics"), "AI"), "XTOPICai");
}

}  // namespace
