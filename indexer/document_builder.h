// Turns a canonical record into a Xapian::Document following its schema: positional and stemmed
// terms for text fields (unprefixed for general search, prefixed for `field:` search, weighted by
// the field weight), boolean terms for keywords, type and dates, value slots for sorting, ranges
// and facets, and the canonical record as the document data.
#pragma once

#include <xapian.h>

#include "core/analyzer.h"
#include "core/schema.h"
#include "indexer/record.h"

namespace bw {

class DocumentBuilder {
public:
    explicit DocumentBuilder(const Analyzer& analyzer) : analyzer_(analyzer) {}

    Xapian::Document build(const CanonicalRecord& record, const Schema& schema) const;

private:
    void index_text(Xapian::Document& doc, const FieldSpec& field, const std::string& text,
                    Xapian::termpos& position) const;

    const Analyzer& analyzer_;
};

// Gap left between fields and between values so phrases never match across them.
inline constexpr Xapian::termpos kFieldPositionGap = 100;

}  // namespace bw
