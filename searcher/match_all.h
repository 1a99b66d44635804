// A query matching every document, made afresh for each caller. Xapian's own
// Xapian::Query::MatchAll is one global object whose reference count is a plain integer: threads
// that copy it at once (bellwether-serve's request threads) race on that count, and the object is
// freed under them (the server's crash under load, tests/integration/concurrent_search_test.cc).
// Never use the global in this project.
#pragma once

#include <string>

#include <xapian.h>

namespace bw {

inline Xapian::Query match_all_query() { return Xapian::Query(std::string()); }

}  // namespace bw
