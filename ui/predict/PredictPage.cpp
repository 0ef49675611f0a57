#include "predict/PredictPage.h"

#include "pages/TablePage.h"
#include "predict/ModelComparisonModel.h"
#include "predict/PredictChartsPage.h"
#include "predict/PredictSettingsPanel.h"
#include "session/PredictSession.h"
#include "summary/ChartSummaries.h"
#include "widgets/ResultTableView.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace clv {

namespace {

QString unitName(TimeUnit unit)
{
    switch (unit) {
    case TimeUnit::Day: return PredictPage::tr("days");
    case TimeUnit::Week: return PredictPage::tr("weeks");
    case TimeUnit::Month: return PredictPage::tr("months");
    }
    return {};
}

} // namespace

PredictPage::PredictPage(PredictSession* session, QWidget* parent)
    : QWidget(parent), m_session(session), m_settings(new PredictSettingsPanel(this)), m_views(new QTabWidget(this)),
      m_comparison(new ModelComparisonModel(this)), m_comparisonView(new QTableView(this)),
      m_fitSummary(new QLabel(this)), m_problems(new QLabel(this)), m_predictionsModel(new PredictionsTableModel),
      m_predictions(new TablePage(m_predictionsModel, tr("Filter by customer id…"), this)),
      m_customer(new QTextBrowser(this)), m_charts(new PredictChartsPage(this))
{
    m_views->setObjectName(QStringLiteral("predictViews"));
    m_comparisonView->setObjectName(QStringLiteral("modelComparisonView"));
    m_comparisonView->setModel(m_comparison);
    m_comparisonView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_comparisonView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_comparisonView->setWordWrap(true);
    m_fitSummary->setObjectName(QStringLiteral("fitSummaryLabel"));
    m_fitSummary->setWordWrap(true);
    m_problems->setObjectName(QStringLiteral("fitProblemsLabel"));
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #b02020"));
    m_problems->hide();
    auto* models = new QWidget(this);
    auto* modelsLayout = new QVBoxLayout(models);
    modelsLayout->addWidget(m_fitSummary);
    modelsLayout->addWidget(m_comparisonView, 1);
    modelsLayout->addWidget(m_problems);

    m_predictions->setObjectName(QStringLiteral("predictionsPage"));
    m_customer->setObjectName(QStringLiteral("customerHistory"));
    m_customer->setPlaceholderText(tr("Select a customer to see their purchases."));
    auto* predictions = new QSplitter(Qt::Vertical, this);
    predictions->addWidget(m_predictions);
    predictions->addWidget(m_customer);
    predictions->setStretchFactor(0, 4);
    predictions->setStretchFactor(1, 1);

    m_charts->setObjectName(QStringLiteral("predictChartsPage"));
    m_views->addTab(models, tr("Models"));
    m_views->addTab(predictions, tr("Predictions"));
    m_views->addTab(m_charts, tr("Charts"));

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_settings);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // Small minimums, so that the window still fits a small screen; the splitter starts the
    // settings at their natural width.
    scroll->setMinimumWidth(150);
    m_views->setMinimumWidth(180);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(scroll);
    split->addWidget(m_views);
    split->setStretchFactor(1, 1);
    split->setSizes({m_settings->sizeHint().width() + 24, 900});
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_settings, &PredictSettingsPanel::fitRequested, this, &PredictPage::fit);
    // Once a fit is shown, what it shows follows the settings.
    connect(m_settings, &PredictSettingsPanel::settingsChanged, this, [this] {
        if (m_session->result())
            fit();
    });
    connect(m_session, &PredictSession::overviewChanged, this,
            [this] { m_settings->setOverview(m_session->overview()); });
    connect(m_session, &PredictSession::resultChanged, this, &PredictPage::showResult);
    connect(m_session, &PredictSession::busyChanged, this, [this] { m_settings->setFitting(m_session->isFitting()); });
    connect(m_predictions, &TablePage::currentRowChanged, this, &PredictPage::showCustomer);
    showResult();
}

void PredictPage::setCsvOptions(const CsvOptions& csv)
{
    m_predictions->view()->setCsvOptions(csv);
}

void PredictPage::fit()
{
    m_session->fit(m_settings->settings());
}

void PredictPage::showResult()
{
    const std::shared_ptr<const PredictResult> result = m_session->result();
    m_comparison->setResult(result);
    m_predictionsModel->setSource(result);
    m_charts->setResult(result);
    m_customer->clear();
    if (!result) {
        m_fitSummary->setText(tr("Choose a calibration end and the models, then press Fit."));
        m_problems->hide();
        return;
    }
    const RfmSummary& summary = *result->run.summary;
    const QLocale locale;
    QString text = tr("%1 customers (%2 with repeat purchases), time in %3, calibration through %4")
                       .arg(locale.toString(qint64(summary.customers.size())),
                            locale.toString(qint64(summary.repeatCustomers())), unitName(summary.unit),
                            summary.calibrationEnd ? dateFromDays(*summary.calibrationEnd).toString(Qt::ISODate)
                                                   : QString());
    if (summary.holdoutEnd)
        text += tr(", holdout through %1").arg(dateFromDays(*summary.holdoutEnd).toString(Qt::ISODate));
    if (summary.laterCustomers > 0)
        text += tr("; %1 customers who first bought later are left out")
                    .arg(locale.toString(qint64(summary.laterCustomers)));
    text += QLatin1Char('.');
    if (result->run.predictedWith)
        text += QLatin1Char(' ')
            + tr("Predictions from %1 over %2 %3.")
                  .arg(modelTitle(*result->run.predictedWith))
                  .arg(result->run.request.horizon)
                  .arg(unitName(summary.unit));
    m_fitSummary->setText(text);
    m_problems->setVisible(!result->run.problems.isEmpty());
    m_problems->setText(result->run.problems.join(QLatin1Char('\n')));
    m_predictions->filterEdit()->setEnabled(!result->run.predictions.empty());
}

void PredictPage::showCustomer(int viewRow)
{
    const std::shared_ptr<const PredictResult> result = m_session->result();
    if (!result || viewRow < 0 || viewRow >= m_predictionsModel->rowCount()) {
        m_customer->clear();
        return;
    }
    const std::uint32_t row = m_predictionsModel->sourceRow(viewRow);
    m_charts->showCustomer(row);
    if (row >= result->historyRow.size())
        return;
    const CustomerPurchases& c = result->purchases->history.customers[result->historyRow[row]];
    const std::int64_t end = result->run.summary->calibrationEnd.value_or(INT64_MAX);
    QString html
        = tr("<b>%1</b>: %2 purchase days").arg(QString::fromStdString(c.id).toHtmlEscaped()).arg(c.days.size());
    html += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
    for (const PurchaseDay& d : c.days)
        html += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td><td>%3</td></tr>")
                    .arg(dateFromDays(d.day).toString(Qt::ISODate),
                         QLocale().toString(double(d.amount) / 100.0, 'f', 2), d.day > end ? tr("holdout") : QString());
    html += QStringLiteral("</table>");
    m_customer->setHtml(html);
}

} // namespace clv
