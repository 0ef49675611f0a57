// Cohorts by first purchase week (ISO, Monday) or month (§12), their retention and revenue,
// and the text of cohorts.csv, checked against small histories worked out by hand.
#include "io/EventTime.h"
#include "predict/Cohorts.h"
#include "predict/SegmentOutputs.h"

#include <QBuffer>
#include <QTest>

using namespace clv;

namespace {

std::int64_t day(int y, unsigned m, unsigned d)
{
    return daysFromCivil(y, m, d);
}

PurchaseDay bought(int y, unsigned m, unsigned d, Cents cents)
{
    return {day(y, m, d), cents};
}

// a: Sunday 31 Dec 2023, Monday 1 Jan, leap day Thursday 29 Feb 2024.
// b: Monday 1 Jan and Sunday 7 Jan (one ISO week), Wednesday 31 Jan.
// c: Thursday 1 Feb (same ISO week as b's 31 Jan, another month).
// d: Friday 1 Mar (same ISO week as a's 29 Feb, another month).
// e: Monday 15 Jan and Friday 15 Mar (the data's last week and month).
PurchaseHistory boundaryHistory()
{
    PurchaseHistory h;
    h.customers = {
        {"a", {bought(2023, 12, 31, 1000), bought(2024, 1, 1, 500), bought(2024, 2, 29, 2000)}},
        {"b", {bought(2024, 1, 1, 700), bought(2024, 1, 7, 300), bought(2024, 1, 31, 400)}},
        {"c", {bought(2024, 2, 1, 10000)}},
        {"d", {bought(2024, 3, 1, 100)}},
        {"e", {bought(2024, 1, 15, 200), bought(2024, 3, 15, 300)}},
    };
    h.purchases = 10;
    return h;
}

QString csvOf(const CohortTable& table)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (!writeCohortsCsv(table, buffer))
        return QStringLiteral("(write failed)");
    return QString::fromUtf8(buffer.data());
}

} // namespace

