// Date parsing and formatting (see dates.h). The parser is a hand-written scanner: it runs once per
// record on the indexer's hot path, never allocates, never throws, and rejects anything it does not
// fully understand (trailing garbage, out-of-range fields, years outside 1..9999).
//
// Grammar, after trimming whitespace (month and weekday names case-insensitive: full, 3-letter, "Sept",
// optionally followed by '.'; a leading weekday is accepted and not checked against the date):
//   ISO      YYYY-MM-DD [(T|space) TIME [ZONE]]
//   US       M/D/YYYY [TIME [AMPM] [ZONE]]
//   named    Month D[,] YYYY [TIME ...]      D Month[,] YYYY [TIME ...]      (RFC 2822: "01 Jan 2014 ...")
//   Reuters  D-MON-YYYY [TIME ...]
//   Twitter  [Weekday] Month D TIME [ZONE] YYYY
//   TIME     H:MM[:SS[(.|,)fraction]]  (hours two digits in ISO; the fraction is dropped)
//   ZONE     Z | UTC | GMT | UT | +HH | +HH:MM | +HHMM (or '-'), optionally after a space; converted to UTC.
#include "core/dates.h"

#include <algorithm>
#include <chrono>

namespace bw {
namespace {

constexpr std::int64_t kDay = 86400;

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

constexpr std::int64_t civil_to_days(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);                     // [0, 399]
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;     // [0, 365]
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                // [0, 146096]
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

constexpr std::int64_t kMinSeconds = civil_to_days(1, 1, 1) * kDay;              // 0001-01-01T00:00:00Z
constexpr std::int64_t kMaxSeconds = civil_to_days(10000, 1, 1) * kDay - 1;      // 9999-12-31T23:59:59Z
static_assert(kMinSeconds == -62135596800 && kMaxSeconds == 253402300799);

constexpr bool is_leap(int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }
constexpr int days_in_month(int y, int m) {
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != b[i]) return false;
    return true;
}

// 1..12 for a month name (full, 3-letter or "sept"), else 0.
int month_number(std::string_view w) {
    static constexpr std::string_view kNames[] = {"january", "february", "march",     "april",   "may",      "june",
                                                  "july",    "august",   "september", "october", "november", "december"};
    for (int m = 0; m < 12; ++m)
        if (iequals(w, kNames[m]) || iequals(w, kNames[m].substr(0, 3))) return m + 1;
    return iequals(w, "sept") ? 9 : 0;
}

bool is_weekday(std::string_view w) {
    static constexpr std::string_view kNames[] = {"monday", "tuesday",  "wednesday", "thursday",
                                                  "friday", "saturday", "sunday"};
    for (std::string_view name : kNames)
        if (iequals(w, name) || iequals(w, name.substr(0, 3))) return true;
    return false;
}

// A cursor over the trimmed input.
struct Scanner {
    std::string_view s;
    std::size_t i = 0;

