// Stable, platform-independent hashing for derived ids, over-long terms and duplicate keys.
// FNV-1a is used (not std::hash, whose values may change between library versions).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bw {

// 64-bit FNV-1a of the bytes, optionally chained from a previous hash value.
std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t seed = 0xcbf29ce484222325ULL);
// 128 bits (two FNV-1a streams) as 32 lower-case hex digits: a collision-safe stand-in for a long key.
std::string hash_hex128(std::string_view bytes);
// 64 bits as 16 hex digits.
std::string hex64(std::uint64_t value);

}  // namespace bw
