// Table-driven tests of core/dates: every accepted form of parse_date, the invalid inputs it must
// reject, boundary dates, formatting (including before 1970), ISO weeks, parse_date_span with a
// fixed `now`, and robustness against arbitrary input. Calendar arithmetic is cross-checked against
// the C library's timegm/gmtime_r rather than against itself.
#include <cstdint>
#include <ctime>
#include <optional>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/dates.h"

namespace {

using bw::Timestamp;

constexpr std::int64_t kMinSeconds = -62135596800;  // 0001-01-01T00:00:00Z
constexpr std::int64_t kMaxSeconds = 253402300799;  // 9999-12-31T23:59:59Z

// Seconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ" via timegm (independent of the code under test).
std::int64_t utc(const char* iso) {
    std::tm tm{};
    EXPECT_NE(strptime(iso, "%Y-%m-%dT%H:%M:%SZ", &tm), nullptr) << iso;
    return static_cast<std::int64_t>(timegm(&tm));
}

// ---------------------------------------------------------------------------------------------------
// parse_date

struct DateCase {
    std::string input;
    std::optional<std::string> iso;  // nullopt: must be rejected
};

std::ostream& operator<<(std::ostream& os, const DateCase& c) {
    return os << '"' << c.input << "\" -> " << (c.iso ? *c.iso : "nullopt");
}

const std::vector<DateCase> kDateCases = {
    // ISO 8601 dates and times.
    {"2026-03-27", "2026-03-27T00:00:00Z"},
    {"2026-03-27T14:05:00Z", "2026-03-27T14:05:00Z"},
    {"2026-03-27T14:05:00", "2026-03-27T14:05:00Z"},
    {"2026-03-27t14:05:00z", "2026-03-27T14:05:00Z"},
    {"2026-03-27T14:05Z", "2026-03-27T14:05:00Z"},
    {"2026-03-27T14:05:00.123Z", "2026-03-27T14:05:00Z"},
    {"2026-03-27T14:05:59.999999999Z", "2026-03-27T14:05:59Z"},
    {"2026-03-27T14:05:00,5Z", "2026-03-27T14:05:00Z"},
    {"2026-03-27T14:05:00+02:00", "2026-03-27T12:05:00Z"},
    {"2026-03-27T14:05:00+0200", "2026-03-27T12:05:00Z"},
    {"2026-03-27T14:05:00+02", "2026-03-27T12:05:00Z"},
    {"2026-03-27T14:05:00.250+02:00", "2026-03-27T12:05:00Z"},
    {"2026-03-27T14:05:00-05:30", "2026-03-27T19:35:00Z"},
    {"2026-03-27T14:05:00-00:00", "2026-03-27T14:05:00Z"},
    {"2026-03-27T23:30:00-01:00", "2026-03-28T00:30:00Z"},
    {"2026-03-27T00:30:00+01:00", "2026-03-26T23:30:00Z"},
    {"2026-12-31T23:00:00-02:00", "2027-01-01T01:00:00Z"},
    {"2026-03-27 14:05:00", "2026-03-27T14:05:00Z"},
    {"2026-03-27 14:05:00Z", "2026-03-27T14:05:00Z"},
    {"2026-03-27 14:05:00+02:00", "2026-03-27T12:05:00Z"},
    {"2026-03-27 14:05:00 +0200", "2026-03-27T12:05:00Z"},
    {"2026-03-27 14:05:00 UTC", "2026-03-27T14:05:00Z"},
    {"  2026-03-27T14:05:00Z \n\t", "2026-03-27T14:05:00Z"},
    // US month/day/year.
    {"3/27/2026", "2026-03-27T00:00:00Z"},
    {"03/27/2026", "2026-03-27T00:00:00Z"},
    {"3/7/2026", "2026-03-07T00:00:00Z"},
    {"3/27/2026 14:05", "2026-03-27T14:05:00Z"},
    {"3/27/2026 2:05 PM", "2026-03-27T14:05:00Z"},
    {"3/27/2026 12:05 am", "2026-03-27T00:05:00Z"},
    {"3/27/2026 12:05pm", "2026-03-27T12:05:00Z"},
    // Month name first.
    {"March 27, 2026", "2026-03-27T00:00:00Z"},
    {"March 27 2026", "2026-03-27T00:00:00Z"},
    {"March 27,2026", "2026-03-27T00:00:00Z"},
    {"march 27, 2026", "2026-03-27T00:00:00Z"},
    {"MARCH 27, 2026", "2026-03-27T00:00:00Z"},
    {"Mar 27 2026", "2026-03-27T00:00:00Z"},
    {"Mar. 27, 2026", "2026-03-27T00:00:00Z"},
    {"Sept 3, 2026", "2026-09-03T00:00:00Z"},
    {"September 3, 2026 14:05:00", "2026-09-03T14:05:00Z"},
    {"March 27, 2026, 2:05 PM", "2026-03-27T14:05:00Z"},
    {"Friday, March 27, 2026", "2026-03-27T00:00:00Z"},
    // Day first.
    {"27 March 2026", "2026-03-27T00:00:00Z"},
    {"27 mar 2026", "2026-03-27T00:00:00Z"},
    {"1 January 2000", "2000-01-01T00:00:00Z"},
    // Reuters-21578.
    {"27-MAR-1987 15:01:01.79", "1987-03-27T15:01:01Z"},
    {"26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01Z"},
    {" 5-MAR-1987 09:19:04.38", "1987-03-05T09:19:04Z"},
    {"27-Mar-1987", "1987-03-27T00:00:00Z"},
    // Twitter.
    {"Wed Jan 01 03:59:03 +0000 2014", "2014-01-01T03:59:03Z"},
    {"Wed Jan 01 03:59:03 +0100 2014", "2014-01-01T02:59:03Z"},
    {"wed jan 01 03:59:03 +0000 2014", "2014-01-01T03:59:03Z"},
    // RFC 2822.
    {"Wed, 01 Jan 2014 03:59:03 +0000", "2014-01-01T03:59:03Z"},
    {"Wed, 01 Jan 2014 03:59:03 GMT", "2014-01-01T03:59:03Z"},
    {"Wed, 1 Jan 2014 03:59 -0800", "2014-01-01T11:59:00Z"},
    {"01 Jan 2014 03:59:03 -0800", "2014-01-01T11:59:03Z"},
    // Boundaries.
    {"1970-01-01", "1970-01-01T00:00:00Z"},
    {"1969-12-31", "1969-12-31T00:00:00Z"},
    {"1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"},
    {"1970-01-01T00:59:59+01:00", "1969-12-31T23:59:59Z"},
    {"2000-02-29", "2000-02-29T00:00:00Z"},
    {"2024-02-29", "2024-02-29T00:00:00Z"},
    {"1900-02-28", "1900-02-28T00:00:00Z"},
    {"0001-01-01", "0001-01-01T00:00:00Z"},
    {"9999-12-31", "9999-12-31T00:00:00Z"},
    {"9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"},
    {"12/31/9999", "9999-12-31T00:00:00Z"},
    {"1600-03-01", "1600-03-01T00:00:00Z"},
    // Invalid: impossible fields.
    {"31/31/2026", std::nullopt},
    {"13/01/2026", std::nullopt},
    {"2026-02-30", std::nullopt},
    {"2026-04-31", std::nullopt},
    {"1900-02-29", std::nullopt},
    {"2023-02-29", std::nullopt},
    {"2026-13-01", std::nullopt},
    {"2026-00-10", std::nullopt},
    {"2026-03-00", std::nullopt},
    {"2026-03-32", std::nullopt},
    {"March 32, 2026", std::nullopt},
    {"30 February 2026", std::nullopt},
    // Invalid: years outside 1..9999.
    {"99999-01-01", std::nullopt},
    {"0000-01-01", std::nullopt},
    {"1/1/0000", std::nullopt},
    {"1/1/99999", std::nullopt},
    {"0001-01-01T00:30:00+01:00", std::nullopt},
    {"9999-12-31T23:30:00-01:00", std::nullopt},
    // Invalid: impossible times.
    {"2026-03-27T25:00:00Z", std::nullopt},
    {"2026-03-27T24:00:00Z", std::nullopt},
    {"2026-03-27T14:60:00Z", std::nullopt},
    {"2026-03-27T14:05:60Z", std::nullopt},
    {"31-MAR-1987 605:12:19.12", std::nullopt},
    {"3/27/2026 13:05 PM", std::nullopt},
    {"3/27/2026 0:05 AM", std::nullopt},
    {"2026-03-27T14:05:00+25:00", std::nullopt},
    {"2026-03-27T14:05:00+02:60", std::nullopt},
    // Invalid: malformed.
    {"", std::nullopt},
    {"   ", std::nullopt},
    {"2026", std::nullopt},
    {"2026-03", std::nullopt},
    {"March 2026", std::nullopt},
    {"2026-3-27", std::nullopt},
    {"26-03-27", std::nullopt},
    {"2026/03/27", std::nullopt},
    {"3/27/26", std::nullopt},
    {"27-MAR-87", std::nullopt},
    {"2026-03-27T", std::nullopt},
    {"2026-03-27T14", std::nullopt},
    {"2026-03-27T4:05:00", std::nullopt},
    {"2026-03-27T14:5:00", std::nullopt},
    {"2026-03-27T14:05:00.Z", std::nullopt},
    {"2026-03-27T14:05:00+2", std::nullopt},
    {"2026-03-27T14:05:00+020", std::nullopt},
    {"2026-03-27T14:05:00Zjunk", std::nullopt},
    {"2026-03-27 garbage", std::nullopt},
    {"2026-03-27x", std::nullopt},
    {"2026-03-27 14:05:00 PST", std::nullopt},
    {"Foo 27, 2026", std::nullopt},
    {"Wed", std::nullopt},
    {"Wed, Foo 01 2014", std::nullopt},
    {"Wed Jan 01 03:59:03 +0000", std::nullopt},
    {"Wed Jan 01 03:59:03 +0000 2014 extra", std::nullopt},
    {"12:00", std::nullopt},
    {"today", std::nullopt},
    {std::string("2026-03-27\0", 11), std::nullopt},
    {std::string("2026-03\0-27", 11), std::nullopt},
};

class ParseDate : public ::testing::TestWithParam<DateCase> {};

TEST_P(ParseDate, Table) {
    const DateCase& c = GetParam();
    std::optional<Timestamp> got = bw::parse_date(c.input);
    if (!c.iso) {
        EXPECT_FALSE(got.has_value()) << "accepted as " << got->iso();
        return;
    }
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->iso(), *c.iso);
    EXPECT_EQ(got->seconds, utc(c.iso->c_str()));
}

