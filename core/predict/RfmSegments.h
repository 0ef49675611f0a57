#pragma once

#include "predict/Purchases.h"

#include <QString>

#include <array>
#include <cstdint>
#include <vector>

namespace clv {

// The named segments of the usual RFM grid (recency score against the mean of frequency
// and monetary scores).
enum class RfmSegment { Champions, Loyal, PotentialLoyalists, New, AtRisk, CantLose, Hibernating, Lost };
inline constexpr int kRfmSegments = 8;

QString rfmSegmentName(RfmSegment segment);    // "Champions", "Can't lose", …
const char* rfmSegmentKey(RfmSegment segment); // "champions", "cant_lose", … (CSV)

struct RfmScore {
    std::int64_t recencyDays = 0; // from the last purchase day to the as-of day
    std::int64_t frequency = 0;   // purchase days
    Cents monetary = 0;           // total spend
    std::uint8_t r = 0;           // quintile scores 1 … 5, 5 best (most recent, most, highest)
    std::uint8_t f = 0;
    std::uint8_t m = 0;
    RfmSegment segment = RfmSegment::Lost;
};

struct RfmSegmentTotals {
    std::int64_t customers = 0;
    Cents revenue = 0;
    // Sums over the segment's customers, for their means (the mean monetary is revenue over
    // customers): kept here so that a view showing them never walks the customers.
    std::int64_t recencyDaysSum = 0;
    std::int64_t frequencySum = 0;
};

struct RfmSegmentation {
    std::int64_t asOfDay = 0;                              // scores are as of this day (the last purchase day)
    std::vector<RfmScore> customers;                       // parallel to the history's customers
    std::array<RfmSegmentTotals, kRfmSegments> segments{}; // by RfmSegment
    Cents revenue = 0;                                     // all customers

    double revenueShare(RfmSegment segment) const; // 0 … 1
};

// The segment of the scores (1 … 5 each), by the grid documented in RfmSegments.cpp.
RfmSegment rfmSegmentOf(int r, int f, int m);

// Quintiles by rank (ties get the same score), over the customers of `history`.
RfmSegmentation segmentCustomers(const PurchaseHistory& history, std::int64_t asOfDay);

} // namespace clv
