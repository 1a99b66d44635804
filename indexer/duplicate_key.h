// Duplicates and links between documents.
//
// Duplicate keys: the same story syndicated under several URLs (or a page whose body repeats itself)
// is indexed once per source, but every copy carries the same key in value slot kSlotDupKey, so search
// can collapse copies (Enquire::set_collapse_key; bellwether-search --no-collapse turns it off).
//
// The key is the document type plus a 64-bit SimHash of the main text (the longest text field, not the
// title, which syndication often rewrites): words ASCII-lower-cased with punctuation dropped, hashed as
// overlapping 3-word shingles. Copies that differ only in case, punctuation, spacing or markup get the
// same key.
//
// Short texts (fewer than kMinNearDupWords words: dividend notices, price snapshots) are mostly
// templates that differ in one name or number ("Qtly div four cts vs four cts prior, Pay April 15"
// is sent for many companies), so their SimHash also covers the title, and they fold only when title
// and text are the same. Longer texts also fold when edited (a changed sentence, a corrected figure):
// their SimHash is stored (kSlotSimHash) with four 16-bit band terms, and at index time
// NearDuplicateFolder (indexer/near_duplicates.h) gives a document the key of an indexed one whose
// SimHash is within kNearDupMaxDistance bits (two hashes that close share at least one band).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "core/schema.h"
#include "indexer/record.h"

namespace bw {

// Adds the link terms of a record (core/terms.h): XTITLEKEY for its title, XCITES per cited source title.
void add_link_terms(Xapian::Document& doc, const CanonicalRecord& record, const Schema& schema);

// What a record's text says about its copies.
struct DuplicateFingerprint {
    std::uint64_t simhash = 0;
    bool near_matchable = false;  // long enough to fold edited copies (kMinNearDupWords)
};
// The fingerprint of a record, or nullopt when it has too little text (fewer than kMinDupWords words).
std::optional<DuplicateFingerprint> duplicate_fingerprint(const CanonicalRecord& record, const Schema& schema);
// "article:0123456789abcdef" (the type and the SimHash), or "" when the record has too little text.
std::string duplicate_key(const CanonicalRecord& record, const Schema& schema);
std::string duplicate_key(const std::string& type, std::uint64_t simhash);
// The four band terms of a SimHash (XNEAR + band digit + 4 hex digits).
std::vector<std::string> near_band_terms(std::uint64_t simhash);
// The 64-bit SimHash of `text`'s 3-word shingles (0 for no words).
std::uint64_t simhash64(std::string_view text);

// Shorter texts get no key: short notes and headlines-only records repeat by chance, not by syndication.
inline constexpr std::size_t kMinDupWords = 12;
// Texts with fewer words only fold with exact copies of title and text (see the file comment).
inline constexpr std::size_t kMinNearDupWords = 50;
// Copies whose SimHashes differ in at most this many bits are one document. Measured on Reuters-21578
// (21,392 texts with a key): the 28 pairs at distance 1-3 are all the same story re-sent or corrected;
// from distance 4 on, different stories written from one template appear (the Fed's daily repo notes).
inline constexpr int kNearDupMaxDistance = 3;

}  // namespace bw
