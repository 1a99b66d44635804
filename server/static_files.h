// The web page's files, read once from the web directory when the server starts and served from
// memory: only files that were inside that directory can ever be served (no path traversal, no
// symlinks out of it), each with a content type and a strong ETag.
#pragma once

#include <cstddef>
#include <map>
#include <string>

namespace bw {

// One file of the web directory.
struct StaticFile {
    std::string content;
    std::string content_type;
    std::string etag;  // "\"<16 hex digits>\"": FNV-1a of the content
    std::string cache_control;
};

class StaticFiles {
public:
    StaticFiles() = default;
    // Reads the regular files under `dir` (not following symlinks); throws UsageError when `dir`
    // is not a readable directory or holds more than `max_bytes`.
    explicit StaticFiles(const std::string& dir, std::size_t max_bytes = 32 << 20);

    // The file for a request path ("/" is "/index.html"), or nullptr: paths with "..", "\\",
    // NUL or empty segments never match.
    const StaticFile* find(const std::string& request_path) const;
    std::size_t size() const { return files_.size(); }
    const std::string& directory() const { return dir_; }

private:
    std::string dir_;
    std::map<std::string, StaticFile> files_;  // "/index.html" -> file
};

// The content type for a file name's extension (application/octet-stream when unknown).
std::string content_type_for(const std::string& file_name);

}  // namespace bw
