// Parsers for raw page text in the layouts of the two seed documents (../shared/seeds/):
// scraped article pages (ticker tags `MU--`, keyword line, title, subtitle, body, disclaimer) and
// signal pages (publisher, title, `str 8 3/27/2026 · 1 article`, categories, analysis, key actors,
// source articles with quotes, reasoning). Boilerplate (the repeated body copy, disclaimer, comment
// box, credit lines; the account line with the reader's name and e-mail, tagline, navigation and
// footer) is dropped here and never reaches a stored field or a term.
#pragma once

#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/entities.h"

namespace bw {

enum class PageKind { Article, Signal };

// Which layout a raw page is in, or nullopt when it is neither.
std::optional<PageKind> detect_page_kind(std::string_view text);

// A raw record with the built-in schemas' canonical keys plus "type": "article":
// tickers, keywords, title, subtitle, body, source (when the disclaimer names one).
// Throws RecordError when the page has no content beyond boilerplate.
nlohmann::json parse_article_page(std::string_view text);

// A raw record with "type": "signal": publisher, title, strength, date, article_count, categories,
// analysis, actors, sources [{title, quotes [{text, label}]}], reasoning.
// Throws RecordError when the page has no title and no analysis.
nlohmann::json parse_signal_page(std::string_view text, const EntityRegistry& registry);

}  // namespace bw
