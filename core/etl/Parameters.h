#pragma once

#include <QString>

#include <optional>

namespace clv {

enum class LtvFormula {
    Seed,   // 52 · t · sum(amount_per_wk) / sum(visits_per_wk), as the notebook computed it
    Weekly, // 52 · t · total spend / weeks observed (the classic 52·a·t)
};

enum class WeekStart { Sunday = 0, Monday = 1 };

struct Parameters {
    LtvFormula formula = LtvFormula::Seed;
    int sessionGapSeconds = 30 * 60;
    WeekStart weekStart = WeekStart::Sunday;
    double lifespanYears = 10.0;
    int topX = 10;

    friend bool operator==(const Parameters&, const Parameters&) = default;
};

QString formulaName(LtvFormula formula);
std::optional<LtvFormula> formulaFromName(const QString& name);
QString weekStartName(WeekStart start);
std::optional<WeekStart> weekStartFromName(const QString& name);

} // namespace clv
