#include "core/sharding.h"

#include "core/hashing.h"

namespace bw {

unsigned shard_for_id(std::string_view id, unsigned shard_count) {
    if (shard_count <= 1) return 0;
    return static_cast<unsigned>(fnv1a64(id) % shard_count);
}

}  // namespace bw