    bool done() const { return i == s.size(); }
    bool at(char c) const { return i < s.size() && s[i] == c; }
    bool at_digit() const { return i < s.size() && is_digit(s[i]); }
    bool at_alpha() const { return i < s.size() && is_alpha(s[i]); }
    bool accept(char c) { return at(c) ? (++i, true) : false; }
    bool spaces() {
        const std::size_t start = i;
        while (i < s.size() && is_space(s[i])) ++i;
        return i > start;
    }
    std::size_t digit_run() const {
        std::size_t j = i;
        while (j < s.size() && is_digit(s[j])) ++j;
        return j - i;
    }
    // A whole run of digits whose length is in [min_len, max_len] (max_len <= 7); nothing moves on failure.
    bool number(std::size_t min_len, std::size_t max_len, int& out) {
        const std::size_t n = digit_run();
        if (n < min_len || n > max_len) return false;
        out = 0;
        for (std::size_t k = 0; k < n; ++k) out = out * 10 + (s[i++] - '0');
        return true;
    }
    std::string_view word() {
        const std::size_t start = i;
        while (i < s.size() && is_alpha(s[i])) ++i;
        return s.substr(start, i - start);
    }
};

struct Fields {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    int offset = 0;  // seconds east of UTC
    bool has_time = false;
};

bool month_word(Scanner& sc, int& month) {
    month = month_number(sc.word());
    sc.accept('.');
    return month != 0;
}

// H:MM[:SS[.fraction]], with range checks; ISO wants two-digit hours.
bool time_of_day(Scanner& sc, Fields& f, bool iso) {
    if (!sc.number(iso ? 2 : 1, 2, f.hour) || !sc.accept(':') || !sc.number(2, 2, f.minute)) return false;
    if (sc.accept(':')) {
        if (!sc.number(2, 2, f.second)) return false;
        if ((sc.at('.') || sc.at(',')) && sc.i + 1 < sc.s.size() && is_digit(sc.s[sc.i + 1])) {
            ++sc.i;
            sc.i += sc.digit_run();
        }
    }
    f.has_time = true;
    return f.hour <= 23 && f.minute <= 59 && f.second <= 59;
}

// An optional " AM" / "pm" after a 12-hour time.
bool am_pm(Scanner& sc, Fields& f) {
    const std::size_t save = sc.i;
    sc.spaces();
    std::string_view w = sc.word();
    const bool am = iequals(w, "am"), pm = iequals(w, "pm");
    if (!am && !pm) {
        sc.i = save;
        return true;
    }
    if (f.hour < 1 || f.hour > 12) return false;
    f.hour = (f.hour % 12) + (pm ? 12 : 0);
    return true;
}

// An optional zone; false only when one is present but malformed.
bool zone(Scanner& sc, Fields& f) {
    const std::size_t save = sc.i;
    sc.spaces();
    if (sc.at_alpha()) {
        std::string_view w = sc.word();
        if (iequals(w, "z") || iequals(w, "utc") || iequals(w, "gmt") || iequals(w, "ut")) return true;
        sc.i = save;  // not a zone: let the caller decide
        return true;
    }
    if (!sc.at('+') && !sc.at('-')) {
        sc.i = save;
        return true;
    }
    const int sign = sc.s[sc.i++] == '-' ? -1 : 1;
    int hh = 0, mm = 0;
    if (sc.digit_run() == 4) {
        sc.number(4, 4, hh);
        mm = hh % 100;
        hh /= 100;
    } else if (!sc.number(2, 2, hh) || (sc.accept(':') && !sc.number(2, 2, mm))) {
        return false;
    }
    if (hh > 23 || mm > 59) return false;
    f.offset = sign * (hh * 3600 + mm * 60);
    return true;
}

// What may follow a complete date: nothing, or a time of day and an optional zone.
bool tail(Scanner& sc, Fields& f, bool iso) {
    if (sc.done()) return true;
    if (iso && (sc.at('T') || sc.at('t'))) {
        ++sc.i;
    } else {
        if (!iso) sc.accept(',');
        if (!sc.spaces()) return false;
    }
    if (!time_of_day(sc, f, iso)) return false;
    if (!iso && !am_pm(sc, f)) return false;
    return zone(sc, f) && sc.done();
}

// "Month D[,] YYYY [time]" or Twitter's "Month D TIME [ZONE] YYYY"; the month word is already read.
bool month_first(Scanner& sc, Fields& f) {
    if (!sc.spaces() || !sc.number(1, 2, f.day)) return false;
    const bool comma = sc.accept(',');
    if (!sc.spaces() && !comma) return false;
    if (sc.digit_run() == 4) return sc.number(4, 4, f.year) && tail(sc, f, false);
    if (!time_of_day(sc, f, false) || !zone(sc, f) || !sc.spaces()) return false;
    return sc.number(4, 4, f.year) && sc.done();
}

// "D Month[,] YYYY [time]" (RFC 2822 without its weekday) or Reuters' "D-MON-YYYY [time]".
bool day_first(Scanner& sc, Fields& f) {
    if (!sc.number(1, 2, f.day)) return false;
    if (sc.accept('-')) {
        if (!month_word(sc, f.month) || !sc.accept('-')) return false;
    } else {
        if (!sc.spaces() || !month_word(sc, f.month)) return false;
        sc.accept(',');
        if (!sc.spaces()) return false;
    }
    return sc.number(4, 4, f.year) && tail(sc, f, false);
}

bool scan(std::string_view text, Fields& f) {
    Scanner sc{trim(text)};
    if (sc.at_alpha()) {
        std::string_view w = sc.word();
        if (is_weekday(w)) {
            sc.accept(',');
            if (!sc.spaces()) return false;
            if (sc.at_digit()) return day_first(sc, f);
            w = sc.word();
        }
        if ((f.month = month_number(w)) == 0) return false;
        sc.accept('.');
        return month_first(sc, f);
    }
    const std::size_t run = sc.digit_run();
    const char next = sc.i + run < sc.s.size() ? sc.s[sc.i + run] : '\0';
    if (run == 4 && next == '-') {  // ISO
        return sc.number(4, 4, f.year) && sc.accept('-') && sc.number(2, 2, f.month) && sc.accept('-') &&
               sc.number(2, 2, f.day) && tail(sc, f, true);
    }
    if (run >= 1 && run <= 2 && next == '/') {  // US
        return sc.number(1, 2, f.month) && sc.accept('/') && sc.number(1, 2, f.day) && sc.accept('/') &&
               sc.number(4, 4, f.year) && tail(sc, f, false);
    }
    return day_first(sc, f);
}

// Seconds since the epoch of valid fields, converted to UTC; nullopt when out of range.
std::optional<std::int64_t> to_seconds(const Fields& f) {
    if (f.year < 1 || f.year > 9999 || f.month < 1 || f.month > 12 || f.day < 1 ||
        f.day > days_in_month(f.year, f.month))
        return std::nullopt;
    const std::int64_t s = civil_to_days(f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day)) * kDay +
                           f.hour * 3600 + f.minute * 60 + f.second - f.offset;
    if (s < kMinSeconds || s > kMaxSeconds) return std::nullopt;
    return s;
}

