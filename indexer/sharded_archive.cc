#include "indexer/sharded_archive.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "core/sharding.h"

namespace bw {
namespace fs = std::filesystem;
namespace {

std::string shard_name(unsigned k) { return "shard-" + std::to_string(k); }

// The stub's text: a comment naming the routing rule, then one line per shard.
std::string stub_text(unsigned shards) {
    std::ostringstream text;
    text << "# Bellwether sharded archive (bellwether-index --shards " << shards << "): documents are routed to\n"
         << "# shard FNV-1a-64(id) mod " << shards << ". Xapian stub format; paths relative to this directory.\n";
    for (unsigned k = 0; k < shards; ++k) text << "auto " << shard_name(k) << "\n";
    return text.str();
}

void write_stub(const fs::path& dir, unsigned shards) {
    const fs::path stub = dir / kArchiveStubName;
    const fs::path temporary = dir / (std::string(kArchiveStubName) + ".tmp");
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << stub_text(shards);
        out.flush();
        if (!out) throw DatabaseError(temporary.string() + ": cannot write the stub file");
    }
    std::error_code ec;
    fs::rename(temporary, stub, ec);
    if (ec) throw DatabaseError(stub.string() + ": cannot write the stub file: " + ec.message());
}

}  // namespace

std::string ShardedArchive::shard_path(unsigned k) const { return (fs::path(path) / shard_name(k)).string(); }

std::string ShardedArchive::shard_metadata(unsigned k) const {
    return nlohmann::json{{"shard", k}, {"of", shards}}.dump();
}

std::optional<ShardedArchive> find_sharded_archive(const std::string& path) {
    const fs::path stub = fs::path(path) / kArchiveStubName;
    std::error_code ec;
    if (!fs::is_directory(path, ec) || !fs::exists(stub, ec)) return std::nullopt;
    std::ifstream in(stub);
    if (!in) throw DatabaseError(stub.string() + ": cannot read the stub file");
    ShardedArchive archive{path, 0};
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (line.empty() || line[0] == '#') continue;
        if (line != "auto " + shard_name(archive.shards)) {
            throw DatabaseError(stub.string() + ":" + std::to_string(number) + ": expected 'auto " +
                                shard_name(archive.shards) + "': " + path +
                                " is not a sharded archive written by bellwether-index");
        }
        ++archive.shards;
    }
    if (archive.shards == 0) throw DatabaseError(stub.string() + ": the stub file lists no shard");
    return archive;
}

std::optional<ShardedArchive> prepare_sharded_archive(const std::string& path, unsigned requested) {
    if (requested > kMaxShards) {
        throw UsageError("--shards must be between 1 and " + std::to_string(kMaxShards));
    }
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
        // Xapian would open a stub file for writing as a set of databases with its own docid
        // interleaving, not Bellwether's routing by id.
        throw DatabaseError(path + ": is a file, not a database directory (to index into a stub's databases, "
                                   "give the sharded archive's directory or one of the databases it lists)");
    }
    if (auto existing = find_sharded_archive(path)) {
        if (requested != 0 && requested != existing->shards) {
            throw UsageError(path + " is a sharded archive of " + std::to_string(existing->shards) +
                             " shards; --shards " + std::to_string(requested) +
                             " cannot change that (documents are routed by the shard count): "
                             "index into a new path, or leave --shards out");
        }
        return existing;
    }
    if (requested == 0) return std::nullopt;
    if (fs::exists(path, ec)) {
        if (!fs::is_directory(path, ec) || !fs::is_empty(path, ec)) {
            const bool database = fs::exists(fs::path(path) / "iamglass", ec) || fs::exists(fs::path(path) / "iamchert", ec);
            throw UsageError(path + (database ? " is a single (unsharded) database" : " exists and is not empty") +
                             "; --shards writes a new sharded archive: give a new path");
        }
    } else {
        fs::create_directories(path, ec);
        if (ec) throw DatabaseError(path + ": cannot create the archive directory: " + ec.message());
    }
    write_stub(path, requested);
    return ShardedArchive{path, requested};
}

}  // namespace bw
