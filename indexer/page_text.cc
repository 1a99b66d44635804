#include "indexer/page_text.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdlib>

#include <unicode/uchar.h>

namespace bw::page_text {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Decodes the code point at s[i] and advances i past it. An ill-formed sequence (bad lead byte,
// truncation, overlong form, surrogate, > U+10FFFF) yields -1 and advances one byte.
int32_t next_code_point(std::string_view s, std::size_t& i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        ++i;
        return c;
    }
    std::size_t len;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07, min = 0x10000;
    else {
        ++i;
        return -1;
    }
    if (len > s.size() - i) {
        ++i;
        return -1;
    }
    for (std::size_t k = 1; k < len; ++k) {
        auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) {
            ++i;
            return -1;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return -1;
    }
    i += len;
    return static_cast<int32_t>(cp);
}

// The code point that ends at `end` (valid UTF-8 assumed) and where it starts.
int32_t prev_code_point(std::string_view s, std::size_t end, std::size_t& start) {
    start = end - 1;
    while (start > 0 && end - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    std::size_t i = start;
    return next_code_point(s.substr(0, end), i);
}

bool is_space(int32_t cp) {
    return cp == ' ' || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF || (cp > 0x7F && u_isUWhiteSpace(cp));
}

bool is_line_break(int32_t cp) { return cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 || cp == 0x2029; }

bool is_control(int32_t cp) { return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F); }

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// Skips ASCII spaces and NBSPs from `pos`; returns how many bytes were skipped.
std::size_t skip_spaces(std::string_view s, std::size_t& pos) {
    std::size_t start = pos;
    while (pos < s.size()) {
        if (s[pos] == ' ') ++pos;
        else if (s.substr(pos, 2) == "\xC2\xA0") pos += 2;
        else break;
    }
    return pos - start;
}

// Runs of ASCII digits from `pos` (at most `max` of them); returns how many were read.
std::size_t read_digits(std::string_view s, std::size_t& pos, std::size_t max) {
    std::size_t start = pos;
    while (pos < s.size() && pos - start < max && is_digit(s[pos])) ++pos;
    if (pos < s.size() && is_digit(s[pos])) return 0;  // too many digits
    return pos - start;
}

bool parse_date(std::string_view s, std::size_t& pos) {
    std::size_t p = pos;
    std::size_t a = read_digits(s, p, 4);
    if (a >= 1 && a <= 2 && p < s.size() && s[p] == '/') {  // m/d/yyyy
        ++p;
        std::size_t b = read_digits(s, p, 2);
        if (b < 1 || p >= s.size() || s[p] != '/') return false;
        ++p;
        if (read_digits(s, p, 4) != 4) return false;
    } else if (a == 4 && p < s.size() && s[p] == '-') {  // yyyy-mm-dd
        ++p;
        if (read_digits(s, p, 2) != 2 || p >= s.size() || s[p] != '-') return false;
        ++p;
        if (read_digits(s, p, 2) != 2) return false;
    } else {
        return false;
    }
    if (p < s.size() && (is_ascii_alpha(s[p]) || is_digit(s[p]) || s[p] == '/')) return false;
    pos = p;
    return true;
}

std::vector<std::string_view> words(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos < s.size()) {
        while (pos < s.size() && s[pos] == ' ') ++pos;
        std::size_t start = pos;
        while (pos < s.size() && s[pos] != ' ') ++pos;
        if (pos > start) out.push_back(s.substr(start, pos - start));
    }
    return out;
}

bool starts_upper_or_digit(std::string_view word) {
    if (word.empty()) return false;
    std::size_t i = 0;
    int32_t cp = next_code_point(word, i);
    return cp >= 0 && (u_isupper(cp) || u_istitle(cp) || u_isdigit(cp));
}

}  // namespace

