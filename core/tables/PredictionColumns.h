#pragma once

#include "predict/PredictResult.h"
#include "tables/TableSpec.h"

namespace clv {

// One customer of a fit as the predictions table shows it.
struct PredictionRecord {
    std::string_view customer;
    double x = 0;
    double tx = 0;
    double T = 0;
    double monetary = 0;
    double pAlive = 0;
    double expectedPurchases = 0;
    double expectedSpend = 0; // NaN without a Gamma-Gamma fit
    double clv = 0;           // NaN without a Gamma-Gamma fit
    double xHoldout = 0;      // NaN without a holdout period
    double spendHoldout = 0;
    double seedLtv = 0; // NaN without an LTV row
    RfmSegment segment = RfmSegment::Lost;
};

// The predictions table: one row per customer of the fit's summary, in customer id order.
struct PredictionColumns {
    using Record = PredictionRecord;
    using Source = PredictResult;

    static const Columns<Record>& columns();
    static std::size_t rowCount(const Source& result);
    static Record record(const Source& result, std::uint32_t row);
    static std::string_view customer(const Record& r) { return r.customer; }
};

} // namespace clv
