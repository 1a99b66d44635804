// Fuzz target: the date parser. Beyond not crashing, a parsed date must lie in years 1..9999,
// format without error, and its ISO form must parse back to the same moment; a span must not end
// before it begins.
#include <cstdlib>

#include "core/dates.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bw;
    const std::string text = fuzz::as_string(data, size);
    if (auto ts = parse_date(text)) {
        const int year = ts->year_number();
        if (year < 1 || year > 9999) std::abort();
        (void)ts->day();
        (void)ts->month();
        (void)ts->iso_week();
        auto again = parse_date(ts->iso());
        if (!again || *again != *ts) std::abort();
    }
    const Timestamp now{1774569600};  // 2026-03-27T00:00:00Z: fixed so runs are reproducible
    if (auto span = parse_date_span(text, now)) {
        if (span->end < span->begin) std::abort();
        (void)span->begin.iso();
        (void)span->end.iso();
    }
    return 0;
}
