// The packed results of a workspace (schema 7): tables that come back from their pack exactly
// as they went in, damaged packs refused with a message, and clv-etl --from-workspace writing
// the stored results from their pack — the batch run's files — without analysing again, unless
// the parameters or the duplicate setting differ, or the pack is missing (an older workspace)
// or damaged, when it analyses the stored events as before and packs the results again.

#include "WorkspaceTestSupport.h"

#include "store/ByteCoding.h"
#include "store/ResultPack.h"
#include "store/WorkspaceSchema.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <bit>
#include <cmath>
#include <limits>

using namespace clv;
using namespace clv::test;

namespace {

// Every field of `actual` against `expected`, customers and details by their text, doubles
// bit for bit; the visits' event column is not packed.
void compareTables(const ResultTables& expected, const ResultTables& actual)
{
    const EventStore& a = *expected.events;
    const EventStore& b = *actual.events;
    const auto bits = [](double v) { return std::bit_cast<std::uint64_t>(v); };
    const VisitsTable& v = expected.visits;
    QCOMPARE(actual.visits.size(), v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        QCOMPARE(b.customerId(actual.visits.customer[i]), a.customerId(v.customer[i]));
        QCOMPARE(actual.visits.weekId[i], v.weekId[i]);
        QCOMPARE(actual.visits.visitId[i], v.visitId[i]);
        QCOMPARE(actual.visits.isOrder[i], v.isOrder[i]);
        QCOMPARE(actual.visits.amountCents[i], v.amountCents[i]);
    }
    const WeeklyTable& w = expected.weekly;
    QCOMPARE(actual.weekly.size(), w.size());
    for (std::size_t i = 0; i < w.size(); ++i) {
        QCOMPARE(b.customerId(actual.weekly.customer[i]), a.customerId(w.customer[i]));
        QCOMPARE(actual.weekly.weekId[i], w.weekId[i]);
        QCOMPARE(actual.weekly.visits[i], w.visits[i]);
        QCOMPARE(actual.weekly.amountCents[i], w.amountCents[i]);
        QCOMPARE(bits(actual.weekly.amountPerWeek[i]), bits(w.amountPerWeek[i]));
    }
    QCOMPARE(actual.ltv.size(), expected.ltv.size());
    for (std::size_t i = 0; i < expected.ltv.size(); ++i) {
        const LtvRow& e = expected.ltv[i];
        const LtvRow& r = actual.ltv[i];
        QCOMPARE(b.customerId(r.customer), a.customerId(e.customer));
        QCOMPARE(bits(r.ltv), bits(e.ltv));
        QCOMPARE(r.visits, e.visits);
        QCOMPARE(r.orders, e.orders);
        QCOMPARE(r.totalCents, e.totalCents);
        QCOMPARE(r.visitWeekSum, e.visitWeekSum);
        QCOMPARE(r.weeksObserved, e.weeksObserved);
        QCOMPARE(r.firstEvent, e.firstEvent);
        QCOMPARE(r.lastEvent, e.lastEvent);
        for (const auto& [got, wanted] :
             {std::pair(r.lastName, e.lastName), std::pair(r.city, e.city), std::pair(r.state, e.state)}) {
            QCOMPARE(got == StringPool::kAbsent, wanted == StringPool::kAbsent);
            QCOMPARE(b.detailText(got), a.detailText(wanted));
        }
    }
}

QJsonObject runJson(const QString& folder)
{
    return QJsonDocument::fromJson(readAll(folder + "/run.json")).object();
}

// Whether the run that wrote `folder` analysed the events (or wrote the stored results).
bool analysed(const QString& folder)
{
    return runJson(folder).value("timings_ms").toObject().contains("analyse");
}

bool sameTables(const QString& folder, const QString& expected)
{
    for (const char* file : {"output_t1.txt", "output_ltv_specs.txt", "output_ltv_final.txt", "rejected.csv"})
        if (readAll(folder + "/" + file) != readAll(expected + "/" + file) || readAll(folder + "/" + file).isEmpty()) {
            qWarning("%s differs from %s", qPrintable(folder + "/" + file), qPrintable(expected));
            return false;
        }
    return runJson(folder).value("counts") == runJson(expected).value("counts");
}

qint64 packRows(const QString& path)
{
    qint64 rows = -1;
    withRawConnection(path, [&](QSqlDatabase& db) {
        QSqlQuery q(db);
        if (q.exec("SELECT COUNT(*) FROM result_pack") && q.next())
            rows = q.value(0).toLongLong();
    });
    return rows;
}

void execOn(const QString& path, const QStringList& statements)
{
    withRawConnection(path, [&](QSqlDatabase& db) {
        QSqlQuery q(db);
        for (const QString& statement : statements)
            QVERIFY2(q.exec(statement), qPrintable(statement));
    });
}

} // namespace

