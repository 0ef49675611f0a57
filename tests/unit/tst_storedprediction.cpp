// A fit kept in the workspace (schema version 4): real SQLite files in temporary folders,
// opened with the real Workspace, and real fits of the CDNOW summary and of generated events.
#include "WorkspaceTestSupport.h"

#include "LegacyWorkspace.h"
#include "io/EventTime.h"
#include "predict/Purchases.h"
#include "predict/SummaryFile.h"
#include "store/StoredPrediction.h"
#include "store/WorkspaceSchema.h"
#include "util/ComputePool.h"

#include <QSqlQuery>

#include <bit>
#include <cmath>

using namespace clv;
using namespace clv::test;

namespace {

const QString kCdnowSummary = QStringLiteral(CLV_TEST_DATA_DIR "/cdnow/cdnow_customers_summary_with_transactions.csv");

PredictResult fitOf(std::shared_ptr<const RfmSummary> summary, const PredictSettings& settings)
{
    PredictResult result;
    result.settings = settings;
    result.run = runModels(std::move(summary), settings.request);
    return result;
}

// Which events a fit is of, as the workspace's latest loadEvents() would say.
LoadedEvents eventsOf(Workspace& workspace)
{
    LoadedEvents loaded;
    loaded.storedEventCount = workspace.storedEventCount();
    loaded.droppedDuplicates = workspace.dropExactDuplicates();
    return loaded;
}

QSqlDatabase databaseOf(const Workspace& workspace)
{
    return QSqlDatabase::database(workspace.connectionName());
}

// In one transaction, as the caller of StoredPrediction is to hold it.
bool saveFit(Workspace& workspace, const PredictResult& result, const LoadedEvents& loaded, QString* error,
             const JobControl* control = nullptr)
{
    QSqlDatabase db = databaseOf(workspace);
    if (!db.transaction())
        return false;
    const bool ok = StoredPrediction(db).save(result, loaded, error, control);
    if (ok && db.commit())
        return true;
    db.rollback();
    return false;
}

std::optional<StoredFit> loadFit(Workspace& workspace, const LoadedEvents& loaded, QString* error)
{
    return StoredPrediction(databaseOf(workspace)).load(loaded, error);
}

// Equal to the bit, or both not numbers (NULL in the file stands for any NaN).
bool sameNumber(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || std::bit_cast<quint64>(a) == std::bit_cast<quint64>(b);
}

bool sameNumbers(const std::vector<double>& a, const std::vector<double>& b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), sameNumber);
}

