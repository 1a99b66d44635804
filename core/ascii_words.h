// Word segmentation of all-ASCII text without ICU: the same word segments as ICU's root word
// break iterator (Unicode's UAX #29 rules as ICU applies them) for text whose bytes are all ASCII,
// which is most of an English archive. It skips ICU's UTF-16 copy and its table-driven state
// machine: tokenizing was 6.4% of a Reuters bulk load's instructions, 1.5% after (bench/HISTORY.md,
// 2026-12-04, fourth session). tests/unit/ascii_words_test.cc checks it against ICU on tricky
// strings, random strings and all of Reuters; fuzz/fuzz_ascii_words.cc does the same by fuzzing.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace bw {

// True when every byte of `text` is below 0x80.
bool is_ascii(std::string_view text);

// The [begin, end) byte ranges of the word segments of all-ASCII `text`, in order: the segments
// ICU gives a rule status other than UBRK_WORD_NONE (letters, digits and the joiners between
// them, as in "U.S", "3.5", "1,000", "don't", "a_b"). Undefined for text with other bytes.
std::vector<std::pair<std::size_t, std::size_t>> ascii_word_spans(std::string_view text);

}  // namespace bw