INSTANTIATE_TEST_SUITE_P(Dates, ParseDate, ::testing::ValuesIn(kDateCases));

// ---------------------------------------------------------------------------------------------------
// Formatting

struct FormatCase {
    std::int64_t seconds;
    std::string iso, day, month, year, iso_week;
    int year_number;
};

std::ostream& operator<<(std::ostream& os, const FormatCase& c) { return os << c.seconds << " -> " << c.iso; }

const std::vector<FormatCase> kFormatCases = {
    {0, "1970-01-01T00:00:00Z", "1970-01-01", "1970-01", "1970", "1970-W01", 1970},
    {-1, "1969-12-31T23:59:59Z", "1969-12-31", "1969-12", "1969", "1970-W01", 1969},
    {-86400, "1969-12-31T00:00:00Z", "1969-12-31", "1969-12", "1969", "1970-W01", 1969},
    {-86401, "1969-12-30T23:59:59Z", "1969-12-30", "1969-12", "1969", "1970-W01", 1969},
    {utc("2026-03-27T14:05:00Z"), "2026-03-27T14:05:00Z", "2026-03-27", "2026-03", "2026", "2026-W13", 2026},
    {utc("1900-03-01T01:02:03Z"), "1900-03-01T01:02:03Z", "1900-03-01", "1900-03", "1900", "1900-W09", 1900},
    {kMinSeconds, "0001-01-01T00:00:00Z", "0001-01-01", "0001-01", "0001", "0001-W01", 1},
    {kMaxSeconds, "9999-12-31T23:59:59Z", "9999-12-31", "9999-12", "9999", "9999-W52", 9999},
};

