// File-level handling of database directories for bulk loads and compaction: scratch directories
// created next to a database (same file system, so renames are atomic) and swapping a freshly
// written database into the place of an existing one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace bw {

// A directory `.<db name>.<tag>-XXXXXX` next to the database, removed with its contents when the
// object goes away.
class ScratchDir {
public:
    ScratchDir(const std::string& db_path, const std::string& tag);
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// Moves the database directory `replacement` to `db_path`; the previous directory at `db_path`
// is moved into `scratch` (and goes when the scratch directory does). Both must be on one file
// system. Throws DatabaseError when a rename fails.
void swap_in_database(const std::string& db_path, const std::filesystem::path& replacement,
                      const std::filesystem::path& scratch);

// Bytes used by the files under `dir` (0 when it does not exist).
std::uint64_t directory_bytes(const std::filesystem::path& dir);

}  // namespace bw
