#include "predict/SegmentsPage.h"

#include "charts/ChartExporter.h"
#include "charts/ChartStyle.h"
#include "predict/SegmentCharts.h"
#include "predict/SegmentTableModel.h"

#include <QChart>
#include <QChartView>
#include <QDate>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace clv {

namespace {

constexpr QSize kHiddenExportSize{1200, 800};
constexpr qint64 kJulianDayOfEpoch = 2440588; // QDate's day number of 1970-01-01

} // namespace

SegmentsPage::SegmentsPage(QWidget* parent) : QWidget(parent), m_model(new SegmentTableModel(this))
{
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("segmentSummary"));
    m_summary->setWordWrap(true);

    auto* emptyMessage = new QLabel(tr("Open event files or transactions to see RFM segments."), this);
    emptyMessage->setObjectName(QStringLiteral("segmentsEmptyMessage"));
    emptyMessage->setAlignment(Qt::AlignCenter);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("segmentTable"));
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_chartView = new QChartView(this);
    m_chartView->setObjectName(QStringLiteral("segmentChartView"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setFrameShape(QFrame::NoFrame);
    m_chartView->setMinimumSize(320, 240);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_chartView);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(emptyMessage);
    m_stack->addWidget(split);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_summary);
    layout->addWidget(m_stack, 1);
    setOverview(nullptr);
}

void SegmentsPage::setOverview(std::shared_ptr<const PurchaseOverview> overview)
{
    m_overview = std::move(overview);
    const bool haveData = m_overview && !m_overview->empty();
    m_model->setOverview(haveData ? m_overview : nullptr);
    m_stack->setCurrentIndex(haveData ? 1 : 0);
    if (haveData) {
        const QDate asOf = QDate::fromJulianDay(kJulianDayOfEpoch + m_overview->segments.asOfDay);
        // The rule in words, so that a segment's name never has to be taken on trust.
        m_summary->setText(
            tr("%1 customers scored as of %2. Recency, purchase days and spend are scored 1 to 5 by rank "
               "(5 best, ties share a score); segments follow the recency score and the mean of the other two.")
                .arg(chartstyle::count(qint64(m_overview->segments.customers.size())),
                     asOf.toString(QStringLiteral("yyyy-MM-dd"))));
        m_table->resizeColumnsToContents();
    } else {
        m_summary->clear();
    }
    m_chartStale = true;
    if (isVisible())
        drawChart();
}

void SegmentsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    drawChart();
}

void SegmentsPage::drawChart() const
{
    if (!m_chartStale)
        return;
    m_chartStale = false;
    static const RfmSegmentation kNoSegments;
    const bool haveData = m_overview && !m_overview->empty();
    QChart* previous = m_chartView->chart();
    m_chartView->setChart(buildSegmentChart(haveData ? m_overview->segments : kNoSegments, haveData));
    delete previous; // the view lets go of the chart it showed, but does not delete it
}

bool SegmentsPage::exportCurrentChart(const QString& path, QString* error) const
{
    drawChart();
    const QSize size = m_chartView->isVisible() ? m_chartView->size() : kHiddenExportSize;
    return ChartExporter::save(m_chartView->chart(), size, path, error);
}

} // namespace clv
