// Index-time folding of edited copies: an article re-sent with a changed sentence or a corrected
// figure gets the duplicate key of the copy indexed before it, so search collapses them like exact
// copies (indexer/duplicate_key.h explains the SimHash, its bands and the distance).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <xapian.h>

namespace bw {

// Gives each document carrying a SimHash (kSlotSimHash) the duplicate key of the closest earlier
// document of its type within kNearDupMaxDistance bits and dated within kNearDupMaxDays of it (or
// undated): earlier in this run, or already in the database. The choice is deterministic (closest, then the smallest key), so a bulk load, a single
// writer and any thread count give the same keys. Memory: about 64 bytes per document of the run.
class NearDuplicateFolder {
public:
    // `indexed`: the databases written to (their committed and pending documents are candidates:
    // every shard of an archive), or none for a bulk load into empty databases.
    explicit NearDuplicateFolder(std::vector<const Xapian::Database*> indexed);

    // Sets the document's kSlotDupKey to the key of its closest near-duplicate, if any, and
    // remembers it for the rest of the run. True when the document took another one's key.
    bool fold(Xapian::Document& doc);
    std::size_t folded() const { return folded_; }

private:
    struct Candidate {
        int distance;
        std::string key;
    };
    // What is known of one document: its SimHash, duplicate key and date (seconds; NaN: undated).
    struct Seen {
        std::uint64_t simhash;
        std::string key;
        double date;
    };
    void consider(const Seen& self, const Seen& other, Candidate& best) const;

    std::vector<const Xapian::Database*> indexed_;
    std::vector<Seen> seen_;
    std::array<std::vector<std::vector<std::uint32_t>>, 4> bands_;  // band -> 16 bits -> seen_ index
    std::size_t folded_ = 0;
};

// Copies are re-sent and corrected within days; the same template weeks apart is another story
// (Reuters' daily "Fed adds reserves" notes differ in a figure or two).
inline constexpr double kNearDupMaxDays = 3;

// The number of bits in which two SimHashes differ.
int hamming_distance(std::uint64_t a, std::uint64_t b);

}  // namespace bw
