// Line-level helpers shared by the raw page parsers (article_page.cc, signal_page.cc, page_parser.cc).
// Internal to the indexer: not part of the public page_parser.h API.
//
// Everything here is a hand-written linear scan rather than std::regex: libstdc++'s regex engine
// recurses per character and can overflow the stack on long lines, and the parsers are fuzzed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace bw::page_text {

// The page's lines: a leading UTF-8 BOM dropped, "\r\n", "\r" and "\n" all end a line, invalid UTF-8
// replaced by U+FFFD, control characters turned into spaces, each line trimmed of (Unicode) white
// space. Empty lines are kept: they separate paragraphs.
std::vector<std::string> split_lines(std::string_view text);

// `s` without leading and trailing ASCII and Unicode white space (NBSP, U+2000..U+200B, BOM, ...).
// `s` must be valid UTF-8 (split_lines output is).
std::string_view trim(std::string_view s);

// ASCII case-insensitive comparisons and search.
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);
bool iends_with(std::string_view s, std::string_view suffix);
std::size_t ifind(std::string_view s, std::string_view needle, std::size_t from = 0);

// A key for spotting repeated paragraphs: ASCII-lower-cased, runs of white space collapsed.
std::string dedupe_key(std::string_view s);

// Number of space-separated words.
std::size_t word_count(std::string_view s);

// Whether the line has at least one letter and no upper- or title-case letter (Unicode-aware).
bool is_all_lowercase(std::string_view s);

// Whether the line ends like a sentence or a lead-in ('.', '!', '?', ':', ';', '…').
bool ends_with_sentence_punctuation(std::string_view s);

// Whether the line contains something shaped like an e-mail address (local@domain.tld).
bool contains_email(std::string_view s);

// A line of ticker tags ("MU--", "$brk.b--", "MU-- NVDA--"): appends the upper-cased tickers and
// returns true; returns false (appending nothing) when the line is anything else.
bool parse_ticker_tags(std::string_view line, std::vector<std::string>& tickers);

// The signal metadata line "str 8 3/27/2026 · 1 article" (also accepts an ISO date yyyy-mm-dd).
struct SignalMeta {
    nlohmann::json strength;       // a number (integer when integral)
    std::string date;              // as written: "3/27/2026"
    nlohmann::json article_count;  // a number, or null when the line does not say
};
bool parse_signal_meta(std::string_view line, SignalMeta& meta);

// The section headings of a signal page.
enum class SignalHeading { None, Analysis, KeyActors, SourceArticle, Reasoning };
SignalHeading signal_heading(std::string_view line);

// Signal page chrome that must never be stored: the "← all signals" navigation, the account line
// (a short line holding an e-mail address) and a footer like "Bellwether · 2026 Marco".
bool is_navigation_line(std::string_view line);
bool is_account_line(std::string_view line);
bool is_footer_line(std::string_view line);

// Article page boilerplate lines dropped wherever they appear ("Credit to:", "No comments yet",
// "Report an Issue") and the heading that opens the comment box ("Comments", "Comments (3)").
bool is_article_boilerplate(std::string_view line);
bool is_comment_box_heading(std::string_view line);

// Where a "Disclaimer:" paragraph starts in the line (it may be glued to the end of a body
// paragraph), or npos.
std::size_t find_disclaimer(std::string_view line);

// The publisher named in a disclaimer ("... Ainvest is not responsible for ..." -> "Ainvest"):
// the capitalised words right before "is/are not responsible", or "" when there are none.
std::string disclaimer_source(std::string_view disclaimer);

// `s` cut to at most `max_bytes` bytes without splitting a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);

}  // namespace bw::page_text
