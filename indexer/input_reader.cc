#include "indexer/input_reader.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include "core/errors.h"
#include "indexer/page_parser.h"

namespace bw {
namespace fs = std::filesystem;
namespace {

struct FileCloser {
    void operator()(std::FILE* f) const {
        if (f && f != stdin) std::fclose(f);
    }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

bool indexable_extension(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == ".jsonl" || ext == ".ndjson" || ext == ".json" || ext == ".txt" || ext == ".page";
}

// Maximum nesting depth of a JSON text (brackets outside strings), stopping early past `limit`.
int json_depth(std::string_view text, int limit) {
    int depth = 0, max_depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '{' || c == '[') {
            max_depth = std::max(max_depth, ++depth);
            if (max_depth > limit) return max_depth;
        } else if (c == '}' || c == ']') --depth;
    }
    return max_depth;
}

std::string short_parse_error(const std::string& what) {
    // nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 1, column 5: ..."
    std::string message = what;
    if (auto pos = message.find("] "); pos != std::string::npos) message = message.substr(pos + 2);
    return "invalid JSON: " + message;
}

}  // namespace

std::size_t repair_utf8(std::string& text) {
    std::size_t repaired = 0;
    std::string out;
    std::size_t i = 0;
    const std::size_t n = text.size();
    bool copying = false;
    while (i < n) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool valid = len > 0 && i + len <= n;
        for (std::size_t k = 1; valid && k < len; ++k) valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        if (valid && len > 1) {
            // Reject overlong forms, surrogates and code points past U+10FFFF.
            unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
            if (len == 2 && c < 0xC2) valid = false;
            if (len == 3 && c == 0xE0 && c1 < 0xA0) valid = false;
            if (len == 3 && c == 0xED && c1 >= 0xA0) valid = false;
            if (len == 4 && (c == 0xF0 && c1 < 0x90)) valid = false;
            if (len == 4 && (c > 0xF4 || (c == 0xF4 && c1 >= 0x90))) valid = false;
        }
        if (valid) {
            if (copying) out.append(text, i, len);
            i += len;
            continue;
        }
        if (!copying) {
            out.assign(text, 0, i);
            copying = true;
        }
        out += static_cast<char>(0xC0 | (c >> 6));  // Latin-1 byte -> U+0080..U+00FF
        out += static_cast<char>(0x80 | (c & 0x3F));
        ++repaired;
        ++i;
    }
    if (copying) text.swap(out);
    return repaired;
}

InputReader::InputReader(std::vector<std::string> inputs, const EntityRegistry& registry) : registry_(registry) {
    for (const auto& input : inputs) {
        if (input == "-") {
            files_.push_back(input);
            continue;
        }
        std::error_code ec;
        fs::path path(input);
        auto status = fs::status(path, ec);
        if (ec || !fs::exists(status))
            throw UsageError(input + ": " + (ec ? ec.message() : std::string("no such file or directory")));
        if (fs::is_directory(status)) {
            std::vector<std::string> found;
            auto options = fs::directory_options::skip_permission_denied;
            fs::recursive_directory_iterator it(path, options, ec), end;
            if (ec) throw UsageError(input + ": cannot read directory: " + ec.message());
            for (; it != end; it.increment(ec)) {
                if (ec) {
                    skipped_files_.push_back(input + ": " + ec.message());
                    break;
                }
                const auto& entry = *it;
                std::string name = entry.path().filename().string();
                if (!name.empty() && name[0] == '.') {
                    if (entry.is_directory(ec)) it.disable_recursion_pending();
                    continue;
                }
                if (entry.is_symlink(ec)) {
                    // Symlinked files are read; symlinked directories are not followed (no loops).
                    std::error_code ec2;
                    auto target = fs::status(entry.path(), ec2);
                    if ((ec2 || !fs::exists(target)) && indexable_extension(entry.path())) {
                        // A dangling or looping link: kept so reading it reports the reason.
                        found.push_back(entry.path().string());
                        continue;
                    }
                    if (!fs::is_regular_file(target)) continue;
                }
                if (!entry.is_regular_file(ec)) continue;
                if (!indexable_extension(entry.path())) continue;
                found.push_back(entry.path().string());
            }
            std::sort(found.begin(), found.end());
            for (auto& f : found) files_.push_back(std::move(f));
        } else {
            files_.push_back(input);
        }
    }
    for (const auto& file : files_) {
        if (file == "-") continue;
        std::error_code ec;
        auto size = fs::file_size(file, ec);
        if (!ec) total_bytes_ += size;
    }
}

void InputReader::for_each(const std::function<bool(InputItem&&)>& sink) {
    for (const auto& name : files_) {
        FilePtr file(name == "-" ? stdin : std::fopen(name.c_str(), "rb"));
        std::string origin = name == "-" ? "<stdin>" : name;
        if (!file) {
            InputItem item;
            item.origin = origin;
            item.line = 0;
            item.error = std::string("cannot open: ") + std::strerror(errno);
            if (!sink(std::move(item))) return;
            continue;
        }
        if (!read_stream(file.get(), origin, sink)) return;
    }
}

