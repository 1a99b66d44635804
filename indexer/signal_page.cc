// parse_signal_page: signal pages in the layout of ../shared/seeds/003_*.txt.
//
//   Marco andrea@passaglia.it              account line (reader's name and e-mail): never stored
//   The Bellwether                         publisher
//   A morning brief, composed for you...   tagline: never stored
//   ← all signals                          navigation: never stored
//   <headline>                             title
//   str 8 3/27/2026 · 1 article            strength, date, article count
//   economic · technological · AI · US     categories
//   Analysis / <paragraphs>
//   Key actors / MicronGoogleMorgan Stanley    (separators lost: split with the entity registry)
//   Source article / <title> / "quote" [label]...      (repeated per source)
//   Reasoning from this article / <paragraphs>        (per source)
//   Bellwether · 2026 Marco                footer: never stored
//
// The header is located relative to the metadata line and the navigation line rather than by line
// number, so a missing account line, publisher or tagline does not shift the fields.
#include <algorithm>
#include <string>
#include <vector>

#include "core/errors.h"
#include "indexer/page_parser.h"
#include "indexer/page_text.h"

namespace bw {
namespace {

namespace pt = page_text;
using nlohmann::json;

// Bounds on split_actor_line's work (it tries every known name length at every byte) on fuzzed input.
constexpr std::size_t kMaxActorLineBytes = 2000;
constexpr std::size_t kMaxActorBytes = 20000;  // over all "Key actors" lines of a page
constexpr std::size_t kMaxListItems = 200;

struct SourceBlock {
    std::string title;
    json quotes = json::array();
    std::vector<std::string> reasoning;
};

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const auto& part : parts) {
        if (!out.empty()) out += separator;
        out += part;
    }
    return out;
}

void add_unique(std::vector<std::string>& list, std::string item) {
    if (!item.empty() && list.size() < kMaxListItems && std::find(list.begin(), list.end(), item) == list.end())
        list.push_back(std::move(item));
}

bool looks_like_tagline(std::string_view line) {
    return pt::ends_with_sentence_punctuation(line) || pt::ifind(line, "morning brief") != std::string_view::npos ||
           pt::ifind(line, "composed for you") != std::string_view::npos;
}

bool looks_like_publisher(std::string_view line) {
    return line.size() <= 60 && pt::word_count(line) <= 6 && !looks_like_tagline(line);
}

// "economic · technological · AI · US" -> its items; false when the line does not look like a list
// of short labels (then it is not a categories line).
bool split_categories(std::string_view line, std::vector<std::string>& out) {
    std::vector<std::string> items;
    std::size_t start = 0;
    auto take = [&](std::size_t end) {
        std::string_view item = pt::trim(line.substr(start, end - start));
        if (!item.empty()) add_unique(items, std::string(item));
    };
    for (std::size_t i = 0; i < line.size();) {
        std::size_t width = 0;
        if (line.substr(i, 2) == "\xC2\xB7") width = 2;                 // ·
        else if (line.substr(i, 3) == "\xE2\x80\xA2") width = 3;        // •
        else if (line[i] == '|' || line[i] == ',') width = 1;
        if (width == 0) {
            ++i;
            continue;
        }
        take(i);
        i += width;
        start = i;
    }
    take(line.size());
    if (items.empty()) return false;
    for (const auto& item : items)
        if (item.size() > 40 || pt::word_count(item) > 4) return false;
    out = std::move(items);
    return true;
}

// A quote line: `"text" [label]` with straight or curly quotes; the label is optional.
struct Quote {
    std::string text, label;
    bool opened = false, closed = false;
};

bool parse_quote(std::string_view line, Quote& quote) {
    std::string_view text = line;
    quote = Quote{};
    if (!text.empty() && text.back() == ']') {
        if (std::size_t open = text.rfind('['); open != std::string_view::npos) {
            quote.label = std::string(pt::trim(text.substr(open + 1, text.size() - open - 2)));
            text = pt::trim(text.substr(0, open));
        }
    }
    for (std::string_view mark : {"\"", "\xE2\x80\x9C", "\xE2\x80\x9E", "\xC2\xAB", "\xE2\x80\x9D"}) {  // " “ „ « ”
        if (text.substr(0, mark.size()) == mark) {
            text.remove_prefix(mark.size());
            quote.opened = true;
            break;
        }
    }
    for (std::string_view mark : {"\"", "\xE2\x80\x9D", "\xE2\x80\x9C", "\xC2\xBB"}) {  // " ” “ »
        if (text.size() >= mark.size() && text.substr(text.size() - mark.size()) == mark) {
            text.remove_suffix(mark.size());
            quote.closed = true;
            break;
        }
    }
    quote.text = std::string(pt::trim(text));
    return !quote.text.empty() && (quote.opened || !quote.label.empty());
}

json quote_json(const Quote& quote) {
    json out = {{"text", quote.text}};
    if (!quote.label.empty()) out["label"] = quote.label;
    return out;
}

}  // namespace

