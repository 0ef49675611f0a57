#include "predict/CohortsPage.h"

#include "charts/ChartExporter.h"
#include "charts/ChartStyle.h"
#include "predict/CohortTableModel.h"
#include "predict/SegmentCharts.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace clv {

namespace {

constexpr QSize kHiddenExportSize{1200, 800};

} // namespace

CohortsPage::CohortsPage(QWidget* parent) : QWidget(parent), m_model(new CohortTableModel(this))
{
    auto* bar = new QHBoxLayout;
    auto* label = new QLabel(tr("Cohorts &by:"), this);
    m_periodSelector = new QComboBox(this);
    m_periodSelector->setObjectName(QStringLiteral("cohortPeriodSelector"));
    m_periodSelector->addItem(tr("Week of first purchase"), int(CohortPeriod::Week));
    m_periodSelector->addItem(tr("Month of first purchase"), int(CohortPeriod::Month));
    label->setBuddy(m_periodSelector);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("cohortSummary"));
    bar->addWidget(label);
    bar->addWidget(m_periodSelector);
    bar->addSpacing(12);
    bar->addWidget(m_summary, 1);

    m_emptyMessage = new QLabel(tr("Open event files or transactions to see cohorts."), this);
    m_emptyMessage->setObjectName(QStringLiteral("cohortsEmptyMessage"));
    m_emptyMessage->setAlignment(Qt::AlignCenter);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("cohortTable"));
    m_table->setModel(m_model);
    m_table->setSelectionMode(QAbstractItemView::ContiguousSelection);
    m_table->horizontalHeader()->setDefaultSectionSize(72);
    m_table->verticalHeader()->hide();
    m_table->setToolTip(tr("Share of each cohort buying in each later period; shaded against the highest share "
                           "after the first period"));

    m_chartView = new QChartView(this);
    m_chartView->setObjectName(QStringLiteral("cohortChartView"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setFrameShape(QFrame::NoFrame);
    m_chartView->setMinimumSize(320, 240);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_chartView);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_emptyMessage);
    m_stack->addWidget(split);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    connect(m_periodSelector, &QComboBox::currentIndexChanged, this, [this] {
        refresh();
        Q_EMIT periodChanged(period());
    });
    refresh();
}

void CohortsPage::setOverview(std::shared_ptr<const PurchaseOverview> overview)
{
    m_overview = std::move(overview);
    refresh();
}

CohortPeriod CohortsPage::period() const
{
    return CohortPeriod(m_periodSelector->currentData().toInt());
}

void CohortsPage::setPeriod(CohortPeriod period)
{
    m_periodSelector->setCurrentIndex(m_periodSelector->findData(int(period)));
}

void CohortsPage::refresh()
{
    const bool haveData = m_overview && !m_overview->empty();
    m_model->setCohorts(haveData ? m_overview : nullptr, period());
    m_stack->setCurrentIndex(haveData ? 1 : 0);
    if (haveData) {
        const CohortTable& table = m_overview->cohorts(period());
        m_summary->setText(tr("%1 cohorts · %2 customers")
                               .arg(chartstyle::count(qint64(table.cohorts.size())),
                                    chartstyle::count(qint64(m_overview->history.customers.size()))));
        m_table->resizeColumnToContents(CohortTableModel::kStartColumn);
    } else {
        m_summary->clear();
    }
    m_chartStale = true;
    if (isVisible())
        drawChart();
}

void CohortsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    drawChart();
}

void CohortsPage::drawChart() const
{
    if (!m_chartStale)
        return;
    m_chartStale = false;
    CohortTable none;
    none.period = period();
    const bool haveData = m_overview && !m_overview->empty();
    QChart* previous = m_chartView->chart();
    QChart* chart = buildCohortChart(haveData ? m_overview->cohorts(period()) : none, haveData);
    m_chartView->setChart(chart);
    delete previous; // the view lets go of the chart it showed, but does not delete it
}

bool CohortsPage::exportCurrentChart(const QString& path, QString* error) const
{
    drawChart();
    const QSize size = m_chartView->isVisible() ? m_chartView->size() : kHiddenExportSize;
    return ChartExporter::save(m_chartView->chart(), size, path, error);
}

} // namespace clv
