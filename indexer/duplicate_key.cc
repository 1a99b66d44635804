#include "indexer/duplicate_key.h"

#include <array>
#include <vector>

#include "core/hashing.h"
#include "core/terms.h"

namespace bw {
namespace {

// The words of a text, ASCII letters lower-cased, any byte >= 0x80 kept as part of a word, joined by
// single spaces: a shingle of consecutive words is then one substring, hashed without copying.
struct NormalWords {
    std::string joined;
    std::vector<std::size_t> starts;  // where each word begins in `joined`

    explicit NormalWords(std::string_view text) {
        joined.reserve(text.size());
        bool in_word = false;
        for (char ch : text) {
            unsigned char c = static_cast<unsigned char>(ch);
            const bool upper = c >= 'A' && c <= 'Z';
            if (upper || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c >= 0x80) {
                if (!in_word) {
                    if (!joined.empty()) joined += ' ';
                    starts.push_back(joined.size());
                    in_word = true;
                }
                joined += upper ? static_cast<char>(c - 'A' + 'a') : ch;
            } else {
                in_word = false;
            }
        }
    }
    std::size_t count() const { return starts.size(); }
};

// kBitsToBytes[b] has byte j set to bit j of b: adding it to a word of eight 8-bit counters counts
// eight bits of a hash at once.
constexpr std::array<std::uint64_t, 256> make_bits_to_bytes() {
    std::array<std::uint64_t, 256> table{};
    for (unsigned b = 0; b < 256; ++b) {
        for (unsigned j = 0; j < 8; ++j) table[b] |= static_cast<std::uint64_t>((b >> j) & 1) << (8 * j);
    }
    return table;
}
constexpr std::array<std::uint64_t, 256> kBitsToBytes = make_bits_to_bytes();

// The SimHash of the 3-word shingles of `words` (one shingle of all of them when fewer than 3):
// each bit is set when more than half of the shingle hashes have it set.
std::uint64_t simhash_of(const NormalWords& words) {
    const std::size_t n = words.count();
    if (n == 0) return 0;
    const std::size_t shingles = n >= 3 ? n - 2 : 1;
    std::array<std::uint64_t, 8> packed{};  // byte j of packed[k]: shingles with bit 8k+j set, < 256
    std::array<std::size_t, 64> ones{};
    auto drain = [&] {
        for (unsigned k = 0; k < 8; ++k) {
            for (unsigned j = 0; j < 8; ++j) ones[8 * k + j] += (packed[k] >> (8 * j)) & 0xff;
            packed[k] = 0;
        }
    };
    const std::string_view joined = words.joined;
    for (std::size_t i = 0; i < shingles; ++i) {
        const std::size_t begin = words.starts[i];
        const std::size_t end = i + 3 < n ? words.starts[i + 3] - 1 : joined.size();
        const std::uint64_t h = fnv1a64(joined.substr(begin, end - begin));
        for (unsigned k = 0; k < 8; ++k) packed[k] += kBitsToBytes[(h >> (8 * k)) & 0xff];
        if ((i + 1) % 255 == 0) drain();
    }
    drain();
    std::uint64_t out = 0;
    for (unsigned bit = 0; bit < 64; ++bit) {
        if (2 * ones[bit] > shingles) out |= std::uint64_t{1} << bit;  // more votes for 1 than for 0
    }
    return out;
}

}  // namespace

std::uint64_t simhash64(std::string_view text) { return simhash_of(NormalWords(text)); }

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
    const NormalWords words(*main_text);
    if (words.count() < kMinDupWords) return std::nullopt;
    DuplicateFingerprint fingerprint;
    fingerprint.near_matchable = words.count() >= kMinNearDupWords;
    if (fingerprint.near_matchable) {
        fingerprint.simhash = simhash_of(words);
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
