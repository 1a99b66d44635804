#include "core/entity_matcher.h"

#include <cctype>

#include <algorithm>
#include <array>

namespace bw {
namespace {

bool is_ascii_alnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool is_ascii_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }

// Decodes the UTF-8 character at `pos`: its code point and byte length (an invalid byte: U+FFFD, 1).
std::pair<char32_t, std::size_t> decode(std::string_view text, std::size_t pos) {
    unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) return {c, 1};
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (len == 0 || pos + len > text.size()) return {0xFFFD, 1};
    char32_t cp = c & (0x3F >> (len - 1));
    for (std::size_t i = 1; i < len; ++i) {
        unsigned char d = static_cast<unsigned char>(text[pos + i]);
        if ((d & 0xC0) != 0x80) return {0xFFFD, 1};
        cp = (cp << 6) | (d & 0x3F);
    }
    return {cp, len};
}

// Characters that are part of a word: ASCII letters and digits, and non-ASCII characters other than
// spaces, punctuation and symbols (so "Nestlé", "東京エレクトロン" and "삼성전자" are words).
bool is_word_char(char32_t cp) {
    if (cp < 0x80) return is_ascii_alnum(static_cast<unsigned char>(cp));
    if (cp == 0xFFFD) return false;
    if (cp >= 0x80 && cp <= 0xBF) return false;                     // Latin-1 punctuation, NBSP
    if (cp == 0xD7 || cp == 0xF7) return false;                     // × ÷
    if (cp >= 0x2000 && cp <= 0x2BFF) return false;                 // punctuation, currency, arrows, symbols
    if (cp >= 0x3000 && cp <= 0x303F) return false;                 // CJK punctuation
    if (cp >= 0xFE30 && cp <= 0xFE4F) return false;                 // CJK compatibility forms
    if (cp >= 0xFF00 && cp <= 0xFF20 && !(cp >= 0xFF10 && cp <= 0xFF19)) return false;  // full-width punct.
    return true;
}

bool is_apostrophe(std::string_view text, std::size_t pos, std::size_t& len) {
    if (text[pos] == '\'') {
        len = 1;
        return true;
    }
    if (text.substr(pos, 3) == "\xE2\x80\x99") {  // ’
        len = 3;
        return true;
    }
    return false;
}

std::string ascii_lower(std::string_view word) {
    std::string out(word);
    for (char& c : out) {
        if (is_ascii_upper(static_cast<unsigned char>(c))) c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

bool has_non_ascii(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}
bool has_ascii_letter(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        return is_ascii_upper(static_cast<unsigned char>(c)) || is_ascii_lower(static_cast<unsigned char>(c));
    });
}

// A ticker as exchanges write it: 1-5 capitals, optionally a class suffix (BRK.B, BF-B). Returns the
// length at `pos` (0 if none) and requires a non-word character after it.
std::size_t ticker_at(std::string_view text, std::size_t pos, bool any_case) {
    auto letter = [&](std::size_t i) {
        if (i >= text.size()) return false;
        unsigned char c = static_cast<unsigned char>(text[i]);
        return is_ascii_upper(c) || (any_case && is_ascii_lower(c));
    };
    std::size_t i = pos;
    while (i < text.size() && i - pos < 6 && letter(i)) ++i;
    std::size_t letters = i - pos;
    if (letters == 0 || letters > (any_case ? 6 : 5)) return 0;
    if (i + 1 < text.size() && (text[i] == '.' || text[i] == '-') && letter(i + 1)) {
        std::size_t j = i + 1;
        while (j < text.size() && j - i <= 2 && letter(j)) ++j;
        if (j - i - 1 <= 2 && (j >= text.size() || !is_ascii_alnum(static_cast<unsigned char>(text[j])))) i = j;
    }
    if (i < text.size() && (is_ascii_alnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) return 0;
    return i - pos;
}

// Exchange names that may precede ':' and a ticker, lower case ("nyse american" is checked as "american"
// preceded by "nyse").
constexpr std::array<std::string_view, 17> kExchanges = {
    "nasdaq", "nyse", "amex", "tsx", "tsxv", "lse", "otc", "otcqx", "otcqb", "nasdaqgs", "nasdaqgm", "nasdaqcm",
    "hkex", "asx", "euronext", "xetra", "nysearca"};

// Bare upper-case words that are hand-kept tickers but more often something else.
constexpr std::array<std::string_view, 3> kBareStoplist = {"CRM", "ARM", "BAC"};

// True when most letters of the line around `pos` are capitals (a Reuters-style headline), where bare
// capitals say nothing.
bool in_capitals_line(std::string_view text, std::size_t pos) {
    std::size_t begin = text.rfind('\n', pos);
    begin = begin == std::string_view::npos ? 0 : begin + 1;
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::size_t upper = 0, lower = 0;
    for (std::size_t i = begin; i < end; ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        upper += is_ascii_upper(c);
        lower += is_ascii_lower(c);
    }
    return upper > lower;
}

// An exchange name written as a ticker prefix ("NASDAQ: MU", "NYSE:MS") is not a mention of the
// exchange operator as a company.
bool exchange_prefix(std::string_view text, const WordSpan& word) {
    std::string name = ascii_lower(text.substr(word.begin, word.end - word.begin));
    if (std::find(kExchanges.begin(), kExchanges.end(), name) == kExchanges.end()) return false;
    std::size_t at = word.end;
    while (at < text.size() && text[at] == ' ') ++at;
    return at < text.size() && text[at] == ':';
}

}  // namespace

