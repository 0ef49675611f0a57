#pragma once

#include "export/CsvField.h"
#include "export/OutputSet.h"
#include "predict/Cohorts.h"
#include "predict/PurchaseOverview.h"
#include "predict/RfmSegments.h"

#include <vector>

class QIODevice;

namespace clv {

inline constexpr char kCohortsFile[] = "cohorts.csv";
inline constexpr char kRfmSegmentsFile[] = "rfm_segments.csv";

// cohorts.csv: `cohort,period,offset,customers,active_customers,retention,revenue`, one row
// per cohort and period offset (0 up to the data's last period), cohorts in order of start.
// The cohort is its first day (YYYY-MM-DD), the period `week` or `month`, the revenue the
// cohort's spend in that period in dollars with two decimals.
bool writeCohortsCsv(const CohortTable& cohorts, QIODevice& out);

// rfm_segments.csv: `customer_id,recency_days,frequency,monetary,r,f,m,segment`, one row per
// customer of `history` in its order; the segment as its key (rfmSegmentKey). Ids go through
// the CSV field rules of `csv` (quoting, formula neutralising).
bool writeRfmSegmentsCsv(const PurchaseHistory& history, const RfmSegmentation& segments, QIODevice& out,
                         const CsvOptions& csv = {});

// The two files for writeOutputSet(), with the cohorts of `period`. Like modelOutputs(), the
// writers read `overview` when they run: it must outlive them.
std::vector<NamedOutput> segmentOutputs(const PurchaseOverview& overview, CohortPeriod period,
                                        const CsvOptions& csv = {});

} // namespace clv
