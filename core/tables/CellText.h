#pragma once

#include "io/EventTime.h"
#include "io/MoneyAmount.h"

#include <QString>

#include <string_view>

namespace clv {

// How the tables show values: money with two decimals, ratios with a few, times as ISO UTC.
inline QString moneyText(Cents cents)
{
    return QString::number(double(cents) / 100.0, 'f', 2);
}
inline QString decimalText(double value, int decimals = 2)
{
    return QString::number(value, 'f', decimals);
}
inline QString timeText(TimeMicros t)
{
    return QString::fromStdString(formatEventTime(t));
}
inline QString utf8Text(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// Whether `id` contains `loweredNeedle` (already lower-case), ignoring the case of ASCII
// letters — as the workspace's LOWER(…) LIKE does.
inline bool containsIgnoringAsciiCase(std::string_view id, std::string_view loweredNeedle)
{
    if (loweredNeedle.size() > id.size())
        return false;
    for (std::size_t start = 0; start + loweredNeedle.size() <= id.size(); ++start) {
        std::size_t i = 0;
        while (i < loweredNeedle.size()) {
            char c = id[start + i];
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
            if (c != loweredNeedle[i])
                break;
            ++i;
        }
        if (i == loweredNeedle.size())
            return true;
    }
    return false;
}

} // namespace clv
