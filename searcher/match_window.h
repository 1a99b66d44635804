// The window of relevance-ordered matches a page is cut from: the page plus a margin, widened to
// whole runs of equal scores at its edges, so ties can be ordered by date and id the same way on
// every page (paging never repeats or skips a document).
#pragma once

#include <cstddef>
#include <vector>

#include <xapian.h>

namespace bw {

constexpr std::size_t kTieMargin = 10;       // extra matches fetched on each side of a page for tie-breaks
constexpr std::size_t kMaxTieWindow = 5000;  // widest window read to order a run of equal scores
// Totals are counted exactly up to this many matches; above it a free-text search reports Xapian's
// estimate (SearchResponse::total_exact false) unless the request asks for an exact total or for
// facets or groups. Elasticsearch's track_total_hits default: counting 180,000 matches of a common
// word exactly costs more than finding its best 10 (README "Performance").
constexpr std::size_t kExactTotalUpTo = 10000;

// Whether the window [first, first + count) that `window` holds (in rank order) cuts a run of equal scores at an edge
// of the page [offset, offset + limit); if so widens it (from the first match, or twice as far, up
// to kMaxTieWindow) and returns true: the caller fetches the window again.
bool widen_for_ties(const std::vector<Xapian::MSetIterator>& window, std::size_t offset, std::size_t limit, std::size_t& first,
                    std::size_t& count);

}  // namespace bw
