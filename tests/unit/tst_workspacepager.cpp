// The workspace's paged reading (WorkspaceTableReader on the test's thread, WorkspacePager
// on its own): a workspace made from the seed input with the real Workspace API, read a page
// at a time and compared with the in-memory tables of the same analysis.
#include "WorkspaceTestSupport.h"

#include "store/WorkspacePager.h"
#include "store/WorkspaceTableReader.h"
#include "tables/LtvColumns.h"
#include "tables/WeeklyColumns.h"
#include "util/JobTracker.h"

#include <QSignalSpy>
#include <QSqlQuery>

#include <algorithm>
#include <numeric>

using namespace clv;
using namespace clv::test;

namespace {

// The connection a reader needs on the test's thread, closed and removed with the fixture.
class ReadConnection {
public:
    explicit ReadConnection(const QString& path)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("pager-test"));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        m_open = db.open();
    }
    ~ReadConnection()
    {
        QSqlDatabase::database(QStringLiteral("pager-test"), false).close();
        QSqlDatabase::removeDatabase(QStringLiteral("pager-test"));
    }
    bool isOpen() const { return m_open; }
    QSqlDatabase db() const { return QSqlDatabase::database(QStringLiteral("pager-test"), false); }

private:
    bool m_open = false;
};

// Every row of `query`, read in pages of `pageRows`.
std::vector<QVariantList> readAllPages(const WorkspaceTableReader& reader, const TableQuery& query, int pageRows)
{
    std::vector<QVariantList> rows;
    for (qint64 first = 0;; first += pageRows) {
        QString error;
        const auto block = reader.rows(query, first, pageRows, &error);
        if (!block) {
            qWarning("%s", qPrintable(error));
            return {};
        }
        for (int r = 0; r < block->rowCount(); ++r) {
            QVariantList row;
            for (int c = 0; c < block->columns; ++c)
                row << block->value(r, c);
            rows.push_back(row);
        }
        if (block->rowCount() < pageRows)
            return rows;
    }
}

QString utf8(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

bool containsIgnoringAsciiCase(const QString& id, const QString& needle)
{
    return id.toLower().contains(needle.trimmed().toLower());
}

} // namespace

class TestWorkspacePager : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;
    std::shared_ptr<const ResultTables> m_tables;

    const EventStore& events() const { return *m_tables->events; }
    QString ltvCustomer(std::size_t row) const { return utf8(events().customerId(m_tables->ltv[row].customer)); }

