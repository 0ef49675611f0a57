#include "io/EventTime.h"

#include <cstdio>

namespace clv {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Reads exactly `count` digits at `pos`; false when any of them is not a digit.
bool readDigits(std::string_view text, std::size_t pos, int count, int& value)
{
    if (pos + static_cast<std::size_t>(count) > text.size())
        return false;
    value = 0;
    for (int i = 0; i < count; ++i) {
        const char c = text[pos + static_cast<std::size_t>(i)];
        if (!isDigit(c))
            return false;
        value = value * 10 + (c - '0');
    }
    return true;
}

bool isLeapYear(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned daysInMonth(int year, unsigned month)
{
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

EventTimeParse refuse(std::string why)
{
    return {std::nullopt, std::move(why)};
}

// The shape nearly every event time has, YYYY-MM-DDTHH:MM:SS.mmmZ, read at fixed places.
// Anything else, an impossible date or time included, is left to the general reading, which
// gives the reasons; what this reads, that reads the same.
std::optional<TimeMicros> commonShape(std::string_view t)
{
    if (t.size() != 24 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != '.'
        || t[23] != 'Z')
        return std::nullopt;
    unsigned bad = 0;
    auto digits = [&t, &bad](std::size_t at, std::size_t count) {
        int value = 0;
        for (std::size_t i = at; i < at + count; ++i) {
            const unsigned digit = static_cast<unsigned char>(t[i]) - unsigned('0'); // wraps below '0'
            bad |= digit > 9 ? 1u : 0u;
            value = value * 10 + static_cast<int>(digit);
        }
        return value;
    };
    const int value[7] = {digits(0, 4),  digits(5, 2),  digits(8, 2), digits(11, 2),
                          digits(14, 2), digits(17, 2), digits(20, 3)};
    if (bad != 0)
        return std::nullopt;
    const int year = value[0], month = value[1], day = value[2];
    if (month < 1 || month > 12 || day < 1
        || static_cast<unsigned>(day) > daysInMonth(year, static_cast<unsigned>(month)) || value[3] > 23
        || value[4] > 59 || value[5] > 59)
        return std::nullopt;
    const std::int64_t days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const std::int64_t seconds = days * kSecondsPerDay + value[3] * 3600 + value[4] * 60 + value[5];
    return seconds * kMicrosPerSecond + value[6] * 1000;
}

} // namespace

std::int64_t daysFromCivil(int year, unsigned month, unsigned day)
{
    // Count in 400-year eras starting in March, so that the leap day ends the year.
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = floorDiv(year, 400);
    const auto yearOfEra = static_cast<unsigned>(year - era * 400);
    const unsigned dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + static_cast<std::int64_t>(dayOfEra) - 719468;
}

void civilFromDays(std::int64_t days, int& year, unsigned& month, unsigned& day)
{
    days += 719468;
    const std::int64_t era = floorDiv(days, 146097);
    const auto dayOfEra = static_cast<unsigned>(days - era * 146097);
    const unsigned yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned shiftedMonth = (5 * dayOfYear + 2) / 153;
    day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
    month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
    year = static_cast<int>(static_cast<std::int64_t>(yearOfEra) + era * 400 + (month <= 2 ? 1 : 0));
}

EventTimeParse parseEventTime(std::string_view text)
{
    if (const std::optional<TimeMicros> common = commonShape(text))
        return {common, {}};
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!readDigits(text, 0, 4, year) || text.size() < 5 || text[4] != '-' || !readDigits(text, 5, 2, month)
        || text.size() < 8 || text[7] != '-' || !readDigits(text, 8, 2, day))
        return refuse("date is not YYYY-MM-DD");
    if (text.size() < 11 || (text[10] != 'T' && text[10] != 't' && text[10] != ' ' && text[10] != ':'))
        return refuse("date and time must be separated by T, space or ':'");
    if (!readDigits(text, 11, 2, hour) || text.size() < 14 || text[13] != ':' || !readDigits(text, 14, 2, minute))
        return refuse("time is not HH:MM:SS");
    if (text.size() < 17 || text[16] != ':' || !readDigits(text, 17, 2, second))
        return refuse("time lacks seconds (HH:MM:SS)");
    if (month < 1 || month > 12)
        return refuse("month " + std::to_string(month) + " does not exist");
    if (day < 1 || static_cast<unsigned>(day) > daysInMonth(year, static_cast<unsigned>(month)))
        return refuse("day " + std::to_string(day) + " does not exist in that month");
    if (hour > 23 || minute > 59 || second > 59)
        return refuse("clock time does not exist");

    std::size_t pos = 19;
    std::int64_t fractionMicros = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        const std::size_t first = pos;
        std::int64_t scale = 100'000;
        while (pos < text.size() && isDigit(text[pos])) {
            fractionMicros += (text[pos] - '0') * scale; // digits past microseconds are dropped
            scale /= 10;
            ++pos;
        }
        if (pos == first)
            return refuse("fraction of a second has no digits");
    }

