// Building one result of a search response from a stored document.
#pragma once

#include <cstddef>

#include <xapian.h>

#include "core/schema.h"
#include "searcher/response.h"
#include "searcher/result_fields.h"
#include "searcher/snippets.h"

namespace bw {

// The result item for `doc`: id, type, title, date, source, url, entities and strength from the
// stored record, and a snippet cut by `snippets` from the text field (per the document's schema in
// `schemas`) whose best passage marks the most distinct query words. `snippet_length` 0: no snippet.
// Only the `fields` asked for are filled in. (A search asking for id and type alone reads them
// from value slots and never calls this: Searcher::run with searcher/window_values.h.)
ResultItem build_result_item(const Xapian::Document& doc, double score, std::size_t rank, const SchemaSet& schemas,
                             const SnippetMaker& snippets, std::size_t snippet_length,
                             const ResultFields& fields = {});

}  // namespace bw
