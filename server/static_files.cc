#include "server/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/errors.h"
#include "core/hashing.h"

namespace bw {

namespace fs = std::filesystem;

std::string content_type_for(const std::string& file_name) {
    static const std::map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"}, {".json", "application/json"},
        {".svg", "image/svg+xml"}, {".png", "image/png"}, {".ico", "image/x-icon"},
        {".txt", "text/plain; charset=utf-8"}, {".webmanifest", "application/manifest+json"}};
    auto it = types.find(fs::path(file_name).extension().string());
    return it == types.end() ? "application/octet-stream" : it->second;
}

StaticFiles::StaticFiles(const std::string& dir, std::size_t max_bytes) : dir_(dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw UsageError("--static: '" + dir + "' is not a directory");
    std::size_t total = 0;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
        std::ifstream in(it->path(), std::ios::binary);
        if (!in) throw UsageError("--static: cannot read " + it->path().string());
        std::ostringstream content;
        content << in.rdbuf();
        StaticFile file;
        file.content = content.str();
        total += file.content.size();
        if (total > max_bytes) throw UsageError("--static: '" + dir + "' holds more than " + std::to_string(max_bytes) + " bytes");
        file.content_type = content_type_for(it->path().filename().string());
        // Built by appending: GCC 12 warns falsely (-Wrestrict, PR 105329) on "literal" + std::string.
        file.etag.append(1, '"').append(hex64(fnv1a64(file.content))).append(1, '"');
        // The page itself is always revalidated (cheap with the ETag); assets may be reused for 5 minutes.
        file.cache_control = file.content_type.rfind("text/html", 0) == 0 ? "no-cache" : "public, max-age=300";
        std::string key(1, '/');
        key.append(fs::relative(it->path(), dir).generic_string());
        files_[key] = std::move(file);
    }
    if (ec) throw UsageError("--static: cannot list '" + dir + "': " + ec.message());
}

const StaticFile* StaticFiles::find(const std::string& request_path) const {
    std::string path = request_path == "/" ? "/index.html" : request_path;
    if (path.empty() || path[0] != '/' || path.find('\\') != std::string::npos || path.find('\0') != std::string::npos)
        return nullptr;
    // Every segment must be a plain name: no "", ".", "..".
    std::size_t at = 1;
    while (at <= path.size()) {
        std::size_t slash = path.find('/', at);
        if (slash == std::string::npos) slash = path.size();
        std::string segment = path.substr(at, slash - at);
        if (segment.empty() || segment == "." || segment == "..") return nullptr;
        at = slash + 1;
    }
    auto it = files_.find(path);
    return it == files_.end() ? nullptr : &it->second;
}

}  // namespace bw
