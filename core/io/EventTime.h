#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace clv {

// Event times are held as microseconds since the Unix epoch, UTC.
using TimeMicros = std::int64_t;

constexpr TimeMicros kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kSecondsPerDay = 86'400;

struct EventTimeParse {
    std::optional<TimeMicros> time;
    std::string error; // why the text was refused, when time is empty
};

// Parses `YYYY-MM-DD` + (`T`|`t`|` `|`:`) + `HH:MM:SS` + optional `.fraction` + (`Z`|`±HH:MM`).
// The calendar date and the clock time must exist; the zone is folded into UTC.
EventTimeParse parseEventTime(std::string_view text);

// Parses the date of a transaction table: `YYYYMMDD` or `YYYY-MM-DD` (midnight UTC), or a
// date and time as parseEventTime() reads it. The calendar date must exist.
EventTimeParse parseDateOrEventTime(std::string_view text);

// Days since 1970-01-01 of a proleptic Gregorian date, and back.
std::int64_t daysFromCivil(int year, unsigned month, unsigned day);
void civilFromDays(std::int64_t days, int& year, unsigned& month, unsigned& day);

// Floor division that stays correct for times before the epoch.
constexpr std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    const std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

constexpr std::int64_t wholeSeconds(TimeMicros t)
{
    return floorDiv(t, kMicrosPerSecond);
}
constexpr std::int64_t utcDay(TimeMicros t)
{
    return floorDiv(t, kMicrosPerSecond * kSecondsPerDay);
}

// 0 = Sunday … 6 = Saturday, for a day count since the epoch (1970-01-01 was a Thursday).
constexpr int weekdayFromDays(std::int64_t days)
{
    const std::int64_t w = (days + 4) % 7;
    return static_cast<int>(w < 0 ? w + 7 : w);
}

// ISO 8601 with milliseconds and `Z`, as shown to people and written to exports.
std::string formatEventTime(TimeMicros t);

// A day (days since 1970-01-01) as `YYYY-MM-DD`, and back: parseDay() takes what
// parseDateOrEventTime() takes (a date-time gives its UTC day).
std::string formatDay(std::int64_t days);
std::optional<std::int64_t> parseDay(std::string_view text);

} // namespace clv
