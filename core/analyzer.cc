#include "core/analyzer.h"

#include <mutex>
#include <optional>

#include <absl/container/flat_hash_map.h>
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "core/ascii_words.h"
#include "core/errors.h"

namespace bw {
namespace {

// Building a word BreakIterator loads the rules and dictionaries (~ms); clone a shared prototype.
std::unique_ptr<icu::BreakIterator> make_word_iterator() {
    static std::mutex mutex;
    static std::unique_ptr<icu::BreakIterator> prototype;
    std::lock_guard<std::mutex> lock(mutex);
    if (!prototype) {
        UErrorCode status = U_ZERO_ERROR;
        prototype.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
        if (U_FAILURE(status) || !prototype) throw Error(std::string("ICU word break iterator: ") + u_errorName(status));
    }
    return std::unique_ptr<icu::BreakIterator>(prototype->clone());
}

const icu::Normalizer2& nfkc_casefold() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status) || !n) throw Error(std::string("ICU NFKC_Casefold: ") + u_errorName(status));
    return *n;
}

const icu::Normalizer2& nfkc() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status) || !n) throw Error(std::string("ICU NFKC: ") + u_errorName(status));
    return *n;
}

// Decodes UTF-8 into UTF-16, recording for every UTF-16 unit the byte offset it came from, so that
// token boundaries found by ICU map back onto the input. Bad bytes become U+FFFD.
// Written straight into the string's buffer: appending one code point at a time was 7% of a
// snippet's cost (callgrind). A UTF-8 sequence never yields more UTF-16 units than it has bytes.
void decode(std::string_view utf8, icu::UnicodeString& out, std::vector<std::size_t>& byte_of_unit) {
    byte_of_unit.clear();
    byte_of_unit.reserve(utf8.size() + 1);
    const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
    const auto length = static_cast<int32_t>(utf8.size());
    UChar* units = out.getBuffer(length + 1);
    if (!units) throw Error("out of memory decoding text");
    int32_t i = 0, written = 0;
    while (i < length) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) c = 0xFFFD;
        if (c == 0) c = ' ';
        U16_APPEND_UNSAFE(units, written, c);
        byte_of_unit.push_back(static_cast<std::size_t>(start));
        if (c > 0xFFFF) byte_of_unit.push_back(static_cast<std::size_t>(start));
    }
    out.releaseBuffer(written);
    byte_of_unit.push_back(utf8.size());
}

// The case-folded UTF-8 of an all-ASCII word, or nullopt when it holds anything else. For ASCII,
// NFKC_Casefold only lowercases A-Z (and there are no typographic apostrophes to unify), so this
// is what the ICU path gives, without its allocations (most words of English text).
std::optional<std::string> fold_ascii(const icu::UnicodeString& text, int32_t start, int32_t end) {
    std::string out;
    out.reserve(static_cast<std::size_t>(end - start));
    for (int32_t k = start; k < end; ++k) {
        const UChar unit = text.charAt(k);
        if (unit >= 0x80) return std::nullopt;
        out.push_back(static_cast<char>(unit >= 'A' && unit <= 'Z' ? unit + ('a' - 'A') : unit));
    }
    return out;
}

std::string to_utf8(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
}

// Treat typographic apostrophes as ASCII ones so "don’t" and "don't" are one term.
void unify_apostrophes(icu::UnicodeString& text) {
    text.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2019)), icu::UnicodeString(u'\''));
    text.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x02BC)), icu::UnicodeString(u'\''));
}

}  // namespace

struct Analyzer::Impl {
    std::unique_ptr<icu::BreakIterator> words;
    Xapian::Stem stemmer;
    // Stems already computed: a text's words repeat (Reuters: 3.35 million words, 57,000 distinct
    // forms) and a Snowball stem costs more than a hash lookup. Emptied when it reaches
    // kMaxCachedStems, so memory stays bounded whatever the input.
    absl::flat_hash_map<std::string, std::string> stems;
    const icu::Normalizer2& fold = nfkc_casefold();
    // Scratch buffers reused between calls.
    icu::UnicodeString buffer;
    std::vector<std::size_t> byte_of_unit;
};

