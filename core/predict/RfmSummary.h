#pragma once

#include "predict/Purchases.h"
#include "predict/TimeUnit.h"

#include <QString>

#include <optional>
#include <vector>

namespace clv {

// One customer as the models see them (§10), times in the summary's unit.
struct CustomerRfm {
    std::string id;
    double x = 0;        // repeat purchase days in the calibration period
    double tx = 0;       // first to last purchase day
    double T = 0;        // first purchase day to the calibration end
    double monetary = 0; // mean spend of the repeat purchase days (0 when x = 0)
    double xHoldout = 0; // purchase days in (E, H]
    double spendHoldout = 0;
};

// What the tracking curve needs besides the customers: when each of them started and when
// their repeat purchases fell, counted per day from `firstDay`.
struct PurchaseTimeline {
    std::int64_t firstDay = 0;                 // the earliest first purchase
    std::vector<std::int64_t> newCustomers;    // per day: customers whose first purchase it is
    std::vector<std::int64_t> repeatPurchases; // per day: repeat purchase days (through H, or E)
};

struct RfmSummary {
    std::vector<CustomerRfm> customers;
    TimeUnit unit = TimeUnit::Week;
    std::optional<std::int64_t> calibrationEnd; // day; absent for a summary read from a file
    std::optional<std::int64_t> holdoutEnd;
    std::int64_t laterCustomers = 0; // first purchase after the calibration end: left out
    std::optional<PurchaseTimeline> timeline;

    std::int64_t repeatCustomers() const;
    bool hasHoldout() const { return holdoutEnd.has_value(); }
    // The holdout period's length in units (0 without one).
    double holdoutLength() const;
};

struct SummaryOptions {
    TimeUnit unit = TimeUnit::Week;
    std::optional<std::int64_t> calibrationEnd; // default: the last purchase day
    std::optional<std::int64_t> holdoutEnd;     // must be after the calibration end
};

// Empty when the options fit the purchases, else a plain message.
QString validateSummaryOptions(const SummaryOptions& options);

// The RFM summary of §10 for a calibration end, time unit and optional holdout end.
RfmSummary summarise(const PurchaseHistory& history, const SummaryOptions& options);

} // namespace clv
