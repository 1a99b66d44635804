// What the searcher reads from a database path itself, rather than through Xapian: the size on
// disk (for --stats) and whether a stub file names remote shards (served by xapian-tcpsrv).
#pragma once

#include <cstdint>
#include <string>

namespace bw {

// Bytes in the regular files under `path` (0 for a path that is not a directory).
std::uint64_t directory_size(const std::string& path);

// Whether `path` is a stub database file with a "remote" line (a shard on a xapian-tcpsrv).
bool has_remote_shards(const std::string& path);

}  // namespace bw