std::vector<WordSpan> split_words(std::string_view text) {
    std::vector<WordSpan> words;
    std::size_t pos = 0;
    std::size_t start = std::string_view::npos;
    while (pos < text.size()) {
        auto [cp, len] = decode(text, pos);
        if (is_word_char(cp)) {
            if (start == std::string_view::npos) start = pos;
            pos += len;
            continue;
        }
        if (start != std::string_view::npos) {
            words.push_back({start, pos});
            start = std::string_view::npos;
            // A possessive 's ends the word and is no word of its own: "Micron's" is "Micron".
            std::size_t alen = 0;
            if (is_apostrophe(text, pos, alen) && pos + alen < text.size() &&
                (text[pos + alen] == 's' || text[pos + alen] == 'S') &&
                (pos + alen + 1 >= text.size() || !is_ascii_alnum(static_cast<unsigned char>(text[pos + alen + 1])))) {
                pos += alen + 1;
                continue;
            }
        }
        pos += len;
    }
    if (start != std::string_view::npos) words.push_back({start, text.size()});
    return words;
}

const EntityMatcher& EntityMatcher::builtin() {
    static const EntityMatcher matcher(EntityRegistry::builtin());
    return matcher;
}

EntityMatcher::EntityMatcher(const EntityRegistry& registry) : registry_(registry) {
    const auto& entities = registry.entities();
    for (std::size_t i = 0; i < entities.size(); ++i) {
        add_form(entities[i].name, i);
        for (const auto& alias : entities[i].aliases) add_form(alias, i);
    }
    for (auto& [first, forms] : by_first_word_) {
        std::stable_sort(forms.begin(), forms.end(),
                         [](const Form& a, const Form& b) { return a.words.size() > b.words.size(); });
    }
}

void EntityMatcher::add_form(const std::string& form, std::size_t entity) {
    const Entity& e = registry_.entities()[entity];
    if (has_non_ascii(form) && !has_ascii_letter(form) && form.find(' ') == std::string::npos) {
        if (form.size() >= 6) substrings_.push_back({form, entity});  // two or more CJK characters
        return;
    }
    Form f;
    f.entity = entity;
    for (const WordSpan& w : split_words(form)) {
        std::string_view word = std::string_view(form).substr(w.begin, w.end - w.begin);
        f.written.emplace_back(word);
        f.words.push_back(ascii_lower(word));
        bool any_upper = false, all_upper = true, first_upper = is_ascii_upper(static_cast<unsigned char>(word[0]));
        std::size_t letters = 0;
        for (char ch : word) {
            unsigned char c = static_cast<unsigned char>(ch);
            if (is_ascii_upper(c)) any_upper = true, ++letters;
            if (is_ascii_lower(c)) all_upper = false, ++letters;
        }
        CaseRule rule = CaseRule::Any;
        if (any_upper) rule = (all_upper && letters >= 2) || !first_upper ? CaseRule::Exact : CaseRule::Capitalised;
        // "AbbVie", "BlackRock", "SanDisk": a capital inside a capitalised word is house style, not a rule.
        if (any_upper && first_upper && !all_upper) rule = CaseRule::Capitalised;
        f.rules.push_back(rule);
    }
    if (f.words.empty()) return;
    if (f.words.size() == 1 && f.words[0].size() < 2) return;  // needs its longer forms
    auto& list = f.words.size() == 1 && e.common ? common_words_[f.words[0]] : by_first_word_[f.words[0]];
    for (const Form& existing : list) {
        if (existing.words == f.words && existing.written == f.written) return;
    }
    list.push_back(std::move(f));
}

