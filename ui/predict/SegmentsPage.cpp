#include "predict/SegmentsPage.h"

#include "charts/ChartStyle.h"
#include "predict/SegmentCharts.h"
#include "predict/SegmentTableModel.h"
#include "predict/TableChartView.h"
#include "summary/ChartSummaries.h"
#include "widgets/LiveLabel.h"

#include <QDate>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace clv {

SegmentsPage::SegmentsPage(QWidget* parent) : QWidget(parent), m_model(new SegmentTableModel(this))
{
    m_summary = new LiveLabel(this);
    m_summary->setObjectName(QStringLiteral("segmentSummary"));
    // Not word-wrapped: a wrapped label makes every layout pass of the window ask each tab for
    // its height at a width, text layout included (tens of milliseconds as results arrive).
    m_body = new TableChartView(
        m_model, tr("Open event files or transactions to see RFM segments."),
        {"segmentsEmptyMessage", "segmentTable", "segmentChartView"},
        [this] {
            static const RfmSegmentation kNoSegments;
            const bool haveData = m_overview && !m_overview->empty();
            return buildSegmentChart(haveData ? m_overview->segments : kNoSegments, haveData);
        },
        this);
    m_body->table()->horizontalHeader()->setStretchLastSection(true);
    m_body->setStretch(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_summary);
    layout->addWidget(m_body, 1);
    setOverview(nullptr);
}

void SegmentsPage::setOverview(std::shared_ptr<const PurchaseOverview> overview)
{
    m_overview = std::move(overview);
    const bool haveData = m_overview && !m_overview->empty();
    m_model->setOverview(haveData ? m_overview : nullptr);
    if (haveData) {
        // The rule in words, so that a segment's name never has to be taken on trust.
        m_summary->setText(
            tr("%1 customers scored as of %2.\nRecency, purchase days and spend are scored 1 to 5 by rank "
               "(5 best, ties share a score); segments follow the recency score and the mean of the other two.")
                .arg(chartstyle::count(qint64(m_overview->segments.customers.size())),
                     dateFromDays(m_overview->segments.asOfDay).toString(Qt::ISODate)));
        m_body->table()->resizeColumnsToContents();
    } else {
        m_summary->clear();
    }
    m_body->showData(haveData);
}

bool SegmentsPage::exportCurrentChart(const QString& path, QString* error) const
{
    return m_body->exportChart(path, error);
}

} // namespace clv