#define VERIFY_SAME_NUMBER(a, b) \
    QVERIFY2(sameNumber(a, b),   \
             qPrintable(QStringLiteral("%1: %2 against %3").arg(#a).arg(a, 0, 'g', 17).arg(b, 0, 'g', 17)))

void compareFit(const StoredFit& stored, const PredictResult& saved)
{
    const PredictSettings& s = saved.settings;
    QCOMPARE(stored.settings.summary.unit, s.summary.unit);
    QCOMPARE(stored.settings.summary.calibrationEnd, s.summary.calibrationEnd);
    QCOMPARE(stored.settings.summary.holdoutEnd, s.summary.holdoutEnd);
    QVERIFY(stored.settings.request.models == s.request.models);
    QCOMPARE(stored.settings.request.predictWith, s.request.predictWith);
    VERIFY_SAME_NUMBER(stored.settings.request.horizon, s.request.horizon);
    VERIFY_SAME_NUMBER(stored.settings.request.discount, s.request.discount);

    QCOMPARE(stored.fits.size(), saved.run.fits.size());
    for (std::size_t i = 0; i < stored.fits.size(); ++i) {
        const ModelFit& got = stored.fits[i];
        const ModelFit& want = saved.run.fits[i];
        QCOMPARE(got.kind, want.kind);
        QVERIFY2(sameNumbers(got.params, want.params), qPrintable(modelKeyText(want.kind)));
        QVERIFY2(sameNumbers(got.stdErrors, want.stdErrors), qPrintable(modelKeyText(want.kind)));
        VERIFY_SAME_NUMBER(got.logLikelihood, want.logLikelihood);
        VERIFY_SAME_NUMBER(got.aic, want.aic);
        VERIFY_SAME_NUMBER(got.bic, want.bic);
        QCOMPARE(got.iterations, want.iterations);
        QCOMPARE(got.starts, want.starts);
        QCOMPARE(got.converged, want.converged);
        QCOMPARE(got.problem, want.problem);
    }
}

// The customer_predictions table, as sqlite3 would show it, against the run it was saved from.
void comparePredictionRows(const QSqlDatabase& db, const PredictResult& saved)
{
    QSqlQuery q(db);
    QVERIFY(q.exec("SELECT customer_id, x, t_x, T, monetary, p_alive, expected_purchases, expected_spend, clv, "
                   "x_holdout, spend_holdout FROM customer_predictions ORDER BY row_no"));
    const RfmSummary& summary = *saved.run.summary;
    const auto value = [&q](int column) {
        return q.value(column).isNull() ? std::nan("") : q.value(column).toDouble();
    };
    std::size_t row = 0;
    while (q.next()) {
        QVERIFY(row < summary.customers.size());
        const CustomerRfm& c = summary.customers[row];
        QCOMPARE(q.value(0).toString().toStdString(), c.id);
        const double nan = std::nan("");
        const CustomerPrediction p = row < saved.run.predictions.size() ? saved.run.predictions[row]
                                                                        : CustomerPrediction{nan, nan, nan, nan};
        const double holdoutX = summary.hasHoldout() ? c.xHoldout : nan;
        const double holdoutSpend = summary.hasHoldout() ? c.spendHoldout : nan;
        const double want[] = {c.x,   c.tx,     c.T,         c.monetary, p.pAlive, p.expectedPurchases, p.expectedSpend,
                               p.clv, holdoutX, holdoutSpend};
        for (int column = 1; column <= int(std::size(want)); ++column)
            QVERIFY2(sameNumber(value(column), want[column - 1]),
                     qPrintable(QStringLiteral("row %1, column %2: %3 against %4")
                                    .arg(row + 1)
                                    .arg(column)
                                    .arg(value(column), 0, 'g', 17)
                                    .arg(want[column - 1], 0, 'g', 17)));
        ++row;
    }
    QCOMPARE(row, summary.customers.size());
}

qint64 rowCount(const QSqlDatabase& db, const QString& table)
{
    QSqlQuery q(db);
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table)) && q.next() ? q.value(0).toLongLong() : -1;
}

// The tables' definitions, for comparing a migrated file with a new one.
QStringList predictionSchema(const QString& path)
{
    QStringList sql;
    withRawConnection(path, [&sql](QSqlDatabase& db) {
        QSqlQuery q(db);
        QVERIFY(q.exec("SELECT sql FROM sqlite_master WHERE tbl_name IN ('predict_settings', 'model_fits', "
                       "'model_parameters', 'customer_predictions') ORDER BY name"));
        while (q.next())
            sql << q.value(0).toString();
    });
    return sql;
}

} // namespace

