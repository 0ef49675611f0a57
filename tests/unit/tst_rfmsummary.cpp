// Purchases and RFM summaries (§10): from events (same-day purchases merged, the order
// ledger's revenue, calibration and holdout periods) and from summary files in both styles.
#include "TestSupport.h"

#include "predict/Purchases.h"
#include "predict/RfmSummary.h"
#include "predict/SummaryFile.h"
#include "util/ComputePool.h"

#include <QTest>

using namespace clv;
using test::orderLine;

namespace {

RfmSummary summaryOf(const std::vector<std::string>& lines, SummaryOptions options)
{
    const ReadResult read = test::readLines(lines);
    return summarise(purchasesFromEvents(*read.events, computePool()), options);
}

const CustomerRfm* customer(const RfmSummary& s, const std::string& id)
{
    for (const CustomerRfm& c : s.customers)
        if (c.id == id)
            return &c;
    return nullptr;
}

std::int64_t day(int y, unsigned m, unsigned d)
{
    return daysFromCivil(y, m, d);
}

} // namespace

class TestRfmSummary : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testSummaryFromEvents()
    {
        const std::vector<std::string> lines = {
            // a: first on 1 Jan; two orders on 8 Jan (one day: 30 + 10); 22 Jan; a holdout
            // purchase on 5 Feb and one after the holdout.
            orderLine("a", "2024-01-01T09:00:00Z", "a1", "5.00 USD"),
            orderLine("a", "2024-01-08T09:00:00Z", "a2", "30.00 USD"),
            orderLine("a", "2024-01-08T23:59:59Z", "a3", "10.00 USD"),
            orderLine("a", "2024-01-22T10:00:00Z", "a4", "20.00 USD"),
            orderLine("a", "2024-02-05T10:00:00Z", "a5", "7.50 USD"),
            orderLine("a", "2024-03-30T10:00:00Z", "a6", "99.00 USD"),
            // b: one purchase; the order updated later: its latest amount, on its first day.
            orderLine("b", "2024-01-15T10:00:00Z", "b1", "12.00 USD"),
            orderLine("b", "2024-01-20T10:00:00Z", "b1", "15.00 USD", "UPDATE"),
            // c: first buys after the calibration end.
            orderLine("c", "2024-02-01T10:00:00Z", "c1", "1.00 USD"),
            // d: visits only, never buys.
            test::visitLine("d", "2024-01-03T10:00:00Z"),
        };
        SummaryOptions options;
        options.calibrationEnd = day(2024, 1, 29);
        options.holdoutEnd = day(2024, 2, 29);
        const RfmSummary s = summaryOf(lines, options);
        QCOMPARE(s.customers.size(), std::size_t(2));
        QCOMPARE(s.laterCustomers, std::int64_t(1));
        QCOMPARE(s.repeatCustomers(), std::int64_t(1));
        const CustomerRfm* a = customer(s, "a");
        QVERIFY(a);
        QCOMPARE(a->x, 2.0);
        QCOMPARE(a->tx, 3.0);        // 1 → 22 Jan: 21 days
        QCOMPARE(a->T, 4.0);         // 1 → 29 Jan: 28 days
        QCOMPARE(a->monetary, 30.0); // (40 + 20) / 2
        QCOMPARE(a->xHoldout, 1.0);  // 5 Feb; 30 Mar is after the holdout
        QCOMPARE(a->spendHoldout, 7.5);
        const CustomerRfm* b = customer(s, "b");
        QVERIFY(b);
        QCOMPARE(b->x, 0.0);
        QCOMPARE(b->tx, 0.0);
        QCOMPARE(b->T, 2.0);
        QCOMPARE(s.holdoutLength(), 31.0 / 7.0);

        // Tracking: the repeat purchases by day, through the holdout end.
        QVERIFY(s.timeline);
        QCOMPARE(s.timeline->firstDay, day(2024, 1, 1));
        QCOMPARE(s.timeline->newCustomers[0], std::int64_t(1));
        QCOMPARE(s.timeline->newCustomers[14], std::int64_t(1));
        std::int64_t repeats = 0;
        for (std::int64_t n : s.timeline->repeatPurchases)
            repeats += n;
        QCOMPARE(repeats, std::int64_t(3)); // 8 Jan, 22 Jan, 5 Feb
    }

    void testUnitsAndDefaultEnd()
    {
        const std::vector<std::string> lines = {orderLine("a", "2024-01-01T09:00:00Z", "a1", "5.00 USD"),
                                                orderLine("a", "2024-01-31T09:00:00Z", "a2", "5.00 USD"),
                                                orderLine("b", "2024-03-01T09:00:00Z", "b1", "5.00 USD")};
        SummaryOptions options;
        options.unit = TimeUnit::Day;
        const RfmSummary days = summaryOf(lines, options);
        // The calibration ends on the last purchase day.
        QCOMPARE(*days.calibrationEnd, day(2024, 3, 1));
        QCOMPARE(customer(days, "a")->tx, 30.0);
        QCOMPARE(customer(days, "a")->T, 60.0);
        QCOMPARE(customer(days, "b")->T, 0.0);
        options.unit = TimeUnit::Month;
        const RfmSummary months = summaryOf(lines, options);
        QCOMPARE(customer(months, "a")->T, 60.0 / (365.25 / 12.0));
        QVERIFY(!validateSummaryOptions({TimeUnit::Week, day(2024, 1, 2), day(2024, 1, 1)}).isEmpty());
        QVERIFY(validateSummaryOptions({TimeUnit::Week, day(2024, 1, 2), day(2024, 1, 3)}).isEmpty());
    }

    void testSummaryFileStyles()
    {
        const SummaryFileRead cdnow = readSummaryText("ID,x,t_x,T,zbar\r\n1,2,30.43,38.86,22.35\r\n2,0,0,38.86,0\r\n",
                                                      TimeUnit::Week);
        QVERIFY(cdnow.ok());
        QCOMPARE(cdnow.summary.customers.size(), std::size_t(2));
        QCOMPARE(cdnow.summary.customers[0].id, std::string("1"));
        QCOMPARE(cdnow.summary.customers[0].tx, 30.43);
        QCOMPARE(cdnow.summary.customers[0].monetary, 22.35);

        const SummaryFileRead lifetimes = readSummaryText(
            ",frequency,recency,T,monetary_value\nc7,3,20.0,30.0,10.5\nc8,0,0.0,12.0,0.0\n", TimeUnit::Day);
        QVERIFY(lifetimes.ok());
        QCOMPARE(lifetimes.summary.customers.size(), std::size_t(2));
        QCOMPARE(lifetimes.summary.customers[0].id, std::string("c7"));
        QCOMPARE(lifetimes.summary.customers[0].x, 3.0);
        QCOMPARE(lifetimes.summary.unit, TimeUnit::Day);

        // A byte order mark before the header is no part of the first column's name.
        const SummaryFileRead bom = readSummaryText("\xEF\xBB\xBFID,x,t_x,T,zbar\n7,1,1,2,3\n", TimeUnit::Week);
        QVERIFY(bom.ok());
        QCOMPARE(bom.summary.customers[0].id, std::string("7"));

        const SummaryFileRead noMoney = readSummaryText("frequency,recency,T\n1,2,3\n", TimeUnit::Week);
        QVERIFY(noMoney.ok());
        QCOMPARE(noMoney.summary.customers[0].id, std::string("2")); // numbered by line
    }

    void testSummaryFileRejections_data()
    {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QString>("reason");
        QTest::newRow("fraction") << QByteArray("9,1.5,2,3,4") << "x (frequency) must be a whole number";
        QTest::newRow("negative x") << QByteArray("9,-1,0,3,4") << "x (frequency) must be a whole number";
        QTest::newRow("after T") << QByteArray("9,1,5,3,4") << "must not be after T";
        QTest::newRow("no repeat") << QByteArray("9,0,1,3,0") << "must be 0 when x";
        QTest::newRow("text") << QByteArray("9,1,two,3,4") << "not a number";
        QTest::newRow("fields") << QByteArray("9,1,2,3") << "expected 5 fields, found 4";
        QTest::newRow("negative spend") << QByteArray("9,1,2,3,-4") << "must not be negative";
    }

    void testSummaryFileRejections()
    {
        QFETCH(QByteArray, row);
        QFETCH(QString, reason);
        const QByteArray text = "ID,x,t_x,T,zbar\n1,1,1,2,3\n" + row + "\n2,0,0,5,0\n";
        const SummaryFileRead read = readSummaryText(std::string_view(text.constData(), std::size_t(text.size())),
                                                     TimeUnit::Week);
        QVERIFY(read.ok());
        QCOMPARE(read.summary.customers.size(), std::size_t(2)); // the good rows are kept
        QCOMPARE(read.rejections.size(), std::size_t(1));
        QCOMPARE(read.rejections[0].line, 3u);
        QVERIFY2(QString::fromStdString(read.rejections[0].reason).contains(reason), read.rejections[0].reason.c_str());
    }

    void testSummaryFileWithoutColumns()
    {
        QVERIFY(!readSummaryText("a,b,c\n1,2,3\n", TimeUnit::Week).ok());
        QVERIFY(!readSummaryText("", TimeUnit::Week).ok());
        QVERIFY(!readSummaryFile(QStringLiteral("/nonexistent/summary.csv"), TimeUnit::Week).ok());
    }
};

QTEST_GUILESS_MAIN(TestRfmSummary)
#include "tst_rfmsummary.moc"
