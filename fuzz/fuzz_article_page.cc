// Fuzz target: the article page parser (ticker tags, keyword line, title, body, boilerplate
// removal) on arbitrary text, after the UTF-8 repair the reader applies, then the record it
// yields through mapping and document building.
#include "fuzz_common.h"
#include "indexer/input_reader.h"
#include "indexer/page_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bw;
    std::string text = fuzz::as_string(data, size);
    repair_utf8(text);
    (void)detect_page_kind(text);
    try {
        fuzz::index_record(parse_article_page(text));
    } catch (const RecordError&) {
    }
    return 0;
}