struct Split {
    int year;
    unsigned month, day;
    std::int64_t days, second_of_day;
};

Split split(std::int64_t seconds) {
    Split out{};
    out.days = floor_div(seconds, kDay);
    out.second_of_day = seconds - out.days * kDay;
    civil_from_days(out.days, out.year, out.month, out.day);
    return out;
}

// Appends v zero-padded to `width` digits (with a '-' first when negative).
void put(std::string& out, std::int64_t v, int width) {
    if (v < 0) out += '-';
    std::uint64_t u = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    char buf[24];
    int n = 0;
    do {
        buf[n++] = static_cast<char>('0' + u % 10);
        u /= 10;
    } while (u != 0);
    while (n < width) buf[n++] = '0';
    while (n > 0) out += buf[--n];
}

// The first `fields` of year, month, day, hour, minute, second as ISO 8601 (the full form ends in 'Z').
std::string format(std::int64_t seconds, int fields) {
    const Split t = split(seconds);
    std::string out;
    out.reserve(20);
    put(out, t.year, 4);
    const std::int64_t rest[] = {t.month, t.day, t.second_of_day / 3600, t.second_of_day / 60 % 60,
                                 t.second_of_day % 60};
    static constexpr char kSeparators[] = "--T::";
    for (int k = 0; k + 1 < fields; ++k) {
        out += kSeparators[k];
        put(out, rest[k], 2);
    }
    if (fields == 6) out += 'Z';
    return out;
}

TimeSpan days_span(std::int64_t first_day, std::int64_t end_day) {
    return TimeSpan{Timestamp{first_day * kDay}, Timestamp{end_day * kDay}};
}

