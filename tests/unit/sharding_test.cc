// Table-driven tests of core/sharding: the shard rule is part of the archive format, so it is pinned
// to FNV-1a 64 values computed outside the code under test (the published FNV test vectors for ""
// "a" and "foobar", the rest with a ten-line Python FNV-1a), and it spreads ids evenly.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/hashing.h"
#include "core/sharding.h"

namespace {

struct ShardCase {
    std::string id;
    unsigned long long fnv;  // FNV-1a 64 of the id's bytes
    unsigned of2, of3, of7;  // its shard among 2, 3 and 7
};

const std::vector<ShardCase> kCases = {
    {"", 0xcbf29ce484222325ULL, 1, 2, 2},
    {"a", 0xaf63dc4c8601ec8cULL, 0, 1, 5},
    {"foobar", 0x85944171f73967e8ULL, 0, 0, 6},
    {"art-001", 0x56cf924f9ae01f14ULL, 0, 2, 1},
    {"sig-016", 0x8f1142fc9f3f63acULL, 0, 2, 6},
    {"reuters-1", 0x9f5850ef9be04209ULL, 1, 0, 0},
    {"reuters-21578", 0xf022820c834b13e5ULL, 1, 0, 5},
    {"\xc3\x89mile", 0x81db420690d6da2cULL, 0, 2, 6},  // "Émile" in UTF-8
    {"https://example.com/a", 0x046a4934057f51cfULL, 1, 1, 6},
};

TEST(Sharding, ShardIsFnv1a64OfTheIdModuloTheCount) {
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.id);
        EXPECT_EQ(bw::fnv1a64(c.id), c.fnv);
        EXPECT_EQ(bw::shard_for_id(c.id, 1), 0u);
        EXPECT_EQ(bw::shard_for_id(c.id, 2), c.of2);
        EXPECT_EQ(bw::shard_for_id(c.id, 3), c.of3);
        EXPECT_EQ(bw::shard_for_id(c.id, 7), c.of7);
    }
}

TEST(Sharding, IdsSpreadEvenly) {
    constexpr unsigned kShards = 3;
    constexpr unsigned kIds = 30000;
    std::vector<unsigned> counts(kShards, 0);
    for (unsigned i = 1; i <= kIds; ++i) ++counts[bw::shard_for_id("reuters-" + std::to_string(i), kShards)];
    for (unsigned shard = 0; shard < kShards; ++shard) {
        EXPECT_NEAR(counts[shard], kIds / kShards, kIds / kShards / 20) << "shard " << shard;  // within 5%
    }
}

}  // namespace
