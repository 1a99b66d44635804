// Everything observable about a Bellwether database as comparable text, for tests that check two
// ways of indexing give the same database (parallel vs sequential, sharded vs one database).
#pragma once

#include <map>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/metadata.h"
#include "core/slots.h"

namespace bw::test {

// A database's contents keyed by id term.
struct DatabaseDump {
    std::map<std::string, std::string> documents;   // Q term -> data, terms (wdf, positions), values
    std::map<std::string, Xapian::docid> docids;    // Q term -> document id
    std::map<std::string, std::string> metadata;
    std::map<std::string, Xapian::doccount> spellings;
    Xapian::doccount doccount = 0;
};

// `generations`: include the commit generation (slot and metadata), which depends on how the
// documents were split into runs and batches.
inline DatabaseDump dump(const std::string& path, bool generations = true) {
    Xapian::Database db(path);
    DatabaseDump out;
    out.doccount = db.get_doccount();
    for (auto it = db.allterms_begin("Q"); it != db.allterms_end("Q"); ++it) {
        auto posting = db.postlist_begin(*it);
        EXPECT_EQ(it.get_termfreq(), 1u) << "id term " << *it << " is on more than one document";
        Xapian::Document doc = db.get_document(*posting);
        std::ostringstream text;
        text << "data " << doc.get_data() << "\n";
        for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
            text << "term " << *term << " wdf " << term.get_wdf() << " pos";
            for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) text << " " << *pos;
            text << "\n";
        }
        for (auto value = doc.values_begin(); value != doc.values_end(); ++value) {
            if (!generations && value.get_valueno() == kSlotGeneration) continue;
            text << "value " << value.get_valueno() << " " << *value << "\n";
        }
        out.documents[*it] = text.str();
        out.docids[*it] = *posting;
    }
    for (auto key = db.metadata_keys_begin(); key != db.metadata_keys_end(); ++key) {
        // Generations and the last commit record describe how the runs were split, not the content.
        if (!generations && (*key == kGenerationKey || *key == kLastCommitKey)) continue;
        out.metadata[*key] = db.get_metadata(*key);
    }
    for (auto word = db.spellings_begin(); word != db.spellings_end(); ++word) {
        out.spellings[*word] = word.get_termfreq();
    }
    return out;
}

// Expects the same documents (and, with `docids`, the same document ids), metadata and spelling data.
inline void expect_same(const DatabaseDump& expected, const DatabaseDump& actual, const std::string& label,
                        bool docids = true) {
    EXPECT_EQ(expected.doccount, actual.doccount) << label;
    EXPECT_EQ(expected.documents.size(), actual.documents.size()) << label;
    for (const auto& [id, text] : expected.documents) {
        auto it = actual.documents.find(id);
        if (it == actual.documents.end()) {
            ADD_FAILURE() << label << ": " << id << " is missing";
            continue;
        }
        EXPECT_EQ(text, it->second) << label << ": " << id << " differs";
        if (docids) {
            EXPECT_EQ(expected.docids.at(id), actual.docids.at(id)) << label << ": " << id << "'s docid";
        }
    }
    EXPECT_EQ(expected.metadata, actual.metadata) << label;
    EXPECT_EQ(expected.spellings, actual.spellings) << label;
}

}  // namespace bw::test
