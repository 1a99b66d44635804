// Tickers on real tweets (../shared/corpora/stocknet-tweets): a spread sample of 5,000 tweets (every
// 24th line, so all 87 tickers appear) is indexed; for several tickers `stated:X` must equal the
// number of tweets whose `ticker`/`cashtags` fields include X (or another ticker of the same company),
// `ticker:X` must include every tweet with a `$X` cashtag in its text, and the extra tweets that
// `ticker:X` finds through company names in the text are counted and printed.
#include <fstream>
#include <map>
#include <regex>

#include <nlohmann/json.hpp>

#include "core/analyzer.h"
#include "core/entities.h"
#include "searcher/searcher.h"
#include "test_support.h"

namespace {

using nlohmann::json;

TEST(Stocknet, TickerSearchMatchesTheCashtags) {
    BW_REQUIRE_SHARED(corpus, "corpora/stocknet-tweets/tweets_raw_fields.jsonl");
    bw::test::TempDir dir;
    const std::string sample = dir / "sample.jsonl";
    std::vector<json> tweets;
    {
        std::ifstream in(corpus);
        std::ofstream out(sample);
        std::string line;
        for (std::size_t n = 0; std::getline(in, line) && tweets.size() < 5000; ++n) {
            if (n % 24 != 0) continue;
            out << line << "\n";
            tweets.push_back(json::parse(line));
        }
    }
    const std::string db = dir / "tweets.db";
    bw::IndexSummary summary = bw::test::index_into(db, {sample});
    ASSERT_EQ(summary.added + summary.replaced, tweets.size());
    // A tweet filed under several tickers repeats with the same id: the last copy is the indexed one.
    {
        std::map<std::string, json> last;
        for (auto& t : tweets) last[t.value("id", "")] = t;
        tweets.clear();
        for (auto& [id, t] : last) tweets.push_back(std::move(t));
    }
    ASSERT_EQ(summary.added, tweets.size());

    const auto& registry = bw::EntityRegistry::builtin();
    bw::Searcher searcher(db);
    auto total = [&](const std::string& query) {
        bw::SearchRequest request;
        request.query = query;
        request.limit = 0;
        request.collapse = false;
        return searcher.search(request).total;
    };
    for (const std::string ticker : {"AAPL", "GOOG", "AMZN", "FB", "BAC", "TSLA", "MSFT", "INTC", "T"}) {
        SCOPED_TRACE(ticker);
        const bw::Entity* entity = registry.find_by_ticker(ticker);
        auto same = [&](const std::string& t) {
            std::string u = bw::Analyzer::upper(t);
            return u == ticker || (entity && registry.find_by_ticker(u) == entity);
        };
        std::size_t in_fields = 0, cashtag_in_text = 0;
        const std::regex cashtag("\\$" + ticker + "\\b", std::regex::icase);
        for (const auto& tweet : tweets) {
            bool has = same(tweet.value("ticker", ""));
            for (const auto& c : tweet.value("cashtags", json::array())) has |= same(c.get<std::string>());
            in_fields += has;
            cashtag_in_text += std::regex_search(tweet.value("text", ""), cashtag);
        }
        const std::size_t stated = total("stated:" + ticker), found = total("ticker:" + ticker);
        EXPECT_EQ(stated, in_fields);
        EXPECT_GE(found, stated);
        EXPECT_GE(found, cashtag_in_text);
        std::printf("stocknet sample: %-5s fields %4zu  stated:%-5s %4zu  ticker:%-5s %4zu (+%zu from names in text)\n",
                    ticker.c_str(), in_fields, ticker.c_str(), stated, ticker.c_str(), found, found - stated);
    }
}

}  // namespace
