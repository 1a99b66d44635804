#include "searcher/match_window.h"

#include <algorithm>

namespace bw {

bool widen_for_ties(const std::vector<Xapian::MSetIterator>& window, std::size_t offset, std::size_t limit,
                    std::size_t& first, std::size_t& count) {
    if (limit == 0 || window.empty() || offset < first || offset - first >= window.size()) return false;
    const std::size_t start = offset - first, last = std::min<std::size_t>(start + limit, window.size()) - 1;
    const bool cut_before = first > 0 && window[0].get_weight() == window[start].get_weight();
    const bool cut_after = window.size() == count && window[window.size() - 1].get_weight() == window[last].get_weight();
    if (!(cut_before || cut_after) || first + count >= kMaxTieWindow) return false;
    if (cut_after) count *= 2;
    if (cut_before) {
        count += first;
        first = 0;
    }
    return true;
}

}  // namespace bw
