#include "searcher/date_filter.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <algorithm>
#include <string>
#include <vector>

#include "core/dates.h"
#include "core/errors.h"
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

Xapian::Query since_until_filter(const std::optional<std::string>& since, const std::optional<std::string>& until,
                         const Xapian::Database& db) {
    Timestamp now = now_utc();
    std::optional<double> lo, hi;
    if (since) {
        auto span = parse_date_span(*since, now);
        if (!span) throw UsageError("--since: cannot understand the date '" + *since + "'");
        lo = static_cast<double>(span->begin.seconds);
    }
    if (until) {
        auto span = parse_date_span(*until, now);
        if (!span) throw UsageError("--until: cannot understand the date '" + *until + "'");
        hi = static_cast<double>(span->end.seconds - 1);
    }
    if (lo && hi && *lo > *hi) throw UsageError("--since is after --until");
    if (lo.has_value() != hi.has_value()) {
        // The ends of the archive's dates, widened to whole UTC days.
        const std::string bound = lo ? db.get_value_upper_bound(kSlotDate) : db.get_value_lower_bound(kSlotDate);
        if (!bound.empty()) {
            const double day = std::floor(Xapian::sortable_unserialise(bound) / 86400) * 86400;
            if (lo) hi = std::max(*lo, day + 86399);
            else lo = std::min(*hi, day);
        }
    }
    if (lo && hi) return main_date_between(*lo, *hi);
    if (lo) return Xapian::Query(Xapian::Query::OP_VALUE_GE, kSlotDate, Xapian::sortable_serialise(*lo));
    if (hi) return Xapian::Query(Xapian::Query::OP_VALUE_LE, kSlotDate, Xapian::sortable_serialise(*hi));
    return Xapian::Query();
}

}  // namespace bw