// Parses a signal page into {"type":"signal", publisher, title, strength, date, article_count,
// categories, analysis, actors, sources, reasoning}; the account line, tagline, navigation and footer
// are dropped. Throws RecordError when the page has neither a title nor an analysis.
nlohmann::json parse_signal_page(std::string_view text, const EntityRegistry& registry) {
    std::vector<std::string> lines = pt::split_lines(text);

    std::size_t end = lines.size();  // the footer ("Bellwether · 2026 Marco") and trailing blanks
    while (end > 0 && (lines[end - 1].empty() || pt::is_footer_line(lines[end - 1]))) --end;

    // The header (account, publisher, tagline, navigation, title) ends at the metadata line or at
    // the first section heading.
    pt::SignalMeta meta;
    std::size_t header_end = end;
    for (std::size_t i = 0; i < end && header_end == end; ++i)
        if (pt::parse_signal_meta(lines[i], meta) || pt::signal_heading(lines[i]) != pt::SignalHeading::None)
            header_end = i;
    const bool structured = header_end < end;

    std::vector<std::string> before_nav, after_nav;
    bool seen_nav = false;
    for (std::size_t i = 0; i < header_end; ++i) {
        const std::string& line = lines[i];
        if (line.empty() || pt::is_account_line(line) || pt::is_footer_line(line)) continue;
        if (pt::is_navigation_line(line)) {
            seen_nav = true;
            before_nav.insert(before_nav.end(), after_nav.begin(), after_nav.end());
            after_nav.clear();
            continue;
        }
        (seen_nav ? after_nav : before_nav).push_back(line);
    }
    std::string title;
    if (seen_nav) {
        title = join(after_nav, " ");
    } else if (!before_nav.empty() && !looks_like_tagline(before_nav.back()) &&
               (structured || before_nav.size() >= 2)) {
        // Without navigation the headline is the line right before the metadata line.
        title = before_nav.back();
        before_nav.pop_back();
    }
    std::string publisher;
    if (!before_nav.empty() && looks_like_publisher(before_nav.front())) publisher = before_nav.front();

    enum class Mode { None, Analysis, Actors, SourceTitle, Quotes, Reasoning } mode = Mode::None;
    bool meta_found = false, expect_categories = false;
    std::vector<std::string> categories, analysis, actors, orphan_reasoning;
    std::vector<SourceBlock> blocks;
    Quote quote;
    std::size_t actor_budget = kMaxActorBytes;
    for (std::size_t i = header_end; i < end; ++i) {
        std::string_view line = lines[i];
        if (line.empty()) continue;
        if (!meta_found && pt::parse_signal_meta(line, meta)) {
            meta_found = expect_categories = true;
            mode = Mode::None;
            continue;
        }
        if (auto heading = pt::signal_heading(line); heading != pt::SignalHeading::None) {
            expect_categories = false;
            switch (heading) {
                case pt::SignalHeading::Analysis: mode = Mode::Analysis; break;
                case pt::SignalHeading::KeyActors: mode = Mode::Actors; break;
                case pt::SignalHeading::Reasoning: mode = Mode::Reasoning; break;
                case pt::SignalHeading::SourceArticle:
                    if (blocks.size() < kMaxListItems) blocks.emplace_back();
                    mode = Mode::SourceTitle;
                    break;
                case pt::SignalHeading::None: break;
            }
            continue;
        }
        if (expect_categories) {
            expect_categories = false;
            if (split_categories(line, categories)) continue;
        }
        if (pt::is_navigation_line(line) || pt::is_account_line(line) || pt::is_footer_line(line)) continue;
        switch (mode) {
            case Mode::None: break;  // stray text between sections: not part of any field
            case Mode::Analysis: analysis.emplace_back(line); break;
            case Mode::Actors: {
                std::string_view names = pt::utf8_prefix(line, std::min(kMaxActorLineBytes, actor_budget));
                actor_budget -= names.size();
                for (auto& name : registry.split_actor_line(names)) add_unique(actors, std::move(name));
                break;
            }
            case Mode::SourceTitle:
                mode = Mode::Quotes;
                // A title may itself start with a quoted phrase; only a whole quote is a quote.
                if (parse_quote(line, quote) && (quote.closed || !quote.label.empty())) {
                    if (!blocks.empty()) blocks.back().quotes.push_back(quote_json(quote));
                } else if (!blocks.empty()) {
                    blocks.back().title = std::string(line);
                }
                break;
            case Mode::Quotes:
                if (parse_quote(line, quote) && !blocks.empty() && blocks.back().quotes.size() < kMaxListItems)
                    blocks.back().quotes.push_back(quote_json(quote));
                break;
            case Mode::Reasoning:
                (blocks.empty() ? orphan_reasoning : blocks.back().reasoning).emplace_back(line);
                break;
        }
    }

    std::string analysis_text = join(analysis, "\n\n");
    if (title.empty() && analysis_text.empty())
        throw RecordError("signal page has no title and no analysis (nothing beyond boilerplate)");

    json out = {{"type", "signal"}};
    if (!publisher.empty()) out["publisher"] = publisher;
    if (!title.empty()) out["title"] = title;
    if (meta_found) {
        out["strength"] = meta.strength;
        out["date"] = meta.date;
        if (!meta.article_count.is_null()) out["article_count"] = meta.article_count;
    }
    if (!categories.empty()) out["categories"] = categories;
    if (!analysis_text.empty()) out["analysis"] = analysis_text;
    if (!actors.empty()) out["actors"] = actors;

    std::vector<std::string> all_reasoning = orphan_reasoning;
    json sources = json::array();
    for (const auto& block : blocks) {
        json source = json::object();
        if (!block.title.empty()) source["title"] = block.title;
        if (!block.quotes.empty()) source["quotes"] = block.quotes;
        if (!block.reasoning.empty()) source["reasoning"] = join(block.reasoning, "\n\n");
        all_reasoning.insert(all_reasoning.end(), block.reasoning.begin(), block.reasoning.end());
        if (!source.empty()) sources.push_back(std::move(source));
    }
    if (!sources.empty()) out["sources"] = std::move(sources);
    if (!all_reasoning.empty()) out["reasoning"] = join(all_reasoning, "\n\n");
    return out;
}

}  // namespace bw
