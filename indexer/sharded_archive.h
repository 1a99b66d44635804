// The on-disk layout of a sharded archive (`bellwether-index --shards N`): a directory holding the
// shard databases `shard-0` .. `shard-<N-1>` and a Xapian stub file `XAPIANDB` listing them, one
// `auto shard-K` line each (paths relative to the directory). Xapian opens a directory holding a
// XAPIANDB file as that stub, so `bellwether-search --db DIR` and `bellwether-serve --db DIR` search
// every shard as one database without knowing about shards. Documents are routed by
// core/sharding.h; every shard carries the full Bellwether metadata (format, schemas, generation,
// last commit) plus its place in the set (kShardKey), since the searcher reads the first shard's.
#pragma once

#include <optional>
#include <string>

namespace bw {

// Metadata key of a shard: {"shard": K, "of": N}.
inline constexpr const char* kShardKey = "bellwether.shard";
// The stub file inside a sharded archive's directory (the name Xapian looks for).
inline constexpr const char* kArchiveStubName = "XAPIANDB";

// A sharded archive: where it is and how many shards it has.
struct ShardedArchive {
    std::string path;     // the archive directory
    unsigned shards = 0;  // >= 1
    // The database directory of shard `k`.
    std::string shard_path(unsigned k) const;
    // kShardKey's value for shard `k`.
    std::string shard_metadata(unsigned k) const;
};

// The sharded archive at `path`, or nullopt when `path` is not one (no XAPIANDB file in it). Throws
// DatabaseError when the XAPIANDB there is not the list of `auto shard-K` lines bellwether-index
// writes (for instance a replica directory of xapian-replicate: it is not for indexing into).
std::optional<ShardedArchive> find_sharded_archive(const std::string& path);

// The sharded archive to index into at `path`. `requested` is --shards (0: not given). An existing
// archive is used as it is; --shards must then name its shard count (UsageError otherwise: routing
// by another count would put ids on the wrong shards). With --shards and nothing at `path` (or an
// empty directory), a new archive is created: the directory and the stub (written atomically, before
// any shard, so an interrupted creation is finished by running the same command again). Returns
// nullopt for a plain database (no --shards, no archive). UsageError when --shards is given for a
// path holding anything else (a single database, other files). DatabaseError for a file at `path`
// (a stub file: Xapian would write it as a set of databases without routing ids).
std::optional<ShardedArchive> prepare_sharded_archive(const std::string& path, unsigned requested);

}  // namespace bw
