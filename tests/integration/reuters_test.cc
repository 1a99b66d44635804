// The whole Reuters-21578 corpus (../shared/corpora/reuters21578/reuters21578.jsonl): every record
// indexes (one undated, some with control characters, a Latin-1 byte), filters agree with counts
// computed independently from the JSONL, and re-indexing replaces instead of duplicating.
// Facets, the "oil" timeline, date sort, "did you mean" and estimated totals are checked on the same index.
// One test (one indexing run) because indexing the corpus takes a while.
#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "core/slots.h"
#include "searcher/match_window.h"
#include "searcher/searcher.h"
#include "test_support.h"

namespace {

struct CorpusCounts {
    std::size_t records = 0;
    std::size_t undated = 0;
    std::map<std::string, std::size_t> topics, places, people;
    // Records by month ("1987-03") whose title or body has the word "oil" (or oils, oiled, oiling, oil's):
    // the English stem of "oil" computed with a regular expression instead of the engine's analyzer.
    std::map<std::string, std::size_t> oil_by_month;
    std::size_t oil = 0;
    // Facet counts for two filter queries, computed from the JSONL.
    std::map<std::string, std::size_t> places_of_crude, topics_of_japan;
};

CorpusCounts count_corpus(const std::string& path) {
    CorpusCounts counts;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        ++counts.records;
        // The corpus has one stray Latin-1 byte: parse leniently just for counting.
        auto record = nlohmann::json::parse(line, nullptr, false, true);
        if (record.is_discarded()) {
            for (char& c : line) {
                if (static_cast<unsigned char>(c) >= 0x80) c = '?';
            }
            record = nlohmann::json::parse(line);
        }
        if (record["date"].is_null()) ++counts.undated;
        // A few records list a place twice (reuters-9323: usa, usa): count records, not values.
        std::set<std::string> topics, places;
        for (const auto& t : record["topics"]) topics.insert(t.get<std::string>());
        for (const auto& p : record["places"]) places.insert(p.get<std::string>());
        for (const auto& t : topics) ++counts.topics[t];
        for (const auto& p : places) ++counts.places[p];
        std::set<std::string> people;
        for (const auto& p : record["people"]) people.insert(p.get<std::string>());
        for (const auto& p : people) ++counts.people[p];
        if (topics.count("crude")) {
            for (const auto& p : places) ++counts.places_of_crude[p];
        }
        if (places.count("japan")) {
            for (const auto& t : topics) ++counts.topics_of_japan[t];
        }
        static const std::regex oil_word(R"(\boil(s|ed|ing|'s)?\b)", std::regex::icase);
        const std::string text = record.value("title", "") + "\n" + record.value("body", "");
        if (std::regex_search(text, oil_word)) {
            ++counts.oil;
            if (record["date"].is_string()) ++counts.oil_by_month[record["date"].get<std::string>().substr(0, 7)];
        }
    }
    return counts;
}

std::size_t total(bw::Searcher& searcher, const std::string& query) {
    bw::SearchRequest request;
    request.query = query;
    request.limit = 0;
    request.collapse = false;  // raw counts: Reuters repeats some stories, which share a duplicate key
    return searcher.search(request).total;
}

// The facet named `name` of `response` as a value -> count map.
std::map<std::string, std::size_t> facet(const bw::SearchResponse& response, const std::string& name) {
    std::map<std::string, std::size_t> out;
    for (const auto& [facet_name, values] : response.facets) {
        if (facet_name != name) continue;
        for (const auto& v : values) out[v.value] = v.count;
    }
    return out;
}

// The `n` largest entries of `counts`, by count then value, as the engine ranks facet values.
std::map<std::string, std::size_t> top(const std::map<std::string, std::size_t>& counts, std::size_t n) {
    std::vector<std::pair<std::string, std::size_t>> sorted(counts.begin(), counts.end());
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (sorted.size() > n) sorted.resize(n);
    return {sorted.begin(), sorted.end()};
}

void check_filters(bw::Searcher& searcher, CorpusCounts& counts) {
    for (const char* topic : {"cocoa", "earn", "acq", "crude", "coffee", "gold"}) {
        SCOPED_TRACE(topic);
        EXPECT_EQ(total(searcher, std::string("topic:") + topic), counts.topics[topic]);
    }
    for (const char* place : {"usa", "japan", "west-germany"}) {
        SCOPED_TRACE(place);
        EXPECT_EQ(total(searcher, std::string("place:") + place), counts.places[place]);
    }
    // Values of one filter field are ORed, different fields ANDed.
    EXPECT_EQ(total(searcher, "topic:cocoa topic:coffee"), total(searcher, "topic:cocoa OR topic:coffee"));
    EXPECT_LE(total(searcher, "topic:cocoa place:usa"), counts.topics["cocoa"]);
    EXPECT_GT(total(searcher, "cocoa"), 0u);
}