std::vector<std::string> split_lines(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<std::string> lines;
    std::string current;
    auto finish = [&] {
        lines.emplace_back(trim(current));
        current.clear();
    };
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t start = i;
        int32_t cp = next_code_point(text, i);
        if (cp == '\n') {
            finish();
        } else if (cp == '\r') {
            if (i < text.size() && text[i] == '\n') ++i;
            finish();
        } else if (is_line_break(cp)) {
            finish();
        } else if (cp < 0) {
            current += kReplacement;
        } else if (is_control(cp)) {
            current += ' ';
        } else {
            current.append(text.substr(start, i - start));
        }
    }
    finish();  // the last line (empty when the text ends with a line break)
    return lines;
}

std::string_view trim(std::string_view s) {
    std::size_t begin = 0;
    while (begin < s.size()) {
        std::size_t next = begin;
        if (!is_space(next_code_point(s, next))) break;
        begin = next;
    }
    std::size_t end = s.size();
    while (end > begin) {
        std::size_t start;
        if (!is_space(prev_code_point(s, end, start))) break;
        end = start;
    }
    return s.substr(begin, end - begin);
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool iends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

std::size_t ifind(std::string_view s, std::string_view needle, std::size_t from) {
    if (needle.empty()) return from <= s.size() ? from : std::string_view::npos;
    auto it = std::search(s.begin() + static_cast<std::ptrdiff_t>(std::min(from, s.size())), s.end(),
                          needle.begin(), needle.end(), [](char a, char b) { return lower(a) == lower(b); });
    return it == s.end() ? std::string_view::npos : static_cast<std::size_t>(it - s.begin());
}

std::string dedupe_key(std::string_view s) {
    std::string key;
    key.reserve(s.size());
    for (char c : s) {
        if (c == ' ' && (key.empty() || key.back() == ' ')) continue;
        key += lower(c);
    }
    if (!key.empty() && key.back() == ' ') key.pop_back();
    return key;
}

std::size_t word_count(std::string_view s) { return words(s).size(); }

bool is_all_lowercase(std::string_view s) {
    bool letter = false;
    for (std::size_t i = 0; i < s.size();) {
        int32_t cp = next_code_point(s, i);
        if (cp < 0) continue;
        if (u_isupper(cp) || u_istitle(cp)) return false;
        if (u_isalpha(cp)) letter = true;
    }
    return letter;
}

bool ends_with_sentence_punctuation(std::string_view s) {
    s = trim(s);
    // Look through closing quotes and brackets: `... said."` ends a sentence too.
    while (!s.empty()) {
        std::size_t start;
        int32_t cp = prev_code_point(s, s.size(), start);
        if (cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019) {
            s = s.substr(0, start);
            continue;
        }
        return cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == ';' || cp == 0x2026;
    }
    return false;
}

bool contains_email(std::string_view s) {
    auto local_char = [](char c) {
        return is_ascii_alpha(c) || is_digit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    };
    auto domain_char = [](char c) { return is_ascii_alpha(c) || is_digit(c) || c == '.' || c == '-'; };
    for (std::size_t at = s.find('@'); at != std::string_view::npos; at = s.find('@', at + 1)) {
        if (at == 0 || !local_char(s[at - 1])) continue;
        std::size_t end = at + 1;
        while (end < s.size() && domain_char(s[end])) ++end;
        std::string_view domain = s.substr(at + 1, end - at - 1);
        while (!domain.empty() && (domain.back() == '.' || domain.back() == '-')) domain.remove_suffix(1);
        std::size_t dot = domain.rfind('.');
        if (dot == std::string_view::npos || dot == 0) continue;
        std::string_view tld = domain.substr(dot + 1);
        if (tld.size() >= 2 && std::all_of(tld.begin(), tld.end(), is_ascii_alpha)) return true;
    }
    return false;
}

bool parse_ticker_tags(std::string_view line, std::vector<std::string>& tickers) {
    auto tokens = words(line);
    if (tokens.empty() || tokens.size() > 32) return false;
    std::vector<std::string> found;
    for (std::string_view token : tokens) {
        if (token.size() < 3 || token.substr(token.size() - 2) != "--") return false;
        std::string_view body = token.substr(0, token.size() - 2);
        if (!body.empty() && body.front() == '$') body.remove_prefix(1);
        if (body.empty() || body.size() > 15 || body.back() == '-' || body.back() == '.') return false;
        if (!is_ascii_alpha(body.front()) && !is_digit(body.front())) return false;
        bool letter = false;
        std::string ticker;
        for (char c : body) {
            if (!is_ascii_alpha(c) && !is_digit(c) && c != '.' && c != '-' && c != '^') return false;
            letter = letter || is_ascii_alpha(c);
            ticker += upper(c);
        }
        if (!letter) return false;
        found.push_back(std::move(ticker));
    }
    for (auto& ticker : found)
        if (std::find(tickers.begin(), tickers.end(), ticker) == tickers.end()) tickers.push_back(std::move(ticker));
    return true;
}

bool parse_signal_meta(std::string_view line, SignalMeta& meta) {
    if (!istarts_with(line, "str")) return false;
    std::size_t pos = 3;
    if (!skip_spaces(line, pos)) return false;
    std::size_t number_start = pos;
    std::size_t int_digits = read_digits(line, pos, 12);
    if (int_digits == 0) return false;
    bool fractional = false;
    if (pos + 1 < line.size() && line[pos] == '.' && is_digit(line[pos + 1])) {
        ++pos;
        if (read_digits(line, pos, 6) == 0) return false;
        fractional = true;
    }
    std::string number(line.substr(number_start, pos - number_start));
    if (!skip_spaces(line, pos)) return false;
    std::size_t date_start = pos;
    if (!parse_date(line, pos)) return false;

    if (fractional) meta.strength = std::strtod(number.c_str(), nullptr);
    else meta.strength = std::stoll(number);
    meta.date = std::string(line.substr(date_start, pos - date_start));
    meta.article_count = nullptr;

    std::string_view rest = line.substr(pos);
    std::size_t word = ifind(rest, "article");
    if (word != std::string_view::npos) {
        std::size_t end = word;
        while (end > 0 && rest[end - 1] == ' ') --end;
        std::size_t start = end;
        while (start > 0 && end - start < 9 && is_digit(rest[start - 1])) --start;
        if (start < end && (start == 0 || !is_digit(rest[start - 1])))
            meta.article_count = std::stoll(std::string(rest.substr(start, end - start)));
    }
    return true;
}

SignalHeading signal_heading(std::string_view line) {
    std::string_view t = trim(line);
    while (!t.empty() && (t.back() == ':' || t.back() == ' ')) t.remove_suffix(1);
    if (t.size() > 60) return SignalHeading::None;
    if (iequals(t, "analysis")) return SignalHeading::Analysis;
    if (iequals(t, "key actors") || iequals(t, "key actor")) return SignalHeading::KeyActors;
    if (iequals(t, "reasoning") || (istarts_with(t, "reasoning from ") && word_count(t) <= 5))
        return SignalHeading::Reasoning;
    if (istarts_with(t, "source article")) {
        std::string_view rest = t.substr(14);
        if (!rest.empty() && (rest.front() == 's' || rest.front() == 'S')) rest.remove_prefix(1);
        if (!rest.empty() && rest.front() != ' ') return SignalHeading::None;
        for (std::string_view w : words(rest)) {  // "Source article 2", "Source article (1 of 3)"
            if (iequals(w, "of")) continue;
            for (char c : w)
                if (!is_digit(c) && c != '/' && c != '(' && c != ')' && c != '#' && c != '.' && c != '-')
                    return SignalHeading::None;
        }
        return SignalHeading::SourceArticle;
    }
    return SignalHeading::None;
}

bool is_navigation_line(std::string_view line) {
    if (line.empty() || line.size() > 60) return false;
    if (ifind(line, "all signals") != std::string_view::npos) return true;
    for (std::string_view arrow : {"\xE2\x86\x90", "<-", "\xC2\xAB", "\xE2\x80\xB9"})  // ← <- « ‹
        if (line.substr(0, arrow.size()) == arrow) return true;
    return iequals(line, "back");
}

bool is_account_line(std::string_view line) { return contains_email(line) && word_count(line) <= 8; }

bool is_footer_line(std::string_view line) {
    if (line.empty() || line.size() > 120 || word_count(line) > 10) return false;
    bool mark = line.find("\xC2\xB7") != std::string_view::npos || line.find("\xC2\xA9") != std::string_view::npos ||
                line.find('|') != std::string_view::npos || ifind(line, "(c)") != std::string_view::npos ||
                ifind(line, "all rights reserved") != std::string_view::npos;
    if (!mark) return false;
    for (std::string_view w : words(line)) {
        while (!w.empty() && !is_digit(w.back())) w.remove_suffix(1);
        while (!w.empty() && !is_digit(w.front())) w.remove_prefix(1);
        if (w.size() == 4 && std::all_of(w.begin(), w.end(), is_digit) && (w.substr(0, 2) == "19" || w.substr(0, 2) == "20"))
            return true;
    }
    return false;
}

bool is_article_boilerplate(std::string_view line) {
    if (line.size() <= 200 && istarts_with(line, "credit to")) return true;
    for (std::string_view exact : {"No comments yet", "No comments yet.", "Be the first to comment", "Report an Issue"})
        if (iequals(line, exact)) return true;
    return is_account_line(line);
}

bool is_comment_box_heading(std::string_view line) {
    if (line.size() > 30) return false;
    std::string_view t = line;
    std::size_t pos = 0;
    if (read_digits(t, pos, 9) > 0) {  // "3 Comments"
        skip_spaces(t, pos);
        return iequals(t.substr(pos), "comments") || iequals(t.substr(pos), "comment");
    }
    if (!istarts_with(t, "comments")) return false;
    t = trim(t.substr(8));  // "Comments", "Comments (3)", "Comments:"
    return t.empty() || t == ":" || (t.front() == '(' && t.back() == ')');
}

std::size_t find_disclaimer(std::string_view line) {
    for (std::size_t at = line.find("Disclaimer:"); at != std::string_view::npos; at = line.find("Disclaimer:", at + 1))
        if (at == 0 || !(is_ascii_alpha(line[at - 1]) || is_digit(line[at - 1]))) return at;
    return std::string_view::npos;
}

std::string disclaimer_source(std::string_view disclaimer) {
    std::size_t at = std::string_view::npos;
    for (std::string_view phrase : {" is not responsible", " are not responsible", " is not liable"})
        at = std::min(at, ifind(disclaimer, phrase));
    if (at == std::string_view::npos) return "";
    auto before = words(disclaimer.substr(0, at));
    std::vector<std::string_view> name;
    for (auto it = before.rbegin(); it != before.rend() && name.size() < 5; ++it) {
        std::string_view w = *it;
        if (!starts_upper_or_digit(w)) break;
        // A word ending a sentence or clause belongs to what came before ("...information. Ainvest"),
        // except right before the verb ("Foo Inc. is not responsible").
        char last = w.back();
        if (!name.empty() && (last == '.' || last == ':' || last == ',' || last == ';')) break;
        if (name.empty() && (last == ':' || last == ',' || last == ';')) break;
        name.push_back(w);
    }
    std::string out;
    for (auto it = name.rbegin(); it != name.rend(); ++it) {
        if (!out.empty()) out += ' ';
        out += *it;
    }
    static constexpr std::array<std::string_view, 10> kPronouns = {"We", "It", "This", "That", "They",
                                                                   "He", "She", "I", "You", "Neither"};
    if (std::find(kPronouns.begin(), kPronouns.end(), out) != kPronouns.end()) return "";
    return out;
}

std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) return s;
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return s.substr(0, cut);
}

}  // namespace bw::page_text
