// --explain: breaks a result's score down by query term and by field. Each matching term's
// weight is computed on its own (BM25 and the DFR models sum per-term weights, so the parts add up to the score),
// then shared among the fields in proportion to the term's weighted occurrences in each field
// (title terms count `weight` times, see the schema).
#pragma once

#include <optional>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "core/schema.h"

namespace bw {

// `weighting` is the scheme the search used (each term is re-scored alone with it).
nlohmann::ordered_json explain_score(const Xapian::Database& db, const Xapian::Enquire& enquire,
                                     const Xapian::Weight& weighting, const Xapian::MSetIterator& item, const Schema* schema, double score,
                                     std::optional<double> recency_factor);

}  // namespace bw
