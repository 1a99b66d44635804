// Keeps Xapian's spelling data (used for "did you mean" suggestions) in step with the archive's
// vocabulary. Instead of add_spelling() for every word of every document (which roughly doubles
// indexing time), the unprefixed word terms are walked once at the end of a run and each word's
// spelling frequency is raised to its document frequency.
#pragma once

#include <cstddef>
#include <xapian.h>

namespace bw {

// Returns how many words were added or updated.
std::size_t update_spelling(Xapian::WritableDatabase& db);

}  // namespace bw
