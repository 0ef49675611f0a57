#include "TestSupport.h"

#include "export/NumberFormat.h"

#include <QTest>

#include <algorithm>
#include <numeric>

using namespace clv;
using test::analyse;

class TestPipeline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testGapOfExactly30MinutesStaysInVisit()
    {
        // Fractions are dropped before comparing: 10:00:00.900 → 10:30:00.100 is 30:00.
        const auto t = analyse(
            {test::visitLine("c", "2017-02-13T10:00:00.900Z"), test::visitLine("c", "2017-02-13T10:30:00.100Z")});
        QCOMPARE(t->visits.visitId[test::visitsRowOfEvent(*t, 1)], 0);
    }

    void testGapOverSessionGapOpensNextVisit()
    {
        const auto t = analyse({test::visitLine("c", "2017-02-13T10:00:00Z"),
                                test::visitLine("c", "2017-02-13T10:30:01Z"),
                                test::visitLine("c", "2017-02-13T10:45:00Z")});
        QCOMPARE(t->visits.visitId[test::visitsRowOfEvent(*t, 1)], 1);
        QCOMPARE(t->visits.visitId[test::visitsRowOfEvent(*t, 2)], 1);
        QCOMPARE(test::ltvOf(*t, "c")->visits, 2);
    }

    void testSessionGapIsAParameter()
    {
        Parameters p;
        p.sessionGapSeconds = 10 * 60;
        const auto t = analyse(
            {test::visitLine("c", "2017-02-13T10:00:00Z"), test::visitLine("c", "2017-02-13T10:15:00Z")}, p);
        QCOMPARE(t->visits.visitId[test::visitsRowOfEvent(*t, 1)], 1);
    }

    void testEventsAreOrderedByTimeNotInputOrder()
    {
        const auto t = analyse({test::visitLine("c", "2017-02-13T12:00:00Z", "late"),
                                test::visitLine("c", "2017-02-13T10:00:00Z", "early")});
        QCOMPARE(t->visits.event[0], 1u);
        QCOMPARE(t->visits.visitId[0], 0);
        QCOMPARE(t->visits.visitId[1], 1);
    }

    // A customer's events in time order, ties in input order, however many there are: short
    // runs, runs of exactly the sorting's run length and several merges of them.
    void testManyEventsAreOrderedByTimeTiesInInputOrder_data()
    {
        QTest::addColumn<int>("events");
        for (const int n : {2, 31, 32, 33, 64, 65, 300, 1000})
            QTest::newRow(qPrintable(QString::number(n))) << n;
    }
    void testManyEventsAreOrderedByTimeTiesInInputOrder()
    {
        QFETCH(int, events);
        std::vector<std::string> lines;
        std::vector<int> minuteOfLine;
        std::uint32_t draw = 12345;
        for (int i = 0; i < events; ++i) {
            draw = draw * 1103515245u + 12345u;
            const int minute = static_cast<int>((draw >> 16) % 17); // many ties, no order
            minuteOfLine.push_back(minute);
            lines.push_back(test::visitLine(
                "c", QStringLiteral("2017-02-13T10:%1:00Z").arg(minute, 2, 10, QLatin1Char('0')).toStdString()));
        }
        std::vector<std::uint32_t> expected(events);
        std::iota(expected.begin(), expected.end(), 0u);
        std::stable_sort(expected.begin(), expected.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return minuteOfLine[a] < minuteOfLine[b]; });
        const auto t = analyse(lines);
        QCOMPARE(t->visits.size(), std::size_t(events));
        for (int i = 0; i < events; ++i)
            QCOMPARE(t->visits.event[i], expected[i]);
    }

    void testVisitCrossingSaturdayToSundayMidnightCountsInBothWeeks()
    {
        // 2017-02-18 is a Saturday: the visit goes on past midnight into week 1.
        const auto t = analyse({test::visitLine("c", "2017-02-18T23:50:00Z"),
                                test::orderLine("c", "2017-02-19T00:10:00Z", "o1", "10.00 USD")});
        QCOMPARE(t->visits.visitId[1], 0);
        QCOMPARE(t->visits.weekId[0], 0);
        QCOMPARE(t->visits.weekId[1], 1);
        QCOMPARE(t->weekly.size(), 2u);
        QCOMPARE(t->weekly.visits[0], 1);
        QCOMPARE(t->weekly.visits[1], 1);
        const LtvRow* row = test::ltvOf(*t, "c");
        QCOMPARE(row->visits, 1);
        QCOMPARE(row->visitWeekSum, qint64(2));
        QCOMPARE(row->ltv, 52.0 * 10.0 * 10.0 / 2.0);
    }

    void testWeekZeroStartsOnSundayOnOrBeforeFirstEvent()
    {
        // First event Wednesday 2017-02-15: week 0 is Sun 12th … Sat 18th.
        const auto t = analyse(
            {test::visitLine("c", "2017-02-15T09:00:00Z"), test::visitLine("c", "2017-02-18T23:59:59Z"),
             test::visitLine("c", "2017-02-19T00:00:00Z"), test::visitLine("c", "2017-03-05T08:00:00Z")});
        QCOMPARE(t->visits.weekId[0], 0);
        QCOMPARE(t->visits.weekId[1], 0);
        QCOMPARE(t->visits.weekId[2], 1);
        QCOMPARE(t->visits.weekId[3], 3);
    }

    void testWeekStartMonday()
    {
        // Sunday 2017-02-19 then Monday 2017-02-20: one week apart only when weeks start on Monday.
        const std::vector<std::string> lines = {test::visitLine("c", "2017-02-19T12:00:00Z"),
                                                test::visitLine("c", "2017-02-20T12:00:00Z")};
        QCOMPARE(analyse(lines)->visits.weekId[1], 0);
        Parameters monday;
        monday.weekStart = WeekStart::Monday;
        const auto t = analyse(lines, monday);
        QCOMPARE(t->visits.weekId[0], 0);
        QCOMPARE(t->visits.weekId[1], 1);
    }

    void testZoneOffsetsAreFoldedBeforeTakingTheDate()
    {
        // 23:30 at -05:00 on Saturday is 04:30 UTC on Sunday: week 1 after a Saturday start.
        const auto t = analyse(
            {test::visitLine("c", "2017-02-18T10:00:00Z"), test::visitLine("c", "2017-02-18T23:30:00-05:00")});
        QCOMPARE(t->visits.weekId[1], 1);
    }

    void testOrderUpdateAfterNewReplacesAmount()
    {
        const auto t = analyse({test::orderLine("c", "2017-02-13T10:00:00Z", "o1", "10.00 USD"),
                                test::orderLine("c", "2017-02-13T11:00:00Z", "o1", "25.50 USD", "UPDATE")});
        QCOMPARE(t->visits.amountCents[0], Cents(2550));
        QCOMPARE(t->visits.amountCents[1], Cents(0));
        QCOMPARE(test::ltvOf(*t, "c")->totalCents, Cents(2550));
        QCOMPARE(test::ltvOf(*t, "c")->orders, 1);
    }

    void testOrderUpdateBeforeNewInTime()
    {
        // The UPDATE carries the earlier time: revenue sits on it, with the later NEW's amount.
        const auto t = analyse({test::orderLine("c", "2017-02-13T11:00:00Z", "o1", "10.00 USD"),
                                test::orderLine("c", "2017-02-13T09:00:00Z", "o1", "30.00 USD", "UPDATE")});
        QCOMPARE(t->visits.event[0], 1u);
        QCOMPARE(t->visits.amountCents[0], Cents(1000));
        QCOMPARE(t->visits.amountCents[1], Cents(0));
        QCOMPARE(test::ltvOf(*t, "c")->totalCents, Cents(1000));
    }

    void testOrderRevisionsAtTheSameTimeLaterInInputWins()
    {
        const auto t = analyse({test::orderLine("c", "2017-02-13T10:00:00Z", "o1", "10.00 USD"),
                                test::orderLine("c", "2017-02-13T10:00:00Z", "o1", "12.00 USD", "UPDATE"),
                                test::orderLine("c", "2017-02-13T10:00:00Z", "o1", "14.00 USD", "UPDATE")});
        QCOMPARE(test::ltvOf(*t, "c")->totalCents, Cents(1400));
        QCOMPARE(t->visits.amountCents[0], Cents(1400));
    }

    void testOrderKeyIsOneOrderAcrossCustomers()
    {
        // The key identifies the order: an UPDATE naming another customer still revises it.
        const auto t = analyse({test::orderLine("a", "2017-02-13T10:00:00Z", "o1", "10.00 USD"),
                                test::orderLine("b", "2017-02-13T11:00:00Z", "o1", "40.00 USD", "UPDATE")});
        QCOMPARE(test::ltvOf(*t, "a")->totalCents, Cents(4000));
        QCOMPARE(test::ltvOf(*t, "a")->orders, 1);
        QCOMPARE(test::ltvOf(*t, "b")->totalCents, Cents(0));
        QCOMPARE(test::ltvOf(*t, "b")->orders, 0);
    }

    void testDistinctOrdersAllCount()
    {
        const auto t = analyse({test::orderLine("c", "2017-02-13T10:00:00Z", "o1", "10.00 USD"),
                                test::orderLine("c", "2017-02-13T10:05:00Z", "o2", "2.50 USD")});
        QCOMPARE(test::ltvOf(*t, "c")->totalCents, Cents(1250));
        QCOMPARE(test::ltvOf(*t, "c")->orders, 2);
    }

    void testDuplicateCustomerRecordsAreCountedAsEvents()
    {
        const std::string record = test::customerLine("c", "2017-02-13T10:00:00Z");
        const auto t = analyse({record, record, test::customerLine("c", "2017-02-14T10:00:00Z")});
        QCOMPARE(t->visits.size(), 3u);
        QCOMPARE(test::ltvOf(*t, "c")->visits, 2);
    }

    void testCustomerWithoutCustomerRecordStillHasLtv()
    {
        const auto t = analyse({test::orderLine("ghost", "2017-02-13T10:00:00Z", "o1", "10.00 USD")});
        const LtvRow* row = test::ltvOf(*t, "ghost");
        QVERIFY(row);
        QCOMPARE(row->lastName, StringPool::kAbsent);
        QCOMPARE(row->ltv, 5200.0);
    }

    void testLatestCustomerRecordSuppliesNameAndAddress()
    {
        const auto t = analyse({test::customerLine("c", "2017-02-13T10:00:00Z", "UPDATE", "Later", "Newtown", "NY"),
                                test::customerLine("c", "2017-02-10T10:00:00Z", "NEW", "First", "Oldtown", "CA")});
        const LtvRow* row = test::ltvOf(*t, "c");
        QCOMPARE(t->events->detailText(row->lastName), std::string_view("Later"));
        QCOMPARE(t->events->detailText(row->city), std::string_view("Newtown"));
        QCOMPARE(t->events->detailText(row->state), std::string_view("NY"));
    }

    void testSeedFormula()
    {
        // Two visits in week 0 and one in week 1, 30 USD in all: 52·10·30 / 3.
        const auto t = analyse({test::visitLine("c", "2017-02-13T10:00:00Z"),
                                test::orderLine("c", "2017-02-13T10:01:00Z", "o1", "20.00 USD"),
                                test::visitLine("c", "2017-02-14T10:00:00Z"),
                                test::orderLine("c", "2017-02-20T10:00:00Z", "o2", "10.00 USD")});
        QCOMPARE(test::ltvOf(*t, "c")->ltv, 52.0 * 10.0 * 30.0 / 3.0);
    }

    void testSeedFormulaFollowsTheNotebooksOrderOfOperations()
    {
        // 52*(sum(amount_per_wk)/sum(visits_per_wk))*10, left to right: 52·(0.03/1)·10 is
        // 15.600000000000001 in doubles, where 520·0.03 is 15.6.
        const auto t = analyse({test::orderLine("c", "2017-02-13T10:00:00Z", "o1", "0.03 USD")});
        const double ltv = test::ltvOf(*t, "c")->ltv;
        QVERIFY(ltv == (52.0 * (0.03 / 1.0)) * 10.0);
        QVERIFY(ltv != 520.0 * 0.03);
    }

    void testWeeklyAmountIsTheNotebooksSumOfDoublesInTimeOrder()
    {
        // 0.1 + 0.2 + 0.3 is 0.6000000000000001 in doubles, 0.3 + 0.2 + 0.1 is 0.6: the week
        // adds its amounts in time order, whatever the input order, and the LTV sums the weeks.
        const auto rising = analyse({test::orderLine("c", "2017-02-13T12:00:00Z", "o3", "0.30 USD"),
                                     test::orderLine("c", "2017-02-13T11:00:00Z", "o2", "0.20 USD"),
                                     test::orderLine("c", "2017-02-13T10:00:00Z", "o1", "0.10 USD"),
                                     test::orderLine("c", "2017-02-20T10:00:00Z", "o4", "0.01 USD")});
        const auto falling = analyse({test::orderLine("c", "2017-02-13T10:00:00Z", "o3", "0.30 USD"),
                                      test::orderLine("c", "2017-02-13T11:00:00Z", "o2", "0.20 USD"),
                                      test::orderLine("c", "2017-02-13T12:00:00Z", "o1", "0.10 USD"),
                                      test::orderLine("c", "2017-02-20T10:00:00Z", "o4", "0.01 USD")});
        const std::pair<std::shared_ptr<const ResultTables>, double> cases[] = {{rising, ((0.0 + 0.1) + 0.2) + 0.3},
                                                                                {falling, ((0.0 + 0.3) + 0.2) + 0.1}};
        for (const auto& [t, week0] : cases) {
            QCOMPARE(t->weekly.size(), 2u);
            QCOMPARE(t->weekly.amountCents[0], Cents(60));
            QVERIFY(t->weekly.amountPerWeek[0] == week0);
            QVERIFY(t->weekly.amountPerVisit(0) == week0 / 3.0);
            QVERIFY(t->weekly.amountPerWeek[1] == 0.01);
            QVERIFY(test::ltvOf(*t, "c")->ltv == (52.0 * ((0.0 + week0 + 0.01) / 4.0)) * 10.0);
        }
        QVERIFY(rising->weekly.amountPerWeek[0] != falling->weekly.amountPerWeek[0]);
        QCOMPARE(formatShortestDouble(rising->weekly.amountPerWeek[0]), std::string("0.6000000000000001"));
        QCOMPARE(formatShortestDouble(falling->weekly.amountPerWeek[0]), std::string("0.6"));
    }

    void testAmountsOfOneInstantAreAddedInAscendingOrder()
    {
        // Three orders at one instant: their order in the input is no order in time, so they
        // are added smallest first (0.1 + 0.2 + 0.3), and events without revenue add nothing.
        const auto t = analyse({test::orderLine("c", "2017-02-13T10:00:00Z", "o3", "0.30 USD"),
                                test::visitLine("c", "2017-02-13T10:00:00Z"),
                                test::orderLine("c", "2017-02-13T10:00:00Z", "o2", "0.20 USD"),
                                test::orderLine("c", "2017-02-13T09:59:59Z", "o0", "0.00 USD"),
                                test::orderLine("c", "2017-02-13T10:00:00Z", "o1", "0.10 USD"),
                                test::orderLine("c", "2017-02-13T10:00:01Z", "o4", "0.01 USD")});
        QCOMPARE(t->weekly.size(), 1u);
        QCOMPARE(t->weekly.visits[0], 1);
        QCOMPARE(t->weekly.amountCents[0], Cents(61));
        QVERIFY(t->weekly.amountPerWeek[0] == (((0.0 + 0.1) + 0.2) + 0.3) + 0.01);
        QVERIFY(t->weekly.amountPerWeek[0] != (((0.0 + 0.3) + 0.2) + 0.1) + 0.01); // input order
    }

    void testWeeklyFormulaCountsWeeksUpToTheLastEventOfTheData()
    {
        // Customer a is active in week 0 only, but the data runs three weeks later: 4 weeks.
        Parameters p;
        p.formula = LtvFormula::Weekly;
        p.lifespanYears = 2;
        const auto t = analyse({test::orderLine("a", "2017-02-13T10:00:00Z", "o1", "40.00 USD"),
                                test::visitLine("b", "2017-03-06T10:00:00Z")},
                               p);
        const LtvRow* a = test::ltvOf(*t, "a");
        QCOMPARE(a->weeksObserved, 4);
        QCOMPARE(a->ltv, 52.0 * 2.0 * 40.0 / 4.0);
        QCOMPARE(test::ltvOf(*t, "b")->weeksObserved, 1);
    }

    void testLtvTableIsOrderedByLtvThenCustomerId()
    {
        const auto t = analyse({test::orderLine("b", "2017-02-13T10:00:00Z", "o1", "5.00 USD"),
                                test::orderLine("a", "2017-02-13T10:00:00Z", "o2", "5.00 USD"),
                                test::orderLine("c", "2017-02-13T10:00:00Z", "o3", "9.00 USD")});
        QCOMPARE(t->events->customerId(t->ltv[0].customer), std::string_view("c"));
        QCOMPARE(t->events->customerId(t->ltv[1].customer), std::string_view("a"));
        QCOMPARE(t->events->customerId(t->ltv[2].customer), std::string_view("b"));
    }

    void testCancelledRunProducesNothing()
    {
        JobControl control;
        control.cancel();
        const ReadResult r = test::readLines({test::visitLine("c", "2017-02-13T10:00:00Z")});
        QVERIFY(Pipeline({}).run(r.events, &control) == nullptr);
    }

    void testProgressIsReported()
    {
        QStringList stages;
        JobControl control([&](const QString& stage, double) { stages << stage; });
        const ReadResult r = test::readLines({test::visitLine("c", "2017-02-13T10:00:00Z")});
        QVERIFY(Pipeline({}).run(r.events, &control));
        QVERIFY(stages.contains("Analysing"));
    }
};

QTEST_GUILESS_MAIN(TestPipeline)
#include "tst_pipeline.moc"