    std::int64_t offsetSeconds = 0;
    if (pos < text.size() && text[pos] == 'Z') {
        ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const int sign = text[pos] == '-' ? -1 : 1;
        int offHours = 0, offMinutes = 0;
        if (!readDigits(text, pos + 1, 2, offHours) || pos + 3 >= text.size() || text[pos + 3] != ':'
            || !readDigits(text, pos + 4, 2, offMinutes) || offHours > 23 || offMinutes > 59)
            return refuse("zone offset is not ±HH:MM");
        offsetSeconds = sign * (offHours * 3600 + offMinutes * 60);
        pos += 6;
    } else {
        return refuse(pos < text.size() && (text[pos] == '.' || text[pos] == ':')
                          ? "unexpected characters after the seconds"
                          : "time zone missing (Z or ±HH:MM)");
    }
    if (pos != text.size())
        return refuse("unexpected characters after the time zone");

    const std::int64_t days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const std::int64_t seconds = days * kSecondsPerDay + hour * 3600 + minute * 60 + second - offsetSeconds;
    return {seconds * kMicrosPerSecond + fractionMicros, {}};
}

EventTimeParse parseDateOrEventTime(std::string_view text)
{
    int year = 0, month = 0, day = 0;
    const bool dashed = readDigits(text, 0, 4, year) && text.size() >= 10 && text[4] == '-'
        && readDigits(text, 5, 2, month) && text[7] == '-' && readDigits(text, 8, 2, day);
    if (dashed && text.size() > 10)
        return parseEventTime(text);
    const bool compact = text.size() == 8 && readDigits(text, 0, 4, year) && readDigits(text, 4, 2, month)
        && readDigits(text, 6, 2, day);
    if (!dashed && !compact)
        return refuse("date is not YYYYMMDD, YYYY-MM-DD or a date and time");
    // Midnight UTC of that day, through the date-time parser: one place checks that the
    // calendar date exists, with the same words for events and tables.
    char midnight[] = "YYYY-MM-DDT00:00:00Z";
    const std::size_t from[8] = {0, 1, 2, 3, dashed ? 5u : 4u, dashed ? 6u : 5u, dashed ? 8u : 6u, dashed ? 9u : 7u};
    const std::size_t to[8] = {0, 1, 2, 3, 5, 6, 8, 9};
    for (std::size_t i = 0; i < 8; ++i)
        midnight[to[i]] = text[from[i]];
    return parseEventTime(std::string_view(midnight, sizeof midnight - 1));
}

std::string formatDay(std::int64_t days)
{
    int year = 0;
    unsigned month = 0, day = 0;
    civilFromDays(days, year, month, day);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, month, day);
    return buf;
}

std::optional<std::int64_t> parseDay(std::string_view text)
{
    const EventTimeParse parsed = parseDateOrEventTime(text);
    if (!parsed.time)
        return std::nullopt;
    return utcDay(*parsed.time);
}

std::string formatEventTime(TimeMicros t)
{
    const std::int64_t days = utcDay(t);
    const std::int64_t secondOfDay = wholeSeconds(t) - days * kSecondsPerDay;
    const std::int64_t millis = (t - wholeSeconds(t) * kMicrosPerSecond) / 1000;
    int year = 0;
    unsigned month = 0, day = 0;
    civilFromDays(days, year, month, day);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", year, month, day,
                  static_cast<int>(secondOfDay / 3600), static_cast<int>(secondOfDay / 60 % 60),
                  static_cast<int>(secondOfDay % 60), static_cast<int>(millis));
    return buf;
}

} // namespace clv
