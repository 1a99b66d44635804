// Printers for bellwether-search's output formats, separate from the search logic: text (for a
// terminal, with colour and bar charts when stdout is a terminal), JSON (one object), JSON Lines
// (one result per line) and CSV (RFC 4180, with a header row).
#pragma once

#include <ostream>

#include "searcher/response.h"

namespace bw {

enum class OutputFormat { Text, Json, Jsonl, Csv };

// Parses "text", "json", "jsonl", "csv"; throws UsageError otherwise.
OutputFormat parse_output_format(const std::string& text);

void print_json(const SearchResponse& response, std::ostream& out);
void print_jsonl(const SearchResponse& response, std::ostream& out);
void print_csv(const SearchResponse& response, std::ostream& out);
// `color`: use ANSI bold for matches and headings (a terminal); plain text otherwise.
void print_text(const SearchResponse& response, std::ostream& out, bool color);

// Quotes a CSV field when it holds a comma, quote, CR or LF (RFC 4180).
std::string csv_field(const std::string& value);

}  // namespace bw
