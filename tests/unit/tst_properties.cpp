// Properties of the ETL: the same events give the same tables however they arrive.
#include "TestSupport.h"

#include "etl/DataStore.h"
#include "export/TableCsv.h"

#include <QBuffer>
#include <QTest>

#include <random>

using namespace clv;

namespace {

std::vector<std::string> seedLines()
{
    QFile f(QStringLiteral(CLV_TEST_DATA_DIR "/seed/input.txt"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    std::vector<std::string> lines;
    for (const QByteArray& l : f.readAll().split('\n'))
        if (!l.trimmed().isEmpty())
            lines.push_back(l.toStdString());
    return lines;
}

// A table as a sorted list of CSV rows: equal when the tables hold the same rows.
test::CsvRows tableRows(bool (*write)(const ResultTables&, QIODevice&), const ResultTables& t)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    write(t, buffer);
    test::CsvRows rows;
    for (const QByteArray& line : buffer.data().split('\n'))
        if (!line.isEmpty()) {
            std::vector<std::string> cells;
            for (const QByteArray& c : line.split(','))
                cells.push_back(c.toStdString());
            rows.push_back(cells);
        }
    std::sort(rows.begin(), rows.end());
    return rows;
}

bool writeVisits(const ResultTables& t, QIODevice& d)
{
    return writeVisitsCsv(t, d);
}
bool writeWeekly(const ResultTables& t, QIODevice& d)
{
    return writeWeeklyCsv(t, d);
}
bool writeLtv(const ResultTables& t, QIODevice& d)
{
    return writeLtvCsv(t, d);
}

void verifySameTables(const ResultTables& a, const ResultTables& b)
{
    QCOMPARE(tableRows(writeVisits, a), tableRows(writeVisits, b));
    QCOMPARE(tableRows(writeWeekly, a), tableRows(writeWeekly, b));
    QCOMPARE(tableRows(writeLtv, a), tableRows(writeLtv, b));
}

} // namespace

class TestProperties : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testShuffledInputGivesTheSameTables()
    {
        // The seed has no two events of a customer at the same instant, so order of input
        // cannot matter to any tie-break.
        std::vector<std::string> lines = seedLines();
        QCOMPARE(lines.size(), 556u);
        const auto batch = test::analyse(lines);
        for (unsigned seed : {1u, 2u, 3u}) {
            std::mt19937 rng(seed);
            std::shuffle(lines.begin(), lines.end(), rng);
            const auto shuffled = test::analyse(lines);
            verifySameTables(*batch, *shuffled);
        }
    }

    void testShuffledInputWithEventsAtOneInstantGivesTheSameTables()
    {
        // Orders at one instant have no order in time; their amounts (0.1 + 0.2 + 0.3 is not
        // 0.3 + 0.2 + 0.1 in doubles) must still give the same weekly amount and LTV, to the
        // last digit, whatever order they arrive in.
        std::vector<std::string> lines = {
            test::orderLine("t", "2017-02-13T10:00:00Z", "o1", "0.10 USD"),
            test::orderLine("t", "2017-02-13T10:00:00Z", "o2", "0.20 USD"),
            test::orderLine("t", "2017-02-13T10:00:00Z", "o3", "0.30 USD"),
            test::visitLine("t", "2017-02-13T10:00:00Z"),
            test::orderLine("t", "2017-02-13T10:00:00Z", "o4", "0.30 USD"),
            test::orderLine("t", "2017-02-20T09:00:00Z", "o5", "0.70 USD"),
            test::orderLine("t", "2017-02-20T09:00:00Z", "o6", "0.10 USD"),
            test::orderLine("t", "2017-02-20T09:00:00Z", "o7", "0.20 USD"),
            test::orderLine("u", "2017-02-14T08:00:00Z", "o8", "0.30 USD"),
            test::orderLine("u", "2017-02-14T08:00:00Z", "o9", "0.20 USD"),
            test::orderLine("u", "2017-02-14T08:00:00Z", "o10", "0.10 USD"),
        };
        const auto first = test::analyse(lines);
        for (unsigned seed = 1; seed <= 40; ++seed) {
            std::mt19937 rng(seed);
            std::shuffle(lines.begin(), lines.end(), rng);
            const auto shuffled = test::analyse(lines);
            verifySameTables(*first, *shuffled);
            for (const char* customer : {"t", "u"})
                QVERIFY(test::ltvOf(*shuffled, customer)->ltv == test::ltvOf(*first, customer)->ltv);
        }
    }

    void testEventByEventIngestEqualsBatch()
    {
        const std::vector<std::string> lines = seedLines();
        const auto batch = test::analyse(lines);
        DataStore store;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            QCOMPARE(ingest(lines[i], store), std::string());
            if (i == lines.size() / 2)
                QVERIFY(!topXSimpleLtvCustomers(3, store).empty()); // queried mid-way, then fed on
        }
        QCOMPARE(store.eventCount(), lines.size());
        verifySameTables(*batch, *store.results());
    }

    void testTopXIsTheHeadOfTheLtvTable()
    {
        const std::vector<std::string> lines = seedLines();
        DataStore store;
        for (const auto& l : lines)
            ingest(l, store);
        const auto top = topXSimpleLtvCustomers(5, store);
        const auto all = store.results();
        QCOMPARE(top.size(), 5u);
        for (std::size_t i = 0; i < top.size(); ++i)
            QCOMPARE(top[i].customer, all->ltv[i].customer);
        QCOMPARE(topXSimpleLtvCustomers(1000, store).size(), 50u);
        QVERIFY(topXSimpleLtvCustomers(0, store).empty());
        QVERIFY(std::string_view(all->events->customerId(top[0].customer)) == "c670daa7e51c");
    }

    void testIngestRefusesBadEventsWithAReason()
    {
        DataStore store;
        QCOMPARE(
            ingest(
                R"({"type":"ORDER","verb":"NEW","key":"o","event_time":"2017-01-06T12:00:00Z","total_amount":"1 USD"})",
                store),
            std::string("ORDER event lacks customer_id"));
        QCOMPARE(store.eventCount(), 0u);
    }

    void testResultsHandedOutDoNotChangeWhenMoreIsIngested()
    {
        DataStore store;
        ingest(test::orderLine("c", "2017-02-13T10:00:00Z", "o1", "10.00 USD"), store);
        const auto before = store.results();
        ingest(test::orderLine("c", "2017-02-13T10:05:00Z", "o2", "5.00 USD"), store);
        QCOMPARE(before->events->size(), 1u);
        QCOMPARE(before->ltv[0].totalCents, Cents(1000));
        QCOMPARE(store.results()->ltv[0].totalCents, Cents(1500));
    }
};

QTEST_GUILESS_MAIN(TestProperties)
#include "tst_properties.moc"
