// Date parsing and formatting. Accepts the forms real archives use: ISO 8601 dates and times
// (with or without zone), US `3/27/2026`, `March 27, 2026` / `27 March 2026`, Reuters'
// `27-MAR-1987 15:01:01.79` and Twitter's `Wed Jan 01 03:59:03 +0000 2014`. Everything is UTC.
// Hand-written rather than ICU's SimpleDateFormat: the forms are fixed, and strict validation
// (31/31/2026, year 99999, hour 605) matters more than locale coverage.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bw {

// A moment in time, in seconds since 1970-01-01T00:00:00Z. Years 1 to 9999 only.
struct Timestamp {
    std::int64_t seconds = 0;

    std::string iso() const;    // "2026-03-27T14:05:00Z"
    std::string day() const;    // "2026-03-27"
    std::string month() const;  // "2026-03"
    std::string year() const;   // "2026"
    std::string iso_week() const;  // "2026-W13" (ISO 8601 week-numbering year and week)
    int year_number() const;
    friend bool operator==(const Timestamp&, const Timestamp&) = default;
    friend auto operator<=>(const Timestamp&, const Timestamp&) = default;
};

// A half-open interval [begin, end) of time.
struct TimeSpan {
    Timestamp begin;
    Timestamp end;
};

// Parses a full date (with optional time) in any accepted form; nullopt when it is not a valid date.
std::optional<Timestamp> parse_date(std::string_view text);

// Parses a date of any precision for query ranges and filters and returns the span it covers:
// "2026" -> the year, "2026-03" / "March 2026" -> the month, "2026-03-27" -> the day, a full
// timestamp -> that second. Relative forms count back from `now`: "7d", "2w", "3m", "1y" -> from
// that long ago to `now`; "today", "yesterday". nullopt when not understood.
std::optional<TimeSpan> parse_date_span(std::string_view text, Timestamp now);

// Days since 1970-01-01 of a proleptic Gregorian date (no validation), and back.
std::int64_t days_from_civil(int year, unsigned month, unsigned day);
void civil_from_days(std::int64_t days, int& year, unsigned& month, unsigned& day);

// The current time.
Timestamp now_utc();

}  // namespace bw
