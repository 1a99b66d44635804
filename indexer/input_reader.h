// Reads the indexer's inputs: JSON Lines files, raw pages (the seed layouts), directories
// (recursively, in sorted order, never following symlinked directories) and `-` for standard
// input. Each record comes out with its origin (file:line) or as an error for that line; reading
// never stops on a bad record, and memory stays bounded by the longest accepted line.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/entities.h"

namespace bw {

// One record read from the inputs, or the reason a line could not be read as one.
struct InputItem {
    std::string origin;                   // file path, or "<stdin>"
    std::size_t line = 0;                 // 1-based line number (1 for a whole page)
    std::optional<nlohmann::json> record; // set when the line parsed
    std::string error;                    // set when it did not
    std::vector<std::string> warnings;    // e.g. invalid UTF-8 repaired
};

inline constexpr std::size_t kMaxLineBytes = 64u << 20;   // longer lines are rejected
inline constexpr std::size_t kMaxPageBytes = 16u << 20;   // longer raw pages are rejected
inline constexpr int kMaxJsonDepth = 64;                   // deeper JSON is rejected

class InputReader {
public:
    InputReader(std::vector<std::string> inputs, const EntityRegistry& registry);

    // Calls `sink` for every item in input order; stops early when it returns false.
    // Throws UsageError when an input does not exist or cannot be opened.
    void for_each(const std::function<bool(InputItem&&)>& sink);

    // Reads one already open stream as if it were an input named `origin` (JSON Lines or a raw
    // page, detected the same way); used by the fuzz targets. Returns false when `sink` stopped it.
    bool for_each_in_stream(std::FILE* file, const std::string& origin, const std::function<bool(InputItem&&)>& sink) {
        return read_stream(file, origin, sink);
    }

    // Total size of the regular files given (for progress); 0 when unknown (stdin).
    std::uint64_t total_bytes() const { return total_bytes_; }
    std::uint64_t bytes_read() const { return bytes_read_; }
    // Files that were skipped (unreadable, unknown kind) with the reason, as "path: reason".
    const std::vector<std::string>& skipped_files() const { return skipped_files_; }

private:
    bool read_stream(std::FILE* file, const std::string& origin, const std::function<bool(InputItem&&)>& sink);
    bool read_jsonl(std::FILE* file, const std::string& origin, std::string first_chunk,
                    const std::function<bool(InputItem&&)>& sink);
    bool read_page(std::FILE* file, const std::string& origin, std::string first_chunk,
                   const std::function<bool(InputItem&&)>& sink);

    std::vector<std::string> files_;
    const EntityRegistry& registry_;
    std::uint64_t total_bytes_ = 0;
    std::uint64_t bytes_read_ = 0;
    std::vector<std::string> skipped_files_;
};

// Replaces each byte that is not valid UTF-8 by the character it stands for in Latin-1 (the usual
// cause) and returns how many were replaced.
std::size_t repair_utf8(std::string& text);

}  // namespace bw
