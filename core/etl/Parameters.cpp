#include "etl/Parameters.h"

namespace clv {

QString formulaName(LtvFormula formula)
{
    return formula == LtvFormula::Seed ? QStringLiteral("seed") : QStringLiteral("weekly");
}

std::optional<LtvFormula> formulaFromName(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("seed"))
        return LtvFormula::Seed;
    if (n == QLatin1String("weekly"))
        return LtvFormula::Weekly;
    return std::nullopt;
}

QString weekStartName(WeekStart start)
{
    return start == WeekStart::Sunday ? QStringLiteral("sunday") : QStringLiteral("monday");
}

std::optional<WeekStart> weekStartFromName(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("sunday"))
        return WeekStart::Sunday;
    if (n == QLatin1String("monday"))
        return WeekStart::Monday;
    return std::nullopt;
}

} // namespace clv