std::vector<NameMention> EntityMatcher::find_names(std::string_view text) const {
    return find_names(text, split_words(text));
}

std::vector<TickerMention> EntityMatcher::find_tickers(std::string_view text) const {
    return find_tickers(text, split_words(text));
}

std::vector<NameMention> EntityMatcher::find_names(std::string_view text, const std::vector<WordSpan>& words) const {
    std::vector<NameMention> found;
    std::vector<std::string> folded;
    folded.reserve(words.size());
    for (const WordSpan& w : words) folded.push_back(ascii_lower(text.substr(w.begin, w.end - w.begin)));

    auto word_ok = [&](const Form& form, std::size_t k, std::size_t at) {
        if (folded[at] != form.words[k]) return false;
        std::string_view written = text.substr(words[at].begin, words[at].end - words[at].begin);
        switch (form.rules[k]) {
            case CaseRule::Any: return true;
            case CaseRule::Exact: return written == form.written[k];
            case CaseRule::Capitalised: {
                unsigned char c = static_cast<unsigned char>(written[0]);
                return is_ascii_upper(c) || (c >= '0' && c <= '9') || c >= 0x80;
            }
        }
        return false;
    };
    // Words of one name are separated by a little punctuation and spaces, or by the line break of
    // text wrapped at a fixed width (Reuters: "General Agreement on\nTariffs and Trade"); never by a
    // paragraph break (a blank line, or a line break followed by indentation).
    auto joined = [&](std::size_t at) {
        std::string_view gap = text.substr(words[at].end, words[at + 1].begin - words[at].end);
        if (gap.size() > 3) return false;
        const std::size_t line_break = gap.find('\n');
        if (line_break == std::string_view::npos) return true;
        return gap.find('\n', line_break + 1) == std::string_view::npos && line_break + 1 == gap.size();
    };

    for (std::size_t i = 0; i < words.size();) {
        auto it = by_first_word_.find(folded[i]);
        std::size_t matched = 0;
        if (it != by_first_word_.end()) {
            for (const Form& form : it->second) {
                const std::size_t n = form.words.size();
                if (i + n > words.size()) continue;
                bool ok = true;
                for (std::size_t k = 0; ok && k < n; ++k) ok = word_ok(form, k, i + k) && (k + 1 == n || joined(i + k));
                if (!ok) continue;
                if (n == 1 && exchange_prefix(text, words[i])) break;  // "NASDAQ: MU" names the exchange
                found.push_back({&registry_.entities()[form.entity], words[i].begin, words[i + n - 1].end});
                matched = n;
                break;
            }
        }
        i += matched ? matched : 1;
    }

    for (const Substring& s : substrings_) {
        for (std::size_t at = text.find(s.text); at != std::string_view::npos; at = text.find(s.text, at + s.text.size())) {
            bool overlaps = std::any_of(found.begin(), found.end(), [&](const NameMention& m) {
                return at < m.end && m.begin < at + s.text.size();
            });
            if (!overlaps) found.push_back({&registry_.entities()[s.entity], at, at + s.text.size()});
        }
    }
    auto by_position = [](const NameMention& a, const NameMention& b) { return a.begin < b.begin; };
    std::sort(found.begin(), found.end(), by_position);

    // The bare name of a `common` entity counts as an item of a list of companies: separated from a
    // company found above by a comma, "and", "or" or "&" (and spaces).
    if (!common_words_.empty() && !found.empty()) {
        auto list_separator = [&](std::size_t from, std::size_t to) {
            std::string gap;
            for (char c : text.substr(from, to - from)) {
                if (c != ' ') gap += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
            return gap == "," || gap == "and" || gap == ",and" || gap == "or" || gap == ",or" || gap == "&";
        };
        const std::vector<NameMention> companies = found;
        std::size_t next = 0;  // the first company starting after word i
        for (std::size_t i = 0; i < words.size(); ++i) {
            while (next < companies.size() && companies[next].begin < words[i].end) ++next;
            auto it = common_words_.find(folded[i]);
            if (it == common_words_.end()) continue;
            const bool inside = next > 0 && companies[next - 1].end > words[i].begin;
            if (inside) continue;
            const Form& form = it->second.front();
            if (!word_ok(form, 0, i)) continue;
            const bool after = next > 0 && list_separator(companies[next - 1].end, words[i].begin);
            const bool before = next < companies.size() && list_separator(words[i].end, companies[next].begin);
            if (after || before) found.push_back({&registry_.entities()[form.entity], words[i].begin, words[i].end});
        }
        std::sort(found.begin(), found.end(), by_position);
    }
    return found;
}

std::vector<TickerMention> EntityMatcher::find_tickers(std::string_view text, const std::vector<WordSpan>& words) const {
    std::vector<TickerMention> found;
    auto add = [&](std::size_t begin, std::size_t len, TickerForm form) {
        std::string ticker(text.substr(begin, len));
        for (char& c : ticker) {
            if (is_ascii_lower(static_cast<unsigned char>(c))) c = static_cast<char>(c - 'a' + 'A');
        }
        found.push_back({std::move(ticker), form, begin, begin + len});
    };
    auto word_before = [&](std::size_t end) {  // the ASCII word ending at `end` (spaces skipped)
        while (end > 0 && text[end - 1] == ' ') --end;
        std::size_t begin = end;
        while (begin > 0 && is_ascii_alnum(static_cast<unsigned char>(text[begin - 1]))) --begin;
        return std::pair<std::size_t, std::string>{begin, ascii_lower(text.substr(begin, end - begin))};
    };

    for (std::size_t pos = 0; pos < text.size(); ++pos) {
        const char c = text[pos];
        const bool after_word = pos > 0 && is_ascii_alnum(static_cast<unsigned char>(text[pos - 1]));
        if (c == '$' && !after_word && (pos == 0 || text[pos - 1] != '$')) {
            // $MU, $brk.b; not $100bn or US$5.
            if (std::size_t len = ticker_at(text, pos + 1, true)) add(pos + 1, len, TickerForm::Cashtag);
        } else if (c == '<' && !after_word) {
            std::size_t len = ticker_at(text, pos + 1, false);
            if (len && pos + 1 + len < text.size() && text[pos + 1 + len] == '>') {
                // Reuters instrument codes end in .O (NASDAQ) or .N (NYSE): <CSWC.O> is CSWC.
                const std::string_view code = text.substr(pos + 1, len);
                if (len > 2 && code[len - 2] == '.' && (code[len - 1] == 'O' || code[len - 1] == 'N')) len -= 2;
                add(pos + 1, len, TickerForm::Bracket);
            }
        } else if (c == ':') {
            auto [begin, exchange] = word_before(pos);
            bool known = std::find(kExchanges.begin(), kExchanges.end(), exchange) != kExchanges.end();
            if (!known && (exchange == "american" || exchange == "arca")) known = word_before(begin).second == "nyse";
            if (!known) continue;
            std::size_t at = pos + 1;
            while (at < text.size() && text[at] == ' ') ++at;
            if (std::size_t len = ticker_at(text, at, false)) add(at, len, TickerForm::Exchange);
        }
    }

    // Bare capitals: hand-kept tickers of three letters or more, outside all-capitals lines.
    for (const WordSpan& w : words) {
        std::string_view word = text.substr(w.begin, w.end - w.begin);
        if (word.size() < 3 || word.size() > 5) continue;
        if (!std::all_of(word.begin(), word.end(), [](char ch) { return is_ascii_upper(static_cast<unsigned char>(ch)); }))
            continue;
        if (std::find(kBareStoplist.begin(), kBareStoplist.end(), word) != kBareStoplist.end()) continue;
        if (w.begin > 0 && (text[w.begin - 1] == '$' || text[w.begin - 1] == '<' || text[w.begin - 1] == ':')) continue;
        if (w.begin > 1 && text[w.begin - 1] == ' ' && text[w.begin - 2] == ':') continue;  // done above
        const Entity* entity = registry_.find_by_ticker(word);
        if (!entity || !entity->curated) continue;
        if (std::find(entity->tickers.begin(), entity->tickers.end(), word) == entity->tickers.end()) continue;
        if (in_capitals_line(text, w.begin)) continue;
        add(w.begin, word.size(), TickerForm::Bare);
    }
    std::sort(found.begin(), found.end(), [](const TickerMention& a, const TickerMention& b) { return a.begin < b.begin; });
    return found;
}

}  // namespace bw
