#include "core/terms.h"

#include "core/analyzer.h"
#include "core/hashing.h"

namespace bw {

std::string make_term(std::string_view prefix, std::string_view value) {
    std::string term(prefix);
    if (prefix.size() > 1 && !value.empty() && value[0] >= 'A' && value[0] <= 'Z') term += ':';
    term += value;
    if (term.size() <= kMaxTermBytes) return term;
    std::string hashed(prefix);
    hashed += '#';
    hashed += hash_hex128(value);
    return hashed;
}

std::string copy_key_term(std::string_view key) { return make_term(kCopyKeyPrefix, key); }

std::string id_term(std::string_view id) {
    std::string term(kIdPrefix);
    term += id;
    if (term.size() <= kMaxTermBytes) return term;
    return std::string(kIdPrefix) + "#" + hash_hex128(id);
}

std::string stem_term(std::string_view prefix, std::string_view stem) {
    std::string term(kStemPrefix);
    term += prefix;
    term += stem;
    return term;
}

std::string keyword_key(const FieldSpec& field, std::string_view value) {
    return field.keyword_case == KeywordCase::Upper ? Analyzer::upper(value) : Analyzer::fold(value);
}

std::string keyword_term(const FieldSpec& field, std::string_view value) {
    return make_term(field.prefix, keyword_key(field, value));
}

std::string title_key(std::string_view title) {
    std::string words;
    bool gap = false;
    for (char ch : title) {
        unsigned char c = static_cast<unsigned char>(ch);
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c >= 0x80) {
            if (gap && !words.empty()) words += ' ';
            gap = false;
            words += ch;
        } else if (c >= 'A' && c <= 'Z') {
            if (gap && !words.empty()) words += ' ';
            gap = false;
            words += static_cast<char>(c - 'A' + 'a');
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '-' || c == '/') {
            gap = true;  // other punctuation (apostrophes, $, quotes) joins nothing and splits nothing
        }
    }
    return words.empty() ? std::string() : hex64(fnv1a64(words));
}

std::string ticker_key(std::string_view ticker) {
    std::string key = Analyzer::upper(ticker);
    for (char& c : key) {
        if (c == '.' || c == '/') c = '-';
    }
    return key;
}

std::string entity_key(const Entity& entity) {
    return entity.tickers.empty() ? Analyzer::fold(entity.name) : ticker_key(entity.tickers.front());
}

}  // namespace bw
