#include "searcher/date_filter.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "core/dates.h"
#include "core/slots.h"
#include "core/terms.h"

namespace bw {
namespace {

constexpr std::int64_t kDaySeconds = 86400;

std::string term(std::string_view prefix, const char* format, int year, unsigned month = 0, unsigned day = 0) {
    char digits[16];
    std::snprintf(digits, sizeof digits, format, year, month, day);
    return std::string(prefix) + digits;
}

}  // namespace

std::optional<Xapian::Query> date_terms_between(double lo, double hi) {
    if (!(lo <= hi) || lo != std::floor(lo) || hi != std::floor(hi)) return std::nullopt;
    const auto lo_seconds = static_cast<std::int64_t>(lo);
    const auto hi_end = static_cast<std::int64_t>(hi) + 1;  // the first second after the range
    if (lo_seconds % kDaySeconds != 0 || hi_end % kDaySeconds != 0) return std::nullopt;
    const std::int64_t first = lo_seconds / kDaySeconds, last = hi_end / kDaySeconds - 1;
    if (first < days_from_civil(1000, 1, 1) || last >= days_from_civil(10000, 1, 1)) return std::nullopt;

    std::vector<std::string> terms;
    for (std::int64_t day = first; day <= last;) {
        if (terms.size() == kMaxDateTerms) return std::nullopt;
        int y;
        unsigned m, d;
        civil_from_days(day, y, m, d);
        const std::int64_t next_year = days_from_civil(y + 1, 1, 1);
        const std::int64_t next_month = m == 12 ? next_year : days_from_civil(y, m + 1, 1);
        if (m == 1 && d == 1 && next_year - 1 <= last) {
            terms.push_back(term(kYearPrefix, "%04d", y));
            day = next_year;
        } else if (d == 1 && next_month - 1 <= last) {
            terms.push_back(term(kMonthPrefix, "%04d%02u", y, m));
            day = next_month;
        } else {
            terms.push_back(term(kDayPrefix, "%04d%02u%02u", y, m, d));
            ++day;
        }
    }
    if (terms.size() == 1) return Xapian::Query(terms.front());
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query main_date_between(double lo, double hi) {
    if (auto terms = date_terms_between(lo, hi)) return *terms;
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kSlotDate, Xapian::sortable_serialise(lo),
                         Xapian::sortable_serialise(hi));
}

}  // namespace bw
