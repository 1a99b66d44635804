// Copy groups: which documents share a duplicate key with another document, so search collapses
// only those. Every document with a duplicate key (kSlotDupKey, indexer/duplicate_key.h) also
// carries it as a boolean term XCOPY<key>, whose term frequency says how many documents share the
// key. The collapse key (kSlotCopyGroup) is written only on documents whose key has two or more
// documents: Xapian reads the collapse key of every match and keeps a table of the keys seen, so a
// key on every document cost a value read and a table entry per match (measured in
// bench/HISTORY.md, "Collapse keys only on documents with a copy"), while most documents have no copy at all.
//
// The groups are kept right at every commit of the indexer: documents put or deleted since the
// last commit name their keys (note()), and sync() marks or unmarks every document of those keys
// across all the databases of the archive (shards included). A bulk load, whose chunks cannot see
// each other, syncs every key after the merge (sync_all()).
#pragma once

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

namespace bw {

// Gives the document its XCOPY term from its kSlotDupKey (nothing when it has no key).
void add_copy_key_term(Xapian::Document& document);

// Keeps kSlotCopyGroup right for the keys changed since the last sync (see the file comment).
class CopyGroups {
public:
    // `databases`: every database of the archive, written by this run (pending changes are read).
    explicit CopyGroups(std::vector<Xapian::WritableDatabase*> databases) : databases_(std::move(databases)) {}

    // A document with this duplicate key was added ("" is ignored).
    void note_added(const std::string& key);
    // A document with this duplicate key was replaced or deleted ("" is ignored).
    void note_removed(const std::string& key);

    // Marks every document of the noted keys shared by two or more documents, unmarks the rest;
    // returns how many documents were rewritten. Call before each commit.
    std::size_t sync();

    // The same for every key in the databases (after a bulk load's merge): marks the documents of
    // every shared key, and unmarks marked documents whose key is no longer shared.
    std::size_t sync_all();

private:
    // The number of documents whose duplicate key has this XCOPY term, over every database.
    Xapian::doccount documents_with(const std::string& term) const;
    // Writes or removes the collapse key of every document with this term; returns the rewrites.
    // A key no longer shared is only looked at when `may_be_marked` (a document of it was replaced
    // or deleted): a new document never carries the collapse key, so a key of one new document needs
    // nothing.
    std::size_t sync_term(const std::string& term, bool may_be_marked);

    std::vector<Xapian::WritableDatabase*> databases_;
    std::map<std::string, bool> noted_;  // XCOPY term -> may_be_marked
};

}  // namespace bw
