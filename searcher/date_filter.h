// Date filters on the main date (value slot kSlotDate) as Omega-style D/M/Y terms where they can be.
//
// A value range is checked document by document: Xapian 1.4 walks the slot's value stream, so a
// ticker + date filter on a ticker with 60,000 documents costs 31-36 ms at 300,000 documents,
// whatever the range. The indexer also writes each document's UTC day, month and year as boolean
// terms (D20260327, M202603, Y2026: core/terms.h), so a range of whole days is the OR of the fewest
// such terms that cover it (whole years, then whole months, then days), an ordinary posting-list
// filter: the same query in 7.4-12 ms (bench/HISTORY.md, 2026-12-02). The two match the same
// documents: both come from the same parsed date, on every document that has one.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include <xapian.h>

namespace bw {

// Most terms a range may become; past that (a range of centuries) the value range is kept.
inline constexpr std::size_t kMaxDateTerms = 128;

// The documents whose main date lies in [lo, hi] (seconds since 1970, UTC): the D/M/Y terms
// covering the range when it starts at a UTC midnight, ends at 23:59:59 and lies within years
// 1000-9999 (the terms' four-digit years); otherwise (or past kMaxDateTerms) nullopt.
std::optional<Xapian::Query> date_terms_between(double lo, double hi);

// date_terms_between(lo, hi), falling back to Xapian's OP_VALUE_RANGE on kSlotDate.
Xapian::Query main_date_between(double lo, double hi);

// --since / --until (bellwether-search, /api/search) on the main date, as parsed by
// parse_date_span. Where one end is open, the archive's own date bounds close it, so that the range
// can become D/M/Y terms. Throws UsageError for a date it cannot understand or --since after --until.
Xapian::Query since_until_filter(const std::optional<std::string>& since, const std::optional<std::string>& until,
                                 const Xapian::Database& db);

}  // namespace bw
