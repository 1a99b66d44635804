// "Did you mean": rewrites a query's misspelt words from the archive's own vocabulary (Xapian's
// spelling data, filled by the indexer). Only plain words are touched; operators, field:value
// parts, phrases' punctuation and wildcards are kept as typed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

#include "core/analyzer.h"

namespace bw {

// The query with each unknown word replaced by its best spelling suggestion, or nullopt when no
// word changed. A word is known when the index holds it as typed or holds its stem (`analyzer`'s,
// the form the query matched it by): like Elasticsearch's suggest_mode "missing", only words the
// index lacks are respelt, and a known word costs no spelling lookup (about 0.2 ms each).
std::optional<std::string> suggest_spelling(const Xapian::Database& db, const Analyzer& analyzer, std::string_view query);

}  // namespace bw
