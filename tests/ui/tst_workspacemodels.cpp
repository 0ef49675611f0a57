// The paged workspace models against the memory models of the same analysis: a workspace
// made from the seed input with the real Workspace API, Qt's model checker, every cell of
// every row under every sort, the customer filter, the top X and CSV copy.
#include "../unit/WorkspaceTestSupport.h"

#include "models/TableModels.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace clv;
using namespace clv::test;

namespace {

bool waitForOrder(ResultTableModel& model)
{
    if (!model.isReordering())
        return true;
    QSignalSpy done(&model, &ResultTableModel::reorderingChanged);
    return done.wait(10000) && !model.isReordering();
}

// Asks for every row, as a view scrolling through the table would, and waits for the pages.
bool loadEveryRow(WorkspaceTableModel& model)
{
    if (!QTest::qWaitFor([&] { return !model.isReordering(); }, 10000))
        return false;
    for (int row = 0; row < model.rowCount(); ++row)
        model.data(model.index(row, 0));
    return QTest::qWaitFor(
        [&] {
            for (int row = 0; row < model.rowCount(); ++row)
                if (!model.isRowLoaded(row))
                    return false;
            return true;
        },
        10000);
}

// Every cell of every row, as text, user value and alignment; the first difference, if any.
QString firstDifference(const QAbstractItemModel& memory, const QAbstractItemModel& paged)
{
    if (memory.rowCount() != paged.rowCount())
        return QStringLiteral("rows: %1 in memory, %2 paged").arg(memory.rowCount()).arg(paged.rowCount());
    if (memory.columnCount() != paged.columnCount())
        return QStringLiteral("columns differ");
    for (int c = 0; c < memory.columnCount(); ++c)
        if (memory.headerData(c, Qt::Horizontal) != paged.headerData(c, Qt::Horizontal))
            return QStringLiteral("header %1 differs").arg(c);
    for (int r = 0; r < memory.rowCount(); ++r) {
        for (int c = 0; c < memory.columnCount(); ++c) {
            for (int role : {int(Qt::DisplayRole), int(Qt::UserRole), int(Qt::TextAlignmentRole)}) {
                const QVariant m = memory.data(memory.index(r, c), role);
                const QVariant p = paged.data(paged.index(r, c), role);
                if (m.isValid() != p.isValid() || m.toString() != p.toString())
                    return QStringLiteral("row %1 column %2 role %3: \"%4\" in memory, \"%5\" paged")
                        .arg(r)
                        .arg(c)
                        .arg(role)
                        .arg(m.toString(), p.toString());
            }
        }
    }
    return {};
}

struct Pair {
    const char* name;
    ResultTableModel* memory;
    WorkspaceTableModel* paged;
};

} // namespace

