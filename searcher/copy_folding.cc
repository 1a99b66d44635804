#include "searcher/copy_folding.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "searcher/match_window.h"

namespace bw {

CopyKeys::CopyKeys(const Xapian::Database& db, Xapian::valueno slot) {
    std::unordered_map<std::string, std::uint32_t> numbers;
    for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
        auto [found, added] = numbers.try_emplace(*it, static_cast<std::uint32_t>(keys_.size() + 1));
        if (added) keys_.push_back(*it);
        groups_.emplace_back(it.get_docid(), found->second);
    }
}

std::uint32_t CopyKeys::group_of(Xapian::docid did) const {
    auto found = std::lower_bound(groups_.begin(), groups_.end(), did,
                                  [](const std::pair<Xapian::docid, std::uint32_t>& g, Xapian::docid d) { return g.first < d; });
    return found != groups_.end() && found->first == did ? found->second : 0;
}

const std::string& CopyKeys::key_of(Xapian::docid did) const {
    static const std::string none;
    const std::uint32_t group = group_of(did);
    return group == 0 ? none : keys_[group - 1];
}

namespace {

// One ranked pass of `count` + kFoldSlack matches, folded; nullopt when the slack ran out.
std::optional<FoldedWindow> fold_window(const Ranker& rank, const CopyKeys& keys, Xapian::doccount count,
                                        Xapian::doccount check, Xapian::doccount all) {
    FoldedWindow window;
    const Xapian::doccount asked = count + kFoldSlack;
    window.ranked = rank(0, asked, std::min(all, std::max(check, count) + kFoldSlack));
    const std::vector<Xapian::MSetIterator>& ranked = window.ranked.items;
    window.saw_all = ranked.size() < asked;  // fewer matches than asked for: all of them
    std::unordered_set<std::uint32_t> groups_seen;
    Xapian::doccount scanned = 0, folded_away = 0;
    for (const Xapian::MSetIterator& it : ranked) {
        if (!window.saw_all && window.items.size() == count) break;
        ++scanned;
        const std::uint32_t group = keys.group_of(*it);
        if (group != 0 && !groups_seen.insert(group).second) {
            ++folded_away;
            continue;
        }
        if (window.items.size() < count) window.items.push_back(it);
    }
    if (window.saw_all) {
        window.total = static_cast<Xapian::doccount>(ranked.size()) - folded_away;
    } else {
        if (window.items.size() < count) return std::nullopt;  // the slack ran out: too many copies
        const double kept = static_cast<double>(scanned - folded_away) / static_cast<double>(scanned);
        const auto estimate = static_cast<Xapian::doccount>(std::llround(kept * window.ranked.estimated));
        window.total = std::max<Xapian::doccount>(estimate, static_cast<Xapian::doccount>(window.items.size()));
    }
    return window;
}

// Whether a run of equal scores is cut at the window's end and reaches into the page.
bool tie_cut_at_end(const FoldedWindow& window, Xapian::doccount count, std::size_t page_end) {
    if (window.items.empty() || window.items.size() != count || page_end == 0) return false;
    const std::size_t last = std::min<std::size_t>(page_end, window.items.size()) - 1;
    return window.items.back().get_weight() == window.items[last].get_weight();
}

}  // namespace

std::optional<FoldedWindow> rank_folding_copies(const Ranker& rank, const CopyKeys& keys, Xapian::doccount count,
                                                Xapian::doccount check, Xapian::doccount all, std::size_t page_end) {
    for (;;) {
        std::optional<FoldedWindow> window = fold_window(rank, keys, count, check, all);
        if (!window || !tie_cut_at_end(*window, count, page_end)) return window;
        // A run of equal scores cut at the window's end, reaching into the page: the window is
        // widened as Xapian's collapsed ranking would be (match_window.h), twice as far each time.
        if (2 * static_cast<std::size_t>(count) > kMaxTieWindow) return std::nullopt;
        count *= 2;
    }
}

std::optional<FoldedWindow> rank_folding_copies(Xapian::Enquire& enquire, const CopyKeys& keys, Xapian::doccount count,
                                                Xapian::doccount check, Xapian::doccount all, std::size_t page_end) {
    const Ranker whole = [&](Xapian::doccount first, Xapian::doccount n, Xapian::doccount at_least) {
        return rank_whole(enquire, first, n, at_least, all);
    };
    return rank_folding_copies(whole, keys, count, check, all, page_end);
}

}  // namespace bw
