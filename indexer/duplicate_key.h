// Duplicates and links between documents.
//
// Duplicate keys: the same story syndicated under several URLs (or a page whose body repeats itself)
// is indexed once per source, but every copy carries the same key in value slot kSlotDupKey, so search
// can collapse copies (Enquire::set_collapse_key; bellwether-search --no-collapse turns it off).
//
// The key is the document type plus a 64-bit SimHash of the main text (the longest text field, not the
// title, which syndication often rewrites): words ASCII-lower-cased with punctuation dropped, hashed as
// overlapping 3-word shingles. Copies that differ only in case, punctuation, spacing or markup get the
// same key. Collapsing needs equal keys, so copies edited beyond that (a changed sentence) are not
// folded: the key is a SimHash so that a later near-duplicate search (Hamming distance) can use it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <xapian.h>

#include "core/schema.h"
#include "indexer/record.h"

namespace bw {

// Adds the link terms of a record (core/terms.h): XTITLEKEY for its title, XCITES per cited source title.
void add_link_terms(Xapian::Document& doc, const CanonicalRecord& record, const Schema& schema);

// "article:0123456789abcdef", or "" when the record has too little text (fewer than kMinDupWords words).
std::string duplicate_key(const CanonicalRecord& record, const Schema& schema);
// The 64-bit SimHash of `text`'s 3-word shingles (0 for no words).
std::uint64_t simhash64(std::string_view text);

// Shorter texts get no key: short notes and headlines-only records repeat by chance, not by syndication.
inline constexpr std::size_t kMinDupWords = 12;

}  // namespace bw