class TestWorkspaceModels : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;
    std::shared_ptr<const ReadResult> m_read;
    std::shared_ptr<const ResultTables> m_results;

    // Both kinds of every table, filled.
    struct Models {
        WeeklyTableModel weekly;
        LtvTableModel ltv;
        PagedWeeklyModel pagedWeekly;
        PagedLtvModel pagedLtv;
        std::vector<Pair> pairs() { return {{"weekly", &weekly, &pagedWeekly}, {"ltv", &ltv, &pagedLtv}}; }
    };

    void fill(Models& m)
    {
        m.weekly.setSource(m_results);
        m.ltv.setSource(m_results);
        for (const Pair& p : m.pairs())
            p.paged->setWorkspace(m_path);
    }

    void compareWhenLoaded(const Pair& p, const QString& what)
    {
        QVERIFY2(waitForOrder(*p.memory), qPrintable(what));
        QVERIFY2(loadEveryRow(*p.paged), qPrintable(what));
        const QString difference = firstDifference(*p.memory, *p.paged);
        QVERIFY2(difference.isEmpty(), qPrintable(QStringLiteral("%1, %2: %3").arg(p.name, what, difference)));
        QCOMPARE(p.paged->sourceRowCount(), p.memory->sourceRowCount());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_path = m_dir.filePath("seed.clvdb");
        QString error;
        auto workspace = Workspace::open(m_path, &error);
        QVERIFY2(workspace, qPrintable(error));
        QVERIFY(workspace->addFiles({kSeedInput, kChallengeInput}).ok());
        const std::shared_ptr<ReadResult> read = workspace->loadEvents(nullptr, &error);
        QVERIFY2(read, qPrintable(error));
        m_read = read;
        m_results = Pipeline({}).run(read->events);
        QVERIFY(workspace->saveResults(*m_results, &error));
    }

    void testEveryPagedModelPassesTheModelTester()
    {
        Models m;
        std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
        for (const Pair& p : m.pairs())
            testers.push_back(std::make_unique<QAbstractItemModelTester>(
                p.paged, QAbstractItemModelTester::FailureReportingMode::QtTest));
        fill(m);
        for (const Pair& p : m.pairs()) {
            QVERIFY(loadEveryRow(*p.paged));
            p.paged->sort(0, Qt::DescendingOrder);
            p.paged->setCustomerFilter(QStringLiteral("9b"));
            QVERIFY(loadEveryRow(*p.paged));
            QVERIFY(p.paged->rowCount() > 0);
            p.paged->setCustomerFilter(QString());
            QVERIFY(loadEveryRow(*p.paged));
        }
    }

    void testEveryCellEqualsTheMemoryModel()
    {
        Models m;
        fill(m);
        for (const Pair& p : m.pairs())
            compareWhenLoaded(p, QStringLiteral("stored order"));
    }

    void testEverySortEqualsTheMemoryModel()
    {
        Models m;
        fill(m);
        for (const Pair& p : m.pairs()) {
            for (int column = 0; column < p.memory->columnCount(); ++column) {
                for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                    p.memory->sort(column, order);
                    p.paged->sort(column, order);
                    compareWhenLoaded(
                        p,
                        QStringLiteral("sorted by %1 %2").arg(column).arg(order == Qt::AscendingOrder ? "up" : "down"));
                }
            }
        }
    }

    void testCustomerFilterEqualsTheMemoryModel_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("sortColumn");
        QTest::newRow("lower, stored order") << "9b" << -1;
        QTest::newRow("upper and padded, by customer") << "  9BC " << 0;
        QTest::newRow("one digit, by the second column") << "1" << 1;
        QTest::newRow("no customer") << "zzz" << -1;
        QTest::newRow("a wildcard character") << "%" << -1;
    }

    void testCustomerFilterEqualsTheMemoryModel()
    {
        QFETCH(QString, filter);
        QFETCH(int, sortColumn);
        Models m;
        fill(m);
        for (const Pair& p : m.pairs()) {
            p.memory->setCustomerFilter(filter);
            p.paged->setCustomerFilter(filter);
            p.memory->sort(sortColumn, Qt::DescendingOrder);
            p.paged->sort(sortColumn, Qt::DescendingOrder);
            compareWhenLoaded(p, filter);
        }
    }

    void testTopXEqualsTheMemoryModel()
    {
        Models m;
        fill(m);
        const Pair ltv = m.pairs().back();
        m.ltv.setRowLimit(10);
        m.pagedLtv.setRowLimit(10);
        m.ltv.sort(1, Qt::AscendingOrder);
        m.pagedLtv.sort(1, Qt::AscendingOrder);
        compareWhenLoaded(ltv, QStringLiteral("top 10 by customer"));
        QCOMPARE(m.pagedLtv.rowCount(), 10);
        for (int row = 0; row < 10; ++row)
            QCOMPARE(m.pagedLtv.recordAt(row)->rank, m.ltv.recordAt(row)->rank);
    }

    void testLateAnswersToAnOlderSortAreDropped()
    {
        Models m;
        fill(m);
        // Many requests in a row: only the last sort and filter may be shown.
        for (int column = 0; column < m.weekly.columnCount(); ++column)
            m.pagedWeekly.sort(column, column % 2 ? Qt::DescendingOrder : Qt::AscendingOrder);
        m.pagedWeekly.setCustomerFilter(QStringLiteral("a"));
        m.pagedWeekly.setCustomerFilter(QStringLiteral("b"));
        m.weekly.sort(m.weekly.columnCount() - 1, Qt::AscendingOrder);
        m.weekly.setCustomerFilter(QStringLiteral("b"));
        compareWhenLoaded(m.pairs()[0], QStringLiteral("after a burst of sorts"));
    }

    void testCopyAsCsvReadsRowsNotYetInView()
    {
        Models m;
        fill(m);
        QVERIFY(QTest::qWaitFor([&] { return !m.pagedWeekly.isReordering(); }, 10000));
        QVERIFY(m.pagedWeekly.isRowLoaded(0));
        QVERIFY(!m.pagedWeekly.isRowLoaded(WorkspaceTableModel::kPageRows)); // nothing scrolled there yet
        QList<int> rows;
        for (int row = 200; row < 540; row += 3)
            rows << row;
        const QList<int> columns = {0, 2, 3, 4};
        QString copied;
        m.pagedWeekly.requestCsv(rows, columns, {}, [&](const QString& csv) { copied = csv; });
        QVERIFY(QTest::qWaitFor([&] { return !copied.isEmpty(); }, 10000));
        QCOMPARE(copied, m.weekly.toCsv(rows, columns));
        // Until then, what is at hand: the rows not read yet are empty.
        QVERIFY(m.pagedWeekly.toCsv({600}, columns).endsWith(QStringLiteral(",,,\n")));
    }

    void testNoWorkspaceShowsNoRows()
    {
        Models m;
        fill(m);
        QVERIFY(loadEveryRow(m.pagedLtv));
        m.pagedLtv.setWorkspace(QString());
        QCOMPARE(m.pagedLtv.rowCount(), 0);
        QVERIFY(!m.pagedLtv.isReordering());
    }
};

QTEST_MAIN(TestWorkspaceModels)
#include "tst_workspacemodels.moc"
