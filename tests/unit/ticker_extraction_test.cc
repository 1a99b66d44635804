// Precision and recall of ticker extraction from text on a hand-labelled set of sentences
// (tests/fixtures/entities/ticker_sentences.tsv: Reuters, stocknet tweets, the examples and
// hand-written ambiguous cases). Each sentence is mapped as the body of an article with no other
// fields, so every ticker comes from the text; the table is printed for the record and the totals
// must stay above the floors below (precision first).
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "indexer/record_mapper.h"

#ifndef BELLWETHER_TEST_DIR
#error "BELLWETHER_TEST_DIR must point at tests/"
#endif

namespace {

std::set<std::string> split_commas(const std::string& text) {
    std::set<std::string> out;
    std::stringstream s(text);
    std::string item;
    while (std::getline(s, item, ',')) {
        if (!item.empty()) out.insert(item);
    }
    return out;
}

struct Counts {
    std::size_t sentences = 0, tp = 0, fp = 0, fn = 0;
    double precision() const { return tp + fp ? static_cast<double>(tp) / (tp + fp) : 1.0; }
    double recall() const { return tp + fn ? static_cast<double>(tp) / (tp + fn) : 1.0; }
};

TEST(TickerExtraction, PrecisionAndRecallOnLabelledSentences) {
    std::ifstream in(std::string(BELLWETHER_TEST_DIR) + "/fixtures/entities/ticker_sentences.tsv");
    ASSERT_TRUE(in) << "missing fixture";
    const bw::SchemaSet schemas = bw::SchemaSet::builtin();
    bw::RecordMapper mapper(schemas, "article");
    std::map<std::string, Counts> by_source;
    Counts total;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::stringstream row(line);
        std::string id, source, gold_text, sentence;
        std::getline(row, id, '\t');
        std::getline(row, source, '\t');
        std::getline(row, gold_text, '\t');
        std::getline(row, sentence);
        const std::set<std::string> gold = split_commas(gold_text);
        bw::CanonicalRecord record = mapper.map({{"id", id}, {"body", sentence}});
        std::set<std::string> found;
        if (record.entities.is_object())
            for (const auto& t : record.entities["text"]["tickers"]) found.insert(t.get<std::string>());
        Counts& c = by_source[source];
        ++c.sentences;
        for (const auto& t : found) {
            if (gold.count(t)) ++c.tp;
            else {
                ++c.fp;
                std::printf("  false positive %-10s in %s: %s\n", t.c_str(), id.c_str(), sentence.substr(0, 90).c_str());
            }
        }
        for (const auto& t : gold) {
            if (!found.count(t)) {
                ++c.fn;
                std::printf("  missed         %-10s in %s: %s\n", t.c_str(), id.c_str(), sentence.substr(0, 90).c_str());
            }
        }
    }
    std::printf("%-10s %9s %5s %4s %4s %9s %7s\n", "source", "sentences", "tp", "fp", "fn", "precision", "recall");
    for (const auto& [source, c] : by_source) {
        std::printf("%-10s %9zu %5zu %4zu %4zu %9.3f %7.3f\n", source.c_str(), c.sentences, c.tp, c.fp, c.fn,
                    c.precision(), c.recall());
        total.sentences += c.sentences, total.tp += c.tp, total.fp += c.fp, total.fn += c.fn;
    }
    std::printf("%-10s %9zu %5zu %4zu %4zu %9.3f %7.3f\n", "all", total.sentences, total.tp, total.fp, total.fn,
                total.precision(), total.recall());
    EXPECT_GE(total.sentences, 200u);
    EXPECT_GE(total.precision(), 0.97);
    EXPECT_GE(total.recall(), 0.95);
}

}  // namespace