class Format : public ::testing::TestWithParam<FormatCase> {};

TEST_P(Format, Table) {
    const FormatCase& c = GetParam();
    const Timestamp t{c.seconds};
    EXPECT_EQ(t.iso(), c.iso);
    EXPECT_EQ(t.day(), c.day);
    EXPECT_EQ(t.month(), c.month);
    EXPECT_EQ(t.year(), c.year);
    EXPECT_EQ(t.iso_week(), c.iso_week);
    EXPECT_EQ(t.year_number(), c.year_number);
}

INSTANTIATE_TEST_SUITE_P(Dates, Format, ::testing::ValuesIn(kFormatCases));

// ISO 8601 week-numbering: weeks start on Monday; week 1 holds the year's first Thursday.
struct WeekCase {
    std::string day;
    std::string week;
};

std::ostream& operator<<(std::ostream& os, const WeekCase& c) { return os << c.day << " -> " << c.week; }

const std::vector<WeekCase> kWeekCases = {
    {"2021-01-03", "2020-W53"}, {"2021-01-04", "2021-W01"}, {"2020-12-31", "2020-W53"}, {"2026-01-01", "2026-W01"},
    {"2024-12-30", "2025-W01"}, {"2024-12-29", "2024-W52"}, {"2026-03-27", "2026-W13"}, {"2008-12-29", "2009-W01"},
    {"2010-01-03", "2009-W53"}, {"2026-12-31", "2026-W53"}, {"2027-01-01", "2026-W53"}, {"1969-12-29", "1970-W01"},
    {"1969-12-28", "1969-W52"}, {"0001-01-01", "0001-W01"},
};