private Q_SLOTS:
    void initTestCase()
    {
        m_path = m_dir.filePath("seed.clvdb");
        QString error;
        auto workspace = Workspace::open(m_path, &error);
        QVERIFY2(workspace, qPrintable(error));
        QVERIFY(workspace->addFiles({kSeedInput, kChallengeInput}).ok());
        m_tables = analyseAndSave(*workspace);
        QVERIFY(m_tables);
    }

    void testPagesInStoredOrderEqualTheLtvTable()
    {
        ReadConnection connection(m_path);
        QVERIFY(connection.isOpen());
        const WorkspaceTableReader reader(connection.db(), LtvColumns::workspaceTable());
        QString error;
        QCOMPARE(reader.count({}, &error).value_or(-1), qint64(m_tables->ltv.size()));
        const auto rows = readAllPages(reader, {}, 7); // 51 rows: pages of 7 end on a short one
        QCOMPARE(rows.size(), m_tables->ltv.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const LtvRow& expected = m_tables->ltv[i];
            QCOMPARE(rows[i][0].toLongLong(), qint64(i + 1));
            QCOMPARE(rows[i][1].toString(), ltvCustomer(i));
            QCOMPARE(rows[i][2].toDouble(), expected.ltv);
            QCOMPARE(rows[i][5].toLongLong(), expected.totalCents);
            QCOMPARE(rows[i][7].toLongLong(), expected.firstEvent);
            QCOMPARE(rows[i][9].toString(), utf8(events().detailText(expected.lastName)));
        }
    }

    void testEveryTableCountsAndPagesItsRows()
    {
        ReadConnection connection(m_path);
        const std::pair<WorkspaceTable, std::size_t> tables[] = {
            {LtvColumns::workspaceTable(), m_tables->ltv.size()},
            {WeeklyColumns::workspaceTable(), m_tables->weekly.size()},
        };
        for (const auto& [table, expected] : tables) {
            const WorkspaceTableReader reader(connection.db(), table);
            QString error;
            QCOMPARE(reader.count({}, &error).value_or(-1), qint64(expected));
            const auto whole = readAllPages(reader, {}, 100000);
            QCOMPARE(whole.size(), expected);
            QCOMPARE(readAllPages(reader, {}, 64), whole);
            // Every column sorts, both ways, and pages of a sorted order neither overlap nor skip.
            for (int column = 0; column < table.sortKeys.size(); ++column) {
                for (bool descending : {false, true}) {
                    const TableQuery query{column, descending, {}, 0};
                    const auto sorted = readAllPages(reader, query, 64);
                    QVERIFY2(sorted.size() == expected, qPrintable(table.name + QString::number(column)));
                    QCOMPARE(readAllPages(reader, query, 13), sorted);
                }
            }
        }
    }

    void testVisitsAndWeeklyRowsEqualTheMemoryTables()
    {
        ReadConnection connection(m_path);
        // The visits table is not paged (its event times and types live in the event blocks),
        // but outside tools read it, with its customers, through the view `visits`.
        QSqlQuery q(connection.db());
        QVERIFY(q.exec("SELECT customer_id, week_id, visit_id, is_order, amount_cents FROM visits ORDER BY row_no"));
        const VisitsTable& v = m_tables->visits;
        std::size_t i = 0;
        for (; q.next(); ++i) {
            QVERIFY(i < v.size());
            QCOMPARE(q.value(0).toString(), utf8(events().customerId(v.customer[i])));
            QCOMPARE(q.value(1).toInt(), v.weekId[i]);
            QCOMPARE(q.value(2).toInt(), v.visitId[i]);
            QCOMPARE(q.value(3).toInt() != 0, v.isOrder[i] != 0);
            QCOMPARE(q.value(4).toLongLong(), v.amountCents[i]);
        }
        QCOMPARE(i, v.size());
        const auto weekly = readAllPages(WorkspaceTableReader(connection.db(), WeeklyColumns::workspaceTable()), {},
                                         50);
        const WeeklyTable& w = m_tables->weekly;
        QCOMPARE(weekly.size(), w.size());
        for (std::size_t i = 0; i < w.size(); ++i) {
            QCOMPARE(weekly[i][0].toString(), utf8(events().customerId(w.customer[i])));
            QCOMPARE(weekly[i][1].toInt(), w.weekId[i]);
            QCOMPARE(weekly[i][2].toInt(), w.visits[i]);
            QCOMPARE(weekly[i][3].toLongLong(), w.amountCents[i]);
            QCOMPARE(weekly[i][4].toDouble(), w.amountPerWeek[i]); // to the bit: QCOMPARE of doubles is fuzzy
            QVERIFY(weekly[i][4].toDouble() == w.amountPerWeek[i]);
            QVERIFY(weekly[i][5].toDouble() == w.amountPerVisit(i));
        }
    }

    void testSortByCustomerAndByLtvEqualAStableSortOfTheMemoryTable()
    {
        ReadConnection connection(m_path);
        const WorkspaceTableReader reader(connection.db(), LtvColumns::workspaceTable());
        std::vector<std::size_t> order(m_tables->ltv.size());
        std::iota(order.begin(), order.end(), 0);
        // By customer id, descending: ids are unique, so the order is fully determined.
        auto byCustomer = order;
        std::stable_sort(byCustomer.begin(), byCustomer.end(),
                         [&](std::size_t a, std::size_t b) { return ltvCustomer(b) < ltvCustomer(a); });
        const auto rows = readAllPages(reader, {1, true, {}, 0}, 9);
        QCOMPARE(rows.size(), byCustomer.size());
        for (std::size_t i = 0; i < rows.size(); ++i)
            QCOMPARE(rows[i][1].toString(), ltvCustomer(byCustomer[i]));
        // By visits, ascending: many ties, which keep the rank order.
        auto byVisits = order;
        std::stable_sort(byVisits.begin(), byVisits.end(), [&](std::size_t a, std::size_t b) {
            return m_tables->ltv[a].visits < m_tables->ltv[b].visits;
        });
        const auto visits = readAllPages(reader, {3, false, {}, 0}, 9);
        for (std::size_t i = 0; i < visits.size(); ++i)
            QCOMPARE(visits[i][0].toLongLong(), qint64(byVisits[i] + 1));
        // And descending: ties still in rank order, as the engine's stable sort keeps them.
        auto byVisitsDown = order;
        std::stable_sort(byVisitsDown.begin(), byVisitsDown.end(), [&](std::size_t a, std::size_t b) {
            return m_tables->ltv[b].visits < m_tables->ltv[a].visits;
        });
        const auto down = readAllPages(reader, {3, true, {}, 0}, 9);
        for (std::size_t i = 0; i < down.size(); ++i)
            QCOMPARE(down[i][0].toLongLong(), qint64(byVisitsDown[i] + 1));
    }

    void testCustomerFilterIsACaseInsensitiveSubstring_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::newRow("lower") << "9b";
        QTest::newRow("upper, padded") << "  9BC ";
        QTest::newRow("a single digit") << "1";
        QTest::newRow("no customer") << "zzz";
        QTest::newRow("a wildcard is plain text") << "%";
        QTest::newRow("so is an underscore") << "_";
    }

    void testCustomerFilterIsACaseInsensitiveSubstring()
    {
        QFETCH(QString, filter);
        ReadConnection connection(m_path);
        const WorkspaceTableReader ltv(connection.db(), LtvColumns::workspaceTable());
        QStringList expected;
        for (std::size_t i = 0; i < m_tables->ltv.size(); ++i)
            if (containsIgnoringAsciiCase(ltvCustomer(i), filter))
                expected << ltvCustomer(i);
        const TableQuery query{-1, false, filter, 0};
        QString error;
        QCOMPARE(ltv.count(query, &error).value_or(-1), qint64(expected.size()));
        QStringList shown;
        for (const QVariantList& row : readAllPages(ltv, query, 4))
            shown << row[1].toString();
        QCOMPARE(shown, expected);

        const WorkspaceTableReader weekly(connection.db(), WeeklyColumns::workspaceTable());
        qint64 weeklyRows = 0;
        for (std::uint32_t customer : m_tables->weekly.customer)
            weeklyRows += containsIgnoringAsciiCase(utf8(events().customerId(customer)), filter);
        QCOMPARE(weekly.count(query, &error).value_or(-1), weeklyRows);
    }

    void testRowLimitKeepsTheTopOfTheStoredOrder()
    {
        ReadConnection connection(m_path);
        const WorkspaceTableReader reader(connection.db(), LtvColumns::workspaceTable());
        QString error;
        QCOMPARE(reader.count({-1, false, {}, 10}, &error).value_or(-1), 10);
        // In stored order (read as ranges of row numbers), pages stop at the limit.
        const auto top = readAllPages(reader, {-1, false, {}, 10}, 3);
        QCOMPARE(top.size(), 10u);
        for (std::size_t i = 0; i < top.size(); ++i)
            QCOMPARE(top[i][0].toLongLong(), qint64(i + 1));
        // The top 10 by rank, then sorted by customer: the sort applies within the top X.
        const auto rows = readAllPages(reader, {1, false, {}, 10}, 3);
        QCOMPARE(rows.size(), 10u);
        for (const QVariantList& row : rows)
            QVERIFY(row[0].toLongLong() <= 10);
        QVERIFY(std::is_sorted(rows.begin(), rows.end(), [](const QVariantList& a, const QVariantList& b) {
            return a[1].toString() < b[1].toString();
        }));
    }

    void testPagerAnswersOnItsOwnThreadAndSupersededQuestionsAreDropped()
    {
        auto pager = std::make_unique<WorkspacePager>(m_path, LtvColumns::workspaceTable());
        QObject receiver;
        JobTracker jobs(&receiver, pager->thread());
        WorkspacePager* p = pager.get();
        std::optional<std::pair<qint64, qint64>> counts;
        QThread* askedOn = nullptr;
        jobs.run(
            [p, &askedOn](const JobControl&) {
                askedOn = QThread::currentThread();
                QString error;
                return p->counts({-1, false, QStringLiteral("9b"), 0}, &error);
            },
            [&](const std::optional<std::pair<qint64, qint64>>& answer) { counts = answer; });
        QVERIFY(QTest::qWaitFor([&] { return counts.has_value(); }, 10000));
        QVERIFY(counts->first > 0);
        QCOMPARE(counts->second, qint64(m_tables->ltv.size()));
        QVERIFY(askedOn && askedOn != QThread::currentThread());

        // Asked one after the other: only the newest question is answered.
        std::vector<qint64> answered;
        for (qint64 first : {0, 20}) {
            jobs.start(
                [p, first](const JobControl&) {
                    QString error;
                    return p->rows({}, first, 20, &error);
                },
                [&](const std::shared_ptr<const RowBlock>& block) { answered.push_back(block ? block->first : -1); });
        }
        QVERIFY(QTest::qWaitFor([&] { return !jobs.isRunning(); }, 10000));
        QTest::qWait(50);
        QCOMPARE(answered, std::vector<qint64>{20});
    }

    void testPagerReportsAFileItCannotRead()
    {
        WorkspacePager pager(m_dir.filePath("no-such.clvdb"), LtvColumns::workspaceTable());
        QString error;
        QThreadPool* thread = pager.thread();
        std::optional<std::pair<qint64, qint64>> counts;
        thread->start([&] { counts = pager.counts({}, &error); });
        QVERIFY(thread->waitForDone(10000));
        QVERIFY(!counts);
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWorkspacePager)
#include "tst_workspacepager.moc"
