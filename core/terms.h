// Term naming, in one place, following Xapian Omega's conventions (docs/termprefixes.rst):
// Q unique id, Z stemmed terms, D/M/Y dates, X-prefixes for our own fields with ':' between a
// multi-letter prefix and a term starting with a capital letter. Terms are capped at Xapian's
// 245-byte limit: longer ids and keyword values are replaced by a stable hash.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/entities.h"
#include "core/schema.h"

namespace bw {

inline constexpr std::size_t kMaxTermBytes = 245;
inline constexpr std::string_view kIdPrefix = "Q";
inline constexpr std::string_view kStemPrefix = "Z";
inline constexpr std::string_view kTypePrefix = "XTYPE";
inline constexpr std::string_view kDayPrefix = "D";    // D20260327
inline constexpr std::string_view kMonthPrefix = "M";  // M202603
inline constexpr std::string_view kYearPrefix = "Y";   // Y2026
// Entities stated in a record's own fields (not only found in its text): XSTATED:MU, XSTATEDmicron.
inline constexpr std::string_view kStatedPrefix = "XSTATED";
// One scored term per entity a document names (wdf: 2 stated in fields, 1 found in text, 3 both), so a
// bare query word naming a company can rank documents about it: XENTITY:MU, XENTITYopenai.
inline constexpr std::string_view kEntityPrefix = "XENTITY";
// Links between documents by title: every titled document has XTITLEKEY<title_key(title)>, and a
// document citing sources (a signal's "sources") has XCITES<title_key(source title)> per source, so a
// signal and the articles it cites find each other whichever was indexed first.
inline constexpr std::string_view kTitleKeyPrefix = "XTITLEKEY";
inline constexpr std::string_view kCitesPrefix = "XCITES";
// Near-duplicate bands: XNEAR + band (0-3) + the band's 16 SimHash bits in hex (indexer/duplicate_key.h).
inline constexpr std::string_view kNearBandPrefix = "XNEAR";
// Copy groups: XCOPY + the duplicate key of every document that has one, so the indexer can count
// a key's documents (its term frequency) and find them (indexer/copy_groups.h).
inline constexpr std::string_view kCopyKeyPrefix = "XCOPY";
// The weight factor of the XENTITY term ORed into a bare query word that names a company or ticker
// (`micron`, `MU`, `$MU`): documents that name the company without the word rank below text matches.
inline constexpr double kEntityQueryWeight = 0.25;

// prefix + value, with ':' inserted when the prefix has more than one letter and the value starts
// with an upper-case ASCII letter; a term longer than kMaxTermBytes becomes prefix + '#' + hash.
std::string make_term(std::string_view prefix, std::string_view value);
// The unique-id term of a document id.
std::string id_term(std::string_view id);
// The copy-group term of a duplicate key (kCopyKeyPrefix).
std::string copy_key_term(std::string_view key);
// The stemmed term: "Z" + prefix + stem.
std::string stem_term(std::string_view prefix, std::string_view stem);
// The normalised form of a keyword value for terms (case folded or upper-cased per the field).
std::string keyword_key(const FieldSpec& field, std::string_view value);
// The boolean term of a keyword value: make_term(field.prefix, keyword_key(field, value)).
std::string keyword_term(const FieldSpec& field, std::string_view value);
// What identifies an entity in XENTITY/XSTATED terms: its primary ticker (upper case, '-' for a class
// separator) when listed, else its folded name.
std::string entity_key(const Entity& entity);
// A title's key for links: 16 hex digits of the hash of its words (ASCII lower-cased, punctuation and
// spacing dropped), so "Memory chip stocks shed $100bn..." and "memory chip stocks shed 100bn" agree.
std::string title_key(std::string_view title);
// A ticker's form in XSTATED/XENTITY terms: upper case, '-' for a class separator (BRK.B -> BRK-B).
std::string ticker_key(std::string_view ticker);

}  // namespace bw
