// Entity resolution at query time with the built-in registry: ticker:, actor:, company: and stated:
// values name one entity; a bare word naming a company ORs in its XENTITY term at a small weight.
#include <gtest/gtest.h>

#include "searcher/field_table.h"
#include "searcher/query_parser.h"

namespace bw {
namespace {

std::string describe(std::string_view text) {
    static const SchemaSet schemas = SchemaSet::builtin();
    static const FieldTable fields(schemas);
    static const Analyzer analyzer;
    return QueryParser(fields, analyzer).parse(text).query.get_description();
}

struct Case {
    const char* query;
    const char* expected;
};

class QueryEntitiesTest : public ::testing::TestWithParam<Case> {};

TEST_P(QueryEntitiesTest, Resolves) { EXPECT_EQ(describe(GetParam().query), GetParam().expected) << GetParam().query; }

INSTANTIATE_TEST_SUITE_P(
    Table, QueryEntitiesTest,
    ::testing::Values(
        Case{"ticker:MU", "Query(0 * (XTICKER:MU OR XACTORmicron))"},
        Case{"ticker:$mu", "Query(0 * (XTICKER:MU OR XACTORmicron))"},
        Case{"actor:Micron", "Query(0 * (XACTORmicron OR XTICKER:MU))"},
        Case{"actor:\"Micron Technology\"", "Query(0 * (XACTORmicron technology OR XACTORmicron OR XTICKER:MU))"},
        Case{"company:micron", "Query(0 * (XACTORmicron OR XTICKER:MU))"},
        Case{"ticker:GOOG", "Query(0 * (XTICKER:GOOG OR XACTORgoogle OR XTICKER:GOOGL))"},
        Case{"ticker:ZZZQ", "Query(0 * XTICKER:ZZZQ)"},                     // not in the registry: as before
        Case{"actor:\"Jane Doe\"", "Query(0 * XACTORjane doe)"},
        Case{"stated:MU", "Query(0 * (XSTATEDmu OR XSTATED:MU OR XSTATEDmicron))"},
        Case{"micron", "Query((Zmicron@1 OR 0.25 * XENTITY:MU))"},
        Case{"MU", "Query((Zmu@1 OR 0.25 * XENTITY:MU))"},
        Case{"$MU", "Query((Zmu@1 OR 0.25 * XENTITY:MU))"},
        Case{"mu", "Query(Zmu@1)"},                                         // a lower-case ticker is a word
        Case{"AI", "Query(Zai@1)"},                                         // a topic, not C3.ai
        Case{"target", "Query(Ztarget@1)"},                                 // an ordinary word
        Case{"\"Morgan Stanley\"", "Query(((morgan@1 PHRASE 2 stanley@2) OR 0.25 * XENTITY:MS))"},
        Case{"-micron memory", "Query((Zmemori@2 AND_NOT Zmicron@1))"}),    // no expansion when excluded
    [](const auto& case_info) { return std::to_string(case_info.index); });

}  // namespace
}  // namespace bw
