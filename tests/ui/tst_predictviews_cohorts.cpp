// The Cohorts and Segments pages offscreen, fed a purchase overview built by hand: their
// tables under QAbstractItemModelTester, the week/month switch, the empty state, and chart
// export to PNG and SVG.
#include "io/EventTime.h"
#include "predict/CohortTableModel.h"
#include "predict/CohortsPage.h"
#include "predict/SegmentTableModel.h"
#include "predict/SegmentsPage.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <functional>

using namespace clv;

namespace {

PurchaseDay bought(int y, unsigned m, unsigned d, Cents cents)
{
    return {daysFromCivil(y, m, d), cents};
}

// What buildPurchaseOverview would hold for five customers across a year end, month ends and
// the 2024 leap day; the segments as of the last purchase day, Friday 15 March 2024.
std::shared_ptr<const PurchaseOverview> handMadeOverview()
{
    auto o = std::make_shared<PurchaseOverview>();
    o->history.customers = {
        {"a", {bought(2023, 12, 31, 1000), bought(2024, 1, 1, 500), bought(2024, 2, 29, 2000)}},
        {"b", {bought(2024, 1, 1, 700), bought(2024, 1, 7, 300), bought(2024, 1, 31, 400)}},
        {"c", {bought(2024, 2, 1, 10000)}},
        {"d", {bought(2024, 3, 1, 100)}},
        {"e", {bought(2024, 1, 15, 200), bought(2024, 3, 15, 300)}},
    };
    o->history.purchases = 10;
    o->firstDay = daysFromCivil(2023, 12, 31);
    o->lastDay = daysFromCivil(2024, 3, 15);
    o->weeklyCohorts = cohortsOf(o->history, CohortPeriod::Week);
    o->monthlyCohorts = cohortsOf(o->history, CohortPeriod::Month);
    o->segments = segmentCustomers(o->history, o->lastDay);
    o->seedLtv.assign(o->history.customers.size(), std::nan(""));
    return o;
}

QString text(const QAbstractItemModel& model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

QBarSet* firstSetOf(const QChartView* view, const char* seriesName)
{
    for (QAbstractSeries* s : view->chart()->series())
        if (s->objectName() == QLatin1String(seriesName))
            if (auto* bars = qobject_cast<QBarSeries*>(s); bars && !bars->barSets().isEmpty())
                return bars->barSets().first();
    return nullptr;
}

bool exportsNonEmpty(const std::function<bool(const QString&, QString*)>& save, const QString& path)
{
    QString error;
    if (!save(path, &error)) {
        qWarning() << error;
        return false;
    }
    return QFileInfo(path).size() > 0;
}

} // namespace

class TestPredictViewsCohorts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testEmptyPagesSaySoInPlainWords()
    {
        CohortsPage cohorts;
        SegmentsPage segments;
        cohorts.show();
        segments.show();
        auto* cohortMessage = cohorts.findChild<QLabel*>(QStringLiteral("cohortsEmptyMessage"));
        auto* segmentMessage = segments.findChild<QLabel*>(QStringLiteral("segmentsEmptyMessage"));
        QVERIFY(cohortMessage && segmentMessage);
        QVERIFY(cohortMessage->isVisible());
        QVERIFY(segmentMessage->isVisible());
        QCOMPARE(cohortMessage->text(), QStringLiteral("Open event files or transactions to see cohorts."));
        QCOMPARE(cohorts.model()->rowCount(), 0);
        QCOMPARE(segments.model()->rowCount(), 0);

        // Data in, then cleared again.
        cohorts.setOverview(handMadeOverview());
        QVERIFY(!cohortMessage->isVisible());
        QVERIFY(cohorts.findChild<QTableView*>(QStringLiteral("cohortTable"))->isVisible());
        cohorts.setOverview(nullptr);
        QVERIFY(cohortMessage->isVisible());
        QCOMPARE(cohorts.model()->rowCount(), 0);
        QCOMPARE(cohorts.model()->columnCount(), 0);
    }

