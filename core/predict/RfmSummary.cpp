#include "predict/RfmSummary.h"

#include <algorithm>

namespace clv {

std::int64_t RfmSummary::repeatCustomers() const
{
    return std::count_if(customers.begin(), customers.end(), [](const CustomerRfm& c) { return c.x > 0; });
}

double RfmSummary::holdoutLength() const
{
    if (!calibrationEnd || !holdoutEnd)
        return 0;
    return double(*holdoutEnd - *calibrationEnd) / daysPerUnit(unit);
}

QString validateSummaryOptions(const SummaryOptions& options)
{
    if (options.holdoutEnd && !options.calibrationEnd)
        return QStringLiteral("a holdout end needs a calibration end");
    if (options.holdoutEnd && options.calibrationEnd && *options.holdoutEnd <= *options.calibrationEnd)
        return QStringLiteral("the holdout end must be after the calibration end");
    return {};
}

namespace {

void addTimeline(PurchaseTimeline& timeline, const CustomerPurchases& customer, std::int64_t lastDay)
{
    const std::int64_t first = customer.days.front().day;
    ++timeline.newCustomers[static_cast<std::size_t>(first - timeline.firstDay)];
    for (std::size_t i = 1; i < customer.days.size() && customer.days[i].day <= lastDay; ++i)
        ++timeline.repeatPurchases[static_cast<std::size_t>(customer.days[i].day - timeline.firstDay)];
}

} // namespace

RfmSummary summarise(const PurchaseHistory& history, const SummaryOptions& options)
{
    RfmSummary summary;
    summary.unit = options.unit;
    summary.holdoutEnd = options.holdoutEnd;
    if (history.empty())
        return summary;

    std::int64_t firstDay = history.customers.front().days.front().day;
    std::int64_t lastDay = firstDay;
    for (const CustomerPurchases& c : history.customers) {
        firstDay = std::min(firstDay, c.days.front().day);
        lastDay = std::max(lastDay, c.days.back().day);
    }
    const std::int64_t end = options.calibrationEnd.value_or(lastDay);
    summary.calibrationEnd = end;
    const std::int64_t trackedTo = options.holdoutEnd.value_or(end);

    PurchaseTimeline timeline;
    timeline.firstDay = firstDay;
    const auto span = static_cast<std::size_t>(std::max<std::int64_t>(trackedTo - firstDay + 1, 1));
    timeline.newCustomers.assign(span, 0);
    timeline.repeatPurchases.assign(span, 0);

    const double unitDays = daysPerUnit(options.unit);
    summary.customers.reserve(history.customers.size());
    for (const CustomerPurchases& c : history.customers) {
        const std::int64_t first = c.days.front().day;
        if (first > end) {
            ++summary.laterCustomers;
            continue;
        }
        CustomerRfm rfm;
        rfm.id = c.id;
        std::int64_t last = first;
        Cents repeatSpend = 0;
        Cents holdoutSpend = 0;
        for (std::size_t i = 1; i < c.days.size(); ++i) {
            const PurchaseDay& day = c.days[i];
            if (day.day <= end) {
                rfm.x += 1;
                last = day.day;
                repeatSpend += day.amount;
            } else if (options.holdoutEnd && day.day <= *options.holdoutEnd) {
                rfm.xHoldout += 1;
                holdoutSpend += day.amount;
            }
        }
        rfm.tx = double(last - first) / unitDays;
        rfm.T = double(end - first) / unitDays;
        rfm.spendHoldout = dollarsAsDouble(holdoutSpend);
        if (rfm.x > 0)
            rfm.monetary = dollarsAsDouble(repeatSpend) / rfm.x;
        summary.customers.push_back(std::move(rfm));
        if (first <= trackedTo)
            addTimeline(timeline, c, trackedTo);
    }
    summary.timeline = std::move(timeline);
    return summary;
}

} // namespace clv
