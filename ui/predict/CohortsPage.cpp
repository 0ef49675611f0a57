#include "predict/CohortsPage.h"

#include "charts/ChartStyle.h"
#include "predict/CohortTableModel.h"
#include "predict/SegmentCharts.h"
#include "predict/TableChartView.h"
#include "widgets/LiveLabel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace clv {

CohortsPage::CohortsPage(QWidget* parent) : QWidget(parent), m_model(new CohortTableModel(this))
{
    auto* bar = new QHBoxLayout;
    auto* label = new QLabel(tr("Cohorts &by:"), this);
    m_periodSelector = new QComboBox(this);
    m_periodSelector->setObjectName(QStringLiteral("cohortPeriodSelector"));
    m_periodSelector->addItem(tr("Week of first purchase"), int(CohortPeriod::Week));
    m_periodSelector->addItem(tr("Month of first purchase"), int(CohortPeriod::Month));
    label->setBuddy(m_periodSelector);
    m_summary = new LiveLabel(this);
    m_summary->setObjectName(QStringLiteral("cohortSummary"));
    bar->addWidget(label);
    bar->addWidget(m_periodSelector);
    bar->addSpacing(12);
    bar->addWidget(m_summary, 1);

    m_body = new TableChartView(
        m_model, tr("Open event files or transactions to see cohorts."),
        {"cohortsEmptyMessage", "cohortTable", "cohortChartView"},
        [this] {
            CohortTable none;
            none.period = period();
            const bool haveData = m_overview && !m_overview->empty();
            return buildCohortChart(haveData ? m_overview->cohorts(period()) : none, haveData);
        },
        this);
    QTableView* table = m_body->table();
    table->setSelectionMode(QAbstractItemView::ContiguousSelection);
    table->horizontalHeader()->setDefaultSectionSize(72);
    table->setToolTip(tr("Share of each cohort buying in each later period; shaded against the highest share "
                         "after the first period"));
    m_body->setStretch(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(bar);
    layout->addWidget(m_body, 1);

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
    if (haveData) {
        const CohortTable& table = m_overview->cohorts(period());
        m_summary->setText(tr("%1 cohorts · %2 customers")
                               .arg(chartstyle::count(qint64(table.cohorts.size())),
                                    chartstyle::count(qint64(m_overview->history.customers.size()))));
        m_body->table()->resizeColumnToContents(CohortTableModel::kStartColumn);
    } else {
        m_summary->clear();
    }
    m_body->showData(haveData);
}

bool CohortsPage::exportCurrentChart(const QString& path, QString* error) const
{
    return m_body->exportChart(path, error);
}

} // namespace clv
