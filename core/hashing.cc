#include "core/hashing.h"

namespace bw {

std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t seed) {
    std::uint64_t h = seed;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

std::string hex64(std::uint64_t value) {
    static const char digits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = digits[value & 0xF];
        value >>= 4;
    }
    return out;
}

std::string hash_hex128(std::string_view bytes) {
    // The second stream starts from a different offset basis so the halves are independent.
    return hex64(fnv1a64(bytes)) + hex64(fnv1a64(bytes, 0x84222325cbf29ce4ULL ^ bytes.size()));
}

}  // namespace bw
