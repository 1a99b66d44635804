// The query lexer: cuts query text into tokens with their 1-based character positions. Tokens are
// produced on demand, so errors come out in the order of the text. Rules:
//  - white space (ASCII, control characters, Unicode spaces) separates tokens;
//  - ( ) are tokens anywhere; a double quote (" or the typographic opening quote) starts a phrase
//    that runs to the next " (or closing typographic quote): an unterminated one is an error;
//  - '-' and '+' directly before a term are operators; alone they are ordinary (ignored) text;
//  - a run that is exactly AND, OR or NOT (upper case) is an operator, unless right after - or +;
//  - `name:value` where `name` is a known field (case-insensitive) is a Field token followed by its
//    value (a word, a phrase or a parenthesised group); a known field with no value is an error;
//    an unknown letters-only `name:` with a value is an error ("unknown field"), except URLs
//    (`http://...`); anything else with ':' (`10:30`, `3:1`) is plain text;
//  - a run ending in '*' is a wildcard word.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "searcher/field_table.h"

namespace bw::query {

enum class TokenKind { End, LParen, RParen, And, Or, Not, Minus, Plus, Word, Phrase, Field };

struct LexToken {
    TokenKind kind = TokenKind::End;
    std::size_t pos = 0;       // 1-based character position of the token's first character
    std::string text;          // Word: the run (without trailing '*'); Phrase: the content; Field: the name
    std::size_t text_pos = 0;  // 1-based character position of `text`
    bool wildcard = false;     // Word: ended in '*'
};

class Lexer {
public:
    Lexer(std::string_view text, const FieldTable& fields);
    // The next token; End at the end of the text (and from then on). Throws QuerySyntaxError.
    LexToken next();

private:
    std::size_t space_length(std::size_t i) const;       // bytes of white space at i (0 if none)
    std::size_t open_quote_length(std::size_t i) const;  // bytes of an opening quote at i (0 if none)
    std::size_t close_quote_length(std::size_t i) const;
    bool is_delimiter(std::size_t i) const;  // white space, ( ) or an opening quote
    std::size_t run_end(std::size_t i) const;
    void move_to(std::size_t byte);  // advances i_ and the character position
    LexToken phrase();
    LexToken word_or_field(bool allow_operator);
    LexToken value();
    // `token` as the word `run` (its wildcard '*'s stripped), the input moved on to `end`.
    LexToken word(LexToken token, std::string_view run, std::size_t end);
    [[noreturn]] void unknown_field(const std::string& name, std::size_t pos) const;

    std::string_view text_;
    const FieldTable& fields_;
    std::size_t i_ = 0;      // byte offset of the next character
    std::size_t cpos_ = 1;   // its 1-based character position
    bool expect_value_ = false;   // the previous token was a Field
    bool after_sign_ = false;     // the previous token was - or +
};

}  // namespace bw::query
