#include "etl/Pipeline.h"

#include "etl/CustomerTimeline.h"
#include "etl/OrderLedger.h"
#include "util/ComputePool.h"

#include <QElapsedTimer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <atomic>

namespace clv {

namespace {

// A run of consecutive customers (in grouping order) that one task analyses.
struct CustomerRange {
    std::size_t firstCustomer = 0;
    std::size_t endCustomer = 0;
    WeeklyTable weekly; // this range's weekly rows, concatenated in order afterwards
};

// About eight ranges per worker, cut by event count so that the work is even.
std::vector<CustomerRange> splitCustomers(const CustomerGrouping& g, int workers)
{
    std::vector<CustomerRange> ranges;
    const std::size_t total = g.rows.size();
    const std::size_t target = std::max<std::size_t>(4096, total / (static_cast<std::size_t>(workers) * 8) + 1);
    std::size_t first = 0;
    while (first < g.customerCount()) {
        std::size_t end = first + 1;
        while (end < g.customerCount() && g.start[end] - g.start[first] < target)
            ++end;
        ranges.push_back({first, end, {}});
        first = end;
    }
    return ranges;
}

} // namespace

std::shared_ptr<const ResultTables> Pipeline::run(std::shared_ptr<const EventStore> events,
                                                  const JobControl* control) const
{
    auto cancelled = [control] { return control && control->isCancelled(); };
    auto tables = std::make_shared<ResultTables>();
    tables->events = events;
    tables->parameters = m_parameters;
    if (events->empty())
        return tables;

    QElapsedTimer clock;
    clock.start();
    auto lap = [&](const char* stage) { tables->timings.append({QString::fromLatin1(stage), clock.restart()}); };
    if (control)
        control->report(QStringLiteral("Grouping"), 0.0);
    CustomerGrouping grouping = groupByCustomer(*events);
    lap("group");
    if (cancelled())
        return nullptr;

    QThreadPool* pool = m_pool ? m_pool : computePool();
    std::vector<Cents> revenue = OrderLedger::revenueByRow(*events, pool, control);
    if (cancelled())
        return nullptr;
    lap("orders");

    const auto& times = events->timeColumn();
    const std::int64_t lastDayOfData = utcDay(*std::max_element(times.begin(), times.end()));
    return analyse(std::move(tables), std::move(grouping), revenue, lastDayOfData, control, clock);
}

std::shared_ptr<const ResultTables> Pipeline::runResolved(std::shared_ptr<const EventStore> events,
                                                          std::vector<Cents> revenueByRow, std::int64_t lastDayOfData,
                                                          const JobControl* control) const
{
    Q_ASSERT(revenueByRow.size() == events->size());
    auto tables = std::make_shared<ResultTables>();
    tables->events = events;
    tables->parameters = m_parameters;
    if (events->empty())
        return tables;
    QElapsedTimer clock;
    clock.start();
    if (control)
        control->report(QStringLiteral("Grouping"), 0.0);
    CustomerGrouping grouping = groupByCustomer(*events);
    tables->timings.append({QStringLiteral("group"), clock.restart()});
    if (control && control->isCancelled())
        return nullptr;
    return analyse(std::move(tables), std::move(grouping), revenueByRow, lastDayOfData, control, clock);
}

std::shared_ptr<const ResultTables> Pipeline::analyse(std::shared_ptr<ResultTables> tables, CustomerGrouping grouping,
                                                      const std::vector<Cents>& revenue, std::int64_t lastDayOfData,
                                                      const JobControl* control, QElapsedTimer& clock) const
{
    auto cancelled = [control] { return control && control->isCancelled(); };
    auto lap = [&](const char* stage) { tables->timings.append({QString::fromLatin1(stage), clock.restart()}); };
    QThreadPool* pool = m_pool ? m_pool : computePool();
    const EventStore* events = tables->events.get();
    const std::size_t n = events->size();
    VisitsTable& visits = tables->visits;
    visits.event.resize(n);
    visits.customer.resize(n);
    visits.isOrder.resize(n);
    visits.weekId.resize(n);
    visits.visitId.resize(n);
    visits.amountCents.resize(n);
    tables->ltv.resize(grouping.customerCount());

    std::vector<CustomerRange> ranges = splitCustomers(grouping, std::max(1, pool->maxThreadCount()));
    std::atomic<std::size_t> done{0};
    auto analyseRange = [&](CustomerRange& range) {
        if (cancelled())
            return;
        CustomerTimeline timeline(*events, revenue, m_parameters, lastDayOfData);
        for (std::size_t k = range.firstCustomer; k < range.endCustomer; ++k) {
            const std::uint32_t b = grouping.start[k];
            const VisitsSlice slice{visits.event.data() + b,   visits.customer.data() + b,
                                    visits.isOrder.data() + b, visits.weekId.data() + b,
                                    visits.visitId.data() + b, visits.amountCents.data() + b};
            timeline.analyse(grouping.rows.data() + b, grouping.start[k + 1] - b, grouping.rows.size() - b,
                             grouping.customerAt[k], slice, range.weekly, tables->ltv[k]);
        }
        if (control)
            control->report(QStringLiteral("Analysing"), double(++done) / double(ranges.size()));
    };
    QtConcurrent::blockingMap(pool, ranges, analyseRange);
    if (cancelled())
        return nullptr;
    lap("customers");

    WeeklyTable& weekly = tables->weekly;
    std::size_t weeklyRows = 0;
    for (const CustomerRange& r : ranges)
        weeklyRows += r.weekly.size();
    weekly.customer.reserve(weeklyRows);
    weekly.weekId.reserve(weeklyRows);
    weekly.visits.reserve(weeklyRows);
    weekly.amountCents.reserve(weeklyRows);
    weekly.amountPerWeek.reserve(weeklyRows);
    for (const CustomerRange& r : ranges) {
        weekly.customer.insert(weekly.customer.end(), r.weekly.customer.begin(), r.weekly.customer.end());
        weekly.weekId.insert(weekly.weekId.end(), r.weekly.weekId.begin(), r.weekly.weekId.end());
        weekly.visits.insert(weekly.visits.end(), r.weekly.visits.begin(), r.weekly.visits.end());
        weekly.amountCents.insert(weekly.amountCents.end(), r.weekly.amountCents.begin(), r.weekly.amountCents.end());
        weekly.amountPerWeek.insert(weekly.amountPerWeek.end(), r.weekly.amountPerWeek.begin(),
                                    r.weekly.amountPerWeek.end());
    }

    if (control)
        control->report(QStringLiteral("Ranking"), 0.0);
    // Rows are in ascending customer-id order already, so a stable sort by LTV alone
    // leaves ties in customer-id order.
    std::stable_sort(tables->ltv.begin(), tables->ltv.end(),
                     [](const LtvRow& a, const LtvRow& b) { return a.ltv > b.ltv; });
    lap("rank");
    if (cancelled())
        return nullptr;
    return tables;
}

} // namespace clv
