#include "indexer/near_duplicates.h"

#include <bit>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <utility>

#include "core/slots.h"
#include "indexer/duplicate_key.h"

namespace bw {
namespace {

// A band shared by many texts (a template) is not searched past this many documents.
constexpr std::size_t kMaxCandidatesPerBand = 2000;

std::uint32_t band_bits(std::uint64_t simhash, int band) {
    return static_cast<std::uint32_t>((simhash >> (16 * band)) & 0xffff);
}

bool parse_hex64(const std::string& text, std::uint64_t& out) {
    if (text.size() != 16) return false;
    char* end = nullptr;
    out = std::strtoull(text.c_str(), &end, 16);
    return end == text.c_str() + text.size();
}

constexpr double kSecondsPerDay = 86400;

// The main date in seconds, or NaN when the document has none (then any date is close enough).
double date_of(const Xapian::Document& doc) {
    const std::string value = doc.get_value(kSlotDate);
    return value.empty() ? std::nan("") : Xapian::sortable_unserialise(value);
}

}  // namespace

int hamming_distance(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }

NearDuplicateFolder::NearDuplicateFolder(std::vector<const Xapian::Database*> indexed) : indexed_(std::move(indexed)) {
    for (auto& band : bands_) band.resize(1u << 16);
}

void NearDuplicateFolder::consider(const Seen& self, const Seen& other, Candidate& best) const {
    // Keys are "type:hash": only documents of the same type fold together.
    const std::string_view type = std::string_view(self.key).substr(0, self.key.find(':') + 1);
    if (std::string_view(other.key).substr(0, type.size()) != type) return;
    if (std::abs(self.date - other.date) > kNearDupMaxDays * kSecondsPerDay) return;  // false when undated (NaN)
    const int distance = hamming_distance(self.simhash, other.simhash);
    if (distance > kNearDupMaxDistance) return;
    if (distance < best.distance || (distance == best.distance && other.key < best.key)) best = {distance, other.key};
}

bool NearDuplicateFolder::fold(Xapian::Document& doc) {
    Seen self{0, doc.get_value(kSlotDupKey), date_of(doc)};
    if (!parse_hex64(doc.get_value(kSlotSimHash), self.simhash)) return false;

    Candidate best{kNearDupMaxDistance + 1, {}};
    for (int band = 0; band < 4; ++band) {
        for (std::uint32_t index : bands_[band][band_bits(self.simhash, band)]) consider(self, seen_[index], best);
    }
    for (const Xapian::Database* indexed : indexed_) {
        for (const auto& term : near_band_terms(self.simhash)) {
            std::size_t looked = 0;
            for (auto it = indexed->postlist_begin(term); it != indexed->postlist_end(term); ++it) {
                if (++looked > kMaxCandidatesPerBand) break;
                Xapian::Document other = indexed->get_document(*it, Xapian::DOC_ASSUME_VALID);
                Seen seen{0, other.get_value(kSlotDupKey), date_of(other)};
                if (parse_hex64(other.get_value(kSlotSimHash), seen.simhash)) consider(self, seen, best);
            }
        }
    }

    const bool took_other = !best.key.empty() && best.key != self.key;
    if (took_other) {
        self.key = best.key;
        doc.add_value(kSlotDupKey, self.key);
        ++folded_;
    }
    const auto index = static_cast<std::uint32_t>(seen_.size());
    seen_.push_back(std::move(self));
    for (int band = 0; band < 4; ++band) {
        auto& bucket = bands_[band][band_bits(seen_.back().simhash, band)];
        if (bucket.size() < kMaxCandidatesPerBand) bucket.push_back(index);
    }
    return took_other;
}

}  // namespace bw