class IsoWeek : public ::testing::TestWithParam<WeekCase> {};

TEST_P(IsoWeek, Table) {
    const WeekCase& c = GetParam();
    std::optional<Timestamp> t = bw::parse_date(c.day);
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->iso_week(), c.week);
    EXPECT_EQ(Timestamp{t->seconds + 86399}.iso_week(), c.week);  // the whole day is in that week
}

INSTANTIATE_TEST_SUITE_P(Dates, IsoWeek, ::testing::ValuesIn(kWeekCases));

// Every day of years 1..9999 round-trips through civil_from_days/days_from_civil, days are consecutive,
// and ISO weeks agree with the C library's %G-W%V for 1900..2100.
TEST(Civil, RoundTripsEveryDayAndAgreesWithLibc) {
    const std::int64_t first = bw::days_from_civil(1, 1, 1), last = bw::days_from_civil(9999, 12, 31);
    EXPECT_EQ(first * 86400, kMinSeconds);
    EXPECT_EQ(last * 86400 + 86399, kMaxSeconds);
    EXPECT_EQ(bw::days_from_civil(1970, 1, 1), 0);
    EXPECT_EQ(bw::days_from_civil(1969, 12, 31), -1);
    EXPECT_EQ(bw::days_from_civil(2000, 3, 1), 11017);
    int prev_y = 0;
    unsigned prev_m = 12, prev_d = 31;
    for (std::int64_t days = first; days <= last; ++days) {
        int y;
        unsigned m, d;
        bw::civil_from_days(days, y, m, d);
        ASSERT_EQ(bw::days_from_civil(y, m, d), days);
        const bool next_day = y == prev_y && m == prev_m && d == prev_d + 1;
        const bool next_month = y == prev_y && m == prev_m + 1 && d == 1;
        const bool next_year = y == prev_y + 1 && m == 1 && d == 1 && prev_m == 12 && prev_d == 31;
        ASSERT_TRUE(next_day || next_month || next_year) << y << '-' << m << '-' << d;
        prev_y = y, prev_m = m, prev_d = d;
    }
    for (std::int64_t s = utc("1900-01-01T00:00:00Z"); s < utc("2100-12-31T00:00:00Z"); s += 86400 + 3607) {
        const std::time_t tt = static_cast<std::time_t>(s);
        std::tm tm{};
        gmtime_r(&tt, &tm);
        char iso[32], week[16];
        std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
        std::strftime(week, sizeof week, "%G-W%V", &tm);
        const Timestamp t{s};
        ASSERT_EQ(t.iso(), iso);
        ASSERT_EQ(t.iso_week(), week) << iso;
        ASSERT_EQ(bw::parse_date(iso), t);
    }
}

