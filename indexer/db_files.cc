#include "indexer/db_files.h"

#include <fcntl.h>
#include <stdio.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "core/errors.h"

namespace bw {
namespace fs = std::filesystem;
namespace {

// The database directory as a clean path without a trailing slash.
fs::path clean_db_path(const std::string& db_path) {
    fs::path path = fs::path(db_path).lexically_normal();
    if (path.filename().empty()) path = path.parent_path();
    return path;
}

}  // namespace

ScratchDir::ScratchDir(const std::string& db_path, const std::string& tag) {
    fs::path db = clean_db_path(db_path);
    fs::path parent = db.parent_path();
    if (parent.empty()) parent = ".";
    std::string name = ".";  // appended piecewise: `"." + string&&` trips GCC 12's -Wrestrict false positive
    name += db.filename().string();
    name += '.';
    name += tag;
    name += "-XXXXXX";
    std::string pattern = (parent / name).string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (!mkdtemp(buffer.data())) {
        throw DatabaseError("cannot create a scratch directory next to " + db.string() + ": " +
                            std::strerror(errno));
    }
    path_ = buffer.data();
}

ScratchDir::~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

void swap_in_database(const std::string& db_path, const fs::path& replacement, const fs::path& scratch) {
    fs::path db = clean_db_path(db_path);
    std::error_code ec;
    // Atomically where Linux allows it: exchange the two directories in one step, so there is no
    // moment without a database at the path; the old one ends up in the scratch directory.
    if (fs::exists(db, ec) && ::renameat2(AT_FDCWD, replacement.c_str(), AT_FDCWD, db.c_str(), RENAME_EXCHANGE) == 0) {
        return;
    }
    if (fs::exists(db, ec)) {
        fs::rename(db, scratch / "previous", ec);
        if (ec) throw DatabaseError(db.string() + ": cannot move the old database aside: " + ec.message());
    }
    fs::rename(replacement, db, ec);
    if (ec) {
        std::error_code restore;
        fs::rename(scratch / "previous", db, restore);
        throw DatabaseError(db.string() + ": cannot move the new database into place: " + ec.message());
    }
}

std::uint64_t directory_bytes(const fs::path& dir) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        std::error_code size_ec;
        if (it->is_regular_file(size_ec)) total += it->file_size(size_ec);
    }
    return total;
}

}  // namespace bw
