// parse_article_page: scraped article pages in the layout of ../shared/seeds/000_*.txt.
//
//   MU--                                   ticker tags (optional)
//   NVDA--
//   micron memory downcycle ...            keyword line: all lower case, right after the tags (optional)
//   Bear case on Micron                    title
//   The current memory upcycle ...         subtitle (optional: a short line not ending in a full stop)
//   <paragraph>...                         body, one paragraph per line
//   Credit to:                             credit line
//   <subtitle and body again, verbatim>    repeated copy
//   Disclaimer: ... Ainvest is not responsible ...Report an Issue
//   Comments / No comments yet             comment box
//
// Repeated paragraphs are dropped wherever they occur (a set of normalised paragraphs seen so far),
// not by position, so a page whose copy is partial, reordered or missing parses the same way.
#include <string>
#include <unordered_set>
#include <vector>

#include "core/errors.h"
#include "indexer/page_parser.h"
#include "indexer/page_text.h"

namespace bw {
namespace {

namespace pt = page_text;

bool is_lower_ascii(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }

// The keyword line: all lower case, no sentence punctuation at the end, not too long.
bool looks_like_keywords(std::string_view line) {
    return line.size() <= 500 && pt::word_count(line) <= 60 && pt::is_all_lowercase(line) &&
           !pt::ends_with_sentence_punctuation(line);
}

// A subtitle is a short single sentence without a full stop or ':' at the end (a headline-style dek);
// a short line that ends like a sentence is taken as the body's first paragraph instead.
bool looks_like_subtitle(std::string_view line) {
    if (line.empty() || line.size() > 300) return false;
    char last = line.back();
    if (last == ':' || last == '.' || last == ';' || pt::iends_with(line, "\xE2\x80\xA6")) return false;
    for (std::size_t i = 1; i + 2 < line.size(); ++i) {
        char c = line[i];
        if ((c == '.' || c == '!' || c == '?') && line[i + 1] == ' ' && is_lower_ascii(line[i - 1]) &&
            is_upper_ascii(line[i + 2]))
            return false;
    }
    return true;
}

// Content lines of the page after the tags, with boilerplate removed; `source` receives the
// publisher named in the first disclaimer.
std::vector<std::string> content_lines(const std::vector<std::string>& lines, std::size_t from,
                                       std::string& source) {
    std::vector<std::string> content;
    for (std::size_t i = from; i < lines.size(); ++i) {
        std::string_view line = lines[i];
        if (line.empty()) continue;
        if (pt::is_comment_box_heading(line)) break;  // everything after it is the comment box
        if (std::size_t at = pt::find_disclaimer(line); at != std::string_view::npos) {
            if (source.empty()) source = pt::disclaimer_source(line.substr(at));
            line = pt::trim(line.substr(0, at));  // a body paragraph may be glued in front of it
        }
        constexpr std::string_view kReport = "Report an Issue";  // glued to the disclaimer's end
        if (line.size() > kReport.size() && pt::iends_with(line, kReport))
            line = pt::trim(line.substr(0, line.size() - kReport.size()));
        if (line.empty() || pt::is_article_boilerplate(line)) continue;
        content.emplace_back(line);
    }
    return content;
}

}  // namespace

// Parses an article page into {"type":"article", tickers, keywords, title, subtitle, body, source};
// keys without a value are omitted. Throws RecordError when only boilerplate is left.
nlohmann::json parse_article_page(std::string_view text) {
    std::vector<std::string> lines = pt::split_lines(text);

    std::vector<std::string> tickers;
    std::size_t i = 0;
    while (i < lines.size() && (lines[i].empty() || pt::parse_ticker_tags(lines[i], tickers))) ++i;

    std::string source;
    std::vector<std::string> content = content_lines(lines, i, source);
    if (content.empty())
        throw RecordError("article page has no content beyond boilerplate (ticker tags, credits, disclaimer, "
                          "comment box)");

    nlohmann::json out = {{"type", "article"}};
    if (!tickers.empty()) out["tickers"] = tickers;
    if (!source.empty()) out["source"] = source;

    std::size_t k = 0;
    // The keyword line follows the tags; without tags the first line is the title.
    if (!tickers.empty() && content.size() >= 2 && looks_like_keywords(content[0])) out["keywords"] = content[k++];

    std::unordered_set<std::string> seen;
    out["title"] = content[k];
    seen.insert(pt::dedupe_key(content[k]));
    ++k;
    if (k + 1 < content.size() && looks_like_subtitle(content[k])) {  // a body must follow it
        out["subtitle"] = content[k];
        seen.insert(pt::dedupe_key(content[k]));
        ++k;
    }

    std::string body;
    for (; k < content.size(); ++k) {
        if (!seen.insert(pt::dedupe_key(content[k])).second) continue;  // the repeated copy
        if (!body.empty()) body += '\n';
        body += content[k];
    }
    if (!body.empty()) out["body"] = std::move(body);
    return out;
}

}  // namespace bw
