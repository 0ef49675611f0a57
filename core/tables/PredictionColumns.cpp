#include "tables/PredictionColumns.h"

#include <cmath>
#include <limits>
#include <utility>

namespace clv {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A number that may be missing (no Gamma-Gamma fit, no holdout, no LTV row): shown empty,
// sorted before every number so that the missing ones gather at one end.
template <int Decimals, class KeyOf>
Column<PredictionRecord> optionalNumber(const char* title, KeyOf, const char* toolTip)
{
    using R = PredictionRecord;
    struct SortKey {
        std::pair<bool, double> operator()(const R& r) const
        {
            const double v = KeyOf{}(r);
            return std::isnan(v) ? std::pair{false, 0.0} : std::pair{true, v};
        }
    };
    return {title,
            true,
            [](const R& r) {
                const double v = KeyOf{}(r);
                return std::isnan(v) ? QVariant(QString()) : QVariant(decimalText(v, Decimals));
            },
            [](const R& r) { return QVariant(KeyOf{}(r)); },
            &sortByKey<R, SortKey>,
            {},
            toolTip};
}

template <int Decimals, class KeyOf>
Column<PredictionRecord> number(const char* title, KeyOf key, const char* toolTip)
{
    Column<PredictionRecord> c = columns::decimal<Decimals, PredictionRecord>(title, key, {});
    c.toolTip = toolTip;
    return c;
}

struct SegmentKey {
    int operator()(const PredictionRecord& r) const { return int(r.segment); }
};

} // namespace

const Columns<PredictionRecord>& PredictionColumns::columns()
{
    using R = PredictionRecord;
    static const Columns<R> list = {
        columns::text<R>("customer_id", [](const R& r) { return r.customer; }, {}),
        number<0>(
            "x", [](const R& r) { return r.x; }, QT_TRANSLATE_NOOP("Columns", "Repeat purchase days in calibration")),
        number<2>(
            "t_x", [](const R& r) { return r.tx; }, QT_TRANSLATE_NOOP("Columns", "First to last purchase")),
        number<2>(
            "T", [](const R& r) { return r.T; }, QT_TRANSLATE_NOOP("Columns", "First purchase to calibration end")),
        number<2>(
            QT_TRANSLATE_NOOP("Columns", "Monetary"), [](const R& r) { return r.monetary; },
            QT_TRANSLATE_NOOP("Columns", "Mean spend of the repeat purchase days")),
        number<4>(
            QT_TRANSLATE_NOOP("Columns", "P(alive)"), [](const R& r) { return r.pAlive; },
            QT_TRANSLATE_NOOP("Columns", "Probability that the customer is still active at the calibration end")),
        number<3>(
            QT_TRANSLATE_NOOP("Columns", "Expected purchases"), [](const R& r) { return r.expectedPurchases; },
            QT_TRANSLATE_NOOP("Columns", "Expected purchases over the horizon")),
        optionalNumber<2>(
            QT_TRANSLATE_NOOP("Columns", "Expected spend"), [](const R& r) { return r.expectedSpend; },
            QT_TRANSLATE_NOOP("Columns", "Gamma-Gamma expected spend per purchase")),
        optionalNumber<2>(
            QT_TRANSLATE_NOOP("Columns", "CLV"), [](const R& r) { return r.clv; },
            QT_TRANSLATE_NOOP("Columns", "Discounted value of the expected purchases over the horizon")),
        optionalNumber<0>(
            QT_TRANSLATE_NOOP("Columns", "Holdout purchases"), [](const R& r) { return r.xHoldout; },
            QT_TRANSLATE_NOOP("Columns", "Purchase days in the holdout period")),
        optionalNumber<2>(
            QT_TRANSLATE_NOOP("Columns", "Holdout spend"), [](const R& r) { return r.spendHoldout; },
            QT_TRANSLATE_NOOP("Columns", "Spend in the holdout period")),
        optionalNumber<2>(
            QT_TRANSLATE_NOOP("Columns", "Seed LTV"), [](const R& r) { return r.seedLtv; },
            QT_TRANSLATE_NOOP("Columns", "The LTV table's value (52 × spend per visit × visits per week × lifespan)")),
        Column<R>{QT_TRANSLATE_NOOP("Columns", "Segment"),
                  false,
                  [](const R& r) { return QVariant(rfmSegmentName(r.segment)); },
                  nullptr,
                  &sortByKey<R, SegmentKey>,
                  {},
                  QT_TRANSLATE_NOOP("Columns", "RFM segment as of the last purchase day")},
    };
    return list;
}

std::size_t PredictionColumns::rowCount(const PredictResult& result)
{
    return result.run.predictions.empty() ? 0 : result.customerCount();
}

PredictionRecord PredictionColumns::record(const PredictResult& result, std::uint32_t row)
{
    const CustomerRfm& c = result.run.summary->customers[row];
    const CustomerPrediction& p = result.run.predictions[row];
    const bool holdout = result.run.summary->hasHoldout();
    PredictionRecord r;
    r.customer = c.id;
    r.x = c.x;
    r.tx = c.tx;
    r.T = c.T;
    r.monetary = c.monetary;
    r.pAlive = p.pAlive;
    r.expectedPurchases = p.expectedPurchases;
    r.expectedSpend = p.expectedSpend;
    r.clv = p.clv;
    r.xHoldout = holdout ? c.xHoldout : kNaN;
    r.spendHoldout = holdout ? c.spendHoldout : kNaN;
    r.seedLtv = kNaN;
    if (row < result.historyRow.size() && result.purchases) {
        const std::uint32_t h = result.historyRow[row];
        if (h < result.purchases->seedLtv.size())
            r.seedLtv = result.purchases->seedLtv[h];
        if (h < result.purchases->segments.customers.size())
            r.segment = result.purchases->segments.customers[h].segment;
    }
    return r;
}

} // namespace clv
