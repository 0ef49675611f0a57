#pragma once

#include "predict/Purchases.h"

#include <QDate>

#include <cstdint>
#include <vector>

namespace clv {

// How customers are grouped into cohorts and how later activity is counted: calendar weeks
// (Monday to Sunday, ISO) or calendar months, UTC.
enum class CohortPeriod { Week, Month };

struct Cohort {
    QDate start;                // first day of the week or month of the cohort's first purchases
    std::int64_t customers = 0; // customers whose first purchase falls in that period
    Cents revenue = 0;          // everything the cohort's customers ever spent
    // Per period offset 0, 1, … up to the data's last period: how many of the cohort's
    // customers bought in that period (offset 0 is the cohort's own period, so all of them)
    // and what they spent in it.
    std::vector<std::int64_t> activeCustomers;
    std::vector<Cents> revenueByPeriod;

    // Share of the cohort buying in period `offset` (0 … 1).
    double retention(std::size_t offset) const;
};

struct CohortTable {
    CohortPeriod period = CohortPeriod::Week;
    std::vector<Cohort> cohorts; // ascending by start, empty periods left out
};

// Pure function of the purchase history: O(purchase days).
CohortTable cohortsOf(const PurchaseHistory& history, CohortPeriod period);

// The first day of the period holding `day` (days since 1970-01-01).
QDate cohortPeriodStart(std::int64_t day, CohortPeriod period);

} // namespace clv
