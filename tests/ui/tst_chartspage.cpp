#include "charts/ChartsPage.h"

#include "etl/Pipeline.h"
#include "io/EventReader.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QFile>
#include <QHorizontalBarSeries>
#include <QImage>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace clv;
using Chart = ChartsPage::Chart;

namespace {

constexpr int kWaitMs = 20000;

std::shared_ptr<const ResultTables> analyseFile(const QString& path)
{
    return Pipeline(Parameters{}).run(EventReader().read({path}).events);
}

// The seed's total spend, summed from its published visits table (amount column).
Cents publishedSeedSpend()
{
    QFile file(QStringLiteral(CLV_TEST_DATA_DIR "/seed/output_t1.txt"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    Cents total = 0;
    file.readLine(); // header
    while (!file.atEnd()) {
        const QList<QByteArray> cells = file.readLine().trimmed().split(',');
        if (cells.size() == 5)
            total += std::llround(cells[4].toDouble() * 100.0);
    }
    return total;
}

template <class T>
T* seriesNamed(ChartsPage& page, Chart chart, const QString& objectName)
{
    for (QAbstractSeries* s : page.chartView(chart)->chart()->series())
        if (s->objectName() == objectName)
            return qobject_cast<T*>(s);
    return nullptr;
}

double sumOfBars(QAbstractBarSeries* series)
{
    double sum = 0.0;
    for (QBarSet* set : series->barSets())
        for (int i = 0; i < set->count(); ++i)
            sum += set->at(i);
    return sum;
}

// The histogram's outline holds three points per bin, the middle one at the bin's count.
std::vector<qint64> drawnBinCounts(QAreaSeries* histogram)
{
    const QList<QPointF> points = histogram->upperSeries()->points();
    std::vector<qint64> counts;
    for (qsizetype i = 1; i + 1 < points.size(); i += 3)
        counts.push_back(qint64(std::llround(points[i].y())));
    return counts;
}

qint64 sum(const std::vector<qint64>& v)
{
    qint64 total = 0;
    for (qint64 x : v)
        total += x;
    return total;
}

} // namespace

class TestChartsPage : public QObject {
    Q_OBJECT

private:
    std::shared_ptr<const ResultTables> m_seed;

    // A page showing the seed, its summaries drawn.
    std::unique_ptr<ChartsPage> seedPage()
    {
        auto page = std::make_unique<ChartsPage>();
        QSignalSpy ready(page.get(), &ChartsPage::summariesReady);
        page->setResults(m_seed);
        if (!ready.wait(kWaitMs))
            return nullptr;
        return page;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_seed = analyseFile(QStringLiteral(CLV_TEST_DATA_DIR "/seed/input.txt"));
        QVERIFY(m_seed);
        QCOMPARE(m_seed->ltv.size(), std::size_t(50));
    }

    void testWeeklySpendBarsAddUpToTheSeedsPublishedSpend()
    {
        auto page = seedPage();
        QVERIFY(page);
        const Cents published = publishedSeedSpend();
        QVERIFY(published > 0);
        QCOMPARE(page->weeklySeries().totalSpendCents(), published);

        auto* bars = seriesNamed<QBarSeries>(*page, Chart::WeeklySpend, QStringLiteral("spendBars"));
        QVERIFY(bars);
        QCOMPARE(std::llround(sumOfBars(bars) * 100.0), published);
        QCOMPARE(bars->barSets().first()->count(), int(page->weeklySeries().weeks.size()));

        auto* visits = seriesNamed<QLineSeries>(*page, Chart::WeeklySpend, QStringLiteral("visitsLine"));
        QVERIFY(visits);
        double drawnVisits = 0;
        for (const QPointF& p : visits->points())
            drawnVisits += p.y();
        qint64 visitWeekSum = 0;
        for (const LtvRow& row : m_seed->ltv)
            visitWeekSum += row.visitWeekSum;
        QCOMPARE(qint64(drawnVisits), visitWeekSum);
    }

    void testHistogramCountsAddUpToTheCustomers()
    {
        auto page = seedPage();
        QVERIFY(page);
        QCOMPARE(page->histogramBins(), 30);
        QCOMPARE(page->distribution().count, 50);
        auto* histogram = seriesNamed<QAreaSeries>(*page, Chart::LtvDistribution, QStringLiteral("histogram"));
        QVERIFY(histogram);
        const auto counts = drawnBinCounts(histogram);
        QCOMPARE(counts.size(), std::size_t(30));
        QCOMPARE(sum(counts), 50);

        const std::pair<const char*, double> markers[] = {{"meanMarker", page->distribution().mean},
                                                          {"medianMarker", page->distribution().median},
                                                          {"p90Marker", page->distribution().p90}};
        for (const auto& [name, value] : markers) {
            auto* line = seriesNamed<QLineSeries>(*page, Chart::LtvDistribution, QLatin1String(name));
            QVERIFY2(line, name);
            QCOMPARE(line->count(), 2);
            QCOMPARE(line->at(0).x(), value);
            QCOMPARE(line->at(1).x(), value);
            QVERIFY(!line->name().isEmpty());
        }
    }

    void testBinsAndLogScaleRedrawTheHistogram()
    {
        auto page = seedPage();
        QVERIFY(page);
        QSignalSpy ready(page.get(), &ChartsPage::summariesReady);
        auto* bins = page->findChild<QSpinBox*>(QStringLiteral("binsSpinBox"));
        QVERIFY(bins);
        QCOMPARE(bins->minimum(), 5);
        QCOMPARE(bins->maximum(), 200);
        bins->setValue(12);
        QVERIFY(ready.wait(kWaitMs));
        QCOMPARE(page->distribution().counts.size(), std::size_t(12));
        auto* histogram = seriesNamed<QAreaSeries>(*page, Chart::LtvDistribution, QStringLiteral("histogram"));
        QVERIFY(histogram);
        QCOMPARE(drawnBinCounts(histogram).size(), std::size_t(12));
        QCOMPARE(sum(drawnBinCounts(histogram)), 50);

        auto* log = page->findChild<QCheckBox*>(QStringLiteral("logScaleCheckBox"));
        QVERIFY(log);
        log->setChecked(true);
        QVERIFY(ready.wait(kWaitMs));
        QVERIFY(page->distribution().logScale);
        histogram = seriesNamed<QAreaSeries>(*page, Chart::LtvDistribution, QStringLiteral("histogram"));
        QVERIFY(histogram);
        const auto horizontal = page->chartView(Chart::LtvDistribution)->chart()->axes(Qt::Horizontal);
        QCOMPARE(horizontal.size(), 1);
        QVERIFY(qobject_cast<QLogValueAxis*>(horizontal.first()));
        // No seed customer has an LTV of 0, so all of them are on the log axis.
        QCOMPARE(page->distribution().zeroCount, 0);
        QCOMPARE(sum(drawnBinCounts(histogram)), 50);
        QVERIFY(histogram->upperSeries()->at(0).x() > 0.0);
    }

    void testTopXBarsAreTheHighestLtvCustomers()
    {
        auto page = seedPage();
        QVERIFY(page);
        page->setTopX(3);
        auto* bars = seriesNamed<QHorizontalBarSeries>(*page, Chart::TopCustomers, QStringLiteral("topBars"));
        QVERIFY(bars);
        const auto vertical = page->chartView(Chart::TopCustomers)->chart()->axes(Qt::Vertical);
        QCOMPARE(vertical.size(), 1);
        auto* ids = qobject_cast<QBarCategoryAxis*>(vertical.first());
        QVERIFY(ids);
        QCOMPARE(ids->count(), 3);
        // The axis counts from the bottom: the highest LTV is the last category, drawn on top.
        QBarSet* values = bars->barSets().first();
        for (int rank = 0; rank < 3; ++rank) {
            const LtvRow& row = m_seed->ltv[std::size_t(rank)];
            const int at = 2 - rank;
            QCOMPARE(ids->at(at).toStdString(), std::string(m_seed->events->customerId(row.customer)));
            QVERIFY(std::fabs(values->at(at) - row.ltv) < 0.006);
        }
    }

    void testCustomerChartShowsTheSelectedCustomer()
    {
        auto page = seedPage();
        QVERIFY(page);
        QVERIFY(page->chartView(Chart::CustomerWeeks)->chart()->series().isEmpty());
        const LtvRow& row = m_seed->ltv[5];
        page->showCustomer(row.customer);
        QVERIFY(page->customerSeries().found);
        auto* bars = seriesNamed<QBarSeries>(*page, Chart::CustomerWeeks, QStringLiteral("spendBars"));
        QVERIFY(bars);
        QCOMPARE(std::llround(sumOfBars(bars) * 100.0), row.totalCents);
        QCOMPARE(bars->barSets().first()->count(), int(page->customerSeries().weeks.size()));
        page->showCustomer(0);
        QVERIFY(page->chartView(Chart::CustomerWeeks)->chart()->series().isEmpty());
    }

    void testChartSelectorSwitchesTheShownChart()
    {
        ChartsPage page;
        QCOMPARE(page.currentChart(), Chart::WeeklySpend);
        page.setCurrentChart(Chart::TopCustomers);
        QCOMPARE(page.currentChart(), Chart::TopCustomers);
    }

    void testExportsPngAndSvgAt1200x800WhenHidden()
    {
        auto page = seedPage();
        QVERIFY(page);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (Chart chart : {Chart::WeeklySpend, Chart::LtvDistribution, Chart::TopCustomers, Chart::CustomerWeeks}) {
            page->setCurrentChart(chart);
            const QString png = dir.filePath(QStringLiteral("chart%1.png").arg(int(chart)));
            QString error;
            QVERIFY2(page->exportCurrentChart(png, &error), qPrintable(error));
            QImage image(png);
            QVERIFY(!image.isNull());
            QCOMPARE(image.size(), QSize(1200, 800));

            const QString svg = dir.filePath(QStringLiteral("chart%1.svg").arg(int(chart)));
            QVERIFY2(page->exportCurrentChart(svg, &error), qPrintable(error));
            QFile file(svg);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray text = file.readAll();
            QVERIFY(text.size() > 0);
            QVERIFY(text.contains("<svg"));
        }
    }

    void testExportsAtTheOnScreenSizeWhenShown()
    {
        auto page = seedPage();
        QVERIFY(page);
        page->resize(900, 650);
        page->show();
        QVERIFY(QTest::qWaitForWindowExposed(page.get()));
        page->setCurrentChart(Chart::LtvDistribution);
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("shown.png"));
        QString error;
        QVERIFY2(page->exportCurrentChart(png, &error), qPrintable(error));
        const QImage image(png);
        QCOMPARE(image.size(), page->chartView(Chart::LtvDistribution)->size());
    }

    void testExportToAnUnwritablePathFailsInPlainWords()
    {
        auto page = seedPage();
        QVERIFY(page);
        QTemporaryDir dir;
        const QString regularFile = dir.filePath(QStringLiteral("not-a-folder"));
        QFile file(regularFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("x");
        file.close();
        QString error;
        QVERIFY(!page->exportCurrentChart(regularFile + QStringLiteral("/chart.png"), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(error.contains(QStringLiteral("chart.png")));
        error.clear();
        QVERIFY(!page->exportCurrentChart(regularFile + QStringLiteral("/chart.svg"), &error));
        QVERIFY(!error.isEmpty());
    }

    void testUnknownSuffixIsRefused()
    {
        auto page = seedPage();
        QVERIFY(page);
        QTemporaryDir dir;
        QString error;
        QVERIFY(!page->exportCurrentChart(dir.filePath(QStringLiteral("chart.jpg")), &error));
        QVERIFY(error.contains(QStringLiteral(".png")));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("chart.jpg"))));
    }

    void testNullResultsClearTheCharts()
    {
        auto page = seedPage();
        QVERIFY(page);
        QSignalSpy ready(page.get(), &ChartsPage::summariesReady);
        page->setResults(nullptr);
        QCOMPARE(ready.count(), 1);
        QVERIFY(page->weeklySeries().weeks.empty());
        QCOMPARE(page->distribution().count, 0);
        QVERIFY(page->topCustomerList().empty());
        QVERIFY(page->chartView(Chart::WeeklySpend)->chart()->series().isEmpty());
    }

    void testLaterResultsReplaceEarlierOnesStillComputing()
    {
        const auto small = Pipeline(Parameters{}).run(
            EventReader()
                .readText(R"({"type": "SITE_VISIT", "verb": "NEW", "key": "p", "event_time": "2024-01-03T10:00:00Z", "customer_id": "solo"})"
                          "\n",
                          QStringLiteral("t.jsonl"))
                .events);
        ChartsPage page;
        QSignalSpy ready(&page, &ChartsPage::summariesReady);
        page.setResults(small);
        page.setResults(m_seed);
        QVERIFY(ready.wait(kWaitMs));
        QTest::qWait(200);
        QCOMPARE(ready.count(), 1);
        QCOMPARE(page.distribution().count, 50);
        QCOMPARE(page.weeklySeries().totalSpendCents(), publishedSeedSpend());
    }
};

QTEST_MAIN(TestChartsPage)
#include "tst_chartspage.moc"
