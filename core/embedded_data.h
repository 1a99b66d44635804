// Data files compiled into the binaries (see core/CMakeLists.txt): the built-in schemas and the
// entity registry.
#pragma once

#include <string_view>

namespace bw::embedded {

std::string_view article_schema();
std::string_view signal_schema();
std::string_view entities_tsv();

}  // namespace bw::embedded