class TestCohorts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testPeriodStartWeekIsMondayOfIsoWeek()
    {
        QCOMPARE(cohortPeriodStart(day(2024, 1, 1), CohortPeriod::Week), QDate(2024, 1, 1)); // a Monday
        QCOMPARE(cohortPeriodStart(day(2024, 1, 7), CohortPeriod::Week), QDate(2024, 1, 1)); // its Sunday
        QCOMPARE(cohortPeriodStart(day(2023, 12, 31), CohortPeriod::Week), QDate(2023, 12, 25));
        QCOMPARE(cohortPeriodStart(day(2024, 2, 29), CohortPeriod::Week), QDate(2024, 2, 26)); // leap day
        QCOMPARE(cohortPeriodStart(day(2024, 3, 1), CohortPeriod::Week), QDate(2024, 2, 26));
        // Around the epoch: 1 Jan 1970 was a Thursday, 31 Dec 1969 a Wednesday.
        QCOMPARE(cohortPeriodStart(0, CohortPeriod::Week), QDate(1969, 12, 29));
        QCOMPARE(cohortPeriodStart(-1, CohortPeriod::Week), QDate(1969, 12, 29));
        QCOMPARE(cohortPeriodStart(4, CohortPeriod::Week), QDate(1970, 1, 5));
    }

    void testPeriodStartMonthIsFirstOfCalendarMonth()
    {
        QCOMPARE(cohortPeriodStart(day(2024, 2, 29), CohortPeriod::Month), QDate(2024, 2, 1));
        QCOMPARE(cohortPeriodStart(day(2024, 1, 31), CohortPeriod::Month), QDate(2024, 1, 1));
        QCOMPARE(cohortPeriodStart(day(2024, 2, 1), CohortPeriod::Month), QDate(2024, 2, 1));
        QCOMPARE(cohortPeriodStart(day(2023, 12, 31), CohortPeriod::Month), QDate(2023, 12, 1));
        QCOMPARE(cohortPeriodStart(-1, CohortPeriod::Month), QDate(1969, 12, 1));
    }

    void testMonthlyCohortsAcrossMonthEndsAndLeapDay()
    {
        const CohortTable t = cohortsOf(boundaryHistory(), CohortPeriod::Month);
        QCOMPARE(t.period, CohortPeriod::Month);
        QCOMPARE(t.cohorts.size(), std::size_t(4));
        // December 2023: a alone, active in December, January and February, not March.
        const Cohort& dec = t.cohorts[0];
        QCOMPARE(dec.start, QDate(2023, 12, 1));
        QCOMPARE(dec.customers, 1);
        QCOMPARE(dec.activeCustomers, (std::vector<std::int64_t>{1, 1, 1, 0}));
        QCOMPARE(dec.revenueByPeriod, (std::vector<Cents>{1000, 500, 2000, 0}));
        QCOMPARE(dec.revenue, Cents(3500));
        // January: b (all in January) and e (January and March).
        const Cohort& jan = t.cohorts[1];
        QCOMPARE(jan.start, QDate(2024, 1, 1));
        QCOMPARE(jan.customers, 2);
        QCOMPARE(jan.activeCustomers, (std::vector<std::int64_t>{2, 0, 1}));
        QCOMPARE(jan.revenueByPeriod, (std::vector<Cents>{1600, 0, 300}));
        QCOMPARE(jan.revenue, Cents(1900));
        QCOMPARE(jan.retention(0), 1.0);
        QCOMPARE(jan.retention(1), 0.0);
        QCOMPARE(jan.retention(2), 0.5);
        QCOMPARE(jan.retention(3), 0.0); // past the data's last month
        // February: c, whose 1 Feb is the day after b's 31 Jan.
        QCOMPARE(t.cohorts[2].start, QDate(2024, 2, 1));
        QCOMPARE(t.cohorts[2].activeCustomers, (std::vector<std::int64_t>{1, 0}));
        QCOMPARE(t.cohorts[2].revenueByPeriod, (std::vector<Cents>{10000, 0}));
        QCOMPARE(t.cohorts[3].start, QDate(2024, 3, 1));
        QCOMPARE(t.cohorts[3].activeCustomers, (std::vector<std::int64_t>{1}));
    }

    void testWeeklyCohortsCountACustomerOncePerWeek()
    {
        const CohortTable t = cohortsOf(boundaryHistory(), CohortPeriod::Week);
        QCOMPARE(t.period, CohortPeriod::Week);
        // Weeks from Monday 25 Dec 2023 (week 0) to Monday 11 Mar 2024 (week 11).
        QCOMPARE(t.cohorts.size(), std::size_t(5));
        const Cohort& a = t.cohorts[0];
        QCOMPARE(a.start, QDate(2023, 12, 25));
        QCOMPARE(a.activeCustomers.size(), std::size_t(12));
        std::vector<std::int64_t> active(12, 0);
        active[0] = active[1] = active[9] = 1;
        QCOMPARE(a.activeCustomers, active);
        QCOMPARE(a.revenueByPeriod[9], Cents(2000)); // the leap day, in the week of 26 Feb
        // b bought twice in the week of 1 Jan: one active customer, both amounts.
        const Cohort& b = t.cohorts[1];
        QCOMPARE(b.start, QDate(2024, 1, 1));
        QCOMPARE(b.activeCustomers.size(), std::size_t(11));
        QCOMPARE(b.activeCustomers[0], 1);
        QCOMPARE(b.revenueByPeriod[0], Cents(1000));
        QCOMPARE(b.activeCustomers[4], 1); // 31 Jan, in the week of 29 Jan
        QCOMPARE(b.revenueByPeriod[4], Cents(400));
        QCOMPARE(b.revenue, Cents(1400));
        QCOMPARE(t.cohorts[2].start, QDate(2024, 1, 15));
        QCOMPARE(t.cohorts[2].activeCustomers.size(), std::size_t(9));
        QCOMPARE(t.cohorts[2].activeCustomers[8], 1);
        QCOMPARE(t.cohorts[3].start, QDate(2024, 1, 29)); // c, Thursday 1 Feb
        QCOMPARE(t.cohorts[3].activeCustomers.size(), std::size_t(7));
        QCOMPARE(t.cohorts[4].start, QDate(2024, 2, 26)); // d, Friday 1 Mar
        QCOMPARE(t.cohorts[4].activeCustomers, (std::vector<std::int64_t>{1, 0, 0}));
        QCOMPARE(t.cohorts[4].revenueByPeriod, (std::vector<Cents>{100, 0, 0}));
    }

    void testEmptyHistoryHasNoCohorts()
    {
        const CohortTable t = cohortsOf(PurchaseHistory{}, CohortPeriod::Month);
        QCOMPARE(t.period, CohortPeriod::Month);
        QVERIFY(t.cohorts.empty());
        QCOMPARE(csvOf(t), QStringLiteral("cohort,period,offset,customers,active_customers,retention,revenue\n"));
    }

    void testSingleCustomerSingleDay()
    {
        PurchaseHistory h;
        h.customers = {{"only", {bought(2024, 2, 29, 1234)}}};
        const CohortTable t = cohortsOf(h, CohortPeriod::Week);
        QCOMPARE(t.cohorts.size(), std::size_t(1));
        QCOMPARE(t.cohorts[0].start, QDate(2024, 2, 26));
        QCOMPARE(t.cohorts[0].customers, 1);
        QCOMPARE(t.cohorts[0].retention(0), 1.0);
        QCOMPARE(t.cohorts[0].retention(1), 0.0);
        QCOMPARE(csvOf(t),
                 QStringLiteral("cohort,period,offset,customers,active_customers,retention,revenue\n"
                                "2024-02-26,week,0,1,1,1.0,12.34\n"));
    }

    void testCohortsCsvOneRowPerCohortAndOffset()
    {
        QCOMPARE(csvOf(cohortsOf(boundaryHistory(), CohortPeriod::Month)),
                 QStringLiteral("cohort,period,offset,customers,active_customers,retention,revenue\n"
                                "2023-12-01,month,0,1,1,1.0,10.00\n"
                                "2023-12-01,month,1,1,1,1.0,5.00\n"
                                "2023-12-01,month,2,1,1,1.0,20.00\n"
                                "2023-12-01,month,3,1,0,0.0,0.00\n"
                                "2024-01-01,month,0,2,2,1.0,16.00\n"
                                "2024-01-01,month,1,2,0,0.0,0.00\n"
                                "2024-01-01,month,2,2,1,0.5,3.00\n"
                                "2024-02-01,month,0,1,1,1.0,100.00\n"
                                "2024-02-01,month,1,1,0,0.0,0.00\n"
                                "2024-03-01,month,0,1,1,1.0,1.00\n"));
        const QStringList weekly = csvOf(cohortsOf(boundaryHistory(), CohortPeriod::Week)).split(QLatin1Char('\n'));
        // Header, 12 + 11 + 9 + 7 + 3 rows, and the empty text after the last line end.
        QCOMPARE(weekly.size(), 1 + 42 + 1);
        QCOMPARE(weekly[1], QStringLiteral("2023-12-25,week,0,1,1,1.0,10.00"));
        QCOMPARE(weekly[12], QStringLiteral("2023-12-25,week,11,1,0,0.0,0.00"));
        QCOMPARE(weekly[13 + 4], QStringLiteral("2024-01-01,week,4,1,1,1.0,4.00"));
    }
};

QTEST_GUILESS_MAIN(TestCohorts)
#include "tst_cohorts.moc"
