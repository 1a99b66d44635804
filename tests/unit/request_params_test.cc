// The shared parameter -> SearchRequest mapping used by bellwether-search and bellwether-serve.
#include <algorithm>

#include <gtest/gtest.h>

#include "core/errors.h"
#include "searcher/request_params.h"

namespace bw {
namespace {

TEST(RequestParams, DefaultsWhenNothingIsGiven) {
    SearchRequest r = build_search_request({});
    EXPECT_EQ(r.query, "");
    EXPECT_EQ(r.limit, 10u);
    EXPECT_EQ(r.offset, 0u);
    EXPECT_EQ(r.sort, SortOrder::Relevance);
    EXPECT_TRUE(r.collapse);
    EXPECT_FALSE(r.explain);
    EXPECT_FALSE(r.exact_total);
    EXPECT_FALSE(r.count_up_to);
    EXPECT_EQ(r.date_buckets, "auto");
}

TEST(RequestParams, MapsEveryParameter) {
    SearchRequest r = build_search_request({{"q", "hbm memory"}, {"ticker", "MU"}, {"ticker", "NVDA"}, {"type", "signal"},
                                            {"since", "2026-03"}, {"until", "2026-04-01"}, {"sort", "date"},
                                            {"limit", "5"}, {"offset", "20"}, {"facets", "ticker,topic"},
                                            {"facets", "date"}, {"facet-limit", "3"}, {"date_buckets", "week"},
                                            {"snippet_length", "80"}, {"match", "any"}, {"group_by", "ticker"},
                                            {"group_limit", "4"}, {"group_size", "2"}, {"collapse", "false"},
                                            {"explain", "true"}, {"half_life", "2w"}, {"exact_total", "true"},
                                            {"count-up-to", "0"}});
    EXPECT_EQ(r.query, "hbm memory");
    EXPECT_EQ(r.filters.at("ticker"), (std::vector<std::string>{"MU", "NVDA"}));
    EXPECT_EQ(r.filters.at("type"), (std::vector<std::string>{"signal"}));
    EXPECT_EQ(r.since, "2026-03");
    EXPECT_EQ(r.until, "2026-04-01");
    EXPECT_EQ(r.sort, SortOrder::Date);
    EXPECT_EQ(r.limit, 5u);
    EXPECT_EQ(r.offset, 20u);
    EXPECT_EQ(r.facets, (std::vector<std::string>{"ticker", "topic", "date"}));
    EXPECT_EQ(r.facet_limit, 3u);
    EXPECT_EQ(r.date_buckets, "week");
    EXPECT_EQ(r.snippet_length, 80u);
    EXPECT_EQ(r.default_op, DefaultOperator::Or);
    EXPECT_EQ(r.group_by, "ticker");
    EXPECT_EQ(r.group_limit, 4u);
    EXPECT_EQ(r.group_size, 2u);
    EXPECT_FALSE(r.collapse);
    EXPECT_TRUE(r.explain);
    EXPECT_TRUE(r.exact_total);
    EXPECT_EQ(r.count_up_to, 0u);
    EXPECT_DOUBLE_EQ(r.half_life_days, 14);
}

TEST(RequestParams, RejectsBadInputNamingTheParameter) {
    struct Case {
        SearchParams params;
        const char* needle;
    };
    const Case cases[] = {
        {{{"colour", "red"}}, "colour"},
        {{{"limit", "ten"}}, "limit"},
        {{{"limit", "-1"}}, "limit"},
        {{{"limit", "5x"}}, "limit"},
        {{{"limit", "99999999999999999999999"}}, "limit"},
        {{{"sort", "date"}, {"sort", "oldest"}}, "sort"},
        {{{"sort", "sideways"}}, "sideways"},
        {{{"match", "some"}}, "match"},
        {{{"collapse", "maybe"}}, "collapse"},
        {{{"half_life", "soon"}}, "half-life"},
        {{{"fields", "title,body"}}, "unknown field 'body'"},
        {{{"fields", ","}}, "fields"},
        {{{"fields", "id"}, {"fields", "title"}}, "fields"},
        {{{"count_up_to", "many"}}, "count_up_to"},
        {{{"count_up_to", "-5"}}, "count_up_to"},
        {{{"count_up_to", "2000000000"}}, "count_up_to may be at most"},
    };
    for (const auto& c : cases) {
        try {
            build_search_request(c.params);
            ADD_FAILURE() << "accepted " << c.params.front().first << "=" << c.params.front().second;
        } catch (const UsageError& e) {
            EXPECT_NE(std::string(e.what()).find(c.needle), std::string::npos) << e.what();
        }
    }
}

TEST(RequestParams, AppliesTheCallersLimits) {
    RequestLimits limits;
    limits.max_limit = 100;
    limits.max_offset = 1000;
    limits.max_query_bytes = 10;
    EXPECT_EQ(build_search_request({{"limit", "100"}}, limits).limit, 100u);
    EXPECT_THROW(build_search_request({{"limit", "101"}}, limits), UsageError);
    EXPECT_THROW(build_search_request({{"offset", "1001"}}, limits), UsageError);
    EXPECT_THROW(build_search_request({{"q", "eleven char"}}, limits), UsageError);
    EXPECT_EQ(build_search_request({{"q", "ten chars!"}}, limits).query, "ten chars!");
}

// fields=: which result fields are kept (id, rank and score always are), and whether the stored
// record has to be read for them (not for id and type: value slots).
TEST(RequestParams, FieldsSelectWhatResultsCarry) {
    using F = ResultField;
    struct Case {
        std::string fields;
        std::vector<F> kept;
        bool needs_record;
    };
    const std::vector<F> all = {F::Type,    F::Title,  F::Date,   F::Source,   F::Url,
                                F::Tickers, F::Actors, F::Topics, F::Strength, F::Snippet};
    const Case cases[] = {
        {"", all, true},  // not given: everything
        {"id", {}, false},
        {"id,rank,score", {}, false},
        {"type", {F::Type}, false},
        {"id,type", {F::Type}, false},
        {"title", {F::Title}, true},
        {"title,date,snippet", {F::Title, F::Date, F::Snippet}, true},
        {"tickers,actors,topics", {F::Tickers, F::Actors, F::Topics}, true},
        {"type,title,date,source,url,tickers,actors,topics,strength,snippet", all, true},
    };
    for (const auto& c : cases) {
        SearchParams params;
        if (!c.fields.empty()) params.emplace_back("fields", c.fields);
        const ResultFields fields = build_search_request(params).fields;
        for (F field : all) {
            const bool expected = std::find(c.kept.begin(), c.kept.end(), field) != c.kept.end();
            EXPECT_EQ(fields.has(field), expected) << "fields=" << c.fields << ", field " << static_cast<unsigned>(field);
        }
        EXPECT_EQ(fields.needs_stored_record(), c.needs_record) << "fields=" << c.fields;
    }
}

TEST(RequestParams, EmptyFilterValuesAreIgnored) {
    SearchRequest r = build_search_request({{"ticker", ""}, {"since", ""}});
    EXPECT_TRUE(r.filters.empty());
    EXPECT_FALSE(r.since);
}

}  // namespace
}  // namespace bw
