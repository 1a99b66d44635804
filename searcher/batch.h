// --queries FILE: runs one query per line in one process (research batches and evaluation).
// A line is `ID<TAB>query` or just the query (the ID is then the line number); blank lines and
// lines starting with '#' are skipped. Every query shares the options of the base request.
#pragma once

#include <ostream>
#include <string>

#include "searcher/printers.h"
#include "searcher/search_request.h"
#include "searcher/searcher.h"

namespace bw {

// Output of a batch: jsonl (one response object per query, with "qid"), trec (run lines
// `qid Q0 docid rank score tag`), json (an array of those objects), text, csv (with a qid column).
enum class BatchFormat { Text, Json, Jsonl, Csv, Trec };

// Runs every query of `path` and prints the results; a query with a syntax error is reported on
// `err` as `path:line: error: ...` and skipped. Returns the number of failed queries.
std::size_t run_query_file(Searcher& searcher, const SearchRequest& base, const std::string& path, BatchFormat format,
                           const std::string& run_tag, std::ostream& out, std::ostream& err);

}  // namespace bw
