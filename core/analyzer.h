// The one text analyzer used on both sides: ICU word segmentation (dictionary-based for CJK and
// Thai; all-ASCII text is cut by core/ascii_words.h, which gives ICU's words faster), NFKC
// normalisation and case folding per token, and Snowball stemming through Xapian::Stem.
// Xapian 1.4's own TermGenerator/QueryParser tokenizer is not used, so index and query agree.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace bw {

// One word of a text: its normalised form and where it was in the input (UTF-8 byte offsets).
struct Token {
    std::string text;       // NFKC + case folded
    std::size_t begin = 0;  // byte offset of the first byte in the input
    std::size_t end = 0;    // byte offset one past the last byte
};

// Splits text into normalised tokens and stems them. Not thread-safe: one instance per thread
// (ICU break iterators hold state); construction is cheap after the first (the iterator is cloned).
class Analyzer {
public:
    explicit Analyzer(const std::string& language = "english");
    ~Analyzer();
    Analyzer(const Analyzer&) = delete;
    Analyzer& operator=(const Analyzer&) = delete;

    // Words, numbers and ideographs of `utf8` in order; punctuation and spaces are dropped.
    // Invalid UTF-8 bytes are treated as U+FFFD and never produce a token.
    std::vector<Token> tokenize(std::string_view utf8) const;

    // The Snowball stem of a normalised token ("" when the token should not be stemmed,
    // e.g. it starts with a digit). Remembered per instance, up to kMaxCachedStems tokens.
    std::string stem(const std::string& token) const;
    static constexpr std::size_t kMaxCachedStems = 100000;

    // NFKC + case folding of a whole value (used for keyword terms such as topics and actors).
    static std::string fold(std::string_view utf8);
    // Upper-cased NFKC form (used for tickers).
    static std::string upper(std::string_view utf8);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace bw