Analyzer::Analyzer(const std::string& language) : impl_(std::make_unique<Impl>()) {
    impl_->words = make_word_iterator();
    // ICU builds each normalizer once, on first use; fetching the one upper() uses here (Impl has
    // the folding one) does that on the thread that makes analyzers, before any worker starts, and
    // a missing ICU data file fails at start-up rather than in the middle of a load.
    nfkc();
    try {
        impl_->stemmer = language == "none" ? Xapian::Stem() : Xapian::Stem(language);
    } catch (const Xapian::InvalidArgumentError&) {
        throw UsageError("unknown stemming language '" + language + "'");
    }
}

Analyzer::~Analyzer() = default;

std::vector<Token> Analyzer::tokenize(std::string_view utf8) const {
    std::vector<Token> tokens;
    if (utf8.empty()) return tokens;
    if (is_ascii(utf8)) {
        // The same words as ICU's segmentation below, and NFKC_Casefold of ASCII is lowercasing.
        const auto spans = ascii_word_spans(utf8);
        tokens.reserve(spans.size());
        for (const auto& [begin, end] : spans) {
            Token token;
            token.text.assign(utf8.substr(begin, end - begin));
            for (char& c : token.text) {
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
            }
            token.begin = begin;
            token.end = end;
            tokens.push_back(std::move(token));
        }
        return tokens;
    }
    Impl& impl = *impl_;
    decode(utf8, impl.buffer, impl.byte_of_unit);
    impl.words->setText(impl.buffer);
    int32_t start = impl.words->first();
    for (int32_t end = impl.words->next(); end != icu::BreakIterator::DONE; start = end, end = impl.words->next()) {
        if (impl.words->getRuleStatus() == UBRK_WORD_NONE) continue;  // spaces, punctuation, symbols
        if (std::optional<std::string> ascii = fold_ascii(impl.buffer, start, end)) {
            // Trim apostrophes left at the edges, as below.
            const std::size_t first = ascii->find_first_not_of('\'');
            if (first == std::string::npos) continue;
            const std::size_t last = ascii->find_last_not_of('\'');
            ascii->erase(last + 1);
            ascii->erase(0, first);
            Token token;
            token.text = std::move(*ascii);
            token.begin = impl.byte_of_unit[static_cast<std::size_t>(start)];
            token.end = impl.byte_of_unit[static_cast<std::size_t>(end)];
            tokens.push_back(std::move(token));
            continue;
        }
        icu::UnicodeString word = impl.buffer.tempSubStringBetween(start, end);
        unify_apostrophes(word);
        UErrorCode status = U_ZERO_ERROR;
        icu::UnicodeString folded = impl.fold.normalize(word, status);
        if (U_FAILURE(status)) continue;
        // Trim apostrophes left at the edges ("'90s", "investors'").
        while (folded.length() > 0 && folded.charAt(0) == u'\'') folded.remove(0, 1);
        while (folded.length() > 0 && folded.charAt(folded.length() - 1) == u'\'') folded.truncate(folded.length() - 1);
        if (folded.isEmpty()) continue;
        Token token;
        token.text = to_utf8(folded);
        token.begin = impl.byte_of_unit[static_cast<std::size_t>(start)];
        token.end = impl.byte_of_unit[static_cast<std::size_t>(end)];
        tokens.push_back(std::move(token));
    }
    return tokens;
}

std::string Analyzer::stem(const std::string& token) const {
    if (token.empty()) return {};
    unsigned char first = static_cast<unsigned char>(token[0]);
    if (first >= '0' && first <= '9') return {};  // numbers are kept exact, as Xapian's STEM_SOME does
    auto& stems = impl_->stems;
    if (auto found = stems.find(token); found != stems.end()) return found->second;
    if (stems.size() >= kMaxCachedStems) stems.clear();
    return stems.emplace(token, impl_->stemmer(token)).first->second;
}

std::string Analyzer::fold(std::string_view utf8) {
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString folded = nfkc_casefold().normalize(text, status);
    if (U_FAILURE(status)) return std::string(utf8);
    return to_utf8(folded);
}

std::string Analyzer::upper(std::string_view utf8) {
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString normal = nfkc().normalize(text, status);
    if (U_FAILURE(status)) normal = text;
    normal.toUpper(icu::Locale::getRoot());
    return to_utf8(normal);
}

}  // namespace bw
