#include "charts/ChartsPage.h"
#include "etl/Pipeline.h"
#include "io/EventReader.h"
#include "summary/ChartSummaries.h"

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
#include <QLocale>
#include <QLogValueAxis>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <tuple>

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

const char* viewName(Chart chart)
{
    switch (chart) {
    case Chart::WeeklySpend: return "weeklySpendView";
    case Chart::LtvDistribution: return "ltvDistributionView";
    case Chart::TopCustomers: return "topCustomersView";
    case Chart::CustomerWeeks: return "customerWeeksView";
    }
    return "";
}

QChartView* viewOf(ChartsPage& page, Chart chart)
{
    return page.findChild<QChartView*>(QLatin1String(viewName(chart)));
}

// The chart as a user sees it: the page shows a chart only once it is on screen and
// chosen, so the tests look at it the same way. The page replaces a chart wholesale when
// its figures change, so ask again after every change.
QChart* shownChart(ChartsPage& page, Chart chart)
{
    page.show();
    page.setCurrentChart(chart);
    QChartView* view = viewOf(page, chart);
    return view ? view->chart() : nullptr;
}

template <class T>
T* seriesNamed(ChartsPage& page, Chart chart, const QString& objectName)
{
    QChart* drawn = shownChart(page, chart);
    if (!drawn)
        return nullptr;
    for (QAbstractSeries* s : drawn->series())
        if (s->objectName() == objectName)
            return qobject_cast<T*>(s);
    return nullptr;
}

// Money as the charts write it in titles and legends: US dollars, thousands separated,
// two decimals.
QString dollarText(double dollars)
{
    return QLatin1Char('$') + QLocale(QLocale::English, QLocale::UnitedStates).toString(dollars, 'f', 2);
}

QString dollarText(Cents cents)
{
    return dollarText(double(cents) / 100.0);
}

QString customerIdText(const ResultTables& results, std::uint32_t customer)
{
    return QString::fromStdString(std::string(results.events->customerId(customer)));
}