class TestStoredPrediction : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        SummaryFileRead read = readSummaryFile(kCdnowSummary, TimeUnit::Week);
        QVERIFY2(read.ok(), qPrintable(read.error));
        m_cdnow = std::make_shared<const RfmSummary>(std::move(read.summary));

        // Two repeat customers of five: too few for Gamma-Gamma, and for BG/NBD enough to
        // be tried but not to be fitted.
        read = readSummaryText("ID,x,t_x,T,zbar\n"
                               "a,0,0,30,0\n"
                               "b,1,12.5,30,20.5\n"
                               "c,0,0,29,0\n"
                               "d,2,3,28,7.25\n"
                               "e,0,0,27,0\n",
                               TimeUnit::Week);
        QVERIFY2(read.ok(), qPrintable(read.error));
        m_tiny = std::make_shared<const RfmSummary>(std::move(read.summary));
    }

    void testCdnowFitReopensBitForBit()
    {
        PredictSettings settings;
        settings.request.models = {ModelKind::BgNbd, ModelKind::GammaGamma};
        settings.request.predictWith = ModelKind::BgNbd;
        settings.request.horizon = 39;
        settings.request.discount = 0.01;
        const PredictResult fit = fitOf(m_cdnow, settings);
        QCOMPARE(fit.run.fits.size(), std::size_t(2));
        QVERIFY(fit.run.fits[0].converged && fit.run.fits[1].converged);

        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        {
            auto workspace = Workspace::open(path, nullptr);
            QVERIFY(workspace);
            QString error;
            QVERIFY2(saveFit(*workspace, fit, eventsOf(*workspace), &error), qPrintable(error));
        }
        QString error;
        auto workspace = Workspace::open(path, &error, WorkspaceOpenMode::ExistingOnly);
        QVERIFY2(workspace, qPrintable(error));
        const std::optional<StoredFit> stored = loadFit(*workspace, eventsOf(*workspace), &error);
        QVERIFY2(stored, qPrintable(error));
        compareFit(*stored, fit);
        comparePredictionRows(databaseOf(*workspace), fit);
        QCOMPARE(rowCount(databaseOf(*workspace), "model_parameters"), 7); // r, alpha, a, b; p, q, gamma
    }

    void testFailedModelsKeepTheirProblems()
    {
        PredictSettings settings;
        settings.summary.unit = TimeUnit::Month;
        settings.request.models = {ModelKind::BgNbd, ModelKind::GammaGamma};
        const PredictResult fit = fitOf(m_tiny, settings);
        QCOMPARE(fit.run.fits.size(), std::size_t(2));
        for (const ModelFit& f : fit.run.fits)
            QVERIFY2(!f.converged && !f.problem.isEmpty(), qPrintable(modelKeyText(f.kind)));
        QVERIFY(fit.run.fits[0].starts > 0); // the search ran, and its failure is kept

        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        {
            auto workspace = Workspace::open(path, nullptr);
            QString error;
            QVERIFY2(saveFit(*workspace, fit, eventsOf(*workspace), &error), qPrintable(error));
        }
        auto workspace = Workspace::open(path, nullptr, WorkspaceOpenMode::ExistingOnly);
        QVERIFY(workspace);
        QString error;
        const std::optional<StoredFit> stored = loadFit(*workspace, eventsOf(*workspace), &error);
        QVERIFY2(stored, qPrintable(error));
        compareFit(*stored, fit);
        comparePredictionRows(databaseOf(*workspace), fit); // every prediction NULL
        QSqlQuery q(databaseOf(*workspace));
        QVERIFY(q.exec("SELECT COUNT(*) FROM customer_predictions WHERE p_alive IS NULL AND clv IS NULL") && q.next());
        QCOMPARE(q.value(0).toInt(), 5);
    }

    void testFitOfEventsWithAHoldoutReopens()
    {
        QTemporaryDir dir;
        QVERIFY(generateEvents(dir.filePath("events.jsonl"), 400));
        const QString path = dir.filePath("w.clvdb");
        PredictResult fit;
        {
            auto workspace = Workspace::open(path, nullptr);
            QVERIFY(workspace->addFiles({dir.filePath("events.jsonl")}).ok());
            QString error;
            const std::shared_ptr<ReadResult> read = workspace->loadEvents(nullptr, &error);
            QVERIFY2(read, qPrintable(error));
            PredictSettings settings;
            settings.summary.unit = TimeUnit::Week;
            const std::int64_t firstDay = daysFromCivil(2024, 1, 7); // the generator's first day
            settings.summary.calibrationEnd = firstDay + 7 * 18;
            settings.summary.holdoutEnd = firstDay + 7 * 26;
            settings.request.models = {ModelKind::BgNbd, ModelKind::GammaGamma, ModelKind::ParetoNbd};
            settings.request.horizon = 26;
            const PurchaseHistory history = purchasesFromEvents(*read->events, computePool());
            fit = fitOf(std::make_shared<const RfmSummary>(summarise(history, settings.summary)), settings);
            QVERIFY(fit.run.summary->hasHoldout());
            QVERIFY(fit.run.fits[0].converged && fit.run.fits[1].converged); // BG/NBD and Gamma-Gamma
            QVERIFY(!fit.run.predictions.empty());
            QVERIFY2(saveFit(*workspace, fit, eventsOf(*workspace), &error), qPrintable(error));
        }
        auto workspace = Workspace::open(path, nullptr, WorkspaceOpenMode::ExistingOnly);
        QVERIFY(workspace);
        QString error;
        const std::optional<StoredFit> stored = loadFit(*workspace, eventsOf(*workspace), &error);
        QVERIFY2(stored, qPrintable(error));
        compareFit(*stored, fit);
        comparePredictionRows(databaseOf(*workspace), fit);
        QSqlQuery q(databaseOf(*workspace));
        QVERIFY(q.exec("SELECT calibration_end, holdout_end, models FROM predict_settings") && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("2024-05-12"));
        QCOMPARE(q.value(1).toString(), QStringLiteral("2024-07-07"));
        QCOMPARE(q.value(2).toString(), QStringLiteral("bgnbd,gg,pnbd"));
    }

    void testSavingAgainReplacesTheFit()
    {
        QTemporaryDir dir;
        auto workspace = Workspace::open(dir.filePath("w.clvdb"), nullptr);
        QVERIFY(workspace);
        QSqlDatabase db = databaseOf(*workspace);
        PredictSettings settings;
        const PredictResult big = fitOf(m_cdnow, settings);
        settings.request.models = {ModelKind::GammaGamma, ModelKind::BgNbd};
        const PredictResult small = fitOf(m_tiny, settings);
        QString error;
        QVERIFY2(saveFit(*workspace, big, eventsOf(*workspace), &error), qPrintable(error));
        QCOMPARE(rowCount(db, "customer_predictions"), 2357);
        QCOMPARE(rowCount(db, "model_fits"), 2);
        QCOMPARE(rowCount(db, "model_parameters"), 7);
        QVERIFY2(saveFit(*workspace, small, eventsOf(*workspace), &error), qPrintable(error));
        QCOMPARE(rowCount(db, "predict_settings"), 1);
        QCOMPARE(rowCount(db, "customer_predictions"), 5);
        QCOMPARE(rowCount(db, "model_fits"), 2);
        QCOMPARE(rowCount(db, "model_parameters"), 0);
        const std::optional<StoredFit> stored = loadFit(*workspace, eventsOf(*workspace), &error);
        QVERIFY2(stored, qPrintable(error));
        compareFit(*stored, small);

        QVERIFY(db.transaction());
        QVERIFY2(StoredPrediction(db).clear(&error), qPrintable(error));
        QVERIFY(db.commit());
        for (const QString& table : WorkspaceSchema::predictionTables())
            QCOMPARE(rowCount(db, table), 0);
        QVERIFY(!loadFit(*workspace, eventsOf(*workspace), &error));
        QVERIFY(error.isEmpty());
    }

    void testCancelledSaveKeepsThePreviousFit()
    {
        QTemporaryDir dir;
        auto workspace = Workspace::open(dir.filePath("w.clvdb"), nullptr);
        PredictSettings settings;
        settings.request.models = {ModelKind::GammaGamma, ModelKind::BgNbd};
        const PredictResult small = fitOf(m_tiny, settings);
        QString error;
        QVERIFY2(saveFit(*workspace, small, eventsOf(*workspace), &error), qPrintable(error));

        // Cancelled before the predictions: the settings and fits were already replaced, and
        // the caller's rollback brings the previous ones back.
        JobControl control;
        control.cancel();
        QVERIFY(!saveFit(*workspace, fitOf(m_cdnow, {}), eventsOf(*workspace), &error, &control));
        QCOMPARE(error, QStringLiteral("cancelled"));
        const std::optional<StoredFit> stored = loadFit(*workspace, eventsOf(*workspace), &error);
        QVERIFY2(stored, qPrintable(error));
        compareFit(*stored, small);
        QCOMPARE(rowCount(databaseOf(*workspace), "customer_predictions"), 5);
    }

    void testFitOfOtherEventsIsNotLoaded()
    {
        QTemporaryDir dir;
        const QStringList halves = splitSeed(dir);
        auto workspace = Workspace::open(dir.filePath("w.clvdb"), nullptr);
        QVERIFY(workspace->addFiles({halves[0]}).ok());
        const LoadedEvents firstHalf = eventsOf(*workspace);
        QVERIFY(firstHalf.storedEventCount > 0);
        QString error;
        QVERIFY2(saveFit(*workspace, fitOf(m_tiny, {}), firstHalf, &error), qPrintable(error));
        QVERIFY(loadFit(*workspace, firstHalf, &error));

        LoadedEvents withoutDuplicates = firstHalf;
        withoutDuplicates.droppedDuplicates = true;
        QVERIFY(!loadFit(*workspace, withoutDuplicates, &error));
        QVERIFY(workspace->addFiles({halves[1]}).ok());
        QVERIFY(!loadFit(*workspace, eventsOf(*workspace), &error));
        QVERIFY2(error.isEmpty(), qPrintable(error)); // stale, not broken
    }

    void testVersion3WorkspaceGainsTheFitTablesAndKeepsItsData()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        const QString fresh = dir.filePath("fresh.clvdb");
        QVERIFY(Workspace::open(fresh, nullptr));
        makeSchema4Workspace(path, {kSeedInput});
        // Made as version 3 files were: without the tables of a fit.
        withRawConnection(path, [](QSqlDatabase& db) {
            QSqlQuery q(db);
            for (const QString& table : WorkspaceSchema::predictionTables())
                QVERIFY(q.exec("DROP TABLE " + table));
            QVERIFY(q.exec("UPDATE schema_info SET version = 3"));
        });
        QVERIFY(predictionSchema(path).isEmpty());

        QString error;
        auto workspace = Workspace::open(path, &error, WorkspaceOpenMode::ExistingOnly);
        QVERIFY2(workspace, qPrintable(error));
        QCOMPARE(workspace->schemaVersion(), WorkspaceSchema::kCurrentVersion);
        QCOMPARE(workspace->storedEventCount(), 556);
        const auto tables = analyseAndSave(*workspace);
        QVERIFY(tables);
        QVERIFY(textOf(*tables) == textOf(*batch({kSeedInput}, false).tables));
        QVERIFY(!loadFit(*workspace, eventsOf(*workspace), &error)); // no fit yet, and no error
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(saveFit(*workspace, fitOf(m_tiny, {}), eventsOf(*workspace), &error), qPrintable(error));
        workspace.reset();

        QCOMPARE(predictionSchema(path), predictionSchema(fresh));
        withRawConnection(path, [](QSqlDatabase& db) {
            QCOMPARE(WorkspaceSchema::storedVersion(db, nullptr), WorkspaceSchema::kCurrentVersion);
        });
    }

    void testNewerWorkspaceIsRefusedAndLeftUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.clvdb");
        QVERIFY(Workspace::open(path, nullptr));
        static constexpr int newer = WorkspaceSchema::kCurrentVersion + 1;
        withRawConnection(path, [](QSqlDatabase& db) {
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("UPDATE schema_info SET version = %1").arg(newer)));
        });
        const QByteArray before = readAll(path);
        QString error;
        WorkspaceOpenFailure failure = WorkspaceOpenFailure::None;
        QVERIFY(!Workspace::open(path, &error, WorkspaceOpenMode::ExistingOnly, &failure));
        QCOMPARE(failure, WorkspaceOpenFailure::Refused);
        QVERIFY2(error.contains(QStringLiteral("this workspace was made by a newer CLV Studio (schema %1, this program "
                                               "reads up to %2)")
                                    .arg(newer)
                                    .arg(WorkspaceSchema::kCurrentVersion)),
                 qPrintable(error));
        QCOMPARE(readAll(path), before);
    }

private:
    std::shared_ptr<const RfmSummary> m_cdnow;
    std::shared_ptr<const RfmSummary> m_tiny;
};

QTEST_GUILESS_MAIN(TestStoredPrediction)
#include "tst_storedprediction.moc"
