// Date ranges as D/M/Y terms (searcher/date_filter.h): the fewest terms covering whole UTC days,
// and no terms (a value range instead) where the range does not start and end on day boundaries,
// leaves the years the terms can write, or would need more than kMaxDateTerms terms.
#include <optional>
#include <string>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/dates.h"
#include "searcher/date_filter.h"

namespace {

constexpr double kDay = 86400;

double day_start(int y, unsigned m, unsigned d) { return static_cast<double>(bw::days_from_civil(y, m, d)) * kDay; }
double day_end(int y, unsigned m, unsigned d) { return day_start(y, m, d) + kDay - 1; }

struct DateCase {
    const char* name;
    double lo, hi;
    const char* expected;  // the query's description, or nullptr for no terms
};

TEST(DateFilter, TermsCoverExactlyTheDays) {
    const DateCase cases[] = {
        {"one day", day_start(2026, 3, 27), day_end(2026, 3, 27), "Query(D20260327)"},
        {"a whole month", day_start(2026, 2, 1), day_end(2026, 2, 28), "Query(M202602)"},
        {"a leap February", day_start(2024, 2, 1), day_end(2024, 2, 29), "Query(M202402)"},
        {"a whole year", day_start(1987, 1, 1), day_end(1987, 12, 31), "Query(Y1987)"},
        {"days, a month, days", day_start(2025, 12, 31), day_end(2026, 2, 1),
         "Query((D20251231 OR M202601 OR D20260201))"},
        {"months, a year, a month", day_start(2019, 11, 1), day_end(2021, 1, 31),
         "Query((M201911 OR M201912 OR Y2020 OR M202101))"},
        {"starts after midnight", day_start(2026, 3, 1) + 1, day_end(2026, 3, 31), nullptr},
        {"ends at midnight", day_start(2026, 3, 1), day_start(2026, 4, 1), nullptr},
        {"backwards", day_start(2026, 3, 2), day_end(2026, 3, 1), nullptr},
        {"a year before 1000", day_start(999, 1, 1), day_end(999, 12, 31), nullptr},
        {"more than kMaxDateTerms years", day_start(1000, 1, 1), day_end(1200, 12, 31), nullptr},
        {"kMaxDateTerms years", day_start(1900, 1, 1), day_end(1900 + bw::kMaxDateTerms - 1, 12, 31), ""},
    };
    for (const DateCase& c : cases) {
        SCOPED_TRACE(c.name);
        const std::optional<Xapian::Query> terms = bw::date_terms_between(c.lo, c.hi);
        if (!c.expected) {
            EXPECT_FALSE(terms.has_value()) << terms->get_description();
            const std::string fallback = bw::main_date_between(c.lo, c.hi).get_description();
            if (c.lo <= c.hi) {
                EXPECT_EQ(fallback.rfind("Query(VALUE_RANGE 0 ", 0), 0u) << fallback;
            }
            continue;
        }
        ASSERT_TRUE(terms.has_value());
        if (*c.expected) {
            EXPECT_EQ(terms->get_description(), c.expected);
        }
        EXPECT_EQ(bw::main_date_between(c.lo, c.hi).get_description(), terms->get_description());
    }
}

}  // namespace