// The results' LTVs, ascending, read from the tables rather than from the page.
std::vector<double> sortedLtvs(const ResultTables& results)
{
    std::vector<double> values;
    for (const LtvRow& row : results.ltv)
        values.push_back(row.ltv);
    std::sort(values.begin(), values.end());
    return values;
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

        auto* bars = seriesNamed<QBarSeries>(*page, Chart::WeeklySpend, QStringLiteral("spendBars"));
        QVERIFY(bars);
        QCOMPARE(std::llround(sumOfBars(bars) * 100.0), published);
        // The title states the total too, summed by the page rather than from the bars.
        const QString title = shownChart(*page, Chart::WeeklySpend)->title();
        QVERIFY2(title.endsWith(QStringLiteral(" · total ") + dollarText(published)), qPrintable(title));

        // One bar per calendar week, empty weeks included, which only core's weekly totals
        // know how to lay out; each bar is its week's spend, the x axis spans them all.
        const CalendarWeekSeries expected = weeklyTotals(*m_seed);
        QVERIFY(!expected.weeks.empty());
        QBarSet* spend = bars->barSets().first();
        QCOMPARE(spend->count(), int(expected.weeks.size()));
        for (int i = 0; i < spend->count(); ++i)
            QCOMPARE(std::llround(spend->at(i) * 100.0), expected.weeks[std::size_t(i)].spendCents);
        const auto horizontal = shownChart(*page, Chart::WeeklySpend)->axes(Qt::Horizontal);
        QCOMPARE(horizontal.size(), 1);
        auto* weeksAxis = qobject_cast<QValueAxis*>(horizontal.first());
        QVERIFY(weeksAxis);
        QCOMPARE(weeksAxis->max(), double(expected.weeks.size()) - 0.5);

        auto* visits = seriesNamed<QLineSeries>(*page, Chart::WeeklySpend, QStringLiteral("visitsLine"));
        QVERIFY(visits);
        QCOMPARE(visits->count(), int(expected.weeks.size()));
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
        const QString title = shownChart(*page, Chart::LtvDistribution)->title();
        QVERIFY2(title.endsWith(QStringLiteral(" · 50 customers · 30 bins")), qPrintable(title));
        auto* histogram = seriesNamed<QAreaSeries>(*page, Chart::LtvDistribution, QStringLiteral("histogram"));
        QVERIFY(histogram);
        const auto counts = drawnBinCounts(histogram);
        QCOMPARE(counts.size(), std::size_t(30));
        QCOMPARE(sum(counts), 50);

        // The bins run from the least LTV to the greatest.
        const std::vector<double> ltvs = sortedLtvs(*m_seed);
        const std::size_t n = ltvs.size();
        QCOMPARE(histogram->upperSeries()->points().first().x(), ltvs.front());
        QCOMPARE(histogram->upperSeries()->points().last().x(), ltvs.back());

        // The markers stand at figures worked out here from the results, not by the page:
        // the mean in the table's order, the median of an even count as the mean of the two
        // middle values, p90 by nearest rank (rank ceil(0.9 n), 1-based).
        double total = 0.0;
        for (const LtvRow& row : m_seed->ltv)
            total += row.ltv;
        const double mean = total / double(n);
        const double median = n % 2 ? ltvs[n / 2] : (ltvs[n / 2 - 1] + ltvs[n / 2]) / 2.0;
        const double p90 = ltvs[(9 * n + 9) / 10 - 1];
        const std::tuple<const char*, const char*, double> markers[] = {{"meanMarker", "Mean", mean},
                                                                        {"medianMarker", "Median", median},
                                                                        {"p90Marker", "p90", p90}};
        for (const auto& [name, label, value] : markers) {
            auto* line = seriesNamed<QLineSeries>(*page, Chart::LtvDistribution, QLatin1String(name));
            QVERIFY2(line, name);
            QCOMPARE(line->count(), 2);
            QCOMPARE(line->at(0).x(), value);
            QCOMPARE(line->at(1).x(), value);
            QCOMPARE(line->name(), QLatin1String(label) + QLatin1Char(' ') + dollarText(value));
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
        QString title = shownChart(*page, Chart::LtvDistribution)->title();
        QVERIFY2(title.endsWith(QStringLiteral(" · 50 customers · 12 bins")), qPrintable(title));
        auto* histogram = seriesNamed<QAreaSeries>(*page, Chart::LtvDistribution, QStringLiteral("histogram"));
        QVERIFY(histogram);
        QCOMPARE(drawnBinCounts(histogram).size(), std::size_t(12));
        QCOMPARE(sum(drawnBinCounts(histogram)), 50);

        auto* log = page->findChild<QCheckBox*>(QStringLiteral("logScaleCheckBox"));
        QVERIFY(log);
        log->setChecked(true);
        QVERIFY(ready.wait(kWaitMs));
        histogram = seriesNamed<QAreaSeries>(*page, Chart::LtvDistribution, QStringLiteral("histogram"));
        QVERIFY(histogram);
        const auto horizontal = shownChart(*page, Chart::LtvDistribution)->axes(Qt::Horizontal);
        QCOMPARE(horizontal.size(), 1);
        QVERIFY(qobject_cast<QLogValueAxis*>(horizontal.first()));
        QCOMPARE(horizontal.first()->titleText(), QStringLiteral("LTV (USD, log scale)"));
        // No seed customer has an LTV of 0, so all of them are on the log axis and the title
        // counts none left off it.
        const auto zeros = std::count_if(m_seed->ltv.begin(), m_seed->ltv.end(),
                                         [](const LtvRow& row) { return row.ltv == 0.0; });
        QCOMPARE(zeros, std::ptrdiff_t(0));
        title = shownChart(*page, Chart::LtvDistribution)->title();
        QVERIFY2(title.endsWith(QStringLiteral(" · 50 customers · 12 bins")), qPrintable(title));
        QCOMPARE(sum(drawnBinCounts(histogram)), 50);
        QVERIFY(histogram->upperSeries()->at(0).x() > 0.0);
        QCOMPARE(histogram->upperSeries()->at(0).x(), sortedLtvs(*m_seed).front());
    }

    void testTopXBarsAreTheHighestLtvCustomers()
    {
        auto page = seedPage();
        QVERIFY(page);
        page->setTopX(3);
        auto* bars = seriesNamed<QHorizontalBarSeries>(*page, Chart::TopCustomers, QStringLiteral("topBars"));
        QVERIFY(bars);
        QCOMPARE(shownChart(*page, Chart::TopCustomers)->title(), QStringLiteral("Top 3 customers by LTV"));
        const auto vertical = shownChart(*page, Chart::TopCustomers)->axes(Qt::Vertical);
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
        QVERIFY(shownChart(*page, Chart::CustomerWeeks)->series().isEmpty());
        const LtvRow& row = m_seed->ltv[5];
        page->showCustomer(row.customer);
        // The customer was found: the chart draws their weeks under their id, not a message.
        const QString title = shownChart(*page, Chart::CustomerWeeks)->title();
        QVERIFY2(title.startsWith(QStringLiteral("Customer ") + customerIdText(*m_seed, row.customer)
                                  + QStringLiteral(" · weekly spend · total ")),
                 qPrintable(title));
        QVERIFY2(title.endsWith(dollarText(row.totalCents)), qPrintable(title));
        auto* bars = seriesNamed<QBarSeries>(*page, Chart::CustomerWeeks, QStringLiteral("spendBars"));
        QVERIFY(bars);
        QCOMPARE(std::llround(sumOfBars(bars) * 100.0), row.totalCents);

        // A bar per week from the customer's week 0 to their last week with activity, each the
        // weekly table's spend for the week (0 where the customer has no row).
        std::vector<Cents> weekly;
        for (std::size_t r = 0; r < m_seed->weekly.size(); ++r) {
            if (m_seed->weekly.customer[r] != row.customer)
                continue;
            const auto week = std::size_t(m_seed->weekly.weekId[r]);
            weekly.resize(std::max(weekly.size(), week + 1), 0);
            weekly[week] = m_seed->weekly.amountCents[r];
        }
        QVERIFY(!weekly.empty());
        QBarSet* spend = bars->barSets().first();
        QCOMPARE(spend->count(), int(weekly.size()));
        for (int i = 0; i < spend->count(); ++i)
            QCOMPARE(std::llround(spend->at(i) * 100.0), weekly[std::size_t(i)]);

        page->showCustomer(0);
        QChart* cleared = shownChart(*page, Chart::CustomerWeeks);
        QVERIFY(cleared->series().isEmpty());
        QCOMPARE(cleared->title(), QStringLiteral("Customer weekly spend"));
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
        QChartView* view = viewOf(*page, Chart::LtvDistribution);
        QVERIFY(view);
        QCOMPARE(image.size(), view->size());
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
        // Drawn first, so that clearing has something to take away.
        const std::pair<Chart, QString> charts[] = {{Chart::WeeklySpend, QStringLiteral("Weekly spend and visits")},
                                                    {Chart::LtvDistribution, QStringLiteral("LTV distribution")},
                                                    {Chart::TopCustomers, QStringLiteral("Top customers by LTV")}};
        for (const auto& [chart, plainTitle] : charts)
            QVERIFY(!shownChart(*page, chart)->series().isEmpty());
        QSignalSpy ready(page.get(), &ChartsPage::summariesReady);
        page->setResults(nullptr);
        QCOMPARE(ready.count(), 1);
        // No weeks, no customers binned, none ranked: each chart has only its plain title.
        for (const auto& [chart, plainTitle] : charts) {
            QChart* drawn = shownChart(*page, chart);
            QVERIFY(drawn);
            QVERIFY(drawn->series().isEmpty());
            QVERIFY(drawn->axes().isEmpty());
            QCOMPARE(drawn->title(), plainTitle);
        }
    }

    void testLaterResultsReplaceEarlierOnesStillComputing()
    {
        const auto small
            = Pipeline(Parameters{})
                  .run(
                      EventReader()
                          .readText(
                              R"({"type": "SITE_VISIT", "verb": "NEW", "key": "p", "event_time": "2024-01-03T10:00:00Z", "customer_id": "solo"})"
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
        const QString title = shownChart(page, Chart::LtvDistribution)->title();
        QVERIFY2(title.endsWith(QStringLiteral(" · 50 customers · 30 bins")), qPrintable(title));
        auto* histogram = seriesNamed<QAreaSeries>(page, Chart::LtvDistribution, QStringLiteral("histogram"));
        QVERIFY(histogram);
        QCOMPARE(sum(drawnBinCounts(histogram)), 50);
        auto* bars = seriesNamed<QBarSeries>(page, Chart::WeeklySpend, QStringLiteral("spendBars"));
        QVERIFY(bars);
        QCOMPARE(std::llround(sumOfBars(bars) * 100.0), publishedSeedSpend());
    }
};

QTEST_MAIN(TestChartsPage)
#include "tst_chartspage.moc"
