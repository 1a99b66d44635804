// Every Xapian value slot Bellwether uses, and how each is encoded. Schemas may only name the
// slots listed here for their date and number fields, so an index and its queries agree.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>

#include <xapian.h>

namespace bw {

enum Slot : Xapian::valueno {
    kSlotDate = 0,          // sortable_serialise(seconds since 1970-01-01T00:00:00Z)
    kSlotDay = 1,           // "YYYY-MM-DD" (UTC), for date histograms with ValueCountMatchSpy
    kSlotType = 2,          // "article" | "signal", for the type facet
    kSlotSource = 3,        // source/publisher as written, for the source facet
    kSlotDupKey = 4,        // duplicate key (hex) of every document with a fingerprint (indexer/duplicate_key.h)
    kSlotStrength = 5,      // sortable_serialise(strength)
    kSlotArticleCount = 6,  // sortable_serialise(article count)
    kSlotTickers = 7,       // multi-value list (see multivalue.h) of tickers as written
    kSlotActors = 8,        // multi-value list of actors
    kSlotTopics = 9,        // multi-value list of topics/categories
    kSlotPlaces = 10,       // multi-value list of places
    kSlotAuthors = 11,      // multi-value list of authors
    kSlotGeneration = 12,   // sortable_serialise(commit generation in which the content last changed)
    kSlotId = 13,           // the document id: the last tie-break of relevance sorts, the same on any sharding
    kSlotDateKey = 14,      // sort_key(date seconds) + id: --sort date/oldest, ties by id on any sharding
    kSlotStrengthKey = 15,  // sort_key(strength) + id: --sort strength
    kSlotSimHash = 16,      // 16 hex digits: the SimHash of a text long enough for near-duplicate folding
    kSlotCopyGroup = 17,    // the duplicate key again, only on documents that share it with another: the collapse key
    kSlotFirstFree = 20,    // user schemas may use slots from here on for extra number/date fields
};

// A fixed-width, byte-ordered key for a number (dates in seconds, strengths) followed by the
// document id, so one value sort orders by the number then the id, locally and on a stock remote
// xapian-tcpsrv (Xapian 1.4 cannot send a KeyMaker to a remote shard).
inline std::string sort_key(double number, const std::string& id) {
    char digits[32];
    // Offset and scale: covers -1e11..+1e11 with four decimals (dates from year -1200 to 5100).
    const double shifted = std::round((number + 1e11) * 1e4);
    std::snprintf(digits, sizeof digits, "%020.0f", shifted < 0 ? 0.0 : shifted);
    return std::string(digits) + id;
}

}  // namespace bw
