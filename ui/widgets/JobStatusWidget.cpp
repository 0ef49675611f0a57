#include "widgets/JobStatusWidget.h"

#include "widgets/ProgressValue.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace clv {

JobStatusWidget::JobStatusWidget(QWidget* parent)
    : QWidget(parent), m_stage(new QLabel(this)), m_bar(new QProgressBar(this)),
      m_cancel(new QPushButton(tr("Cancel"), this))
{
    // A fixed size: a label that grew or shrank with each stage name would re-lay out the
    // whole window (charts included) on every stage change, stalling the event loop.
    m_stage->setFixedWidth(m_stage->fontMetrics().horizontalAdvance(QStringLiteral("Analysing…")) * 3 / 2);
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(false);
    m_bar->setFixedWidth(180);
    m_cancel->setObjectName(QStringLiteral("cancelJobButton"));
    m_stage->setObjectName(QStringLiteral("jobStageLabel"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stage);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, this, &JobStatusWidget::cancelRequested);
    // The widget keeps its place in the status bar, and only its parts come and go: showing or
    // hiding it would re-lay out the whole window (every tab's size hint) each time a job
    // starts or ends — tens of milliseconds when results arrive.
    for (QWidget* part :
         {static_cast<QWidget*>(m_stage), static_cast<QWidget*>(m_bar), static_cast<QWidget*>(m_cancel)}) {
        QSizePolicy policy = part->sizePolicy();
        policy.setRetainSizeWhenHidden(true);
        part->setSizePolicy(policy);
    }
    setFixedSize(sizeHint());
    setRunning(false);
}

void JobStatusWidget::showProgress(const QString& stage, double fraction)
{
    const QString text = stage + QStringLiteral("…");
    if (m_stage->text() != text)
        m_stage->setText(text);
    setProgressValue(*m_bar, static_cast<int>(fraction * 1000));
}

void JobStatusWidget::setRunning(bool running)
{
    if (running == m_running)
        return;
    m_running = running;
    if (running) {
        m_stage->setText(tr("Working…"));
        setProgressValue(*m_bar, 0);
    }
    m_stage->setVisible(running);
    m_bar->setVisible(running);
    m_cancel->setVisible(running);
}

} // namespace clv
