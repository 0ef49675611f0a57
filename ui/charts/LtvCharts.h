#pragma once

#include "summary/ChartSummaries.h"

#include <vector>

class QChart;

namespace clv {

// Charts of the ltv table. The caller owns the returned chart. Series carry objectNames
// ("histogram", "meanMarker", "medianMarker", "p90Marker", "topBars") for tests.

// A histogram drawn as one outlined area over a value axis (or a log axis), so that the
// mean, median and p90 can be marked as vertical lines at their exact values.
QChart* buildLtvDistributionChart(const LtvDistribution& distribution);

// Horizontal bars, the highest LTV at the top, labelled by customer id. `requested` is
// the X asked for, shown in the title when the ltv table has fewer customers.
QChart* buildTopCustomersChart(const std::vector<TopCustomer>& top, int requested);

} // namespace clv