// "7d", "2w", "3m", "1y" counted back from `now`; "today", "yesterday". End is now + 1s (now included).
std::optional<TimeSpan> relative_span(std::string_view s, Timestamp now) {
    if (now.seconds < kMinSeconds || now.seconds > kMaxSeconds) return std::nullopt;
    const Split t = split(now.seconds);
    if (iequals(s, "today")) return days_span(t.days, t.days + 1);
    if (iequals(s, "yesterday")) return days_span(t.days - 1, t.days);
    Scanner sc{s};
    int n = 0;
    if (!sc.number(1, 7, n) || sc.i + 1 != s.size()) return std::nullopt;
    std::int64_t begin = 0;
    switch (lower(s.back())) {
        case 'd': begin = now.seconds - n * kDay; break;
        case 'w': begin = now.seconds - n * 7 * kDay; break;
        case 'm':
        case 'y': {  // calendar months, the day clamped to the target month's length (Mar 31 - 1m = Feb 28)
            const std::int64_t months = (lower(s.back()) == 'y' ? 12 : 1) * static_cast<std::int64_t>(n);
            const std::int64_t index = static_cast<std::int64_t>(t.year) * 12 + (t.month - 1) - months;
            const std::int64_t y = floor_div(index, 12);
            const int m = static_cast<int>(index - y * 12) + 1;
            if (y < 1) return std::nullopt;
            const int d = std::min(static_cast<int>(t.day), days_in_month(static_cast<int>(y), m));
            begin = civil_to_days(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) * kDay + t.second_of_day;
            break;
        }
        default: return std::nullopt;
    }
    if (begin < kMinSeconds) return std::nullopt;
    return TimeSpan{Timestamp{begin}, Timestamp{now.seconds + 1}};
}

}  // namespace

std::string Timestamp::iso() const { return format(seconds, 6); }
std::string Timestamp::day() const { return format(seconds, 3); }
std::string Timestamp::month() const { return format(seconds, 2); }
std::string Timestamp::year() const { return format(seconds, 1); }
int Timestamp::year_number() const { return split(seconds).year; }

// The ISO week-numbering year is the calendar year of the week's Thursday; weeks start on Monday.
std::string Timestamp::iso_week() const {
    const std::int64_t days = floor_div(seconds, kDay);
    const std::int64_t monday_based = days + 3 - floor_div(days + 3, 7) * 7;  // 1970-01-01 was a Thursday
    const std::int64_t thursday = days - monday_based + 3;
    int y;
    unsigned m, d;
    civil_from_days(thursday, y, m, d);
    std::string out;
    out.reserve(8);
    put(out, y, 4);
    out += "-W";
    put(out, (thursday - civil_to_days(y, 1, 1)) / 7 + 1, 2);
    return out;
}

std::optional<Timestamp> parse_date(std::string_view text) {
    Fields f;
    if (!scan(text, f)) return std::nullopt;
    if (auto s = to_seconds(f)) return Timestamp{*s};
    return std::nullopt;
}

std::optional<TimeSpan> parse_date_span(std::string_view text, Timestamp now) {
    const std::string_view s = trim(text);
    Fields f;
    if (scan(s, f)) {
        auto begin = to_seconds(f);
        if (!begin) return std::nullopt;
        return TimeSpan{Timestamp{*begin}, Timestamp{*begin + (f.has_time ? 1 : kDay)}};
    }
    if (auto relative = relative_span(s, now)) return relative;
    // A year ("2026") or a month ("2026-03", "March 2026", "Mar. 2026").
    Scanner sc{s};
    int year = 0, month = 0;
    if (sc.at_alpha() && (!month_word(sc, month) || !sc.spaces())) return std::nullopt;
    if (!sc.number(4, 4, year) || year < 1) return std::nullopt;
    if (month == 0 && sc.accept('-') && (!sc.number(2, 2, month) || month < 1 || month > 12)) return std::nullopt;
    if (!sc.done()) return std::nullopt;
    if (month == 0) return days_span(civil_to_days(year, 1, 1), civil_to_days(year + 1, 1, 1));
    const std::int64_t first = civil_to_days(year, static_cast<unsigned>(month), 1);
    return days_span(first, first + days_in_month(year, month));
}

std::int64_t days_from_civil(int year, unsigned month, unsigned day) { return civil_to_days(year, month, day); }

// Howard Hinnant's civil_from_days: eras of 400 years (146097 days) starting on March 1st.
void civil_from_days(std::int64_t days, int& year, unsigned& month, unsigned& day) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);                  // [0, 146096]
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
    const unsigned mp = (5 * doy + 2) / 153;                                      // [0, 11], March first
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2));
}

Timestamp now_utc() {
    using namespace std::chrono;
    return Timestamp{floor<seconds>(system_clock::now()).time_since_epoch().count()};
}

}  // namespace bw
