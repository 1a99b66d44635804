// Fuzz target: the ASCII word segmenter (core/ascii_words.h) against its oracle, ICU's root word
// break iterator, which Analyzer::tokenize used for all text before it. For any input whose bytes
// are all ASCII, the two must find the same word segments; other input is not its domain.
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include "core/ascii_words.h"
#include "fuzz_common.h"

namespace {

std::vector<std::pair<std::size_t, std::size_t>> icu_word_spans(const std::string& text) {
    static std::unique_ptr<icu::BreakIterator> iterator = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> made(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
        if (U_FAILURE(status)) std::abort();
        return made;
    }();
    // One UTF-16 unit per ASCII byte, so ICU's offsets are byte offsets.
    const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
    iterator->setText(unicode);
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    int32_t start = iterator->first();
    for (int32_t end = iterator->next(); end != icu::BreakIterator::DONE; start = end, end = iterator->next()) {
        if (iterator->getRuleStatus() != UBRK_WORD_NONE) spans.emplace_back(start, end);
    }
    return spans;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text = bw::fuzz::as_string(data, size);
    if (!bw::is_ascii(text)) return 0;
    if (bw::ascii_word_spans(text) != icu_word_spans(text)) std::abort();
    return 0;
}
