// The table models over the seed's real tables: Qt's model checker, cells, sorting,
// filtering and CSV copy.
#include "etl/Pipeline.h"
#include "io/EventReader.h"
#include "models/TableModels.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace clv;

namespace {

// Waits until the model's row order (sort/filter) is rebuilt on the worker pool.
bool waitForOrder(ResultTableModel& model)
{
    if (!model.isReordering())
        return true;
    QSignalSpy done(&model, &ResultTableModel::reorderingChanged);
    return done.wait(10000) && !model.isReordering();
}

// The column titled `title`.
int column(const QAbstractItemModel& m, const char* title)
{
    for (int c = 0; c < m.columnCount(); ++c)
        if (m.headerData(c, Qt::Horizontal).toString() == QLatin1String(title))
            return c;
    return -1;
}

QString cellText(const QAbstractItemModel& m, int row, int column)
{
    return m.data(m.index(row, column)).toString();
}

} // namespace

class TestModels : public QObject {
    Q_OBJECT
private:
    std::shared_ptr<const ReadResult> m_read;
    std::shared_ptr<const ResultTables> m_results;

private Q_SLOTS:
    void initTestCase()
    {
        auto read = std::make_shared<ReadResult>(
            EventReader().read({QStringLiteral(CLV_TEST_DATA_DIR "/seed/input.txt"),
                                QStringLiteral(CLV_TEST_DATA_DIR "/seed/challenge-sample-events.txt")}));
        m_results = Pipeline({}).run(read->events);
        m_read = read;
        QVERIFY(m_results);
    }

