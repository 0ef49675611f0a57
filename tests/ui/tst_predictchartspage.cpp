// The Predict charts page, offscreen, over a real fit of the CDNOW sample.
#include "../unit/PredictTestData.h"
#include "predict/HeatmapChart.h"
#include "predict/PredictChartsPage.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QImage>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace clv;
using Chart = PredictChartsPage::Chart;

namespace {

constexpr int kWaitMs = 30000;

QChart* shownChart(PredictChartsPage& page, Chart chart)
{
    page.show();
    page.setCurrentChart(chart);
    const auto views = page.findChildren<QChartView*>();
    for (QChartView* view : views)
        if (view->isVisible())
            return view->chart();
    return nullptr;
}

template <class T>
T* seriesNamed(QChart* chart, const QString& name)
{
    for (QAbstractSeries* s : chart ? chart->series() : QList<QAbstractSeries*>{})
        if (s->objectName() == name)
            return qobject_cast<T*>(s);
    return nullptr;
}

QList<QGraphicsRectItem*> cellsOf(QChart* chart)
{
    QList<QGraphicsRectItem*> cells;
    for (QGraphicsItem* item : chart->childItems())
        if (auto* rect = dynamic_cast<QGraphicsRectItem*>(item); rect && rect->data(kHeatmapRole) == "cell")
            cells << rect;
    return cells;
}

// The sentences a chart shows in place of figures (not the heatmap scale's numbers).
QStringList messagesOf(QChart* chart)
{
    QStringList texts;
    for (QGraphicsItem* item : chart->childItems())
        if (auto* text = dynamic_cast<QGraphicsSimpleTextItem*>(item); text && !text->data(kHeatmapRole).isValid())
            texts << text->text();
    return texts;
}

// The row of a customer with at least `purchases` repeat purchases.
std::size_t frequentCustomer(const PredictResult& result, double purchases)
{
    const auto& customers = result.run.summary->customers;
    for (std::size_t i = 0; i < customers.size(); ++i)
        if (customers[i].x >= purchases)
            return i;
    return 0;
}

} // namespace

class TestPredictChartsPage : public QObject {
    Q_OBJECT

private:
    std::shared_ptr<const PredictResult> m_fit;

    // A page of the fit, its figures drawn, a frequent buyer chosen.
    std::unique_ptr<PredictChartsPage> fitPage()
    {
        auto page = std::make_unique<PredictChartsPage>();
        page->resize(1000, 700);
        page->show();
        QSignalSpy ready(page.get(), &PredictChartsPage::summariesReady);
        page->setResult(m_fit);
        if (!ready.wait(kWaitMs))
            return nullptr;
        page->showCustomer(frequentCustomer(*m_fit, 5));
        if (!ready.wait(kWaitMs))
            return nullptr;
        return page;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fit = test::cdnowSampleFit({ModelKind::BgNbd, ModelKind::ParetoNbd, ModelKind::GammaGamma});
        QVERIFY(m_fit->run.predictedWith);
        QCOMPARE(m_fit->customerCount(), std::size_t(2357));
    }

    void testEveryChartExportsAsPngAndSvg()
    {
        auto page = fitPage();
        QVERIFY(page);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (int i = 0; i < PredictChartsPage::kChartCount; ++i) {
            const auto chart = static_cast<Chart>(i);
            QChart* drawn = shownChart(*page, chart);
            QVERIFY(drawn);
            QCOMPARE(page->currentChart(), chart);
            QVERIFY2(messagesOf(drawn).isEmpty(), qPrintable(messagesOf(drawn).join('|')));
            QVERIFY(!drawn->series().isEmpty());
            QString error;
            const QString png = dir.filePath(QStringLiteral("chart%1.png").arg(i));
            const QString svg = dir.filePath(QStringLiteral("chart%1.svg").arg(i));
            QVERIFY2(page->exportCurrentChart(png, &error), qPrintable(error));
            QVERIFY2(page->exportCurrentChart(svg, &error), qPrintable(error));
            const QImage image(png);
            QVERIFY(!image.isNull());
            QVERIFY(image.width() >= 320 && image.height() >= 240);
            // Something besides the white background was drawn in the middle of the plot.
            bool coloured = false;
            for (int y = image.height() / 4; y < image.height() * 3 / 4 && !coloured; y += 3)
                for (int x = image.width() / 4; x < image.width() * 3 / 4 && !coloured; x += 3)
                    coloured = image.pixelColor(x, y) != QColor(Qt::white);
            QVERIFY2(coloured, qPrintable(QString::number(i)));
            QFile file(svg);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(file.readAll().contains("<svg"));
        }
    }

    void testTrackingMarksTheCalibrationEnd()
    {
        auto page = fitPage();
        QVERIFY(page);
        QChart* chart = shownChart(*page, Chart::Tracking);
        auto* marker = seriesNamed<QLineSeries>(chart, QStringLiteral("calibrationEnd"));
        QVERIFY(marker);
        // 1997-01-01 to 1997-09-30: the calibration ends with week 39.
        QCOMPARE(marker->at(0).x(), 39.0);
        QVERIFY(marker->name().contains(QStringLiteral("week 39")));
        auto* actual = seriesNamed<QLineSeries>(chart, QStringLiteral("actual"));
        QVERIFY(actual);
        QCOMPARE(actual->count(), int(m_fit->run.tracking.size()));
        QVERIFY(seriesNamed<QLineSeries>(chart, QStringLiteral("expected_pnbd")));
    }

