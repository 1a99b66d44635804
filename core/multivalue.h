// Encoding of several values in one Xapian value slot (tickers, actors, topics, places, authors),
// so multi-valued facets can be counted exactly: the values joined by U+001F (unit separator),
// which never occurs in a value (control characters are stripped from keyword values).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bw {

inline constexpr char kValueSeparator = '\x1f';

inline std::string encode_values(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) out += kValueSeparator;
        out += v;
    }
    return out;
}

inline std::vector<std::string_view> decode_values(std::string_view encoded) {
    std::vector<std::string_view> out;
    if (encoded.empty()) return out;
    std::size_t start = 0;
    while (true) {
        std::size_t end = encoded.find(kValueSeparator, start);
        if (end == std::string_view::npos) {
            out.push_back(encoded.substr(start));
            break;
        }
        out.push_back(encoded.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

}  // namespace bw
