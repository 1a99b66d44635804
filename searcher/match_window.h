// The window of relevance-ordered matches a page is cut from: the page plus a margin, widened to
// whole runs of equal scores at its edges, so ties can be ordered by date and id the same way on
// every page (paging never repeats or skips a document).
#pragma once

#include <cstddef>

#include <xapian.h>

namespace bw {

constexpr std::size_t kTieMargin = 10;       // extra matches fetched on each side of a page for tie-breaks
constexpr std::size_t kMaxTieWindow = 5000;  // widest window read to order a run of equal scores

// Whether the window [first, first + count) that `mset` holds cuts a run of equal scores at an edge
// of the page [offset, offset + limit); if so widens it (from the first match, or twice as far, up
// to kMaxTieWindow) and returns true: the caller fetches the window again.
bool widen_for_ties(const Xapian::MSet& mset, std::size_t offset, std::size_t limit, std::size_t& first,
                    std::size_t& count);

}  // namespace bw
