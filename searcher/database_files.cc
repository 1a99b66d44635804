#include "searcher/database_files.h"

#include <filesystem>
#include <fstream>
#include <system_error>

namespace bw {

std::uint64_t directory_size(const std::string& path) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path, ec)) {
        if (entry.is_regular_file(ec)) total += entry.file_size(ec);
    }
    return total;
}

bool has_remote_shards(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return false;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("remote", 0) == 0) return true;
    }
    return false;
}

}  // namespace bw
