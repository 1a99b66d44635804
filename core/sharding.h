// Which shard of a sharded archive a document belongs to. The rule is part of the on-disk format:
// a re-indexed or deleted id must land on the shard that already holds it, on any machine and with
// any compiler, so it is FNV-1a 64 (core/hashing.h) of the id's UTF-8 bytes modulo the shard count,
// never std::hash.
#pragma once

#include <string_view>

namespace bw {

// The largest shard count `bellwether-index --shards` accepts.
inline constexpr unsigned kMaxShards = 1024;

// The shard (0 .. shard_count - 1) of the document with this id. `shard_count` must be >= 1.
unsigned shard_for_id(std::string_view id, unsigned shard_count);

}  // namespace bw
