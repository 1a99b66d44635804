#include "searcher/query_lexer.h"

#include "core/errors.h"

namespace bw::query {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Lexer::Lexer(std::string_view text, const FieldTable& fields) : text_(text), fields_(fields) {}

std::size_t Lexer::space_length(std::size_t i) const {
    if (i >= text_.size()) return 0;
    auto at = [&](std::size_t k) { return k < text_.size() ? static_cast<unsigned char>(text_[k]) : 0u; };
    unsigned c0 = at(i);
    if (c0 <= 0x20 || c0 == 0x7F) return 1;  // ASCII space and control characters (NUL included)
    unsigned c1 = at(i + 1), c2 = at(i + 2);
    if (c0 == 0xC2 && c1 >= 0x80 && c1 <= 0xA0) return 2;  // C1 controls, U+00A0 no-break space
    if (c0 == 0xE1 && c1 == 0x9A && c2 == 0x80) return 3;  // U+1680 ogham space
    if (c0 == 0xE2 && c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8B) || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF))
        return 3;  // U+2000..U+200B spaces, line/paragraph separators, U+202F
    if (c0 == 0xE2 && c1 == 0x81 && c2 == 0x9F) return 3;  // U+205F
    if (c0 == 0xE3 && c1 == 0x80 && c2 == 0x80) return 3;  // U+3000 ideographic space
    if (c0 == 0xEF && c1 == 0xBB && c2 == 0xBF) return 3;  // U+FEFF byte order mark
    return 0;
}

std::size_t Lexer::open_quote_length(std::size_t i) const {
    if (i >= text_.size()) return 0;
    if (text_[i] == '"') return 1;
    if (text_.substr(i, 3) == "\xE2\x80\x9C") return 3;  // U+201C left double quotation mark
    return 0;
}

std::size_t Lexer::close_quote_length(std::size_t i) const {
    if (i >= text_.size()) return 0;
    if (text_[i] == '"') return 1;
    if (text_.substr(i, 3) == "\xE2\x80\x9D") return 3;  // U+201D right double quotation mark
    return 0;
}

bool Lexer::is_delimiter(std::size_t i) const {
    return text_[i] == '(' || text_[i] == ')' || space_length(i) > 0 || open_quote_length(i) > 0;
}

std::size_t Lexer::run_end(std::size_t i) const {
    while (i < text_.size() && !is_delimiter(i)) ++i;
    return i;
}

void Lexer::move_to(std::size_t byte) {
    for (; i_ < byte && i_ < text_.size(); ++i_) {
        if (!is_continuation(static_cast<unsigned char>(text_[i_]))) ++cpos_;
    }
}

LexToken Lexer::next() {
    if (expect_value_) {
        expect_value_ = false;
        return value();
    }
    for (std::size_t n; i_ < text_.size() && (n = space_length(i_)) > 0;) move_to(i_ + n);
    bool after_sign = after_sign_;
    after_sign_ = false;
    LexToken token;
    token.pos = cpos_;
    if (i_ >= text_.size()) return token;  // End
    char c = text_[i_];
    if (c == '(' || c == ')') {
        token.kind = c == '(' ? TokenKind::LParen : TokenKind::RParen;
        move_to(i_ + 1);
        return token;
    }
    if (open_quote_length(i_) > 0) return phrase();
    if (c == '-' || c == '+') {
        // A sign counts only directly before a term: not before white space, ')' or the end.
        std::size_t j = i_ + 1;
        if (j < text_.size() && text_[j] != ')' && space_length(j) == 0) {
            token.kind = c == '-' ? TokenKind::Minus : TokenKind::Plus;
            move_to(j);
            after_sign_ = true;
            return token;
        }
    }
    return word_or_field(!after_sign);
}

LexToken Lexer::phrase() {
    LexToken token;
    token.kind = TokenKind::Phrase;
    token.pos = cpos_;
    move_to(i_ + open_quote_length(i_));
    token.text_pos = cpos_;
    const std::size_t begin = i_;
    std::size_t end = begin;
    while (end < text_.size() && close_quote_length(end) == 0) ++end;
    if (end >= text_.size()) throw QuerySyntaxError("unterminated quote", token.pos);
    token.text = std::string(text_.substr(begin, end - begin));
    move_to(end + close_quote_length(end));
    return token;
}

LexToken Lexer::word_or_field(bool allow_operator) {
    LexToken token;
    token.pos = cpos_;
    const std::size_t begin = i_;
    const std::size_t end = run_end(i_);
    std::string_view run = text_.substr(begin, end - begin);

    if (allow_operator && (run == "AND" || run == "OR" || run == "NOT")) {
        token.kind = run == "AND" ? TokenKind::And : run == "OR" ? TokenKind::Or : TokenKind::Not;
        move_to(end);
        return token;
    }

    // `name:value`? The name is ASCII: a letter, then letters, digits or '_'.
    std::size_t k = 0;
    if (!run.empty() && is_ascii_letter(run[0])) {
        k = 1;
        while (k < run.size() && (is_ascii_letter(run[k]) || is_ascii_digit(run[k]) || run[k] == '_')) ++k;
    }
    if (k > 0 && k < run.size() && run[k] == ':') {
        std::string name(run.substr(0, k));
        std::string_view rest = run.substr(k + 1);
        // A value follows when the run goes on after ':' or a quote or '(' comes right after it.
        bool has_value = !rest.empty() || (end < text_.size() && (text_[end] == '(' || open_quote_length(end) > 0));
        if (fields_.lookup(name)) {
            if (!has_value)
                throw QuerySyntaxError("expected a value after '" + name + ":' (no space after ':')", token.pos + k + 1);
            token.kind = TokenKind::Field;
            token.text = std::move(name);
            token.text_pos = token.pos;
            move_to(begin + k + 1);
            expect_value_ = true;
            return token;
        }
        bool letters_only = true;
        for (char ch : name) letters_only = letters_only && (is_ascii_letter(ch) || ch == '_');
        if (letters_only && has_value && rest.substr(0, 2) != "//") unknown_field(name, token.pos);
    }

    return word(std::move(token), run, end);
}

LexToken Lexer::value() {
    LexToken token;
    token.pos = cpos_;
    if (i_ < text_.size() && open_quote_length(i_) > 0) return phrase();
    if (i_ < text_.size() && text_[i_] == '(') {
        token.kind = TokenKind::LParen;
        move_to(i_ + 1);
        return token;
    }
    // A plain value: never an operator or another field (`ticker:AND`, `strength:-1..3`, `id:a:b`).
    const std::size_t end = run_end(i_);
    std::string_view run = text_.substr(i_, end - i_);
    return word(std::move(token), run, end);
}

LexToken Lexer::word(LexToken token, std::string_view run, std::size_t end) {
    token.kind = TokenKind::Word;
    token.text_pos = token.pos;
    std::size_t stop = run.size();
    while (stop > 0 && run[stop - 1] == '*') --stop;  // trailing '*': a wildcard
    token.wildcard = stop < run.size();
    token.text = std::string(run.substr(0, stop));
    move_to(end);
    return token;
}

void Lexer::unknown_field(const std::string& name, std::size_t pos) const {
    std::string known;
    for (const auto& n : fields_.canonical_names()) known += (known.empty() ? "" : ", ") + n;
    throw QuerySyntaxError("unknown field '" + name + "' (known fields: " + known + ")", pos);
}

}  // namespace bw::query
