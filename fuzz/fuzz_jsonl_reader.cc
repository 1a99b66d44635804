// Fuzz target: the input reader on arbitrary bytes (JSON Lines vs raw page detection, line
// splitting, BOM/CRLF, UTF-8 repair, depth limit, JSON parsing), then every record it yields
// through the schema mapping and document building of bellwether-index.
#include <cstdio>

#include "fuzz_common.h"
#include "indexer/input_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bw;
    static InputReader reader({}, fuzz::Pipeline::get().registry);
    std::string bytes = fuzz::as_string(data, size);
    std::FILE* file = size ? fmemopen(bytes.data(), bytes.size(), "rb") : std::tmpfile();
    if (!file) return 0;
    reader.for_each_in_stream(file, "fuzz-input", [](InputItem&& item) {
        if (item.record) fuzz::index_record(*item.record);
        return true;
    });
    std::fclose(file);
    return 0;
}