// Facet counts are exact over all matches, for multi-valued fields too.
void check_facets(bw::Searcher& searcher, CorpusCounts& counts) {
    bw::SearchRequest everything;
    everything.limit = 0;
    everything.facets = {"topic", "place", "actor"};
    everything.facet_limit = 15;
    everything.collapse = false;  // raw counts (repeated stories share a duplicate key)
    auto all = searcher.search(everything);
    EXPECT_EQ(all.total, 21578u);
    EXPECT_EQ(facet(all, "topic"), top(counts.topics, 15));
    EXPECT_EQ(facet(all, "place"), top(counts.places, 15));
    // People are actors; these names are not companies, so text extraction cannot add to them (it adds
    // companies, which push some people out of the top 15: ask for more values).
    everything.facets = {"actor"};
    everything.facet_limit = 2000;
    auto actors = facet(searcher.search(everything), "actor");
    for (const char* person : {"reagan", "james-baker", "nakasone", "volcker"}) {
        SCOPED_TRACE(person);
        ASSERT_TRUE(actors.count(person));
        EXPECT_EQ(actors[person], counts.people[person]);
    }

    bw::SearchRequest crude;
    crude.collapse = false;  // raw counts
    crude.query = "topic:crude";
    crude.limit = 0;
    crude.facets = {"place"};
    crude.facet_limit = 10;
    EXPECT_EQ(facet(searcher.search(crude), "place"), top(counts.places_of_crude, 10));

    bw::SearchRequest japan;
    japan.collapse = false;  // raw counts
    japan.filters["place"] = {"japan"};
    japan.limit = 0;
    japan.facets = {"topic"};
    japan.facet_limit = 10;
    EXPECT_EQ(facet(searcher.search(japan), "topic"), top(counts.topics_of_japan, 10));
}

// The monthly timeline of "oil" equals the per-month count of matching records, gaps included.
void check_oil_histogram(bw::Searcher& searcher, const CorpusCounts& counts) {
    bw::SearchRequest request;
    request.collapse = false;  // raw counts
    request.query = "oil";
    request.limit = 0;
    request.facets = {"date"};
    request.date_buckets = "month";
    auto response = searcher.search(request);
    EXPECT_EQ(response.total, counts.oil);
    auto months = facet(response, "date");
    ASSERT_FALSE(counts.oil_by_month.empty());
    for (const auto& [month, count] : counts.oil_by_month) {
        SCOPED_TRACE(month);
        EXPECT_EQ(months[month], count);
    }
    // Empty months between the first and the last are present with 0 (Reuters has none in 1987-05).
    ASSERT_TRUE(months.count("1987-05"));
    EXPECT_EQ(months["1987-05"], 0u);
    EXPECT_EQ(months.size(), 9u);  // 1987-02 .. 1987-10
}

void check_sort_and_spelling(bw::Searcher& searcher) {
    bw::SearchRequest request;
    request.collapse = false;  // raw counts
    request.query = "oil prices";
    request.sort = bw::SortOrder::Date;
    request.limit = 200;
    auto response = searcher.search(request);
    ASSERT_GT(response.results.size(), 100u);
    for (std::size_t i = 1; i < response.results.size(); ++i) {
        const auto& a = response.results[i - 1].date;
        const auto& b = response.results[i].date;
        if (a && b) {
            EXPECT_GE(*a, *b);
        }
    }
    bw::SearchRequest misspelt;
    misspelt.collapse = false;  // raw counts
    misspelt.query = "cocao";
    auto suggestion = searcher.search(misspelt).suggestion;
    ASSERT_TRUE(suggestion.has_value());
    EXPECT_EQ(*suggestion, "cocoa");
}

