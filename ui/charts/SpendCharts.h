#pragma once

#include "summary/ChartSummaries.h"

class QChart;

namespace clv {

// Charts of spend over weeks: bars of spend on the left axis, a line of visits on the
// right. The caller owns the returned chart. Series are named by objectName
// ("spendBars", "visitsLine") so that tests can read what was drawn.

QChart* buildWeeklySpendChart(const CalendarWeekSeries& series);

// `chosen` is false when no customer is selected yet: the chart then says how to pick one.
QChart* buildCustomerWeeksChart(const CustomerWeekSeries& series, bool chosen);

} // namespace clv
