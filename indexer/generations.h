// Commit generations: every committed batch of the indexer has a number, stored in the database
// metadata in the same commit, and each document carries the generation in which its content last
// changed. Watchlists use them to report "what entered the archive since I last looked", and a
// re-indexed document whose content did not change keeps its old generation.
#pragma once

#include <string>

#include <xapian.h>

namespace bw {

// Stamps documents with the generation of the batch being written, and commits batches.
class GenerationStamper {
public:
    // Starts at the generation after the database's last committed one.
    explicit GenerationStamper(Xapian::WritableDatabase& db);
    // Starts at `current` (the shards of an archive share one generation sequence).
    GenerationStamper(Xapian::WritableDatabase& db, unsigned long long current) : db_(db), current_(current) {}

    // Sets `doc`'s generation: the current one, or the stored document's if `id_term` names a
    // document with the same data (an unchanged re-index).
    void stamp(Xapian::Document& doc, const std::string& id_term) const;

    // Records the current generation in the metadata (commit it with the documents).
    void record() const;
    // Moves on to the next generation (after a commit).
    void advance() { ++current_; }

    unsigned long long current() const { return current_; }

private:
    Xapian::WritableDatabase& db_;
    unsigned long long current_ = 1;
};

}  // namespace bw