// Totals above kExactTotalUpTo: a free-text search reports Xapian's estimate, flagged, unless it
// asks for the exact total or for facets; the results themselves are the same either way.
void check_bounded_total(bw::Searcher& searcher) {
    bw::SearchRequest exact;
    exact.query = "reuter";  // the sign-off of nearly every story
    exact.exact_total = true;
    const bw::SearchResponse counted = searcher.search(exact);
    ASSERT_TRUE(counted.total_exact);
    ASSERT_GT(counted.total, bw::kExactTotalUpTo);

    bw::SearchRequest bounded = exact;
    bounded.exact_total = false;
    const bw::SearchResponse estimated = searcher.search(bounded);
    EXPECT_FALSE(estimated.total_exact);
    EXPECT_NEAR(static_cast<double>(estimated.total), static_cast<double>(counted.total), 0.05 * counted.total);
    ASSERT_EQ(estimated.results.size(), counted.results.size());
    for (std::size_t i = 0; i < counted.results.size(); ++i) EXPECT_EQ(estimated.results[i].id, counted.results[i].id);
    EXPECT_EQ(estimated.collapsed, counted.collapsed);

    // count_up_to (Elasticsearch's track_total_hits=N) moves the bound: 0 counts only what the page
    // needs, a bound above the matches counts them all; the results do not change.
    for (const std::size_t bound : {std::size_t{0}, std::size_t{500}, counted.total, counted.total + 1}) {
        SCOPED_TRACE("count_up_to " + std::to_string(bound));
        bw::SearchRequest up_to = bounded;
        up_to.count_up_to = bound;
        const bw::SearchResponse response = searcher.search(up_to);
        EXPECT_EQ(response.total_exact, bound > counted.total);  // exactly `bound` matches seen: more may follow
        if (response.total_exact) {
            EXPECT_EQ(response.total, counted.total);
        } else if (bound > 0) {  // projected over the archive from the matches counted (searcher/match_count.h)
            EXPECT_NEAR(static_cast<double>(response.total), static_cast<double>(counted.total), 0.05 * counted.total);
        } else {  // Xapian's estimate from the ranked pass alone: rough with folded copies (measured 10,000 of 18,710)
            EXPECT_GE(response.total, response.results.size());
            EXPECT_LE(response.total, counted.total * 2);
        }
        ASSERT_EQ(response.results.size(), counted.results.size());
        for (std::size_t i = 0; i < counted.results.size(); ++i) EXPECT_EQ(response.results[i].id, counted.results[i].id);
    }

    bw::SearchRequest faceted = bounded;
    faceted.facets = {"topic"};
    const bw::SearchResponse with_facets = searcher.search(faceted);
    EXPECT_TRUE(with_facets.total_exact);
    EXPECT_EQ(with_facets.total, counted.total);

    bw::SearchRequest few = bounded;
    few.query = "cocoa";  // fewer matches than the bound: counted exactly anyway
    const bw::SearchResponse small = searcher.search(few);
    EXPECT_TRUE(small.total_exact);
    few.exact_total = true;
    EXPECT_EQ(searcher.search(few).total, small.total);

    bw::SearchRequest lookup;  // no free text: a lookup is always counted
    lookup.filters["type"] = {"article"};
    const bw::SearchResponse all = searcher.search(lookup);
    EXPECT_TRUE(all.total_exact);
    EXPECT_GT(all.total, bw::kExactTotalUpTo);
}

TEST(Reuters, IndexesEveryRecordAndFiltersMatchTheJsonl) {
    BW_REQUIRE_SHARED(corpus, "corpora/reuters21578/reuters21578.jsonl");
    CorpusCounts counts = count_corpus(corpus);
    ASSERT_EQ(counts.records, 21578u);

    bw::test::TempDir dir;
    const std::string db = dir / "reuters.db";
    std::string diagnostics;
    bw::IndexSummary first = bw::test::index_into(db, {corpus}, &diagnostics);
    EXPECT_EQ(first.read, 21578u);
    EXPECT_EQ(first.added, 21578u);
    EXPECT_EQ(first.skipped, 0u) << diagnostics.substr(0, 2000);
    // The undated record and the Latin-1 byte are warnings with file:line, not errors.
    EXPECT_NE(diagnostics.find("reuters21578.jsonl:"), std::string::npos);
    EXPECT_NE(diagnostics.find(": warning: "), std::string::npos);
    EXPECT_EQ(diagnostics.find(": error: "), std::string::npos);

    {
        Xapian::Database xdb(db);
        EXPECT_EQ(xdb.get_doccount(), 21578u);
        EXPECT_EQ(xdb.get_value_freq(bw::kSlotDate), 21578u - counts.undated);
    }

    {
        bw::Searcher searcher(db);
        check_filters(searcher, counts);
        check_facets(searcher, counts);
        check_oil_histogram(searcher, counts);
        check_sort_and_spelling(searcher);
        check_bounded_total(searcher);
    }

    // Re-indexing the same input replaces every document.
    bw::IndexSummary second = bw::test::index_into(db, {corpus});
    EXPECT_EQ(second.added, 0u);
    EXPECT_EQ(second.replaced, 21578u);
    Xapian::Database again(db);
    EXPECT_EQ(again.get_doccount(), 21578u);
}

}  // namespace
