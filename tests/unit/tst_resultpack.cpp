// The packed results of a workspace (schema 7): tables that come back from their pack exactly
// as they went in, damaged packs refused with a message, and clv-etl --from-workspace writing
// the stored results from their pack — the batch run's files — without analysing again, unless
// the parameters or the duplicate setting differ, or the pack is missing (an older workspace)
// or damaged, when it analyses the stored events as before and packs the results again.

#include "WorkspaceTestSupport.h"

#include "store/ResultPack.h"
#include "store/WorkspaceSchema.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <bit>

using namespace clv;
using namespace clv::test;

namespace {

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

        const EventStore& a = *tables.events;
        const EventStore& b = *back->events;
        const VisitsTable& v = tables.visits;
        QCOMPARE(back->visits.size(), v.size());
        for (std::size_t i = 0; i < v.size(); ++i) {
            QCOMPARE(b.customerId(back->visits.customer[i]), a.customerId(v.customer[i]));
            QCOMPARE(back->visits.weekId[i], v.weekId[i]);
            QCOMPARE(back->visits.visitId[i], v.visitId[i]);
            QCOMPARE(back->visits.isOrder[i], v.isOrder[i]);
            QCOMPARE(back->visits.amountCents[i], v.amountCents[i]);
        }
        const WeeklyTable& w = tables.weekly;
        QCOMPARE(back->weekly.size(), w.size());
        for (std::size_t i = 0; i < w.size(); ++i) {
            QCOMPARE(b.customerId(back->weekly.customer[i]), a.customerId(w.customer[i]));
            QCOMPARE(back->weekly.weekId[i], w.weekId[i]);
            QCOMPARE(back->weekly.visits[i], w.visits[i]);
            QCOMPARE(back->weekly.amountCents[i], w.amountCents[i]);
            QCOMPARE(std::bit_cast<std::uint64_t>(back->weekly.amountPerWeek[i]),
                     std::bit_cast<std::uint64_t>(w.amountPerWeek[i]));
        }
        QCOMPARE(back->ltv.size(), tables.ltv.size());
        for (std::size_t i = 0; i < tables.ltv.size(); ++i) {
            const LtvRow& e = tables.ltv[i];
            const LtvRow& r = back->ltv[i];
            QCOMPARE(b.customerId(r.customer), a.customerId(e.customer));
            QCOMPARE(std::bit_cast<std::uint64_t>(r.ltv), std::bit_cast<std::uint64_t>(e.ltv));
            QCOMPARE(r.visits, e.visits);
            QCOMPARE(r.orders, e.orders);
            QCOMPARE(r.totalCents, e.totalCents);
            QCOMPARE(r.visitWeekSum, e.visitWeekSum);
            QCOMPARE(r.weeksObserved, e.weeksObserved);
            QCOMPARE(r.firstEvent, e.firstEvent);
            QCOMPARE(r.lastEvent, e.lastEvent);
            QCOMPARE(r.lastName == StringPool::kAbsent, e.lastName == StringPool::kAbsent);
            QCOMPARE(b.detailText(r.city), a.detailText(e.city));
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

    void testDamagedPackIsAnalysedAgainAndPackedAgain()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        auto out = [&](const QString& name) { return dir.filePath(name); };
        QCOMPARE(runEtl({kSeedInput, "-o", out("batch")}).exitCode, 0);
        QCOMPARE(runEtl({"--workspace", path, kSeedInput, "-o", out("saved")}).exitCode, 0);
        execOn(path, {"UPDATE result_pack SET visits = substr(visits, 1, length(visits) / 2)"});

        const Run damaged = runEtl({"--from-workspace", path, "-o", out("damaged")});
        QCOMPARE(damaged.exitCode, 0);
        QVERIFY2(damaged.err.contains("the stored results could not be read (the packed visits are damaged"),
                 qPrintable(damaged.err));
        QVERIFY(analysed(out("damaged")));
        QVERIFY(sameTables(out("damaged"), out("batch")));

        const Run again = runEtl({"--from-workspace", path, "-o", out("again")});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.err.isEmpty(), qPrintable(again.err));
        QVERIFY(!analysed(out("again")));
        QVERIFY(sameTables(out("again"), out("batch")));
    }

    void testSchema6WorkspaceIsPackedOnItsFirstReopen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        auto out = [&](const QString& name) { return dir.filePath(name); };
        QCOMPARE(runEtl({kSeedInput, "-o", out("batch")}).exitCode, 0);
        QCOMPARE(runEtl({"--workspace", path, kSeedInput, "-o", out("saved")}).exitCode, 0);
        // As schema 6 left it: its results, and no pack.
        execOn(path, {"DROP TABLE result_pack", "UPDATE schema_info SET version = 6"});

        QCOMPARE(runEtl({"--from-workspace", path, "-o", out("first")}).exitCode, 0);
        QVERIFY(analysed(out("first")));
        QVERIFY(sameTables(out("first"), out("batch")));
        QCOMPARE(packRows(path), 1);
        {
            QString error;
            auto workspace = Workspace::open(path, &error, WorkspaceOpenMode::ExistingOnly);
            QVERIFY2(workspace, qPrintable(error));
            QCOMPARE(workspace->schemaVersion(), WorkspaceSchema::kCurrentVersion);
        }
        QCOMPARE(runEtl({"--from-workspace", path, "-o", out("second")}).exitCode, 0);
        QVERIFY(!analysed(out("second")));
        QVERIFY(sameTables(out("second"), out("batch")));
    }
};

QTEST_GUILESS_MAIN(TestResultPack)
#include "tst_resultpack.moc"
