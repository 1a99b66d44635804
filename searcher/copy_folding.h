// Folding copies (documents that share a duplicate key, indexer/copy_groups.h) on our side of the
// ranked pass instead of in Xapian's matcher.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "searcher/ranked_window.h"

namespace bw {

// The copy key of every document that has one, for one revision of a local database, held in
// memory: 8 bytes per keyed document plus each key once (Reuters: 800 of 21,578 documents).
class CopyKeys {
public:
    // More keyed documents than this and the keys are not held (Xapian's collapse is used).
    static constexpr Xapian::doccount kMaxKeyed = 4000000;

    // Reads every value of `slot` (one walk of its value stream).
    CopyKeys(const Xapian::Database& db, Xapian::valueno slot);

    // The copy group of `did`: 0 when it has no key, else the same number for the same key.
    std::uint32_t group_of(Xapian::docid did) const;
    // The key of `did`, empty when it has none.
    const std::string& key_of(Xapian::docid did) const;
    std::size_t keyed() const { return groups_.size(); }

private:
    std::vector<std::pair<Xapian::docid, std::uint32_t>> groups_;  // by docid
    std::vector<std::string> keys_;                                 // group number - 1 -> key
};

// A ranked window whose copies were folded here: `items` keeps the best-ranked match of each copy
// group, in rank order, at most the count asked for.
struct FoldedWindow {
    RankedWindow ranked;  // the uncollapsed matches `items` point into
    std::vector<Xapian::MSetIterator> items;
    bool saw_all = false;        // the MSet holds every match, so `items` every folded match
    Xapian::doccount total = 0;  // exact when saw_all, else Xapian's estimate scaled by the share kept
};

// Ranks with `rank` (whose matches must not be collapsed) for a window of `count` matches from the
// first, asking for `count` + kFoldSlack uncollapsed ones (checking at least `check` + kFoldSlack,
// at most `all`), and folds copies with `keys`. The result is the window Xapian's collapse would give:
// its collapsed ranking is the uncollapsed one less every match ranked below another of its group.
// When the page's last result (`page_end` - 1) ties in score with the window's last, the window is
// widened (twice as far, and again) until the run of equal scores ends inside it, as the caller
// widens a window Xapian collapsed (match_window.h): ties are then ordered over the whole run.
// nullopt when folding left fewer than `count` matches while more exist, or when the run reaches
// past kMaxTieWindow: the caller then ranks with Xapian's collapse.
std::optional<FoldedWindow> rank_folding_copies(const Ranker& rank, const CopyKeys& keys, Xapian::doccount count,
                                                Xapian::doccount check, Xapian::doccount all, std::size_t page_end);
// The same, ranking with one Xapian match by `enquire` (rank_whole).
std::optional<FoldedWindow> rank_folding_copies(Xapian::Enquire& enquire, const CopyKeys& keys, Xapian::doccount count,
                                                Xapian::doccount check, Xapian::doccount all, std::size_t page_end);

constexpr Xapian::doccount kFoldSlack = 10;

}  // namespace bw
