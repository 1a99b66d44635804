// The whole Reuters-21578 corpus (../shared/corpora/reuters21578/reuters21578.jsonl): every record
// indexes (one undated, some with control characters, a Latin-1 byte), filters agree with counts
// computed independently from the JSONL, and re-indexing replaces instead of duplicating.
// One test (one indexing run) because indexing the corpus takes a while.
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "core/slots.h"
#include "searcher/searcher.h"
#include "test_support.h"

namespace {

struct CorpusCounts {
    std::size_t records = 0;
    std::size_t undated = 0;
    std::map<std::string, std::size_t> topics, places;
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

    bw::Searcher searcher(db);
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

    // Re-indexing the same input replaces every document.
    bw::IndexSummary second = bw::test::index_into(db, {corpus});
    EXPECT_EQ(second.added, 0u);
    EXPECT_EQ(second.replaced, 21578u);
    Xapian::Database again(db);
    EXPECT_EQ(again.get_doccount(), 21578u);
}

}  // namespace