    void testHeatmapCellsCoverThePlotInTheModelsColours()
    {
        auto page = fitPage();
        QVERIFY(page);
        const FrequencyRecencyGrid grid = frequencyRecencyGrid(m_fit->run);
        QChart* chart = shownChart(*page, Chart::AliveHeatmap);
        const QList<QGraphicsRectItem*> cells = cellsOf(chart);
        QCOMPARE(std::size_t(cells.size()), grid.pAlive.size());
        const QRectF plot = chart->plotArea().adjusted(-1, -1, 1, 1);
        for (std::size_t i = 0; i < grid.pAlive.size(); ++i) {
            QVERIFY(plot.contains(cells[qsizetype(i)]->rect()));
            QCOMPARE(cells[qsizetype(i)]->brush().color(), heatmapColor(grid.pAlive[i]));
        }
        // Frequency grows upwards, recency to the right.
        const QRectF origin = cells.first()->rect();
        QVERIFY(cells[qsizetype(grid.cell(1, 0))]->rect().center().y() < origin.center().y());
        QVERIFY(cells[qsizetype(grid.cell(0, 1))]->rect().center().x() > origin.center().x());
    }

    void testCustomerChartMarksTheirPurchases()
    {
        auto page = fitPage();
        QVERIFY(page);
        const std::size_t row = frequentCustomer(*m_fit, 5);
        QChart* chart = shownChart(*page, Chart::CustomerAlive);
        auto* purchases = seriesNamed<QScatterSeries>(chart, QStringLiteral("purchases"));
        QVERIFY(purchases);
        QCOMPARE(double(purchases->count()), m_fit->run.summary->customers[row].x);
        auto* alive = seriesNamed<QLineSeries>(chart, QStringLiteral("pAlive"));
        QVERIFY(alive);
        QVERIFY(std::abs(alive->points().last().y() - m_fit->run.predictions[row].pAlive) < 1e-12);
        QVERIFY(chart->title().contains(QString::fromStdString(m_fit->run.summary->customers[row].id)));
    }

    void testScatterSaysHowManyAreShown()
    {
        auto page = fitPage();
        QVERIFY(page);
        const ClvScatter scatter = clvScatter(*m_fit);
        QChart* chart = shownChart(*page, Chart::ClvScatter);
        auto* points = seriesNamed<QScatterSeries>(chart, QStringLiteral("customers"));
        QVERIFY(points);
        QCOMPARE(std::size_t(points->count()), scatter.shown());
        const QLocale english(QLocale::English, QLocale::UnitedStates);
        QVERIFY2(chart->title().contains(
                     QStringLiteral("%1 of %2 customers shown")
                         .arg(english.toString(qint64(scatter.shown())), english.toString(scatter.eligible))),
                 qPrintable(chart->title()));
        QVERIFY(points->name().contains(QStringLiteral("without a seed LTV")));
    }

    void testNullClearsWithASentence()
    {
        auto page = fitPage();
        QVERIFY(page);
        QSignalSpy ready(page.get(), &PredictChartsPage::summariesReady);
        page->setResult(nullptr);
        QCOMPARE(ready.count(), 1); // nothing to compute: cleared at once
        for (Chart chart : {Chart::Tracking, Chart::ExpectedHeatmap, Chart::CustomerAlive}) {
            QChart* drawn = shownChart(*page, chart);
            QVERIFY(drawn->series().isEmpty());
            QCOMPARE(messagesOf(drawn).size(), 1);
        }
        QString error;
        QTemporaryDir dir;
        QVERIFY2(page->exportCurrentChart(dir.filePath(QStringLiteral("empty.png")), &error), qPrintable(error));
        QVERIFY(!page->exportCurrentChart(dir.filePath(QStringLiteral("chart.bmp")), &error));
        QVERIFY(error.contains(QStringLiteral(".png or .svg")));
    }

    void testHiddenPageExportsTheHeatmapAtTheDefaultSize()
    {
        // Never shown: the chart is built for the export and laid out at 1200 x 800, and the
        // cells must follow that layout rather than stay where an unsized chart put them.
        PredictChartsPage page;
        QSignalSpy ready(&page, &PredictChartsPage::summariesReady);
        page.setResult(m_fit);
        QVERIFY(ready.wait(kWaitMs));
        page.setCurrentChart(Chart::AliveHeatmap);
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("heatmap.png"));
        QString error;
        QVERIFY2(page.exportCurrentChart(png, &error), qPrintable(error));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1200, 800));
        // The grid's top right cell (most repeat purchases, most recent) is drawn in its colour
        // a little inside the plot's top right corner.
        const FrequencyRecencyGrid grid = frequencyRecencyGrid(m_fit->run);
        auto* view = page.findChild<QChartView*>(QStringLiteral("aliveHeatmapView"));
        QVERIFY(view && view->chart());
        const QList<QGraphicsRectItem*> cells = cellsOf(view->chart());
        QCOMPARE(std::size_t(cells.size()), grid.pAlive.size());
        const QColor expected = heatmapColor(grid.pAlive.back());
        bool found = false;
        for (int y = 0; y < image.height() / 3 && !found; y += 2)
            for (int x = image.width() / 2; x < image.width() && !found; x += 2)
                found = image.pixel(x, y) == expected.rgb(); // 8 bits a channel, as drawn
        QVERIFY(found);
    }

    void testCustomerChartAsksForAChoiceUntilOneIsMade()
    {
        auto page = std::make_unique<PredictChartsPage>();
        QSignalSpy ready(page.get(), &PredictChartsPage::summariesReady);
        page->setResult(m_fit);
        QVERIFY(ready.wait(kWaitMs));
        QChart* chart = shownChart(*page, Chart::CustomerAlive);
        QVERIFY(chart->series().isEmpty());
        QVERIFY(messagesOf(chart).join(' ').contains(QStringLiteral("Choose a customer")));
    }
};

QTEST_MAIN(TestPredictChartsPage)
#include "tst_predictchartspage.moc"