bool InputReader::read_stream(std::FILE* file, const std::string& origin, const std::function<bool(InputItem&&)>& sink) {
    // Look at the start to tell JSON Lines from a raw page.
    std::string head(4096, '\0');
    std::size_t got = std::fread(head.data(), 1, head.size(), file);
    head.resize(got);
    bytes_read_ += got;
    std::size_t start = 0;
    if (head.compare(0, 3, "\xEF\xBB\xBF") == 0) start = 3;  // UTF-8 BOM
    std::size_t first = head.find_first_not_of(" \t\r\n", start);
    if (first == std::string::npos && got < 4096) return true;  // empty file: nothing to index
    if (first != std::string::npos && (head[first] == '{' || head[first] == '[')) {
        return read_jsonl(file, origin, head.substr(start), sink);
    }
    return read_page(file, origin, head.substr(start), sink);
}

bool InputReader::read_jsonl(std::FILE* file, const std::string& origin, std::string pending,
                             const std::function<bool(InputItem&&)>& sink) {
    std::size_t line_number = 0;
    std::string line;
    bool overlong = false;
    constexpr std::size_t kChunkBytes = 64 << 10;  // fread buffers anyway; small keeps short inputs cheap
    auto chunk = std::make_unique_for_overwrite<char[]>(kChunkBytes);  // not zeroed: fread fills it
    bool eof = false;
    auto emit_line = [&](std::string& text) -> bool {
        ++line_number;
        InputItem item;
        item.origin = origin;
        item.line = line_number;
        if (overlong) {
            overlong = false;
            item.error = "line longer than " + std::to_string(kMaxLineBytes >> 20) + " MiB; skipped";
            return sink(std::move(item));
        }
        if (!text.empty() && text.back() == '\r') text.pop_back();
        std::size_t begin = text.find_first_not_of(" \t");
        if (begin == std::string::npos) return true;  // blank line
        if (text.find('\0') != std::string::npos) {
            item.error = "NUL byte in line";
            return sink(std::move(item));
        }
        if (std::size_t bad = repair_utf8(text)) {
            item.warnings.push_back("invalid UTF-8 (" + std::to_string(bad) + " byte" + (bad == 1 ? "" : "s") +
                                    ") read as Latin-1");
        }
        if (json_depth(text, kMaxJsonDepth) > kMaxJsonDepth) {
            item.error = "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
            return sink(std::move(item));
        }
        try {
            nlohmann::json value = nlohmann::json::parse(text);
            if (value.is_array()) {
                // A JSON array of records on one line (or a whole .json file holding an array).
                for (auto& element : value) {
                    InputItem each;
                    each.origin = origin;
                    each.line = line_number;
                    each.warnings = item.warnings;
                    each.record = std::move(element);
                    if (!sink(std::move(each))) return false;
                }
                return true;
            }
            item.record = std::move(value);
        } catch (const nlohmann::json::exception& e) {
            // parse_error, and out_of_range for numbers past double's range (1e400).
            item.error = short_parse_error(e.what());
        }
        return sink(std::move(item));
    };

    while (true) {
        std::size_t pos = 0;
        while (true) {
            std::size_t nl = pending.find('\n', pos);
            if (nl == std::string::npos) break;
            if (!overlong) line.append(pending, pos, nl - pos);
            if (!emit_line(line)) return false;
            line.clear();
            pos = nl + 1;
        }
        if (!overlong) line.append(pending, pos, std::string::npos);
        if (line.size() > kMaxLineBytes) {
            overlong = true;
            line.clear();
            line.shrink_to_fit();
        }
        pending.clear();
        if (eof) break;
        std::size_t got = std::fread(chunk.get(), 1, kChunkBytes, file);
        bytes_read_ += got;
        if (got == 0) {
            eof = true;
            if (!line.empty() || overlong) {
                if (!emit_line(line)) return false;
            }
            break;
        }
        pending.assign(chunk.get(), got);
    }
    return true;
}

bool InputReader::read_page(std::FILE* file, const std::string& origin, std::string text,
                            const std::function<bool(InputItem&&)>& sink) {
    std::vector<char> chunk(1 << 16);
    bool too_big = false;
    while (std::size_t got = std::fread(chunk.data(), 1, chunk.size(), file)) {
        bytes_read_ += got;
        if (text.size() + got > kMaxPageBytes) {
            too_big = true;
            continue;  // drain the rest
        }
        text.append(chunk.data(), got);
    }
    InputItem item;
    item.origin = origin;
    item.line = 1;
    if (too_big) {
        item.error = "raw page larger than " + std::to_string(kMaxPageBytes >> 20) + " MiB; skipped";
        return sink(std::move(item));
    }
    if (std::size_t bad = repair_utf8(text)) {
        item.warnings.push_back("invalid UTF-8 (" + std::to_string(bad) + " bytes) read as Latin-1");
    }
    if (text.find('\0') != std::string::npos) {
        item.error = "NUL byte in a text page (binary file?)";
        return sink(std::move(item));
    }
    try {
        auto kind = detect_page_kind(text);
        if (!kind) {
            item.error = "not a JSON Lines file and not a page in a known layout (article or signal)";
        } else if (*kind == PageKind::Article) {
            item.record = parse_article_page(text);
        } else {
            item.record = parse_signal_page(text, registry_);
        }
    } catch (const RecordError& e) {
        item.error = e.what();
    }
    return sink(std::move(item));
}

}  // namespace bw
