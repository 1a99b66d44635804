#include "indexer/duplicate_key.h"

#include <array>
#include <vector>

#include "core/hashing.h"
#include "core/terms.h"

namespace bw {
namespace {

// Words of `text`, ASCII letters lower-cased; any byte >= 0x80 is kept as part of a word.
std::vector<std::string> normal_words(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (char ch : text) {
        unsigned char c = static_cast<unsigned char>(ch);
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c >= 0x80) {
            word += ch;
        } else if (c >= 'A' && c <= 'Z') {
            word += static_cast<char>(c - 'A' + 'a');
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

}  // namespace

std::uint64_t simhash64(std::string_view text) {
    const std::vector<std::string> words = normal_words(text);
    if (words.empty()) return 0;
    std::array<int, 64> votes{};
    const std::size_t shingles = words.size() >= 3 ? words.size() - 2 : 1;
    for (std::size_t i = 0; i < shingles; ++i) {
        std::string shingle = words[i];
        for (std::size_t k = 1; k < 3 && i + k < words.size(); ++k) shingle += ' ' + words[i + k];
        const std::uint64_t h = fnv1a64(shingle);
        for (int bit = 0; bit < 64; ++bit) votes[bit] += (h >> bit) & 1 ? 1 : -1;
    }
    std::uint64_t out = 0;
    for (int bit = 0; bit < 64; ++bit) {
        if (votes[bit] > 0) out |= std::uint64_t{1} << bit;
    }
    return out;
}

void add_link_terms(Xapian::Document& doc, const CanonicalRecord& record, const Schema& schema) {
    if (auto t = record.fields.find("title"); t != record.fields.end() && t->is_string()) {
        if (std::string key = title_key(t->get<std::string>()); !key.empty())
            doc.add_boolean_term(std::string(kTitleKeyPrefix) + key);
    }
    for (const auto& field : schema.fields()) {
        if (field.role != FieldRole::Text || field.shape != FieldShape::Sources) continue;
        auto it = record.fields.find(field.name);
        if (it == record.fields.end() || !it->is_array()) continue;
        for (const auto& source : *it) {
            if (!source.is_object()) continue;
            auto title = source.find("title");
            if (title == source.end() || !title->is_string()) continue;
            if (std::string key = title_key(title->get<std::string>()); !key.empty())
                doc.add_boolean_term(std::string(kCitesPrefix) + key);
        }
    }
}

std::optional<DuplicateFingerprint> duplicate_fingerprint(const CanonicalRecord& record, const Schema& schema) {
    const std::string* main_text = nullptr;
    for (const auto& field : schema.fields()) {
        if (field.role != FieldRole::Text || field.name == "title") continue;
        auto it = record.fields.find(field.name);
        if (it == record.fields.end() || !it->is_string()) continue;
        const std::string& text = it->get_ref<const std::string&>();
        if (!main_text || text.size() > main_text->size()) main_text = &text;
    }
    if (!main_text) return std::nullopt;
    const std::size_t words = normal_words(*main_text).size();
    if (words < kMinDupWords) return std::nullopt;
    DuplicateFingerprint fingerprint;
    fingerprint.near_matchable = words >= kMinNearDupWords;
    if (fingerprint.near_matchable) {
        fingerprint.simhash = simhash64(*main_text);
    } else {
        std::string title;
        if (auto t = record.fields.find("title"); t != record.fields.end() && t->is_string()) title = t->get<std::string>();
        fingerprint.simhash = simhash64(title + "\n" + *main_text);
    }
    return fingerprint;
}

std::string duplicate_key(const std::string& type, std::uint64_t simhash) { return type + ":" + hex64(simhash); }

std::string duplicate_key(const CanonicalRecord& record, const Schema& schema) {
    auto fingerprint = duplicate_fingerprint(record, schema);
    return fingerprint ? duplicate_key(record.type, fingerprint->simhash) : std::string();
}

std::vector<std::string> near_band_terms(std::uint64_t simhash) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::vector<std::string> terms;
    for (int band = 0; band < 4; ++band) {
        const unsigned bits = static_cast<unsigned>((simhash >> (16 * band)) & 0xffff);
        std::string term(kNearBandPrefix);
        term += static_cast<char>('0' + band);
        for (int shift = 12; shift >= 0; shift -= 4) term += kHex[(bits >> shift) & 0xf];
        terms.push_back(std::move(term));
    }
    return terms;
}

}  // namespace bw
