// "Did you mean": rewrites a query's misspelt words from the archive's own vocabulary (Xapian's
// spelling data, filled by the indexer). Only plain words are touched; operators, field:value
// parts, phrases' punctuation and wildcards are kept as typed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

namespace bw {

// The query with each unknown word replaced by its best spelling suggestion, or nullopt when no
// word changed.
std::optional<std::string> suggest_spelling(const Xapian::Database& db, std::string_view query);

}  // namespace bw
