// Fuzz target: the signal page parser (publisher, strength/date line, categories, key actors split
// with the entity registry, source articles with quotes, reasoning) on arbitrary text, after the
// UTF-8 repair the reader applies, then the record it yields through mapping and document building.
#include "fuzz_common.h"
#include "indexer/input_reader.h"
#include "indexer/page_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bw;
    std::string text = fuzz::as_string(data, size);
    repair_utf8(text);
    (void)detect_page_kind(text);
    try {
        fuzz::index_record(parse_signal_page(text, fuzz::Pipeline::get().registry));
    } catch (const RecordError&) {
    }
    return 0;
}
