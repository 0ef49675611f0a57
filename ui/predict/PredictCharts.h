#pragma once

#include "summary/PredictSummaries.h"

#include <QString>

class QChart;

namespace clv {

// Charts of a fit. The caller owns the returned chart. Series carry objectNames
// ("actual", "expected_bgnbd", "calibrationEnd", "purchases", "customers", …) for tests.

// The time axis's title in the summary's unit: "Weeks since the first purchase".
QString unitsSince(TimeUnit unit, const QString& since);

// Cumulative repeat purchases, actual against each model, with the calibration end marked.
QChart* buildTrackingChart(const TrackingSeries& series);
// Mean holdout purchases by calibration x, actual against each model.
QChart* buildHoldoutChart(const HoldoutByFrequency& holdout);
// Customers by calibration repeat purchases, actual against each model's expectation.
QChart* buildRepeatHistogramChart(const RepeatHistogram& histogram);
// One customer's P(alive) over time, their purchases marked. `chosen` is false when no
// customer is selected yet: the chart then says how to pick one.
QChart* buildCustomerAliveChart(const CustomerAliveCurve& curve, bool chosen);
// The predicted CLV distribution with its mean, median and p90.
QChart* buildClvDistributionChart(const ClvDistribution& distribution);
// Predicted CLV against the seed LTV, with how many of how many customers are shown.
QChart* buildClvScatterChart(const ClvScatter& scatter);

} // namespace clv
