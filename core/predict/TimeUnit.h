#pragma once

#include <optional>
#include <string_view>

namespace clv {

// The unit the models count time in (§10). A month is a twelfth of a Julian year, so that
// months are all the same length and the models' times stay exact multiples of a day.
enum class TimeUnit { Day, Week, Month };

constexpr double daysPerUnit(TimeUnit unit)
{
    switch (unit) {
    case TimeUnit::Day: return 1.0;
    case TimeUnit::Week: return 7.0;
    case TimeUnit::Month: return 365.25 / 12.0;
    }
    return 7.0;
}

constexpr std::string_view timeUnitName(TimeUnit unit)
{
    switch (unit) {
    case TimeUnit::Day: return "day";
    case TimeUnit::Week: return "week";
    case TimeUnit::Month: return "month";
    }
    return "week";
}

constexpr std::optional<TimeUnit> timeUnitFromName(std::string_view name)
{
    for (TimeUnit unit : {TimeUnit::Day, TimeUnit::Week, TimeUnit::Month})
        if (timeUnitName(unit) == name)
            return unit;
    return std::nullopt;
}

} // namespace clv
