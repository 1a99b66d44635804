// Entity extraction at index time: completes a canonical record's tickers and actors from the entity
// registry and its text, and records where each came from.
//
//   fields: what the record's own fields state (tickers, actors; the `MU--` tags of article pages and the
//           actor line of signal pages are fields too), completed through the registry: a stated
//           ticker adds its company (MU -> Micron), a stated listed company adds its primary ticker.
//   text:   what the text fields name (EntityMatcher: registry names, $CASHTAGS, (NASDAQ: MU), <MU>),
//           again completed both ways (Micron Technology -> Micron + MU).
//
// The record's `tickers` and `actors` fields become the union (field values first, as written; added
// actors under their registry name) and `record.entities` keeps the two lists:
//   {"fields": {"tickers": [...], "actors": [...]}, "text": {"tickers": [...], "actors": [...]}}.
// Only schemas with a keyword field on prefix XTICKER or XACTOR are touched.
#pragma once

#include <string>

#include <xapian.h>

#include "core/entity_matcher.h"
#include "core/schema.h"
#include "indexer/record.h"

namespace bw {

class EntityExtractor {
public:
    explicit EntityExtractor(const EntityMatcher& matcher = EntityMatcher::builtin()) : matcher_(matcher) {}

    void extract(CanonicalRecord& record, const Schema& schema) const;

private:
    const EntityMatcher& matcher_;
};

// Most entities recorded per document and side (a long text naming hundreds of companies keeps the first).
inline constexpr std::size_t kMaxEntitiesPerSide = 100;
// Text scanned for entities per document (the rest of a huge body is not scanned).
inline constexpr std::size_t kMaxEntityTextBytes = 1 << 20;

// The entity terms of a record after extract(): XSTATED terms for what its fields state (tickers,
// folded actor names and the registry's canonical name and tickers for each), canonical XACTOR terms
// for actors the registry knows under another name, and one scored XENTITY term per entity.
void add_entity_terms(Xapian::Document& doc, const CanonicalRecord& record, const Schema& schema);

}  // namespace bw