    void testEveryModelPassesTheModelTester()
    {
        EventsTableModel events;
        VisitsTableModel visits;
        WeeklyTableModel weekly;
        LtvTableModel ltv;
        ProblemsTableModel problems;
        QAbstractItemModelTester t1(&events, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&visits, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t3(&weekly, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t4(&ltv, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t5(&problems, QAbstractItemModelTester::FailureReportingMode::QtTest);
        events.setSource(ReadView::of(m_read));
        problems.setSource(ReadView::of(m_read));
        visits.setSource(m_results);
        weekly.setSource(m_results);
        ltv.setSource(m_results);
        QCOMPARE(events.rowCount(), 558);
        QCOMPARE(visits.rowCount(), 558);
        QCOMPARE(ltv.rowCount(), 51);
        QCOMPARE(problems.rowCount(), 2);
        // Sorting and filtering reset the models: the testers check every step.
        ltv.sort(column(ltv, "customer_id"), Qt::AscendingOrder);
        QVERIFY(waitForOrder(ltv));
        visits.setCustomerFilter(QStringLiteral("c670"));
        QVERIFY(waitForOrder(visits));
        events.sort(column(events, "event_time"), Qt::DescendingOrder);
        QVERIFY(waitForOrder(events));
        ltv.setSource(nullptr);
        QCOMPARE(ltv.rowCount(), 0);
    }

    void testLtvModelShowsTheLtvTable()
    {
        LtvTableModel ltv;
        ltv.setSource(m_results);
        QCOMPARE(cellText(ltv, 0, column(ltv, "Rank")), QStringLiteral("1"));
        QCOMPARE(cellText(ltv, 0, column(ltv, "customer_id")), QStringLiteral("c670daa7e51c"));
        QCOMPARE(cellText(ltv, 0, column(ltv, "customer_ltv")), QStringLiteral("23516.35"));
        QCOMPARE(ltv.data(ltv.index(0, column(ltv, "customer_ltv")), Qt::UserRole).toDouble(), m_results->ltv[0].ltv);
        QVERIFY(!cellText(ltv, 0, column(ltv, "last_name")).isEmpty());
        QCOMPARE(ltv.headerData(column(ltv, "customer_ltv"), Qt::Horizontal).toString(),
                 QStringLiteral("customer_ltv"));
    }

    void testSortingByLtvAscendingPutsTheLowestFirst()
    {
        LtvTableModel ltv;
        ltv.setSource(m_results);
        ltv.sort(column(ltv, "customer_ltv"), Qt::AscendingOrder);
        QVERIFY(waitForOrder(ltv));
        for (int r = 1; r < ltv.rowCount(); ++r)
            QVERIFY(ltv.data(ltv.index(r - 1, column(ltv, "customer_ltv")), Qt::UserRole).toDouble()
                    <= ltv.data(ltv.index(r, column(ltv, "customer_ltv")), Qt::UserRole).toDouble());
        QCOMPARE(cellText(ltv, ltv.rowCount() - 1, column(ltv, "customer_id")), QStringLiteral("c670daa7e51c"));
    }

    void testFilterKeepsOnlyMatchingCustomers()
    {
        VisitsTableModel visits;
        visits.setSource(m_results);
        visits.setCustomerFilter(QStringLiteral("C670DAA7")); // case does not matter
        QVERIFY(waitForOrder(visits));
        QVERIFY(visits.rowCount() > 0);
        QVERIFY(visits.rowCount() < 558);
        for (int r = 0; r < visits.rowCount(); ++r)
            QCOMPARE(cellText(visits, r, column(visits, "customer_id")), QStringLiteral("c670daa7e51c"));
        visits.setCustomerFilter(QString());
        QVERIFY(waitForOrder(visits));
        QCOMPARE(visits.rowCount(), 558);
    }

    void testANewerRequestWinsOverAnOlderOne()
    {
        WeeklyTableModel weekly;
        weekly.setSource(m_results);
        weekly.setCustomerFilter(QStringLiteral("c670"));
        weekly.setCustomerFilter(QStringLiteral("zzz-no-such-customer"));
        QVERIFY(waitForOrder(weekly));
        QTest::qWait(50); // an older answer arriving late must not replace the newer one
        QCOMPARE(weekly.rowCount(), 0);
    }

    void testTopXLimitShowsTheFirstRows()
    {
        LtvTableModel ltv;
        ltv.setSource(m_results);
        ltv.setRowLimit(3);
        QCOMPARE(ltv.rowCount(), 3);
        QCOMPARE(ltv.recordAt(0)->customer, m_results->events->customerId(m_results->ltv[0].customer));
        ltv.setRowLimit(0);
        QCOMPARE(ltv.rowCount(), 51);
    }

    // A view spends time per row it learns of: a long table's rows reach it as it scrolls down
    // to them (fetchMore), kRowsPerFetch at a time, the first ones at once.
    void testALongTableReachesTheViewAsItScrolls()
    {
        auto read = std::make_shared<ReadResult>();
        read->files.push_back({QStringLiteral("/tmp/x.jsonl"), QStringLiteral("x.jsonl"), 0});
        const std::size_t rows = 2 * ResultTableModel::kRowsPerFetch + 5;
        for (std::size_t i = 0; i < rows; ++i)
            read->rejections.push_back({0, static_cast<std::uint32_t>(i + 1), "invalid JSON", "{"});
        ProblemsTableModel problems;
        QSignalSpy inserted(&problems, &QAbstractItemModel::rowsInserted);
        problems.setSource(ReadView::of(read));
        QCOMPARE(problems.rowCount(), int(ResultTableModel::kRowsPerFetch));
        QCOMPARE(problems.sourceRowCount(), qsizetype(rows));
        QCOMPARE(problems.orderedRowCount(), qsizetype(rows));
        QVERIFY(problems.canFetchMore({}));

        // Nothing arrives unasked: a view that is never scrolled keeps the first rows only.
        QTest::qWait(50);
        QCOMPARE(problems.rowCount(), int(ResultTableModel::kRowsPerFetch));

        // A view scrolled to its last row asks for more.
        QTableView view;
        view.setModel(&problems);
        view.resize(400, 300);
        view.show();
        view.scrollToBottom();
        QTRY_COMPARE(problems.rowCount(), int(2 * ResultTableModel::kRowsPerFetch));
        problems.fetchMore({});
        QCOMPARE(problems.rowCount(), int(rows));
        QVERIFY(!problems.canFetchMore({}));
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(cellText(problems, int(rows) - 1, column(problems, "line")), QString::number(rows));

        // A new order starts over from the first rows. (The view goes first: still scrolled to
        // its end, it would ask for the next rows as soon as the first arrived.)
        view.setModel(nullptr);
        problems.sort(column(problems, "line"), Qt::DescendingOrder);
        QVERIFY(waitForOrder(problems));
        QCOMPARE(problems.rowCount(), int(ResultTableModel::kRowsPerFetch));
        QCOMPARE(cellText(problems, 0, column(problems, "line")), QString::number(rows));
    }

    void testProblemsModelLocatesRejectedLines()
    {
        ProblemsTableModel problems;
        problems.setSource(ReadView::of(m_read));
        QCOMPARE(problems.recordAt(0)->location(),
                 QStringLiteral(CLV_TEST_DATA_DIR "/seed/challenge-sample-events.txt:1"));
        QVERIFY(utf8Text(problems.recordAt(0)->reason).contains(QStringLiteral("invalid event_time")));
        QVERIFY(utf8Text(problems.recordAt(1)->raw).contains(QStringLiteral("2017-01-06:12:55.55.555Z")));
    }

    void testCsvOfSelectedCells()
    {
        WeeklyTableModel weekly;
        weekly.setSource(m_results);
        const QString csv = weekly.toCsv({0, 1}, {column(weekly, "customer_id"), column(weekly, "amount_per_wk")});
        const QStringList lines = csv.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], QStringLiteral("customer_id,amount_per_wk"));
        QCOMPARE(lines[1],
                 cellText(weekly, 0, 0) + QLatin1Char(',') + cellText(weekly, 0, column(weekly, "amount_per_wk")));
    }
};

QTEST_MAIN(TestModels)
#include "tst_models.moc"
