#include "etl/Pipeline.h"

#include "etl/CustomerTimeline.h"
#include "etl/OrderLedger.h"
#include "util/ComputePool.h"

#include <QElapsedTimer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>
#include <QtConcurrent/QtConcurrentRun>

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

// Each range's rows are given back as soon as they are copied: the end of the analysis is
// when a run holds the most memory.
void joinWeekly(std::vector<CustomerRange>& ranges, WeeklyTable& weekly)
{
    std::size_t weeklyRows = 0;
    for (const CustomerRange& r : ranges)
        weeklyRows += r.weekly.size();
    weekly.customer.reserve(weeklyRows);
    weekly.weekId.reserve(weeklyRows);
    weekly.visits.reserve(weeklyRows);
    weekly.amountCents.reserve(weeklyRows);
    weekly.amountPerWeek.reserve(weeklyRows);
    for (CustomerRange& r : ranges) {
        weekly.customer.insert(weekly.customer.end(), r.weekly.customer.begin(), r.weekly.customer.end());
        weekly.weekId.insert(weekly.weekId.end(), r.weekly.weekId.begin(), r.weekly.weekId.end());
        weekly.visits.insert(weekly.visits.end(), r.weekly.visits.begin(), r.weekly.visits.end());
        weekly.amountCents.insert(weekly.amountCents.end(), r.weekly.amountCents.begin(), r.weekly.amountCents.end());
        weekly.amountPerWeek.insert(weekly.amountPerWeek.end(), r.weekly.amountPerWeek.begin(),
                                    r.weekly.amountPerWeek.end());
        r.weekly = WeeklyTable();
    }
}

// By LTV descending. The rows are in ascending customer-id order already, and ties keep
// that order. Sorting 16-byte keys and then moving each row once, in place, is quicker than
// moving the 80-byte rows about in a stable sort, and needs no second table.
void rankByLtv(std::vector<LtvRow>& ltv)
{
    std::vector<std::pair<double, std::uint32_t>> keys(ltv.size());
    for (std::size_t i = 0; i < ltv.size(); ++i)
        keys[i] = {ltv[i].ltv, static_cast<std::uint32_t>(i)};
    std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    // Row keys[i].second goes to place i: each cycle of that permutation is followed once,
    // places done being marked by pointing at themselves.
    constexpr std::uint32_t kDone = ~0u;
    for (std::size_t start = 0; start < keys.size(); ++start) {
        if (keys[start].second == kDone)
            continue;
        LtvRow carried = ltv[start];
        std::size_t place = start;
        while (keys[place].second != start) {
            const std::size_t from = keys[place].second;
            ltv[place] = ltv[from];
            keys[place].second = kDone;
            place = from;
        }
        ltv[place] = carried;
        keys[place].second = kDone;
    }
}

// Sizes the visits table: 25 bytes an event, every page written once.
void sizeVisits(VisitsTable& visits, std::size_t n)
{
    visits.event.resize(n);
    visits.customer.resize(n);
    visits.isOrder.resize(n);
    visits.weekId.resize(n);
    visits.visitId.resize(n);
    visits.amountCents.resize(n);
}

// What the customers' analysis waits for besides the order ledger. Sizing the visits table
// and grouping the rows by customer need nothing of the ledger, and each would leave all
// but one core idle: they run on the pool while the caller settles the orders.
class Preparation {
public:
    Preparation(ResultTables& tables, const EventStore& events, QThreadPool* pool)
    {
        m_sizing = QtConcurrent::run(pool, [&tables, &events] { sizeVisits(tables.visits, events.size()); });
        m_grouping = QtConcurrent::run(pool, [this, &events] {
            QElapsedTimer clock;
            clock.start();
            CustomerGrouping grouping = groupByCustomer(events);
            m_groupMs = clock.elapsed();
            return grouping;
        });
    }
    // Also on the way out of a cancelled run: the tasks use the tables and events.
    ~Preparation()
    {
        m_sizing.waitForFinished();
        if (m_grouping.isValid())
            m_grouping.waitForFinished();
    }
    CustomerGrouping grouping()
    {
        m_sizing.waitForFinished();
        return m_grouping.takeResult();
    }
    qint64 groupMs() const { return m_groupMs; }

private:
    QFuture<void> m_sizing;
    QFuture<CustomerGrouping> m_grouping;
    qint64 m_groupMs = 0;
};

} // namespace