    void testSwitchingWeekToMonthChangesTheHeatmap()
    {
        CohortsPage page;
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.show();
        page.setOverview(handMadeOverview());
        const CohortTableModel& model = *page.model();
        QCOMPARE(page.period(), CohortPeriod::Week);
        // Five weekly cohorts; the first reaches from the week of 25 Dec to that of 11 Mar.
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.columnCount(), 2 + 12);
        QCOMPARE(text(model, 0, 0), QStringLiteral("2023-12-25"));
        QCOMPARE(model.headerData(2 + 9, Qt::Horizontal).toString(), QStringLiteral("Week 9"));
        QCOMPARE(text(model, 0, 2 + 9), QStringLiteral("100.0%")); // a on the leap day
        QCOMPARE(text(model, 0, 2 + 8), QStringLiteral("0.0%"));
        QVERIFY(!model.data(model.index(4, 2 + 3)).isValid()); // after the data's last week

        auto* selector = page.findChild<QComboBox*>(QStringLiteral("cohortPeriodSelector"));
        QVERIFY(selector);
        QSignalSpy changed(&page, &CohortsPage::periodChanged);
        selector->setCurrentIndex(selector->findData(int(CohortPeriod::Month)));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(page.period(), CohortPeriod::Month);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), 2 + 4);
        QCOMPARE(model.headerData(2 + 2, Qt::Horizontal).toString(), QStringLiteral("Month 2"));
        // January's cohort: b and e; only e buys again, in March.
        QCOMPARE(text(model, 1, 0), QStringLiteral("2024-01-01"));
        QCOMPARE(text(model, 1, 1), QStringLiteral("2"));
        QCOMPARE(text(model, 1, 2 + 1), QStringLiteral("0.0%"));
        QCOMPARE(text(model, 1, 2 + 2), QStringLiteral("50.0%"));
        QCOMPARE(model.data(model.index(1, 2 + 2), CohortTableModel::RetentionRole).toDouble(), 0.5);
        // The heatmap: none is white, half lies between white and the full shade of 100 %.
        const auto shade = [&](int row, int column) {
            return model.data(model.index(row, column), Qt::BackgroundRole).value<QColor>();
        };
        QCOMPARE(shade(1, 2 + 1), QColor(Qt::white));
        const QColor half = shade(1, 2 + 2), full = shade(0, 2 + 1);
        QVERIFY(full != QColor(Qt::white));
        QVERIFY(half.red() < 255 && half.red() > full.red());
        QVERIFY(!model.data(model.index(3, 2 + 1)).isValid()); // March has no later month

        // The chart follows: monthly revenue of the four cohorts, $35, $19, $100, $1.
        auto* view = page.findChild<QChartView*>(QStringLiteral("cohortChartView"));
        QBarSet* revenue = firstSetOf(view, "cohortRevenueBars");
        QVERIFY(revenue);
        QCOMPARE(revenue->count(), 4);
        QCOMPARE(revenue->at(0), 35.0);
        QCOMPARE(revenue->at(1), 19.0);
        QCOMPARE(revenue->at(2), 100.0);
        QCOMPARE(revenue->at(3), 1.0);

        page.setPeriod(CohortPeriod::Week);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(firstSetOf(view, "cohortRevenueBars")->count(), 5);
    }

    // As of 15 March: recency a 15, b 44, c 43, d 14, e 0 days; purchase days 3, 3, 1, 1, 2;
    // spend $35, $14, $100, $1, $5. Scores (R, F, M): a (3, 4, 4) loyal, b (1, 4, 3) and
    // c (2, 1, 5) at risk, d (4, 1, 1) new, e (5, 3, 2) potential loyalist.
    void testSegmentTableFromTheOverview()
    {
        SegmentsPage page;
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.setOverview(handMadeOverview());
        const SegmentTableModel& model = *page.model();
        QCOMPARE(model.rowCount(), kRfmSegments);
        QCOMPARE(model.columnCount(), int(SegmentTableModel::ColumnCount));
        const int atRisk = int(RfmSegment::AtRisk);
        QCOMPARE(text(model, atRisk, SegmentTableModel::SegmentColumn), QStringLiteral("At risk"));
        QCOMPARE(text(model, atRisk, SegmentTableModel::CustomersColumn), QStringLiteral("2"));
        QCOMPARE(text(model, atRisk, SegmentTableModel::CustomerShareColumn), QStringLiteral("40.0%"));
        QCOMPARE(text(model, atRisk, SegmentTableModel::RevenueColumn), QStringLiteral("$114.00"));
        QCOMPARE(text(model, atRisk, SegmentTableModel::RevenueShareColumn), QStringLiteral("73.5%"));
        QCOMPARE(text(model, atRisk, SegmentTableModel::MeanRecencyColumn), QStringLiteral("43.5 days"));
        QCOMPARE(text(model, atRisk, SegmentTableModel::MeanFrequencyColumn), QStringLiteral("2.00"));
        QCOMPARE(text(model, atRisk, SegmentTableModel::MeanMonetaryColumn), QStringLiteral("$57.00"));
        QCOMPARE(text(model, int(RfmSegment::Loyal), SegmentTableModel::CustomersColumn), QStringLiteral("1"));
        QCOMPARE(text(model, int(RfmSegment::New), SegmentTableModel::RevenueColumn), QStringLiteral("$1.00"));
        QCOMPARE(text(model, int(RfmSegment::PotentialLoyalists), SegmentTableModel::MeanRecencyColumn),
                 QStringLiteral("0.0 days"));
        // Nobody is a champion: a count of 0 and no means.
        const int champions = int(RfmSegment::Champions);
        QCOMPARE(text(model, champions, SegmentTableModel::CustomersColumn), QStringLiteral("0"));
        QVERIFY(!model.data(model.index(champions, SegmentTableModel::MeanRecencyColumn)).isValid());

        page.show();
        // The chart is built on the turn after the page comes into view.
        const auto* view = page.findChild<QChartView*>(QStringLiteral("segmentChartView"));
        QTRY_VERIFY(firstSetOf(view, "segmentShareBars"));
        QBarSet* customers = firstSetOf(view, "segmentShareBars");
        QCOMPARE(customers->count(), kRfmSegments);
        QCOMPARE(customers->at(atRisk), 40.0);

        page.setOverview(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void testChartsExportAsPngAndSvg()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        CohortsPage cohorts;
        SegmentsPage segments;
        cohorts.setOverview(handMadeOverview());
        segments.setOverview(handMadeOverview());
        const auto saveCohorts = [&](const QString& p, QString* e) { return cohorts.exportCurrentChart(p, e); };
        const auto saveSegments = [&](const QString& p, QString* e) { return segments.exportCurrentChart(p, e); };
        // Hidden pages export at the default size; shown ones at their own.
        QVERIFY(exportsNonEmpty(saveCohorts, dir.filePath(QStringLiteral("cohorts-hidden.png"))));
        QVERIFY(exportsNonEmpty(saveSegments, dir.filePath(QStringLiteral("segments-hidden.svg"))));
        cohorts.resize(900, 700);
        segments.resize(900, 700);
        cohorts.show();
        segments.show();
        QVERIFY(exportsNonEmpty(saveCohorts, dir.filePath(QStringLiteral("cohorts.svg"))));
        QVERIFY(exportsNonEmpty(saveSegments, dir.filePath(QStringLiteral("segments.png"))));
        // An empty page exports its sentence.
        cohorts.setOverview(nullptr);
        QVERIFY(exportsNonEmpty(saveCohorts, dir.filePath(QStringLiteral("cohorts-empty.png"))));

        QString error;
        QVERIFY(!cohorts.exportCurrentChart(dir.filePath(QStringLiteral("cohorts.bmpx")), &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_MAIN(TestPredictViewsCohorts)
#include "tst_predictviews_cohorts.moc"
