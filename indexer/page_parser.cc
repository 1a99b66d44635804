// detect_page_kind. The parsers themselves are in article_page.cc and signal_page.cc; the line
// helpers they share are in page_text.cc.
#include "indexer/page_parser.h"

#include "indexer/page_text.h"

namespace bw {
namespace {

namespace pt = page_text;

// JSON text rather than a page: an object, or an array of objects/strings/arrays.
bool looks_like_json(std::string_view trimmed) {
    if (trimmed.front() == '{') return true;
    if (trimmed.front() != '[') return false;
    std::string_view rest = pt::trim(trimmed.substr(1));
    return rest.empty() || rest.front() == '{' || rest.front() == '[' || rest.front() == '"' || rest.front() == ']';
}

}  // namespace

// Signal: a `str <n> <m>/<d>/<yyyy>` line plus an "Analysis" or "Key actors" heading, or the
// "← all signals" navigation near the top (a truncated signal page must not be parsed as an article,
// which would store its tagline). Article: ticker tags first, or at least a title line followed by a
// body line of a few words. Nothing for empty text and JSON.
std::optional<PageKind> detect_page_kind(std::string_view text) {
    std::vector<std::string> lines = pt::split_lines(text);
    std::size_t first = 0;
    while (first < lines.size() && lines[first].empty()) ++first;
    if (first == lines.size()) return std::nullopt;
    if (looks_like_json(lines[first])) return std::nullopt;

    bool meta = false, heading = false, navigation = false;
    pt::SignalMeta scratch;
    for (std::size_t i = first; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (line.empty()) continue;
        if (!meta && pt::parse_signal_meta(line, scratch)) meta = true;
        auto h = pt::signal_heading(line);
        if (h == pt::SignalHeading::Analysis || h == pt::SignalHeading::KeyActors) heading = true;
        if (i < first + 12 && pt::is_navigation_line(line) && pt::ifind(line, "signals") != std::string_view::npos)
            navigation = true;
    }
    if ((meta && heading) || navigation) return PageKind::Signal;

    std::vector<std::string> tags;
    if (pt::parse_ticker_tags(lines[first], tags)) return PageKind::Article;

    // A title and a body: two content lines, the later ones holding at least a short sentence.
    std::size_t content = 0;
    bool body = false;
    for (std::size_t i = first; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (line.empty() || pt::is_article_boilerplate(line) || pt::find_disclaimer(line) == 0) continue;
        if (pt::is_comment_box_heading(line)) break;
        if (++content >= 2 && pt::word_count(line) >= 4) body = true;
        if (body) return PageKind::Article;
    }
    return std::nullopt;
}

}  // namespace bw
