// Entities on real text: a hand-checked sample of Reuters-21578 (tests/fixtures/entities/
// reuters_sample.tsv) must be extracted exactly as recorded there, and the orgs field of the corpus
// must agree with the institutions found in the text wherever the text names them correctly.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/schema.h"
#include "indexer/record_mapper.h"
#include "test_support.h"

namespace {

using nlohmann::json;

struct SampleRow {
    std::string id, orgs, people, stated_actors, text_actors, text_tickers, verdict;
};

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, '|');) {
        if (!item.empty()) out.push_back(item);
    }
    return out;
}

std::vector<SampleRow> read_sample() {
    std::ifstream in(std::string(BELLWETHER_TEST_DIR) + "/fixtures/entities/reuters_sample.tsv");
    std::vector<SampleRow> rows;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cols;
        std::stringstream fields(line);
        for (std::string col; std::getline(fields, col, '\t');) cols.push_back(col);
        cols.resize(7);
        rows.push_back({cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6]});
    }
    return rows;
}

std::vector<std::string> strings(const json& entities, const char* side, const char* kind) {
    std::vector<std::string> out;
    if (!entities.is_object() || !entities.contains(side)) return out;
    for (const auto& v : entities[side].value(kind, json::array())) out.push_back(v.get<std::string>());
    return out;
}

TEST(ReutersEntities, HandCheckedSampleIsExtractedAsRecorded) {
    BW_REQUIRE_SHARED(corpus, "corpora/reuters21578/reuters21578.jsonl");
    const std::vector<SampleRow> sample = read_sample();
    ASSERT_EQ(sample.size(), 30u);
    std::map<std::string, const SampleRow*> by_id;
    for (const auto& row : sample) by_id[row.id] = &row;

    const bw::SchemaSet schemas = bw::SchemaSet::builtin();
    bw::RecordMapper mapper(schemas, "article");
    std::ifstream in(corpus);
    std::size_t checked = 0, with_orgs = 0, orgs_all_found = 0;
    for (std::string line; std::getline(in, line);) {
        const json raw = json::parse(line);
        auto it = by_id.find(raw.value("id", ""));
        if (it == by_id.end()) continue;
        const SampleRow& row = *it->second;
        const bw::CanonicalRecord record = mapper.map(raw);
        SCOPED_TRACE(row.id + ": " + row.verdict);
        EXPECT_EQ(strings(record.entities, "fields", "actors"), split_list(row.stated_actors));
        EXPECT_EQ(strings(record.entities, "text", "actors"), split_list(row.text_actors));
        EXPECT_EQ(strings(record.entities, "text", "tickers"), split_list(row.text_tickers));
        ++checked;
        if (row.orgs.empty()) continue;
        // Agreement: every org the field states (resolved to a registry name) is also found in the text.
        ++with_orgs;
        const auto stated = strings(record.entities, "fields", "actors");
        const auto found = strings(record.entities, "text", "actors");
        bool all = true;
        for (const auto& org : stated) {
            const bool is_person = row.people.find(org) != std::string::npos;
            if (!is_person && std::find(found.begin(), found.end(), org) == found.end()) all = false;
        }
        orgs_all_found += all;
    }
    EXPECT_EQ(checked, sample.size());
    std::cout << "Reuters sample: " << checked << " documents checked by hand; orgs field found in the text for "
              << orgs_all_found << " of " << with_orgs << " documents with orgs\n";
    EXPECT_GE(orgs_all_found, with_orgs - 1);  // the one known miss is a misspelling in the text
}

}  // namespace
