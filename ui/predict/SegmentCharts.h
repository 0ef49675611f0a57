#pragma once

#include "predict/Cohorts.h"
#include "predict/RfmSegments.h"

class QChart;

namespace clv {

// Revenue per cohort (bars) and the cohorts' sizes (a line on a second axis); a sentence
// instead when there are no cohorts.
QChart* buildCohortChart(const CohortTable& cohorts, bool haveData);

// Each RFM segment's share of the customers and of the revenue, side by side in percent.
QChart* buildSegmentChart(const RfmSegmentation& segments, bool haveData);

} // namespace clv