// ---------------------------------------------------------------------------------------------------
// parse_date_span, with now fixed at 2026-03-31T10:20:30Z.

struct SpanCase {
    std::string input;
    std::optional<std::string> begin;  // nullopt: must be rejected
    std::string end;
};

std::ostream& operator<<(std::ostream& os, const SpanCase& c) {
    return os << '"' << c.input << "\" -> " << (c.begin ? "[" + *c.begin + ", " + c.end + ")" : "nullopt");
}

const Timestamp kNow{utc("2026-03-31T10:20:30Z")};

const std::vector<SpanCase> kSpanCases = {
    // Years and months.
    {"2026", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"},
    {" 1987 ", "1987-01-01T00:00:00Z", "1988-01-01T00:00:00Z"},
    {"2026-03", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"},
    {"2026-12", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"},
    {"2024-02", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z"},
    {"2026-02", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"},
    {"March 2026", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"},
    {"mar 2026", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"},
    {"Mar. 2026", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"},
    {"December 1969", "1969-12-01T00:00:00Z", "1970-01-01T00:00:00Z"},
    // Days, in every form parse_date accepts.
    {"2026-03-27", "2026-03-27T00:00:00Z", "2026-03-28T00:00:00Z"},
    {"3/27/2026", "2026-03-27T00:00:00Z", "2026-03-28T00:00:00Z"},
    {"March 27, 2026", "2026-03-27T00:00:00Z", "2026-03-28T00:00:00Z"},
    {"27 March 2026", "2026-03-27T00:00:00Z", "2026-03-28T00:00:00Z"},
    {"27-MAR-1987", "1987-03-27T00:00:00Z", "1987-03-28T00:00:00Z"},
    {"2024-02-29", "2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z"},
    {"1969-12-31", "1969-12-31T00:00:00Z", "1970-01-01T00:00:00Z"},
    // Full timestamps: that second.
    {"2026-03-27T14:05:00Z", "2026-03-27T14:05:00Z", "2026-03-27T14:05:01Z"},
    {"2026-03-27T14:05:00.9+02:00", "2026-03-27T12:05:00Z", "2026-03-27T12:05:01Z"},
    {"27-MAR-1987 15:01:01.79", "1987-03-27T15:01:01Z", "1987-03-27T15:01:02Z"},
    {"Wed Jan 01 03:59:03 +0000 2014", "2014-01-01T03:59:03Z", "2014-01-01T03:59:04Z"},
    {"Wed, 01 Jan 2014 03:59:03 +0000", "2014-01-01T03:59:03Z", "2014-01-01T03:59:04Z"},
    // Relative to now; the end is now + 1s so that now itself is included.
    {"7d", "2026-03-24T10:20:30Z", "2026-03-31T10:20:31Z"},
    {"7D", "2026-03-24T10:20:30Z", "2026-03-31T10:20:31Z"},
    {" 7d ", "2026-03-24T10:20:30Z", "2026-03-31T10:20:31Z"},
    {"0d", "2026-03-31T10:20:30Z", "2026-03-31T10:20:31Z"},
    {"30d", "2026-03-01T10:20:30Z", "2026-03-31T10:20:31Z"},
    {"2w", "2026-03-17T10:20:30Z", "2026-03-31T10:20:31Z"},
    {"1m", "2026-02-28T10:20:30Z", "2026-03-31T10:20:31Z"},  // Feb 31 clamps to Feb 28
    {"3m", "2025-12-31T10:20:30Z", "2026-03-31T10:20:31Z"},
    {"13m", "2025-02-28T10:20:30Z", "2026-03-31T10:20:31Z"},
    {"1y", "2025-03-31T10:20:30Z", "2026-03-31T10:20:31Z"},
    {"2025y", "0001-03-31T10:20:30Z", "2026-03-31T10:20:31Z"},
    {"today", "2026-03-31T00:00:00Z", "2026-04-01T00:00:00Z"},
    {"Today", "2026-03-31T00:00:00Z", "2026-04-01T00:00:00Z"},
    {"yesterday", "2026-03-30T00:00:00Z", "2026-03-31T00:00:00Z"},
    // Not understood.
    {"", std::nullopt, ""},
    {"   ", std::nullopt, ""},
    {"0000", std::nullopt, ""},
    {"99999", std::nullopt, ""},
    {"202", std::nullopt, ""},
    {"2026-", std::nullopt, ""},
    {"2026-3", std::nullopt, ""},
    {"2026-00", std::nullopt, ""},
    {"2026-13", std::nullopt, ""},
    {"2026-03-", std::nullopt, ""},
    {"2026-02-30", std::nullopt, ""},
    {"2026-03-27T25:00:00Z", std::nullopt, ""},
    {"March", std::nullopt, ""},
    {"March 26", std::nullopt, ""},
    {"Foo 2026", std::nullopt, ""},
    {"March 20266", std::nullopt, ""},
    {"7", std::nullopt, ""},
    {"d", std::nullopt, ""},
    {"7x", std::nullopt, ""},
    {"7 d", std::nullopt, ""},
    {"-7d", std::nullopt, ""},
    {"7dd", std::nullopt, ""},
    {"12345678d", std::nullopt, ""},
    {"2026y", std::nullopt, ""},  // before year 1
    {"tomorrow", std::nullopt, ""},
    {"notadate", std::nullopt, ""},
};

class ParseDateSpan : public ::testing::TestWithParam<SpanCase> {};

TEST_P(ParseDateSpan, Table) {
    const SpanCase& c = GetParam();
    std::optional<bw::TimeSpan> got = bw::parse_date_span(c.input, kNow);
    if (!c.begin) {
        EXPECT_FALSE(got.has_value()) << "accepted as [" << got->begin.iso() << ", " << got->end.iso() << ")";
        return;
    }
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->begin.iso(), *c.begin);
    EXPECT_EQ(got->end.iso(), c.end);
    EXPECT_LT(got->begin, got->end);
}

INSTANTIATE_TEST_SUITE_P(Dates, ParseDateSpan, ::testing::ValuesIn(kSpanCases));

TEST(ParseDateSpanRelative, IncludesNowAndFollowsNow) {
    for (const char* when : {"2024-02-29T00:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z"}) {
        const Timestamp now{utc(when)};
        for (const char* text : {"0d", "1d", "7d", "2w", "1m", "3m", "1y", "today"}) {
            auto span = bw::parse_date_span(text, now);
            ASSERT_TRUE(span.has_value()) << text << " at " << when;
            EXPECT_LE(span->begin, now) << text << " at " << when;
            EXPECT_LT(now, span->end) << text << " at " << when;
        }
        auto yesterday = bw::parse_date_span("yesterday", now);
        ASSERT_TRUE(yesterday.has_value());
        EXPECT_EQ(yesterday->end.seconds, bw::parse_date_span("today", now)->begin.seconds);
    }
    // Leap day minus a year clamps to Feb 28; before 1970 the day boundary is floor, not truncation.
    EXPECT_EQ(bw::parse_date_span("1y", Timestamp{utc("2024-02-29T06:00:00Z")})->begin.iso(), "2023-02-28T06:00:00Z");
    EXPECT_EQ(bw::parse_date_span("today", Timestamp{-1})->begin.iso(), "1969-12-31T00:00:00Z");
    // A `now` outside years 1..9999 gives no relative span rather than garbage.
    EXPECT_FALSE(bw::parse_date_span("7d", Timestamp{INT64_MAX}).has_value());
    EXPECT_FALSE(bw::parse_date_span("today", Timestamp{INT64_MIN}).has_value());
}

TEST(NowUtc, IsCurrentTime) {
    const std::int64_t before = static_cast<std::int64_t>(std::time(nullptr));
    const Timestamp now = bw::now_utc();
    const std::int64_t after = static_cast<std::int64_t>(std::time(nullptr));
    EXPECT_GE(now.seconds, before);
    EXPECT_LE(now.seconds, after);
}

// ---------------------------------------------------------------------------------------------------
// Robustness: arbitrary bytes, mutations of valid dates, huge inputs. Never throws or crashes; whatever
// is accepted is in range and round-trips through iso().

void check_any(const std::string& input) {
    std::optional<Timestamp> t;
    ASSERT_NO_THROW(t = bw::parse_date(input));
    if (t) {
        ASSERT_GE(t->seconds, kMinSeconds) << input;
        ASSERT_LE(t->seconds, kMaxSeconds) << input;
        ASSERT_EQ(bw::parse_date(t->iso()), t) << input;
    }
    std::optional<bw::TimeSpan> span;
    ASSERT_NO_THROW(span = bw::parse_date_span(input, kNow));
    if (span) {
        ASSERT_LT(span->begin, span->end) << input;
    }
}

TEST(Robustness, RandomBytesAndMutations) {
    std::mt19937 rng(20260327);
    const std::string alphabet = "0123456789-/:.,+ TZtzMarJanWedAPM\t\n\0\xff";
    for (int i = 0; i < 100000; ++i) {
        std::string s(rng() % 40, '\0');
        for (char& ch : s) ch = (i % 2) ? static_cast<char>(rng() & 0xff) : alphabet[rng() % alphabet.size()];
        check_any(s);
    }
    for (const DateCase& c : kDateCases) {
        for (int i = 0; i < 300; ++i) {
            std::string s = c.input;
            const int edits = 1 + static_cast<int>(rng() % 3);
            for (int e = 0; e < edits && !s.empty(); ++e) {
                const std::size_t at = rng() % s.size();
                switch (rng() % 3) {
                    case 0: s[at] = alphabet[rng() % alphabet.size()]; break;
                    case 1: s.erase(at, 1); break;
                    default: s.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
                }
            }
            check_any(s);
        }
    }
}

TEST(Robustness, HugeInputs) {
    check_any(std::string(1 << 20, '9'));
    check_any(std::string(1 << 20, '\0'));
    check_any(std::string(1 << 20, 'a'));
    check_any("2026-03-27T14:05:00." + std::string(1 << 20, '5') + "Z");
    check_any("2026-03-27T14:05:00" + std::string(1 << 20, ' ') + "Z");
    check_any(std::string(1 << 20, '7') + "d");
    std::string padded = std::string(1 << 20, ' ') + "2026-03-27" + std::string(1 << 20, '\n');
    EXPECT_EQ(bw::parse_date(padded)->iso(), "2026-03-27T00:00:00Z");
    EXPECT_EQ(bw::parse_date("2026-03-27T14:05:00." + std::string(1 << 20, '5') + "Z")->iso(), "2026-03-27T14:05:00Z");
}

}  // namespace
