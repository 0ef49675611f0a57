#include "TestSupport.h"

#include "summary/ChartSummaries.h"

#include <QTest>

#include <cmath>
#include <numeric>

using namespace clv;
using namespace clv::test;

namespace {

std::shared_ptr<const ResultTables> seedResults(Parameters parameters = {})
{
    const ReadResult read = EventReader().read({QStringLiteral(CLV_TEST_DATA_DIR "/seed/input.txt")});
    return Pipeline(parameters).run(read.events);
}

// One order of `dollars` in a single visit: with the seed formula and a lifespan of
// 10 years, the customer's LTV is 520 × dollars.
std::vector<std::string> customersWithOneOrder(const std::vector<int>& dollars)
{
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < dollars.size(); ++i) {
        const std::string n = std::to_string(i);
        lines.push_back(orderLine(std::string("c").append(n), "2024-01-03T10:00:00Z", std::string("o").append(n),
                                  std::to_string(dollars[i]).append(".00 USD")));
    }
    return lines;
}

} // namespace

class TestChartSummaries : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testCalendarWeeksStartOnSundayByDefault()
    {
        // 2024-01-03 is a Wednesday, 2024-01-07 a Sunday.
        const auto t = analyse({visitLine("a", "2024-01-03T10:00:00Z"), visitLine("a", "2024-01-07T10:00:00Z")});
        const CalendarWeekSeries s = weeklyTotals(*t);
        QCOMPARE(s.weeks.size(), std::size_t(2));
        QCOMPARE(s.weeks[0].start, QDate(2023, 12, 31));
        QCOMPARE(s.weeks[1].start, QDate(2024, 1, 7));
        QCOMPARE(s.weeks[0].visits, 1);
        QCOMPARE(s.weeks[1].visits, 1);
    }

    void testCalendarWeeksStartOnMondayWhenAsked()
    {
        Parameters monday;
        monday.weekStart = WeekStart::Monday;
        const auto t = analyse({visitLine("a", "2024-01-03T10:00:00Z"), visitLine("a", "2024-01-07T10:00:00Z"),
                                visitLine("a", "2024-01-08T10:00:00Z")},
                               monday);
        const CalendarWeekSeries s = weeklyTotals(*t);
        QCOMPARE(s.weekStart, WeekStart::Monday);
        QCOMPARE(s.weeks.size(), std::size_t(2));
        QCOMPARE(s.weeks[0].start, QDate(2024, 1, 1));
        QCOMPARE(s.weeks[1].start, QDate(2024, 1, 8));
        QCOMPARE(s.weeks[0].visits, 2); // Wednesday and Sunday
        QCOMPARE(s.weeks[1].visits, 1);
    }

    void testCalendarWeeksAreSharedAcrossCustomers()
    {
        // b's week 0 is a's week 2: both land on the same calendar grid.
        const auto t = analyse({orderLine("a", "2024-01-03T10:00:00Z", "o1", "10.00 USD"),
                                orderLine("b", "2024-01-17T10:00:00Z", "o2", "5.25 USD"),
                                orderLine("a", "2024-01-18T10:00:00Z", "o3", "1.00 USD")});
        const CalendarWeekSeries s = weeklyTotals(*t);
        QCOMPARE(s.weeks.size(), std::size_t(3));
        QCOMPARE(s.weeks[0].spendCents, Cents(1000));
        QCOMPARE(s.weeks[2].spendCents, Cents(625));
        QCOMPARE(s.weeks[2].visits, 2);
        QCOMPARE(s.weeks[2].orders, 2);
    }

    void testEmptyWeeksAreZeros()
    {
        const auto t = analyse({orderLine("a", "2024-01-03T10:00:00Z", "o1", "2.50 USD"),
                                orderLine("a", "2024-01-24T10:00:00Z", "o2", "4.00 USD")});
        const CalendarWeekSeries s = weeklyTotals(*t);
        QCOMPARE(s.weeks.size(), std::size_t(4));
        for (std::size_t w : {1u, 2u}) {
            QCOMPARE(s.weeks[w].start, QDate(2023, 12, 31).addDays(7 * qint64(w)));
            QCOMPARE(s.weeks[w].spendCents, Cents(0));
            QCOMPARE(s.weeks[w].visits, 0);
            QCOMPARE(s.weeks[w].orders, 0);
        }
        QCOMPARE(s.weeks[3].spendCents, Cents(400));
        QCOMPARE(s.totalSpendCents(), Cents(650));
    }

    void testVisitSpanningTwoCalendarWeeksCountsInBoth()
    {
        // Saturday 23:50 and Sunday 00:10: one visit, two calendar weeks.
        const auto t = analyse({visitLine("a", "2024-01-06T23:50:00Z"), visitLine("a", "2024-01-07T00:10:00Z"),
                                visitLine("a", "2024-01-07T00:20:00Z")});
        QCOMPARE(t->ltv.front().visits, 1);
        const CalendarWeekSeries s = weeklyTotals(*t);
        QCOMPARE(s.weeks.size(), std::size_t(2));
        QCOMPARE(s.weeks[0].visits, 1);
        QCOMPARE(s.weeks[1].visits, 1);
    }

    void testOrderIsCreditedInTheWeekOfItsFirstEvent()
    {
        // The UPDATE a week later sets the amount; the revenue stays in the first week. A
        // 0.00 order is still a credited order.
        const auto t = analyse({orderLine("a", "2024-01-03T10:00:00Z", "o1", "10.00 USD"),
                                orderLine("a", "2024-01-10T10:00:00Z", "o1", "12.00 USD", "UPDATE"),
                                orderLine("a", "2024-01-11T10:00:00Z", "free", "0.00 USD")});
        const CalendarWeekSeries s = weeklyTotals(*t);
        QCOMPARE(s.weeks.size(), std::size_t(2));
        QCOMPARE(s.weeks[0].spendCents, Cents(1200));
        QCOMPARE(s.weeks[0].orders, 1);
        QCOMPARE(s.weeks[1].spendCents, Cents(0));
        QCOMPARE(s.weeks[1].orders, 1);
    }

    void testSeedTotalSpendEqualsPublishedAmounts()
    {
        const CsvRows published = readCsv(QStringLiteral(CLV_TEST_DATA_DIR "/seed/output_t1.txt"));
        QCOMPARE(published.size(), std::size_t(556));
        Cents publishedCents = 0;
        for (const auto& row : published)
            publishedCents += std::llround(std::stod(row.at(4)) * 100.0);
        QVERIFY(publishedCents > 0);

        const auto t = seedResults();
        const CalendarWeekSeries s = weeklyTotals(*t);
        QCOMPARE(s.totalSpendCents(), publishedCents);
        QCOMPARE(s.weeks.front().start.dayOfWeek(), 7); // Qt: 7 is Sunday
    }

    void testSeedVisitsAndOrdersMatchTheTables()
    {
        // Customer weeks and calendar weeks share the week-start day, so calendar-week
        // visits add up to the sum of visits_per_wk, for either start day.
        for (WeekStart start : {WeekStart::Sunday, WeekStart::Monday}) {
            Parameters p;
            p.weekStart = start;
            const auto t = seedResults(p);
            const CalendarWeekSeries s = weeklyTotals(*t);
            std::int64_t visits = 0, orders = 0;
            for (const CalendarWeek& w : s.weeks) {
                visits += w.visits;
                orders += w.orders;
                QCOMPARE(w.start.dayOfWeek(), start == WeekStart::Sunday ? 7 : 1);
            }
            std::int64_t visitWeekSum = 0, ltvOrders = 0;
            for (const LtvRow& r : t->ltv) {
                visitWeekSum += r.visitWeekSum;
                ltvOrders += r.orders;
            }
            QCOMPARE(visits, visitWeekSum);
            QCOMPARE(orders, ltvOrders);
        }
    }

    void testHistogramCountsAddUpToCustomerCount()
    {
        const auto t = seedResults();
        for (int bins : {1, 5, 30, 200}) {
            const LtvDistribution d = ltvDistribution(*t, bins, false);
            QCOMPARE(d.count, 50);
            QCOMPARE(d.counts.size(), std::size_t(bins));
            QCOMPARE(d.edges.size(), std::size_t(bins + 1));
            QCOMPARE(d.binnedCount(), 50);
            QCOMPARE(d.edges.front(), d.min);
            QCOMPARE(d.edges.back(), d.max);
            QCOMPARE(d.max, t->ltv.front().ltv);
        }
    }

    void testMedianAndP90OfAnEvenCount()
    {
        const auto t = analyse(customersWithOneOrder({7, 1, 10, 3, 5, 2, 9, 4, 8, 6}));
        const LtvDistribution d = ltvDistribution(*t, 10, false);
        QCOMPARE(d.count, 10);
        QCOMPARE(d.min, 520.0);
        QCOMPARE(d.max, 5200.0);
        QCOMPARE(d.mean, 5.5 * 520.0);
        QCOMPARE(d.median, 5.5 * 520.0); // mean of the 5th and 6th values
        QCOMPARE(d.p90, 9 * 520.0);      // nearest rank: ceil(0.9 · 10) = 9th value
        // Ten equal-width bins over 520 … 5200, one customer each.
        for (std::int64_t c : d.counts)
            QCOMPARE(c, 1);
    }

    void testMedianAndP90OfAnOddCount()
    {
        const auto t = analyse(customersWithOneOrder({40, 10, 30, 20, 50}));
        const LtvDistribution d = ltvDistribution(*t, 4, false);
        QCOMPARE(d.median, 30 * 520.0);
        QCOMPARE(d.p90, 50 * 520.0); // ceil(0.9 · 5) = 5th value
        QCOMPARE(d.counts, (std::vector<std::int64_t>{1, 1, 1, 2}));
    }

    void testLogScaleKeepsZeroLtvCustomersOutOfTheBins()
    {
        std::vector<std::string> lines = customersWithOneOrder({1, 10, 100});
        lines.push_back(visitLine("browser1", "2024-01-03T10:00:00Z"));
        lines.push_back(visitLine("browser2", "2024-01-04T10:00:00Z"));
        const auto t = analyse(lines);

        const LtvDistribution log = ltvDistribution(*t, 2, true);
        QCOMPARE(log.count, 5);
        QCOMPARE(log.zeroCount, 2);
        QCOMPARE(log.binnedCount(), 3);
        QCOMPARE(log.edges.front(), 520.0); // the least positive LTV, not 0
        QCOMPARE(log.edges.back(), 52000.0);
        QVERIFY(std::fabs(log.edges[1] - 5200.0) < 1e-6); // geometric middle
        QCOMPARE(log.counts, (std::vector<std::int64_t>{1, 2}));
        QCOMPARE(log.median, 520.0); // the statistics still count the zeros
        QCOMPARE(log.min, 0.0);

        const LtvDistribution linear = ltvDistribution(*t, 2, false);
        QCOMPARE(linear.zeroCount, 2);
        QCOMPARE(linear.binnedCount(), 5);
        QCOMPARE(linear.edges.front(), 0.0);
    }

    void testLogScaleWithOnlyZerosHasEmptyBins()
    {
        const auto t = analyse({visitLine("a", "2024-01-03T10:00:00Z")});
        const LtvDistribution d = ltvDistribution(*t, 5, true);
        QCOMPARE(d.zeroCount, 1);
        QCOMPARE(d.binnedCount(), 0);
        QVERIFY(d.edges.front() > 0.0);
        QVERIFY(d.edges.back() > d.edges.front());
    }

    void testTopCustomersFollowTheLtvTable()
    {
        const auto t = seedResults();
        const auto top = topCustomers(*t, 3);
        QCOMPARE(top.size(), std::size_t(3));
        for (std::size_t i = 0; i < 3; ++i) {
            QCOMPARE(top[i].customer, t->ltv[i].customer);
            QCOMPARE(top[i].customerId.toStdString(), std::string(t->events->customerId(t->ltv[i].customer)));
            QCOMPARE(top[i].ltv, t->ltv[i].ltv);
        }
        QVERIFY(top[0].ltv >= top[1].ltv && top[1].ltv >= top[2].ltv);
        QCOMPARE(topCustomers(*t, 500).size(), std::size_t(50));
        QVERIFY(topCustomers(*t, 0).empty());
    }

    void testCustomerWeeksFillsGapsWithZeros()
    {
        // Week 0 starts Sunday 2023-12-31; activity in weeks 0 and 3 only.
        const auto t = analyse({visitLine("zed", "2024-01-01T10:00:00Z"), visitLine("other", "2024-01-02T10:00:00Z"),
                                orderLine("zed", "2024-01-03T10:00:00Z", "o1", "3.00 USD"),
                                orderLine("zed", "2024-01-23T10:00:00Z", "o2", "4.50 USD"),
                                visitLine("aaa", "2024-02-20T10:00:00Z")});
        const LtvRow* zed = ltvOf(*t, "zed");
        QVERIFY(zed);
        const CustomerWeekSeries s = customerWeeks(*t, zed->customer);
        QVERIFY(s.found);
        QCOMPARE(s.customerId, QStringLiteral("zed"));
        QCOMPARE(s.weeks.size(), std::size_t(4));
        const std::int32_t visits[] = {2, 0, 0, 1};
        const Cents spend[] = {300, 0, 0, 450};
        for (std::size_t w = 0; w < 4; ++w) {
            QCOMPARE(s.weeks[w].weekId, std::int32_t(w));
            QCOMPARE(s.weeks[w].start, QDate(2023, 12, 31).addDays(7 * qint64(w)));
            QCOMPARE(s.weeks[w].visits, visits[w]);
            QCOMPARE(s.weeks[w].spendCents, spend[w]);
        }
        QVERIFY(!customerWeeks(*t, std::string_view("nobody")).found);
        QVERIFY(!customerWeeks(*t, std::uint32_t(0)).found);
    }

    void testCustomerWeeksAgreeWithTheLtvTableOnSeed()
    {
        const auto t = seedResults();
        for (const LtvRow& row : t->ltv) {
            const CustomerWeekSeries s = customerWeeks(*t, row.customer);
            QVERIFY(s.found);
            QCOMPARE(s.customer, row.customer);
            Cents spend = 0;
            std::int64_t visits = 0;
            for (const CustomerWeek& w : s.weeks) {
                spend += w.spendCents;
                visits += w.visits;
            }
            QCOMPARE(spend, row.totalCents);
            QCOMPARE(visits, row.visitWeekSum);
            QVERIFY(s.weeks.back().visits > 0);
        }
    }

    void testEmptyResultsGiveEmptySummaries()
    {
        const ResultTables empty{std::make_shared<EventStore>(), {}, {}, {}, {}, {}};
        QVERIFY(weeklyTotals(empty).weeks.empty());
        const LtvDistribution d = ltvDistribution(empty, 10, false);
        QCOMPARE(d.count, 0);
        QCOMPARE(d.binnedCount(), 0);
        QVERIFY(topCustomers(empty, 10).empty());
        QVERIFY(!customerWeeks(empty, std::string_view("x")).found);
    }
};

QTEST_GUILESS_MAIN(TestChartSummaries)
#include "tst_chartsummaries.moc"
