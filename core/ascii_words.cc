#include "core/ascii_words.h"

namespace bw {
namespace {

// The UAX #29 Word_Break classes of the ASCII characters, as ICU's root rules use them (ICU takes
// ':' out of MidLetter, so "a:b" is two words, and puts '@' into ALetter). Every other ASCII
// character is a segment of its own or part of a run of spaces, never part of a word.
enum class WordClass : unsigned char { Other, Letter, Digit, Underscore, MidLetterOrNumber, MidNumber };

constexpr WordClass classify(unsigned char c) {
    // ICU adds '@' to ALetter (so "user@example" stays one word).
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@') return WordClass::Letter;
    if (c >= '0' && c <= '9') return WordClass::Digit;
    if (c == '_') return WordClass::Underscore;                      // ExtendNumLet
    if (c == '.' || c == '\'') return WordClass::MidLetterOrNumber;  // MidNumLet, Single_Quote
    if (c == ',' || c == ';') return WordClass::MidNumber;            // MidNum
    return WordClass::Other;
}

struct ClassTable {
    WordClass of[128];
    constexpr ClassTable() : of() {
        for (int c = 0; c < 128; ++c) of[c] = classify(static_cast<unsigned char>(c));
    }
};
constexpr ClassTable kClasses;

WordClass class_at(std::string_view text, std::size_t i) {
    return i < text.size() ? kClasses.of[static_cast<unsigned char>(text[i]) & 0x7F] : WordClass::Other;
}

bool is_alnum(WordClass c) { return c == WordClass::Letter || c == WordClass::Digit; }

}  // namespace

bool is_ascii(std::string_view text) {
    for (unsigned char c : text) {
        if (c >= 0x80) return false;
    }
    return true;
}

std::vector<std::pair<std::size_t, std::size_t>> ascii_word_spans(std::string_view text) {
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    std::size_t i = 0;
    while (i < text.size()) {
        const WordClass first = class_at(text, i);
        if (first != WordClass::Letter && first != WordClass::Digit && first != WordClass::Underscore) {
            ++i;
            continue;
        }
        const std::size_t begin = i;
        WordClass last = first;
        bool has_alnum = is_alnum(first);
        ++i;
        for (;;) {
            const WordClass next = class_at(text, i);
            if (is_alnum(next) || next == WordClass::Underscore) {
                // WB5, WB8-WB10 (letters and digits), WB13a/WB13b (underscores join anything).
                last = next;
                has_alnum = has_alnum || is_alnum(next);
                ++i;
                continue;
            }
            // WB6/WB7: letter (MidLetter | MidNumLet | Single_Quote) letter;
            // WB11/WB12: digit (MidNum | MidNumLet | Single_Quote) digit.
            const WordClass after = class_at(text, i + 1);
            const bool letters = last == WordClass::Letter && next == WordClass::MidLetterOrNumber &&
                                 after == WordClass::Letter;
            const bool digits = last == WordClass::Digit &&
                                (next == WordClass::MidLetterOrNumber || next == WordClass::MidNumber) &&
                                after == WordClass::Digit;
            if (!letters && !digits) break;
            last = after;
            i += 2;
        }
        // ICU calls a segment of underscores alone a word only when there are two or more.
        if (has_alnum || i - begin >= 2) spans.emplace_back(begin, i);
    }
    return spans;
}

}  // namespace bw