std::shared_ptr<ResultTables> Pipeline::emptyTables(std::shared_ptr<const EventStore> events) const
{
    auto tables = std::make_shared<ResultTables>();
    tables->events = std::move(events);
    tables->parameters = m_parameters;
    return tables;
}

std::shared_ptr<const ResultTables> Pipeline::run(const std::shared_ptr<const EventStore>& events,
                                                  const JobControl* control) const
{
    auto cancelled = [control] { return control && control->isCancelled(); };
    std::shared_ptr<ResultTables> tables = emptyTables(events);
    if (events->empty())
        return tables;

    QElapsedTimer clock;
    clock.start();
    auto lap = [&](const char* stage) { tables->timings.append({QString::fromLatin1(stage), clock.restart()}); };
    if (control)
        control->report(QStringLiteral("Grouping"), 0.0);
    QThreadPool* pool = m_pool ? m_pool : computePool();
    Preparation preparation(*tables, *events, pool);
    std::vector<Cents> revenue = OrderLedger::revenueByRow(*events, pool, control);
    if (cancelled())
        return nullptr;
    const auto& times = events->timeColumn();
    const std::int64_t lastDayOfData = utcDay(*std::max_element(times.begin(), times.end()));
    CustomerGrouping grouping = preparation.grouping();
    // Grouping ran beside the orders; "orders" is the time until both were done.
    tables->timings.append({QStringLiteral("group"), preparation.groupMs()});
    lap("orders");
    return analyse(std::move(tables), std::move(grouping), std::move(revenue), lastDayOfData, control, clock);
}

std::shared_ptr<const ResultTables> Pipeline::runResolved(const std::shared_ptr<const EventStore>& events,
                                                          std::vector<Cents> revenueByRow, std::int64_t lastDayOfData,
                                                          const JobControl* control) const
{
    Q_ASSERT(revenueByRow.size() == events->size());
    std::shared_ptr<ResultTables> tables = emptyTables(events);
    if (events->empty())
        return tables;
    QElapsedTimer clock;
    clock.start();
    if (control)
        control->report(QStringLiteral("Grouping"), 0.0);
    Preparation preparation(*tables, *events, m_pool ? m_pool : computePool());
    CustomerGrouping grouping = preparation.grouping();
    tables->timings.append({QStringLiteral("group"), clock.restart()});
    if (control && control->isCancelled())
        return nullptr;
    return analyse(std::move(tables), std::move(grouping), std::move(revenueByRow), lastDayOfData, control, clock);
}

std::shared_ptr<const ResultTables> Pipeline::analyse(std::shared_ptr<ResultTables> tables, CustomerGrouping grouping,
                                                      std::vector<Cents> revenue, std::int64_t lastDayOfData,
                                                      const JobControl* control, QElapsedTimer& clock) const
{
    auto cancelled = [control] { return control && control->isCancelled(); };
    auto lap = [&](const char* stage) { tables->timings.append({QString::fromLatin1(stage), clock.restart()}); };
    QThreadPool* pool = m_pool ? m_pool : computePool();
    const EventStore* events = tables->events.get();
    VisitsTable& visits = tables->visits; // sized by Preparation
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

    // Not needed any more: given back before the weekly rows are joined, which is when the
    // run holds the most.
    revenue = {};
    grouping = {};

    if (control)
        control->report(QStringLiteral("Ranking"), 0.0);
    // The ranking needs only the ltv rows: it runs on the pool while this thread joins the
    // ranges' weekly rows.
    QFuture<void> ranking = QtConcurrent::run(pool, [&tables] { rankByLtv(tables->ltv); });
    joinWeekly(ranges, tables->weekly);
    ranking.waitForFinished();
    lap("rank");
    if (cancelled())
        return nullptr;
    return tables;
}

} // namespace clv
