#include "etl/ParameterLimits.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace clv {

namespace {

QString outOfRange(const char* what, const QString& low, const QString& high, const char* unit)
{
    return QStringLiteral("the %1 must be from %2 to %3%4").arg(QLatin1String(what), low, high, QLatin1String(unit));
}

// A finite number read from `text`, or nothing.
std::optional<double> number(const QString& text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

// Clamped while still a double, so that a huge stored number cannot overflow an int.
int clampedWhole(double value, int low, int high)
{
    return static_cast<int>(std::lround(std::clamp(value, double(low), double(high))));
}

} // namespace

QString ParameterLimits::validate(const Parameters& p)
{
    if (p.sessionGapSeconds < kMinSessionGapSeconds || p.sessionGapSeconds > kMaxSessionGapSeconds)
        return outOfRange("session gap", QString::number(kMinSessionGapMinutes), QString::number(kMaxSessionGapMinutes),
                          " minutes");
    if (!(p.lifespanYears >= kMinLifespanYears && p.lifespanYears <= kMaxLifespanYears)) // NaN fails too
        return outOfRange("lifespan", QString::number(kMinLifespanYears), QString::number(kMaxLifespanYears), " years");
    if (p.topX < kMinTopX || p.topX > kMaxTopX)
        return outOfRange("top X", QString::number(kMinTopX), QString::number(kMaxTopX), " customers");
    return {};
}

QString ParameterLimits::validateThreads(int threads)
{
    if (threads < kMinThreads || threads > kMaxThreads)
        return outOfRange("number of threads", QString::number(kMinThreads), QString::number(kMaxThreads), "");
    return {};
}

Parameters ParameterLimits::sanitised(const ParameterText& text)
{
    Parameters p;
    p.formula = formulaFromName(text.formula).value_or(p.formula);
    p.weekStart = weekStartFromName(text.weekStart).value_or(p.weekStart);
    if (const auto minutes = number(text.sessionGapMinutes))
        p.sessionGapSeconds = clampedWhole(*minutes, kMinSessionGapMinutes, kMaxSessionGapMinutes) * 60;
    if (const auto years = number(text.lifespanYears))
        p.lifespanYears = std::clamp(*years, kMinLifespanYears, kMaxLifespanYears);
    if (const auto topX = number(text.topX))
        p.topX = clampedWhole(*topX, kMinTopX, kMaxTopX);
    return p;
}

} // namespace clv
