// Ordering the ranked window for the page: ties broken by date then id, --sort recency applied,
// and the page cut out of the window.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "searcher/window_values.h"

namespace bw {

// A match of the ranked window on its way to the page: its score (times its recency factor for
// --sort recency) and the date and id that break ties (read only where they can change the order).
struct Candidate {
    Xapian::MSetIterator it;
    Xapian::docid did = 0;
    double score = 0;
    std::optional<double> recency;
    double date = 0;
    std::string id;
    std::optional<Xapian::Document> document;  // read once, when first needed
    const Xapian::Document& read() {
        if (!document) document = it.get_document();
        return *document;
    }
};

// How the window becomes the page.
struct PageOrder {
    bool by_relevance = false;   // ties among equal scores go to the newest, then the smaller id
    bool recency = false;        // --sort recency: every score times a half-life decay of its age
    double half_life_days = 0;
    std::size_t skip = 0;        // window matches before the page
    std::size_t limit = 0;       // the page's length
};

constexpr double kRecencyFloor = 0.25;  // an old document keeps this share of its text score

// The page cut from the window's matches `ranked` (in Xapian's order), ordered per `order`, with
// dates and ids read through `values` for the matches whose order they can change (every match
// for recency; for relevance those whose score ties with a neighbour's): reading no other
// document of the window saves a read per match, and over remote shards a round trip each.
// Other orders (by value) keep Xapian's order and the whole window.
std::vector<Candidate> order_page(const std::vector<Xapian::MSetIterator>& ranked, WindowValues& values,
                                  const PageOrder& order, double now);

}  // namespace bw
