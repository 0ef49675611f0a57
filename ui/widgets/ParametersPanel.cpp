#include "widgets/ParametersPanel.h"

#include "etl/ParameterLimits.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace clv {

ParametersPanel::ParametersPanel(QWidget* parent)
    : QWidget(parent), m_formula(new QComboBox(this)), m_sessionGap(new QSpinBox(this)),
      m_weekStart(new QComboBox(this)), m_lifespan(new QDoubleSpinBox(this)), m_topX(new QSpinBox(this)),
      m_debounce(new QTimer(this))
{
    m_formula->setObjectName(QStringLiteral("formulaCombo"));
    m_formula->addItem(tr("Seed: 52·t·Σspend / Σweekly visits"), QStringLiteral("seed"));
    m_formula->addItem(tr("Weekly: 52·t·spend / weeks observed"), QStringLiteral("weekly"));
    m_formula->setToolTip(tr("seed reproduces the reference notebook; weekly is the classic 52·a·t with "
                             "weeks counted from the customer's first week to the data set's last"));
    m_sessionGap->setObjectName(QStringLiteral("sessionGapSpin"));
    m_sessionGap->setRange(ParameterLimits::kMinSessionGapMinutes, ParameterLimits::kMaxSessionGapMinutes);
    m_sessionGap->setSuffix(tr(" min"));
    m_sessionGap->setToolTip(tr("An event more than this long after the previous one opens a new visit"));
    m_weekStart->setObjectName(QStringLiteral("weekStartCombo"));
    m_weekStart->addItem(tr("Sunday"), QStringLiteral("sunday"));
    m_weekStart->addItem(tr("Monday"), QStringLiteral("monday"));
    m_lifespan->setObjectName(QStringLiteral("lifespanSpin"));
    m_lifespan->setRange(ParameterLimits::kMinLifespanYears, ParameterLimits::kMaxLifespanYears);
    m_lifespan->setDecimals(1);
    m_lifespan->setSuffix(tr(" years"));
    m_lifespan->setToolTip(tr("t, the customer lifespan in the LTV formulas"));
    m_topX->setObjectName(QStringLiteral("topXSpin"));
    m_topX->setRange(ParameterLimits::kMinTopX, ParameterLimits::kMaxTopX);
    m_topX->setToolTip(tr("How many customers the top-X chart and output.txt show"));

    auto* form = new QFormLayout;
    form->addRow(tr("Formula"), m_formula);
    form->addRow(tr("Session gap"), m_sessionGap);
    form->addRow(tr("Week starts on"), m_weekStart);
    form->addRow(tr("Lifespan"), m_lifespan);
    form->addRow(tr("Top X"), m_topX);
    auto* note = new QLabel(tr("Changes re-run the analysis on the events already read."), this);
    note->setWordWrap(true);
    note->setEnabled(false);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addStretch();

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, [this] { Q_EMIT parametersChanged(parameters()); });
    auto changed = [this] {
        if (!m_updating)
            m_debounce->start();
    };
    connect(m_formula, &QComboBox::currentIndexChanged, this, changed);
    connect(m_sessionGap, &QSpinBox::valueChanged, this, changed);
    connect(m_weekStart, &QComboBox::currentIndexChanged, this, changed);
    connect(m_lifespan, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_topX, &QSpinBox::valueChanged, this, changed);
    setParameters(Parameters{});
}

Parameters ParametersPanel::parameters() const
{
    Parameters p;
    p.formula = formulaFromName(m_formula->currentData().toString()).value_or(LtvFormula::Seed);
    p.sessionGapSeconds = m_sessionGap->value() * 60;
    p.weekStart = weekStartFromName(m_weekStart->currentData().toString()).value_or(WeekStart::Sunday);
    p.lifespanYears = m_lifespan->value();
    p.topX = m_topX->value();
    return p;
}

void ParametersPanel::setParameters(const Parameters& p)
{
    m_updating = true;
    m_formula->setCurrentIndex(m_formula->findData(formulaName(p.formula)));
    m_sessionGap->setValue(p.sessionGapSeconds / 60);
    m_weekStart->setCurrentIndex(m_weekStart->findData(weekStartName(p.weekStart)));
    m_lifespan->setValue(p.lifespanYears);
    m_topX->setValue(p.topX);
    m_updating = false;
}

} // namespace clv
