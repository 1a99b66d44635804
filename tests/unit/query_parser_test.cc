// Table-driven tests of the query grammar (searcher/query_parser.h), in the style of Xapian's own
// api_queryparser tests: query string -> Xapian::Query::get_description(). The schemas are the
// built-in ones and `now` is fixed at 2026-04-01T00:00:00Z.
//
// Expected descriptions may hold two placeholders for the binary values of range queries:
//   {n:7.5}                    sortable_serialise(7.5)
//   {t:2026-03-31 23:59:59}    sortable_serialise(seconds since the epoch of that UTC time)
// Both are computed here independently of the code under test (timegm, not core/dates).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/errors.h"
#include "searcher/field_table.h"
#include "searcher/query_parser.h"

namespace bw {
namespace {

struct Env {
    SchemaSet schemas = SchemaSet::builtin();
    FieldTable fields{schemas};
    Analyzer analyzer;
    Timestamp now = parse_date("2026-04-01T00:00:00Z").value();
};

Env& env() {
    static Env e;
    return e;
}

ParsedQuery parse(std::string_view text, DefaultOperator op = DefaultOperator::And) {
    // The grammar alone: entity resolution (a registry) is tested in query_entities_test.cc.
    return QueryParser(env().fields, env().analyzer, op, env().now, nullptr).parse(text);
}

// Xapian's rendering of a serialised value inside a VALUE_* description.
std::string rendered(double value) {
    const std::string head = "Query(VALUE_GE 0 ";
    std::string d = Xapian::Query(Xapian::Query::OP_VALUE_GE, 0, Xapian::sortable_serialise(value)).get_description();
    return d.substr(head.size(), d.size() - head.size() - 1);
}

double epoch(const std::string& when) {
    std::tm tm{};
    if (std::sscanf(when.c_str(), "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                    &tm.tm_sec) != 6)
        throw std::runtime_error("bad test time " + when);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return static_cast<double>(timegm(&tm));
}

std::string expand(std::string text) {
    for (std::size_t open; (open = text.find('{')) != std::string::npos;) {
        std::size_t close = text.find('}', open);
        std::string spec = text.substr(open + 1, close - open - 1);
        double value = spec[0] == 'n' ? std::stod(spec.substr(2)) : epoch(spec.substr(2));
        text.replace(open, close - open + 1, rendered(value));
    }
    return text;
}

struct Case {
    const char* query;
    const char* expected;
};

void check_table(const std::vector<Case>& table, DefaultOperator op) {
    for (const Case& c : table) {
        SCOPED_TRACE(std::string("query: [") + c.query + "]");
        try {
            EXPECT_EQ(parse(c.query, op).query.get_description(), expand(c.expected));
        } catch (const QuerySyntaxError& e) {
            ADD_FAILURE() << "unexpected QuerySyntaxError: " << e.what();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Default operator AND.
const std::vector<Case> kAndCases = {
    // Empty input.
    {"", "Query(<alldocuments>)"},
    {"   \t\n ", "Query(<alldocuments>)"},
    {"...", "Query(<alldocuments>)"},  // punctuation only: no terms
    {"*", "Query(<alldocuments>)"},
    {"\"\"", "Query(<alldocuments>)"},
    // Free words: stemmed Z-terms with their query positions; numbers unstemmed.
    {"micron", "Query(Zmicron@1)"},
    {"Micron", "Query(Zmicron@1)"},
    {"micron memory", "Query((Zmicron@1 AND Zmemori@2))"},
    {"semiconductors", "Query(Zsemiconductor@1)"},
    {"Micron's", "Query(Zmicron@1)"},
    {"2026", "Query(2026@1)"},
    {"micron 2026", "Query((Zmicron@1 AND 2026@2))"},
    // A word the analyzer splits is a phrase of its (unstemmed) tokens.
    {"U.S.-based", "Query((u.s@1 PHRASE 2 based@2))"},
    {"e-mail", "Query((e@1 PHRASE 2 mail@2))"},
    {"\xE5\x8D\x8A\xE5\xB0\x8E\xE4\xBD\x93\xE3\x83\xA1\xE3\x83\xA2\xE3\x83\xAA",  // 半導体メモリ
     "Query((\xE5\x8D\x8A\xE5\xB0\x8E\xE4\xBD\x93@1 PHRASE 2 \xE3\x83\xA1\xE3\x83\xA2\xE3\x83\xAA@2))"},
    // Control characters and Unicode spaces separate words.
    {"micron\x01memory", "Query((Zmicron@1 AND Zmemori@2))"},
    {"micron\tmemory\r\n", "Query((Zmicron@1 AND Zmemori@2))"},
    {"micron\xE3\x80\x80memory", "Query((Zmicron@1 AND Zmemori@2))"},  // U+3000
    {"micron\xC2\xA0memory", "Query((Zmicron@1 AND Zmemori@2))"},      // U+00A0
    // Phrases: exact unstemmed terms; one word is the plain exact term.
    {"\"memory chips\"", "Query((memory@1 PHRASE 2 chips@2))"},
    {"\"a b c\"", "Query((a@1 PHRASE 3 b@2 PHRASE 3 c@3))"},
    {"\"Memories\"", "Query(memories@1)"},
    {"\xE2\x80\x9Cmemory chips\xE2\x80\x9D", "Query((memory@1 PHRASE 2 chips@2))"},  // typographic quotes
    {"micron \"memory chips\"", "Query((Zmicron@1 AND (memory@2 PHRASE 2 chips@3)))"},
    {"\"a\" \"b\"", "Query((a@1 AND b@2))"},
    // Text fields: the field's prefix, stemmed as Z + prefix + stem.
    {"title:micron", "Query(ZSmicron@1)"},
    {"Title:Micron", "Query(ZSmicron@1)"},
    {"title:\"memory chips\"", "Query((Smemory@1 PHRASE 2 Schips@2))"},
    {"title:\"micron\"", "Query(Smicron@1)"},
    {"title:2026", "Query(S2026@1)"},
    {"title:U.S.-based", "Query((Su.s@1 PHRASE 2 Sbased@2))"},
    {"body:micron", "Query(Zmicron@1)"},  // body has no prefix: the unprefixed terms
    {"subtitle:chips", "Query(ZXSUBTITLEchip@1)"},
    {"keyword:dram", "Query(ZXKEYWORDdram@1)"},
    {"quote:guidance", "Query(ZXSOURCETEXTguidanc@1)"},  // signal "sources" answers to quote:
    {"title:micron memory", "Query((ZSmicron@1 AND Zmemori@2))"},
    {"title:(micron memory)", "Query((ZSmicron@1 AND ZSmemori@2))"},
    {"title:(micron OR memory)", "Query((ZSmicron@1 OR ZSmemori@2))"},
    // Keyword filters: boolean terms; a filter-only query is scaled by 0 (no score).
    {"ticker:MU", "Query(0 * XTICKER:MU)"},
    {"ticker:mu", "Query(0 * XTICKER:MU)"},
    {"TICKER:mu", "Query(0 * XTICKER:MU)"},
    {"symbol:$MU", "Query(0 * XTICKER:MU)"},
    {"cashtag:MU", "Query(0 * XTICKER:MU)"},
    {"ticker:BRK.B", "Query(0 * XTICKER:BRK.B)"},
    {"actor:\"Morgan Stanley\"", "Query(0 * XACTORmorgan stanley)"},
    {"company:Micron", "Query(0 * XACTORmicron)"},
    {"topic:AI", "Query(0 * XTOPICai)"},
    {"category:AI", "Query(0 * XTOPICai)"},
    {"topics:AI", "Query(0 * XTOPICai)"},
    {"source:Reuters", "Query(0 * XSOURCEreuters)"},
    {"publisher:Reuters", "Query(0 * XSOURCEreuters)"},
    {"author:\"Jane Doe\"", "Query(0 * Ajane doe)"},
    {"place:USA", "Query(0 * XPLACEusa)"},
    {"id:reuters-1", "Query(0 * Qreuters-1)"},
    {"type:signal", "Query(0 * XTYPEsignal)"},
    {"type:Article", "Query(0 * XTYPEarticle)"},
    {"type:\"signal\"", "Query(0 * XTYPEsignal)"},
    {"ticker:\"\"", "Query(<alldocuments>)"},
    // Filters with free text: P FILTER F; same field ORed, different fields ANDed.
    {"ticker:MU memory", "Query((Zmemori@1 FILTER XTICKER:MU))"},
    {"memory ticker:MU", "Query((Zmemori@1 FILTER XTICKER:MU))"},
    {"ticker:MU ticker:NVDA memory", "Query((Zmemori@1 FILTER (XTICKER:MU OR XTICKER:NVDA)))"},
    {"ticker:MU topic:AI", "Query(0 * (XTICKER:MU AND XTOPICai))"},
    {"ticker:MU topic:AI ticker:NVDA micron",
     "Query((Zmicron@1 FILTER ((XTICKER:MU OR XTICKER:NVDA) AND XTOPICai)))"},
    {"topic:AI category:chips", "Query(0 * (XTOPICai OR XTOPICchips))"},  // two names, one field
    {"type:signal type:article", "Query(0 * (XTYPEsignal OR XTYPEarticle))"},
    {"type:Article memory", "Query((Zmemori@1 FILTER XTYPEarticle))"},
    {"type:signal strength:7.. memory", "Query((Zmemori@1 FILTER (XTYPEsignal AND VALUE_GE 5 {n:7})))"},
    // An explicit AND between two filters of one field ANDs them.
    {"ticker:MU AND ticker:NVDA", "Query(0 * (XTICKER:MU AND XTICKER:NVDA))"},
    // Filters in groups: an all-filter group is still a filter; a mixed one scores.
    {"(ticker:MU OR ticker:NVDA) memory", "Query((Zmemori@1 FILTER (XTICKER:MU OR XTICKER:NVDA)))"},
    {"ticker:(MU OR NVDA) memory", "Query((Zmemori@1 FILTER (XTICKER:MU OR XTICKER:NVDA)))"},
    {"ticker:(MU NVDA)", "Query(0 * (XTICKER:MU OR XTICKER:NVDA))"},
    {"type:(signal OR article)", "Query(0 * (XTYPEsignal OR XTYPEarticle))"},
    {"(ticker:MU OR micron) memory", "Query(((0 * XTICKER:MU OR Zmicron@1) AND Zmemori@2))"},
    {"micron OR ticker:MU", "Query((Zmicron@1 OR 0 * XTICKER:MU))"},
    {"ticker:MU OR topic:AI", "Query(0 * (XTICKER:MU OR XTOPICai))"},
    // Negated filters.
    {"-ticker:MU micron", "Query((Zmicron@1 AND_NOT XTICKER:MU))"},
    {"NOT ticker:MU micron", "Query((Zmicron@1 AND_NOT XTICKER:MU))"},
    {"-ticker:MU", "Query((<alldocuments> AND_NOT XTICKER:MU))"},
    {"ticker:MU -micron", "Query(((<alldocuments> AND_NOT Zmicron@1) FILTER XTICKER:MU))"},
    {"-date:2026-03 micron", "Query((Zmicron@1 AND_NOT M202603))"},
    // Dates: the span of the value, [begin, end - 1s], on the main date. Spans of whole UTC days
    // are the fewest D/M/Y terms that cover them (searcher/date_filter.h); other spans and open
    // ends stay value ranges on the date slot (0).
    {"date:2026-03", "Query(0 * M202603)"},
    {"date:\"2026-03\"", "Query(0 * M202603)"},
    {"date:2026-03-27", "Query(0 * D20260327)"},
    {"date:2026", "Query(0 * Y2026)"},
    {"date:2026-03-01..2026-03-31", "Query(0 * M202603)"},
    {"date:2026-02..2026-03", "Query(0 * (M202602 OR M202603))"},
    {"date:2025-12-30..2026-02-02", "Query(0 * (D20251230 OR D20251231 OR M202601 OR D20260201 OR D20260202))"},
    {"date:2025-11..2027-01", "Query(0 * (M202511 OR M202512 OR Y2026 OR M202701))"},
    {"date:2024..2026", "Query(0 * (Y2024 OR Y2025 OR Y2026))"},
    {"date:2024-02-28..2024-03-01", "Query(0 * (D20240228 OR D20240229 OR D20240301))"},
    {"date:2026-03..", "Query(VALUE_GE 0 {t:2026-03-01 00:00:00})"},
    {"date:..2026-03", "Query(VALUE_LE 0 {t:2026-03-31 23:59:59})"},
    {"date:30d", "Query(VALUE_RANGE 0 {t:2026-03-02 00:00:00} {t:2026-04-01 00:00:00})"},
    {"date:2026-03 date:2026-05", "Query(0 * (M202603 OR M202605))"},
    {"micron date:2026-03..",
     "Query((Zmicron@1 FILTER VALUE_GE 0 {t:2026-03-01 00:00:00}))"},
    // Numbers: strength on slot 5, article_count on slot 6.
    {"strength:7", "Query(VALUE_RANGE 5 {n:7} {n:7})"},
    {"strength:7..", "Query(VALUE_GE 5 {n:7})"},
    {"strength:..5", "Query(VALUE_LE 5 {n:5})"},
    {"strength:3..8", "Query(VALUE_RANGE 5 {n:3} {n:8})"},
    {"strength:7.5..", "Query(VALUE_GE 5 {n:7.5})"},
    {"strength:-1..3", "Query(VALUE_RANGE 5 {n:-1} {n:3})"},
    {"strength:4..4", "Query(VALUE_RANGE 5 {n:4} {n:4})"},
    {"article_count:3..", "Query(VALUE_GE 6 {n:3})"},
    {"articles:..10", "Query(VALUE_LE 6 {n:10})"},
    // Boolean operators; NOT/- binds tightest, then AND/juxtaposition, then OR.
    {"micron AND memory", "Query((Zmicron@1 AND Zmemori@2))"},
    {"micron OR memory", "Query((Zmicron@1 OR Zmemori@2))"},
    {"micron OR memory chips", "Query((Zmicron@1 OR (Zmemori@2 AND Zchip@3)))"},
    {"a OR b c OR d", "Query((Za@1 OR (Zb@2 AND Zc@3) OR Zd@4))"},
    {"micron -memory", "Query((Zmicron@1 AND_NOT Zmemori@2))"},
    {"micron NOT memory", "Query((Zmicron@1 AND_NOT Zmemori@2))"},
    {"micron AND NOT memory", "Query((Zmicron@1 AND_NOT Zmemori@2))"},
    {"micron AND -memory", "Query((Zmicron@1 AND_NOT Zmemori@2))"},
    {"micron -memory -chips", "Query((Zmicron@1 AND_NOT (Zmemori@2 OR Zchip@3)))"},
    {"micron NOT memory chips", "Query(((Zmicron@1 AND Zchip@3) AND_NOT Zmemori@2))"},
    {"-micron", "Query((<alldocuments> AND_NOT Zmicron@1))"},
    {"NOT micron", "Query((<alldocuments> AND_NOT Zmicron@1))"},
    {"NOT NOT micron", "Query(Zmicron@1)"},
    {"--micron", "Query(Zmicron@1)"},
    {"+micron memory", "Query((Zmicron@1 AND Zmemori@2))"},
    {"micron -\"memory chips\"", "Query((Zmicron@1 AND_NOT (memory@2 PHRASE 2 chips@3)))"},
    {"micron -(memory OR chips)", "Query((Zmicron@1 AND_NOT (Zmemori@2 OR Zchip@3)))"},
    {"(micron OR nvidia) memory", "Query(((Zmicron@1 OR Znvidia@2) AND Zmemori@3))"},
    {"((micron))", "Query(Zmicron@1)"},
    {"micron OR (memory AND chips)", "Query((Zmicron@1 OR (Zmemori@2 AND Zchip@3)))"},
    // Operators are upper case only; otherwise they are words.
    {"micron and memory", "Query((Zmicron@1 AND Zand@2 AND Zmemori@3))"},
    {"micron or memory", "Query((Zmicron@1 AND Zor@2 AND Zmemori@3))"},
    {"not micron", "Query((Znot@1 AND Zmicron@2))"},
    {"-OR", "Query((<alldocuments> AND_NOT Zor@1))"},  // right after a sign: a word
    // A sign on its own is ignored.
    {"micron - memory", "Query((Zmicron@1 AND Zmemori@2))"},
    {"micron -", "Query(Zmicron@1)"},
    {"micron +", "Query(Zmicron@1)"},
    // Wildcards: most frequent 100 expansions of the folded prefix.
    {"semicond*", "Query(WILDCARD SYNONYM semicond)"},
    {"Semicond*", "Query(WILDCARD SYNONYM semicond)"},
    {"micron semi*", "Query((Zmicron@1 AND WILDCARD SYNONYM semi))"},
    {"title:semi*", "Query(WILDCARD SYNONYM Ssemi)"},
    {"ticker:M*", "Query(0 * WILDCARD SYNONYM XTICKER:M)"},
    {"u.s.-bas*", "Query((u.s@1 AND WILDCARD SYNONYM bas))"},
    {"title:*", "Query(<alldocuments>)"},
    // Colons that are not fields are text.
    {"http://x", "Query((http@1 PHRASE 2 x@2))"},
    {"3:1", "Query((3@1 PHRASE 2 1@2))"},
    {"10:30", "Query((10@1 PHRASE 2 30@2))"},
    {"micron 10:30", "Query((Zmicron@1 AND (10@2 PHRASE 2 30@3)))"},
    {"mp3:player", "Query((mp3@1 PHRASE 2 player@2))"},
    {"foo: bar", "Query((Zfoo@1 AND Zbar@2))"},
    {"micron:", "Query(Zmicron@1)"},
    {"ticker:a:b", "Query(0 * XTICKER:A:B)"},
};

// Default operator OR.
const std::vector<Case> kOrCases = {
    {"micron", "Query(Zmicron@1)"},
    {"micron memory", "Query((Zmicron@1 OR Zmemori@2))"},
    {"+micron memory", "Query((Zmicron@1 AND_MAYBE Zmemori@2))"},
    {"+micron +memory chips", "Query(((Zmicron@1 AND Zmemori@2) AND_MAYBE Zchip@3))"},
    {"micron AND memory", "Query((Zmicron@1 AND Zmemori@2))"},
    {"micron memory AND chips", "Query(((Zmemori@2 AND Zchip@3) AND_MAYBE Zmicron@1))"},
    {"micron -memory chips", "Query(((Zmicron@1 OR Zchip@3) AND_NOT Zmemori@2))"},
    {"micron OR memory", "Query((Zmicron@1 OR Zmemori@2))"},
    {"-micron", "Query((<alldocuments> AND_NOT Zmicron@1))"},
    {"ticker:MU micron memory", "Query(((Zmicron@1 OR Zmemori@2) FILTER XTICKER:MU))"},
    {"ticker:MU ticker:NVDA", "Query(0 * (XTICKER:MU OR XTICKER:NVDA))"},
    {"\"memory chips\" micron", "Query(((memory@1 PHRASE 2 chips@2) OR Zmicron@3))"},
};

TEST(QueryParserTest, DefaultAnd) { check_table(kAndCases, DefaultOperator::And); }

TEST(QueryParserTest, DefaultOr) { check_table(kOrCases, DefaultOperator::Or); }

// ---------------------------------------------------------------------------------------------
// Inputs that must be rejected, with the 1-based character position of the problem.
struct ErrorCase {
    std::string query;
    std::size_t position;
    const char* message_part;  // a piece of the message, or ""
};

const std::vector<ErrorCase> kErrorCases = {
    {"\"unterminated", 1, "unterminated quote"},
    {"micron \"memory", 8, "unterminated quote"},
    {"micron \"", 8, "unterminated quote"},
    {"\xE2\x80\x9Cunterminated", 1, "unterminated quote"},
    {"\xE5\x8D\x8A \"x", 3, "unterminated quote"},  // positions count characters, not bytes
    {"micron )", 8, "unbalanced ')'"},
    {")", 1, "unbalanced ')'"},
    {"(micron", 1, "unbalanced '('"},
    {"((micron)", 1, "unbalanced '('"},
    {"a (b (c) d", 3, "unbalanced '('"},
    {"()", 1, "empty parentheses"},
    {"micron ()", 8, "empty parentheses"},
    {"micron AND", 8, "'AND' needs something after it"},
    {"AND micron", 1, "'AND' needs something before it"},
    {"micron AND OR memory", 8, "'AND' needs something after it"},
    {"(micron AND) memory", 9, "'AND' needs something after it"},
    {"micron OR", 8, "'OR' needs something after it"},
    {"OR micron", 1, "'OR' needs something before it"},
    {"micron OR OR memory", 8, "'OR' needs something after it"},
    {"a (b OR ) c", 6, "'OR' needs something after it"},
    {"NOT", 1, "'NOT' needs something after it"},
    {"micron NOT", 8, "'NOT' needs something after it"},
    {"micron NOT )", 8, "'NOT' needs something after it"},
    {"foo:bar", 1, "unknown field 'foo'"},
    {"micron -foo:bar", 9, "unknown field 'foo'"},
    {"Re:micron", 1, "unknown field 'Re'"},
    {"foo_bar:x", 1, "unknown field 'foo_bar'"},
    {"\xE5\x8D\x8A\xE5\xB0\x8E\xE4\xBD\x93 foo:bar", 5, "unknown field 'foo'"},
    {"ticker:", 8, "expected a value after 'ticker:'"},
    {"title: micron", 7, "expected a value after 'title:'"},
    {"(ticker:)", 9, "expected a value after 'ticker:'"},
    {"type:blog", 6, "unknown type 'blog'"},
    {"type:\"blog\"", 7, "unknown type 'blog'"},
    {"type:sig*", 6, "unknown type 'sig*'"},
    {"date:2026-04..2026-03", 6, "backwards range"},
    {"micron date:2026-03-31..2026-03-01", 13, "backwards range"},
    {"strength:8..3", 10, "backwards range"},
    {"strength:abc", 10, "bad number 'abc'"},
    {"strength:7x", 10, "bad number '7x'"},
    {"strength:nan", 10, "bad number"},
    {"strength:1e999", 10, "bad number"},
    {"strength:3..x", 13, "bad number 'x'"},
    {"strength:1..2..3", 13, "bad number '2..3'"},
    {"strength:..", 10, "empty range"},
    {"articles:ten", 10, "bad number 'ten'"},
    {"date:notadate", 6, "bad date 'notadate'"},
    {"date:2026-03..bogus", 15, "bad date 'bogus'"},
    {"date:2026-13", 6, "bad date"},
    {std::string(65, '(') + "a" + std::string(65, ')'), 65, "nested too deeply"},
};

TEST(QueryParserTest, SyntaxErrorsNameThePosition) {
    for (const ErrorCase& c : kErrorCases) {
        SCOPED_TRACE("query: [" + c.query + "]");
        try {
            ParsedQuery parsed = parse(c.query);
            ADD_FAILURE() << "no error; parsed as " << parsed.query.get_description();
        } catch (const QuerySyntaxError& e) {
            EXPECT_EQ(e.position(), c.position) << e.what();
            EXPECT_NE(std::string(e.what()).find(c.message_part), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("at position " + std::to_string(c.position)), std::string::npos);
        }
    }
}

TEST(QueryParserTest, UnknownFieldListsKnownFields) {
    try {
        parse("foo:bar");
        FAIL() << "no error";
    } catch (const QuerySyntaxError& e) {
        std::string message = e.what();
        for (const char* name : {"title", "date", "type", "strength"})
            EXPECT_NE(message.find(name), std::string::npos) << message;
    }
}

TEST(QueryParserTest, NestingUpToTheLimitIsFine) {
    std::string query = std::string(64, '(') + "micron" + std::string(64, ')');
    EXPECT_EQ(parse(query).query.get_description(), "Query(Zmicron@1)");
}

// ---------------------------------------------------------------------------------------------
struct FreeTextCase {
    const char* query;
    bool has_free_text;
};

TEST(QueryParserTest, HasFreeText) {
    const std::vector<FreeTextCase> table = {
        {"", false},           {"   ", false},         {"...", false},
        {"ticker:MU", false},  {"type:signal", false}, {"date:2026-03 strength:7..", false},
        {"-micron", false},    {"NOT micron", false},  {"ticker:MU -micron", false},
        {"micron", true},      {"\"a b\"", true},      {"ticker:MU memory", true},
        {"title:micron", true}, {"semi*", true},       {"micron OR ticker:MU", true},
    };
    for (const auto& c : table) {
        SCOPED_TRACE(std::string("query: [") + c.query + "]");
        EXPECT_EQ(parse(c.query).has_free_text, c.has_free_text);
    }
}

TEST(QueryParserTest, HighlightTermsComeFromPositiveText) {
    ParsedQuery parsed = parse("Micron's memory -chips \"DRAM prices\" ticker:MU title:guidance memory NOT (nand)");
    EXPECT_EQ(parsed.highlight_terms,
              (std::vector<std::string>{"micron's", "memory", "dram", "prices", "guidance"}));
    EXPECT_EQ(parsed.highlight_stems, (std::vector<std::string>{"micron", "memori", "dram", "price", "guidanc"}));

    ParsedQuery numbers = parse("2026 results");
    EXPECT_EQ(numbers.highlight_terms, (std::vector<std::string>{"2026", "results"}));
    EXPECT_EQ(numbers.highlight_stems, (std::vector<std::string>{"result"}));

    ParsedQuery none = parse("-micron ticker:MU semi*");
    EXPECT_TRUE(none.highlight_terms.empty());
    EXPECT_TRUE(none.highlight_stems.empty());
}

// ---------------------------------------------------------------------------------------------
TEST(FieldTableTest, NamesAndTargets) {
    const FieldTable& fields = env().fields;
    ASSERT_NE(fields.lookup("ticker"), nullptr);
    EXPECT_EQ(fields.lookup("TICKER"), fields.lookup("ticker"));
    // article "topics" and signal "categories" share XTOPIC/slot 9: one target.
    ASSERT_NE(fields.lookup("topic"), nullptr);
    EXPECT_EQ(fields.lookup("topic")->size(), 1u);
    EXPECT_EQ(fields.lookup("topic")->front().field->prefix, "XTOPIC");
    ASSERT_NE(fields.lookup("date"), nullptr);
    EXPECT_EQ(fields.lookup("date")->size(), 1u);
    ASSERT_NE(fields.lookup("id"), nullptr);
    EXPECT_EQ(fields.lookup("id")->front().field->role, FieldRole::Id);
    ASSERT_NE(fields.lookup("type"), nullptr);
    EXPECT_EQ(fields.lookup("type")->front().field->prefix, "XTYPE");
    ASSERT_NE(fields.lookup("strength"), nullptr);
    EXPECT_EQ(fields.lookup("strength")->front().schema_type, "signal");
    EXPECT_EQ(fields.lookup("url"), nullptr);  // stored only
    EXPECT_EQ(fields.lookup("nonsense"), nullptr);
    EXPECT_EQ(fields.types(), (std::vector<std::string>{"article", "signal"}));
    auto names = fields.names();
    EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
    for (const char* name : {"actor", "article_count", "body", "cashtag", "id", "quote", "title", "type"})
        EXPECT_TRUE(std::binary_search(names.begin(), names.end(), name)) << name;
}

// ---------------------------------------------------------------------------------------------
TEST(QueryParserTest, TenThousandTermsParseQuickly) {
    std::string words, ors, nots, mixed;
    for (int i = 0; i < 10000; ++i) {
        std::string w = "word" + std::to_string(i);
        words += w + ' ';
        ors += (i ? " OR " : "") + w;
        nots += "NOT ";
        mixed += (i % 3 == 0 ? "-" : i % 3 == 1 ? "ticker:T" : "\"a ") + w + (i % 3 == 2 ? "\" " : " ");
    }
    nots += "micron";
    auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(parse(words).query.get_length(), 10000u);
    EXPECT_EQ(parse(ors, DefaultOperator::Or).query.get_length(), 10000u);
    EXPECT_EQ(parse(nots).query.get_description(), "Query(Zmicron@1)");  // an even number of NOTs
    EXPECT_FALSE(parse(mixed).query.empty());
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 4.0) << "four 10,000-term queries took " << seconds << " s";
}

// Random garbage: the parser returns a query or throws QuerySyntaxError with a position inside the
// text (or just past it), and nothing else.
TEST(QueryParserTest, GarbageNeverThrowsAnythingElse) {
    const std::vector<std::string> pieces = {
        "micron", " ", "(", ")", "\"", "-", "+", "AND", "OR", "NOT", "ticker:", "date:", "strength:", "..", "*",
        ":", "title:", "type:", "signal", "2026-03", "7", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xFF", "\xC3", "\x01",
        "id:", "foo:", "http://", "\xE5\x8D\x8A", "$", "topic:", "body:", "30d", "\t", std::string(1, '\0')};
    std::mt19937 rng(20260401);
    for (int i = 0; i < 5000; ++i) {
        std::string query;
        for (int n = static_cast<int>(rng() % 10); n > 0; --n) {
            query += rng() % 6 == 0 ? std::string(1, static_cast<char>(rng() % 256)) : pieces[rng() % pieces.size()];
            if (rng() % 2) query += ' ';
        }
        std::size_t chars = 0;
        for (char c : query) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        try {
            (void)parse(query, i % 2 ? DefaultOperator::And : DefaultOperator::Or).query.get_description();
        } catch (const QuerySyntaxError& e) {
            EXPECT_GE(e.position(), 1u) << e.what();
            EXPECT_LE(e.position(), chars + 1) << e.what();
        } catch (const std::exception& e) {
            ADD_FAILURE() << "[" << query << "]: " << e.what();
        }
    }
}

}  // namespace
}  // namespace bw