class TestResultPack : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testTablesComeBackFromTheirPackExactly()
    {
        Parameters parameters;
        parameters.formula = LtvFormula::Weekly;
        parameters.sessionGapSeconds = 45 * 60;
        const AnalysisOutcome run = batch({kSeedInput, kChallengeInput}, false, parameters);
        QVERIFY(run.tables);
        const ResultTables& tables = *run.tables;
        QVERIFY(tables.visits.size() > 500 && tables.weekly.size() > 100 && tables.ltv.size() > 10);

        QString error;
        const auto back = ResultPack::unpack(ResultPack::pack(tables), parameters, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->parameters, parameters);
        const TablesText expected = textOf(tables);
        const TablesText actual = textOf(*back); // the files, and the ltv rows' names and places
        QCOMPARE(actual.visits, expected.visits);
        QCOMPARE(actual.weekly, expected.weekly);
        QCOMPARE(actual.ltv, expected.ltv);
        QCOMPARE(actual.names, expected.names);
        QCOMPARE(back->events->size(), 0u);
        QVERIFY(back->visits.event.empty());

        compareTables(tables, *back);
    }

    void testEdgeValuesComeBackExactly()
    {
        // Tables no analysis makes, with the values at the edges of each field's coding.
        auto events = std::make_shared<EventStore>();
        const std::uint32_t a = events->internCustomerId("a");
        const std::uint32_t b = events->internCustomerId("b,with \"quotes\"");
        const std::uint32_t empty = events->internDetail("");
        const std::uint32_t place = events->internDetail("Saint-Étienne");
        ResultTables tables;
        tables.events = events;
        const std::int32_t weeks[] = {0, 2, 5, 3, INT32_MIN, INT32_MAX, -1, -4};
        const std::int32_t visits[] = {0, 3, 2, INT32_MAX, INT32_MIN, 0, 1, 1};
        const Cents amounts[] = {0, -1, 0, INT64_MAX, INT64_MIN, 12345, 0, -99};
        const std::uint8_t orders[] = {0, 1, 1, 0, 1, 0, 1, 0};
        for (int i = 0; i < 8; ++i) {
            tables.visits.customer.push_back(i < 5 ? a : b);
            tables.visits.weekId.push_back(weeks[i]);
            tables.visits.visitId.push_back(visits[i]);
            tables.visits.amountCents.push_back(amounts[i]);
            tables.visits.isOrder.push_back(orders[i]);
        }
        const double perWeek[] = {0.1 + 0.2, std::nan(""), -0.0, 171.32999999999998, 1e300, 0.0};
        const Cents weekCents[] = {30, 0, 0, 17133, -5, 0};
        for (int i = 0; i < 6; ++i) {
            tables.weekly.customer.push_back(i < 3 ? a : b);
            tables.weekly.weekId.push_back(weeks[i]);
            tables.weekly.visits.push_back(visits[i]);
            tables.weekly.amountCents.push_back(weekCents[i]);
            tables.weekly.amountPerWeek.push_back(perWeek[i]);
        }
        LtvRow first{b, -0.0, INT32_MAX, 0, INT64_MIN, -3, INT32_MIN, -1000, -2000, empty, StringPool::kAbsent, place};
        LtvRow second{
            a, std::numeric_limits<double>::infinity(), 1, 1, 5, 7, 2, INT64_MAX - 1, INT64_MAX, place, place, empty};
        tables.ltv = {first, second};

        QString error;
        const auto back = ResultPack::unpack(ResultPack::pack(tables), {}, &error);
        QVERIFY2(back, qPrintable(error));
        compareTables(tables, *back);
    }

    void testFramesClaimingHugeCountsOrOverflowsAreRefusedAtOnce()
    {
        const auto tables = analyse(
            {customerLine("c1", "2020-01-01T10:00:00.000Z"), visitLine("c1", "2020-01-01T10:05:00.000Z")});
        QVERIFY(tables);
        const PackedResults good = ResultPack::pack(*tables);
        const auto bytes = [](ByteWriter& w) { return QByteArray::fromStdString(w.take()); };
        std::vector<std::pair<const char*, PackedResults>> damaged;
        {
            ByteWriter w; // a trillion ltv rows in a few bytes: refused before any is made
            w.byte(1);
            w.varint(0);
            w.varint(std::uint64_t(1) << 40);
            PackedResults p = good;
            p.ltv = bytes(w);
            damaged.emplace_back("ltv rows beyond the frame", p);
        }
        {
            ByteWriter w; // a dictionary larger than its bytes
            w.byte(1);
            w.varint(std::uint64_t(1) << 40);
            PackedResults p = good;
            p.ltv = bytes(w);
            damaged.emplace_back("ltv dictionary beyond the frame", p);
        }
        {
            ByteWriter w; // a week's delta that leaves every integer range
            w.byte(1);
            w.varint(1); // rows
            w.varint(1); // runs
            w.varint(1); // customer 1
            w.varint(1); // one row
            w.byte(3);   // the week's delta follows
            w.signedVarint(INT64_MAX);
            PackedResults p = good;
            p.visits = bytes(w);
            damaged.emplace_back("a visits week overflowing", p);
        }
        {
            ByteWriter w; // runs that claim more rows than the table
            w.byte(1);
            w.varint(2);
            w.varint(1);
            w.varint(1);
            w.varint(std::uint64_t(1) << 40);
            PackedResults p = good;
            p.weekly = bytes(w);
            damaged.emplace_back("weekly runs beyond the rows", p);
        }
        {
            ByteWriter w; // a last event that overflows from the first
            w.byte(1);
            w.varint(0); // no dictionary
            w.varint(1); // one row
            w.varint(1);
            w.real(1.0);
            for (std::int64_t v : {1, 1, 1, 1, 1})
                w.signedVarint(v);
            w.signedVarint(INT64_MAX);
            w.signedVarint(INT64_MAX);
            for (int d = 0; d < 3; ++d)
                w.varint(0);
            PackedResults p = good;
            p.ltv = bytes(w);
            damaged.emplace_back("an ltv last event overflowing", p);
        }
        for (const auto& [what, packed] : damaged) {
            QString error;
            QVERIFY2(!ResultPack::unpack(packed, {}, &error), what);
            QVERIFY2(error.contains("damaged"), qPrintable(what + QStringLiteral(": ") + error));
        }
    }

    void testEmptyTablesPackToo()
    {
        ResultTables empty;
        empty.events = std::make_shared<EventStore>();
        QString error;
        const auto back = ResultPack::unpack(ResultPack::pack(empty), {}, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->visits.size(), 0u);
        QCOMPARE(back->weekly.size(), 0u);
        QCOMPARE(back->ltv.size(), 0u);
    }

    void testDamagedPacksAreRefused()
    {
        const AnalysisOutcome run = batch({kSeedInput}, false);
        const PackedResults good = ResultPack::pack(*run.tables);
        // Fewer customers than the visits name: the tables of a small part of the input.
        const auto few = analyse(
            {customerLine("c1", "2020-01-01T10:00:00.000Z"), visitLine("c1", "2020-01-01T10:05:00.000Z")});
        QVERIFY(few);
        const PackedResults fewer = ResultPack::pack(*few);

        std::vector<std::pair<QByteArray, PackedResults>> damaged;
        for (QByteArray PackedResults::*frame :
             {&PackedResults::customers, &PackedResults::visits, &PackedResults::weekly, &PackedResults::ltv}) {
            for (const qsizetype cut :
                 {qsizetype(0), qsizetype(5), (good.*frame).size() / 2, (good.*frame).size() - 1}) {
                PackedResults p = good;
                (p.*frame).truncate(cut);
                damaged.emplace_back("truncated at " + QByteArray::number(cut), p);
            }
            PackedResults p = good;
            (p.*frame)[0] = '\x07';
            damaged.emplace_back("an unknown format", p);
            p = good;
            (p.*frame) += 'x';
            damaged.emplace_back("a byte too many", p);
        }
        PackedResults swapped = good;
        std::swap(swapped.visits, swapped.weekly);
        damaged.emplace_back("visits and weekly frames swapped", swapped);
        PackedResults foreign = good;
        foreign.customers = fewer.customers;
        damaged.emplace_back("the customers of other tables", foreign);

        for (const auto& [what, packed] : damaged) {
            QString error;
            QVERIFY2(!ResultPack::unpack(packed, {}, &error), what.constData());
            QVERIFY2(!error.isEmpty(), what.constData());
        }
    }

    void testRandomDamageIsReadOrRefusedNeverReadPast()
    {
        // Under the sanitizers' build, a read past a frame's end fails this test.
        const auto tables = analyse(
            {customerLine("c1", "2020-01-01T10:00:00.000Z"), visitLine("c1", "2020-01-01T10:05:00.000Z"),
             orderLine("c1", "2020-01-08T10:05:00.000Z", "o1", "12.50"), customerLine("c2", "2020-01-02T10:00:00.000Z"),
             imageLine("c2", "2020-01-09T10:00:00.000Z")});
        QVERIFY(tables);
        const PackedResults good = ResultPack::pack(*tables);
        QRandomGenerator random(7);
        int refused = 0;
        for (int round = 0; round < 4000; ++round) {
            PackedResults p = good;
            QByteArray& frame = round % 4 == 0 ? p.customers
                : round % 4 == 1               ? p.visits
                : round % 4 == 2               ? p.weekly
                                               : p.ltv;
            frame[random.bounded(int(frame.size()))] = static_cast<char>(random.bounded(256));
            QString error;
            if (!ResultPack::unpack(p, {}, &error)) {
                QVERIFY(!error.isEmpty());
                ++refused;
            }
        }
        QVERIFY(refused > 100);
    }

    void testReopenWritesTheStoredResultsWithoutAnalysing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        auto out = [&](const QString& name) { return dir.filePath(name); };
        const Run direct = runEtl({kSeedInput, kChallengeInput, "-o", out("batch")});
        QCOMPARE(direct.exitCode, 0);
        QCOMPARE(runEtl({"--workspace", path, kSeedInput, kChallengeInput, "-o", out("saved"), "--top", "3"}).exitCode,
                 0);
        QCOMPARE(packRows(path), 1);

        const Run reopened = runEtl({"--from-workspace", path, "-o", out("reopened"), "--top", "3"});
        QCOMPARE(reopened.exitCode, 0);
        QVERIFY2(reopened.err.isEmpty(), qPrintable(reopened.err));
        QVERIFY(!analysed(out("reopened")));
        QVERIFY(sameTables(out("reopened"), out("batch")));
        QVERIFY(readAll(out("reopened/output.txt")) == readAll(out("saved/output.txt"))
                && !readAll(out("saved/output.txt")).isEmpty());
        const QString summary = direct.out.section(QLatin1Char('\n'), 0, 0);
        QVERIFY2(summary.startsWith("Read ") && reopened.out.contains(summary), qPrintable(reopened.out));

        // The other duplicate setting: analysed, with the batch run's count of duplicates, and
        // those results packed for the next run.
        QCOMPARE(runEtl({kSeedInput, kChallengeInput, "--drop-duplicates", "-o", out("batch-unique")}).exitCode, 0);
        for (const char* name : {"unique", "unique2"}) {
            const Run unique = runEtl({"--from-workspace", path, "--drop-duplicates", "-o", out(name)});
            QCOMPARE(unique.exitCode, 0);
            QCOMPARE(analysed(out(name)), QByteArray(name) == "unique");
            QVERIFY(sameTables(out(name), out("batch-unique")));
            QVERIFY2(unique.out.contains("Dropped 89 exact duplicate event(s)."), qPrintable(unique.out));
        }
        // Other parameters: the same.
        QCOMPARE(runEtl({kSeedInput, kChallengeInput, "--drop-duplicates", "--week-start", "monday", "-o",
                         out("batch-monday")})
                     .exitCode,
                 0);
        for (const char* name : {"monday", "monday2"}) {
            QCOMPARE(runEtl({"--from-workspace", path, "--drop-duplicates", "--week-start", "monday", "-o", out(name)})
                         .exitCode,
                     0);
            QCOMPARE(analysed(out(name)), QByteArray(name) == "monday");
            QVERIFY(sameTables(out(name), out("batch-monday")));
        }

        // A file added since the results were packed: they are not these events' results.
        const QString late = dir.filePath("late.jsonl");
        QVERIFY(writeFile(late,
                          QByteArray::fromStdString(joinLines({customerLine("late", "2020-01-01T10:00:00.000Z"),
                                                               visitLine("late", "2020-01-01T10:05:00.000Z")}))));
        {
            QString error;
            auto workspace = Workspace::open(path, &error);
            QVERIFY2(workspace, qPrintable(error));
            Parameters monday;
            monday.weekStart = WeekStart::Monday;
            workspace->setDropExactDuplicates(true);
            QVERIFY(workspace->loadPackedResults(monday, &error)); // as stored
            QVERIFY(workspace->addFiles({late}).ok());
            QVERIFY(!workspace->loadPackedResults(monday, &error));
            QVERIFY(error.isEmpty()); // stale is not an error: the caller analyses
        }
        QCOMPARE(runEtl({kSeedInput, kChallengeInput, late, "-o", out("batch-late")}).exitCode, 0);
        QCOMPARE(runEtl({"--from-workspace", path, "-o", out("late")}).exitCode, 0);
        QVERIFY(analysed(out("late")));
        QVERIFY(sameTables(out("late"), out("batch-late")));
    }

    void testAPackThatCannotBeUsedIsReplacedByTheAnalysis_data()
    {
        QTest::addColumn<QStringList>("change");
        QTest::addColumn<QString>("said");
        QTest::newRow("damaged") << QStringList{"UPDATE result_pack SET visits = substr(visits, 1, length(visits) / 2)"}
                                 << "the stored results could not be read (the packed visits are damaged";
        // Results saved again by a program that does not know the pack (it leaves the old one).
        QTest::newRow("of other results") << QStringList{"UPDATE run_parameters SET saved_at = "
                                                         "'2020-01-01T00:00:00.000Z'"}
                                          << QString();
        QTest::newRow("of another version") << QStringList{"UPDATE result_pack SET made_by = '0.0.1'"} << QString();
        // As schema 6 left a workspace: its results, and no pack.
        QTest::newRow("none (schema 6)") << QStringList{"DROP TABLE result_pack", "UPDATE schema_info SET version = 6"}
                                         << QString();
    }

    void testAPackThatCannotBeUsedIsReplacedByTheAnalysis()
    {
        QFETCH(QStringList, change);
        QFETCH(QString, said);
        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        auto out = [&](const QString& name) { return dir.filePath(name); };
        QCOMPARE(runEtl({kSeedInput, "-o", out("batch")}).exitCode, 0);
        QCOMPARE(runEtl({"--workspace", path, kSeedInput, "-o", out("saved")}).exitCode, 0);
        execOn(path, change);

        const Run first = runEtl({"--from-workspace", path, "-o", out("first")});
        QCOMPARE(first.exitCode, 0);
        // Damage is worth a word; a pack of other results or of another version is only not used.
        QVERIFY2(said.isEmpty() ? first.err.isEmpty() : first.err.contains(said), qPrintable(first.err));
        QVERIFY(analysed(out("first")));
        QVERIFY(sameTables(out("first"), out("batch")));
        QCOMPARE(packRows(path), 1);
        {
            QString error;
            auto workspace = Workspace::open(path, &error, WorkspaceOpenMode::ExistingOnly);
            QVERIFY2(workspace, qPrintable(error));
            QCOMPARE(workspace->schemaVersion(), WorkspaceSchema::kCurrentVersion);
        }

        const Run second = runEtl({"--from-workspace", path, "-o", out("second")});
        QCOMPARE(second.exitCode, 0);
        QVERIFY2(second.err.isEmpty(), qPrintable(second.err));
        QVERIFY(!analysed(out("second"))); // packed again by the first
        QVERIFY(sameTables(out("second"), out("batch")));
    }
};

QTEST_GUILESS_MAIN(TestResultPack)
#include "tst_resultpack.moc"
