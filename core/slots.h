// Every Xapian value slot Bellwether uses, and how each is encoded. Schemas may only name the
// slots listed here for their date and number fields, so an index and its queries agree.
#pragma once

#include <xapian.h>

namespace bw {

enum Slot : Xapian::valueno {
    kSlotDate = 0,          // sortable_serialise(seconds since 1970-01-01T00:00:00Z)
    kSlotDay = 1,           // "YYYY-MM-DD" (UTC), for date histograms with ValueCountMatchSpy
    kSlotType = 2,          // "article" | "signal", for the type facet
    kSlotSource = 3,        // source/publisher as written, for the source facet
    kSlotDupKey = 4,        // duplicate key (hex), for collapsing copies
    kSlotStrength = 5,      // sortable_serialise(strength)
    kSlotArticleCount = 6,  // sortable_serialise(article count)
    kSlotTickers = 7,       // multi-value list (see multivalue.h) of tickers as written
    kSlotActors = 8,        // multi-value list of actors
    kSlotTopics = 9,        // multi-value list of topics/categories
    kSlotPlaces = 10,       // multi-value list of places
    kSlotAuthors = 11,      // multi-value list of authors
    kSlotGeneration = 12,   // sortable_serialise(commit generation in which the content last changed)
    kSlotFirstFree = 20,    // user schemas may use slots from here on for extra number/date fields
};

}  // namespace bw
