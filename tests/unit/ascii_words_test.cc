// The ASCII word segmenter against its oracle, ICU's root word break iterator: a table of the
// rules' edge cases, a million random strings over every ASCII character (weighted towards those
// the rules treat specially), and every ASCII title and body of Reuters-21578. The fuzz target
// fuzz/fuzz_ascii_words.cc holds the same ICU oracle, for libFuzzer's inputs.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include "core/ascii_words.h"
#include "test_support.h"

namespace {

using Words = std::vector<std::string>;

Words segmented(const std::string& text) {
    Words out;
    for (const auto& [begin, end] : bw::ascii_word_spans(text)) out.push_back(text.substr(begin, end - begin));
    return out;
}

// The word segments ICU finds: rule status other than UBRK_WORD_NONE. For ASCII text one UTF-16
// unit is one byte, so its offsets are byte offsets.
class IcuWords {
public:
    IcuWords() {
        UErrorCode status = U_ZERO_ERROR;
        iterator_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
        if (U_FAILURE(status)) throw std::runtime_error(u_errorName(status));
    }
    Words operator()(const std::string& text) {
        Words out;
        const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
        iterator_->setText(unicode);
        int32_t start = iterator_->first();
        for (int32_t end = iterator_->next(); end != icu::BreakIterator::DONE; start = end, end = iterator_->next()) {
            if (iterator_->getRuleStatus() != UBRK_WORD_NONE) out.push_back(text.substr(start, end - start));
        }
        return out;
    }

private:
    std::unique_ptr<icu::BreakIterator> iterator_;
};

struct SegmentCase {
    std::string input;
    Words expected;
};

class AsciiWordsTable : public ::testing::TestWithParam<SegmentCase> {};

TEST_P(AsciiWordsTable, SegmentsAsIcuDoes) {
    EXPECT_EQ(segmented(GetParam().input), GetParam().expected);
    EXPECT_EQ(IcuWords()(GetParam().input), GetParam().expected) << "the table disagrees with ICU itself";
}

INSTANTIATE_TEST_SUITE_P(
    Table, AsciiWordsTable,
    ::testing::Values(
        SegmentCase{"", {}},
        SegmentCase{" \t\r\n\v\f  ", {}},
        SegmentCase{"Bear case, on Micron.", {"Bear", "case", "on", "Micron"}},
        SegmentCase{"U.S. e.g., x.y.z", {"U.S", "e.g", "x.y.z"}},              // letter . letter joins
        SegmentCase{"a:b 12:30", {"a", "b", "12", "30"}},                      // ICU: ':' never joins
        SegmentCase{"3.5% 1,000 1;2 1'000", {"3.5", "1,000", "1;2", "1'000"}},  // digit mid digit joins
        SegmentCase{"a,b a;b", {"a", "b", "a", "b"}},                          // MidNum joins digits only
        SegmentCase{"a.1 1.a 1a.b a1.2 a1.b", {"a", "1", "1", "a", "1a.b", "a1.2", "a1", "b"}},
        SegmentCase{"don't investors' 'quoted' a''b a.'b", {"don't", "investors", "quoted", "a", "b", "a", "b"}},
        SegmentCase{"_ __ ___ _a a_ a__b _1_ a_.b", {"__", "___", "_a", "a_", "a__b", "_1_", "a_", "b"}},
        SegmentCase{"$100bn AI-driven #1 1987/88", {"100bn", "AI", "driven", "1", "1987", "88"}},
        SegmentCase{"hI.<@VAkyg[gyl @ user@example.com", {"hI", "@VAkyg", "gyl", "@", "user@example.com"}},
        SegmentCase{std::string("nul\0byte", 8), {"nul", "byte"}},
        SegmentCase{"end.", {"end"}},
        SegmentCase{"x", {"x"}}));

TEST(AsciiWords, AgreesWithIcuOnRandomStrings) {
    // Every ASCII character, and more of those the rules treat specially so that their
    // combinations come up often.
    std::string alphabet;
    for (int c = 0; c < 128; ++c) alphabet.push_back(static_cast<char>(c));
    for (int copies = 0; copies < 8; ++copies) alphabet += "aZk09_.',;:@ ";
    std::mt19937 random(20261204);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1), length(0, 12);
    IcuWords icu;
    int disagreements = 0;
    for (int n = 0; n < 1000000 && disagreements < 5; ++n) {
        std::string text(length(random), ' ');
        for (char& c : text) c = alphabet[pick(random)];
        if (segmented(text) != icu(text)) {
            ++disagreements;
            ADD_FAILURE() << "disagrees with ICU on \"" << text << "\"";
        }
    }
}

TEST(AsciiWords, AgreesWithIcuOnReuters) {
    BW_REQUIRE_SHARED(reuters, "corpora/reuters21578/reuters21578.jsonl");
    std::ifstream in(reuters);
    IcuWords icu;
    std::size_t texts = 0, words = 0;
    int disagreements = 0;
    for (std::string line; std::getline(in, line) && disagreements < 5;) {
        const auto record = nlohmann::json::parse(line);
        for (const char* field : {"title", "body"}) {
            const std::string text = record.value(field, "");
            if (!bw::is_ascii(text)) continue;
            ++texts;
            const Words ours = segmented(text);
            words += ours.size();
            if (ours != icu(text)) {
                ++disagreements;
                ADD_FAILURE() << record.value("id", "") << " " << field << " disagrees with ICU";
            }
        }
    }
    EXPECT_GT(texts, 40000u);
    EXPECT_GT(words, 2000000u);
}

TEST(AsciiWords, IsAsciiLooksAtEveryByte) {
    EXPECT_TRUE(bw::is_ascii(""));
    EXPECT_TRUE(bw::is_ascii(std::string("plain\0\x7f", 7)));
    EXPECT_FALSE(bw::is_ascii("caf\xc3\xa9"));
    EXPECT_FALSE(bw::is_ascii("bad\xff"));
}

}  // namespace
