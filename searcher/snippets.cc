#include "searcher/snippets.h"

#include <algorithm>
#include <map>

namespace bw {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Number of UTF-8 characters in text[begin, end).
std::size_t char_count(std::string_view text, std::size_t begin, std::size_t end) {
    std::size_t n = 0;
    for (std::size_t i = begin; i < end && i < text.size(); ++i) n += !is_continuation(static_cast<unsigned char>(text[i]));
    return n;
}

// Byte offset `chars` characters after `begin` (or the end).
std::size_t advance_chars(std::string_view text, std::size_t begin, std::size_t chars) {
    std::size_t i = begin;
    while (i < text.size() && chars > 0) {
        ++i;
        while (i < text.size() && is_continuation(static_cast<unsigned char>(text[i]))) ++i;
        --chars;
    }
    return i;
}

// Collapses runs of white space (newlines included) to single spaces, remapping mark ranges.
Snippet squeeze(std::string_view text, std::size_t begin, std::size_t end,
                const std::vector<std::pair<std::size_t, std::size_t>>& marks) {
    Snippet out;
    std::vector<std::size_t> new_pos(end - begin + 1, 0);
    bool space = false;
    for (std::size_t i = begin; i < end; ++i) {
        new_pos[i - begin] = out.text.size();
        char c = text[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            if (!space && !out.text.empty()) out.text += ' ';
            space = true;
        } else {
            out.text += c;
            space = false;
        }
    }
    new_pos[end - begin] = out.text.size();
    while (!out.text.empty() && out.text.back() == ' ') out.text.pop_back();
    for (const auto& [b, e] : marks) {
        if (b < begin || e > end) continue;
        std::size_t nb = new_pos[b - begin], ne = std::min(new_pos[e - begin], out.text.size());
        if (nb < ne) out.marks.emplace_back(nb, ne);
    }
    return out;
}

}  // namespace

const std::string& StemCache::stem(const Analyzer& analyzer, const std::string& word) {
    if (auto known = stems_.find(word); known != stems_.end()) return known->second;
    if (stems_.size() >= kMaxWords) stems_.clear();
    return stems_.emplace(word, analyzer.stem(word)).first->second;
}

SnippetMaker::SnippetMaker(const Analyzer& analyzer, const std::vector<std::string>& terms,
                           const std::vector<std::string>& stems, StemCache* cache)
    : analyzer_(analyzer), terms_(terms.begin(), terms.end()), stems_(stems.begin(), stems.end()), cache_(cache) {}

std::string SnippetMaker::stem(const std::string& word) const {
    return cache_ ? cache_->stem(analyzer_, word) : analyzer_.stem(word);
}

bool SnippetMaker::matches(const std::string& token) const {
    if (terms_.count(token)) return true;
    if (stems_.empty()) return false;
    const std::string word_stem = stem(token);
    return !word_stem.empty() && stems_.count(word_stem);
}

Snippet SnippetMaker::make(std::string_view text, std::size_t length, bool* matched) const {
    if (length == 0) length = 200;
    std::vector<Token> tokens = analyzer_.tokenize(text);
    std::vector<std::size_t> hits;  // indexes into tokens
    std::vector<std::string> hit_key;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (matches(tokens[i].text)) {
            hits.push_back(i);
            std::string hit_stem = stem(tokens[i].text);
            hit_key.push_back(hit_stem.empty() ? tokens[i].text : hit_stem);
        }
    }
    if (matched) *matched = !hits.empty();

    // Best window: starts at a hit, spans `length` characters; most distinct words, then most hits.
    std::size_t best_begin = 0;
    if (!hits.empty()) {
        std::size_t best_distinct = 0, best_count = 0;
        for (std::size_t h = 0; h < hits.size(); ++h) {
            std::size_t start = tokens[hits[h]].begin;
            std::size_t limit = advance_chars(text, start, length);
            std::map<std::string, int> seen;
            std::size_t count = 0;
            for (std::size_t k = h; k < hits.size() && tokens[hits[k]].end <= limit; ++k) {
                ++seen[hit_key[k]];
                ++count;
            }
            if (seen.size() > best_distinct || (seen.size() == best_distinct && count > best_count)) {
                best_distinct = seen.size();
                best_count = count;
                best_begin = start;
            }
        }
        // Step back a little so the first match has some context, to a word start.
        std::size_t context = std::min<std::size_t>(length / 5, 40);
        std::size_t back = best_begin;
        std::size_t chars = 0;
        while (back > 0 && chars < context) {
            --back;
            while (back > 0 && is_continuation(static_cast<unsigned char>(text[back]))) --back;
            ++chars;
        }
        if (back > 0) {
            // Move forward to the start of a word (after a space), unless that passes the match.
            std::size_t space = text.find_first_of(" \n\t", back);
            back = space != std::string_view::npos && space + 1 <= best_begin ? space + 1 : best_begin;
        }
        // Prefer a sentence start when one is close.
        best_begin = back;
    }
    std::size_t end = advance_chars(text, best_begin, length);
    if (end < text.size()) {
        // Cut at the last word boundary inside the window.
        std::size_t space = text.rfind(' ', end);
        std::size_t newline = text.rfind('\n', end);
        std::size_t cut = space == std::string_view::npos ? newline
                          : newline == std::string_view::npos ? space
                                                              : std::max(space, newline);
        if (cut != std::string_view::npos && cut > best_begin + length / 2) end = cut;
    }
    std::vector<std::pair<std::size_t, std::size_t>> marks;
    for (std::size_t i : hits) {
        if (tokens[i].begin >= best_begin && tokens[i].end <= end) marks.emplace_back(tokens[i].begin, tokens[i].end);
    }
    Snippet snippet = squeeze(text, best_begin, end, marks);
    snippet.leading_ellipsis = best_begin > 0;
    snippet.trailing_ellipsis = end < text.size();
    (void)char_count;
    return snippet;
}

}  // namespace bw
