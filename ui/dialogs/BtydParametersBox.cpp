#include "dialogs/BtydParametersBox.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace clv {

namespace {

// Wide enough for any value the generator takes; the generator's limits are its own.
constexpr double kLargestParameter = 1e6;
constexpr int kMostCohortWeeks = 99'999;

// "r 0.243   α 4.414" on one line of the form.
QHBoxLayout* parameterRow(std::initializer_list<std::pair<QString, QDoubleSpinBox*>> parameters)
{
    auto* row = new QHBoxLayout;
    for (const auto& [symbol, spin] : parameters) {
        auto* label = new QLabel(symbol);
        label->setBuddy(spin);
        row->addWidget(label);
        row->addWidget(spin);
        row->addSpacing(8);
    }
    row->addStretch(1);
    return row;
}

} // namespace

BtydParametersBox::BtydParametersBox(QWidget* parent) : QGroupBox(tr("Buy 'til you die models, in weeks"), parent)
{
    setObjectName(QStringLiteral("btydGroup"));
    const BtydParameters defaults;
    const GeneratorOptions options;
    m_r = addParameter("rSpin", defaults.r,
                       tr("BG/NBD: each customer buys λ times a week while active, λ ~ Gamma(shape r, rate α)."));
    m_alpha = addParameter("alphaSpin", defaults.alpha,
                           tr("BG/NBD: the rate α of λ ~ Gamma(r, α); mean r / α purchases a week."));
    m_a = addParameter(
        "aSpin", defaults.a,
        tr("BG/NBD: after each repeat purchase a customer leaves for good with probability p ~ Beta(a, b)."));
    m_b = addParameter("bSpin", defaults.b, tr("BG/NBD: b of the dropout p ~ Beta(a, b); mean a / (a + b)."));
    m_p = addParameter("pSpin", defaults.p, tr("Gamma-Gamma: a purchase's amount is Gamma(shape p, rate ν)."));
    m_q = addParameter("qSpin", defaults.q, tr("Gamma-Gamma: each customer's ν ~ Gamma(shape q, rate γ)."));
    m_gamma = addParameter("gammaSpin", defaults.gamma,
                           tr("Gamma-Gamma: the rate γ of ν; the mean spend per purchase is p·γ / (q − 1)."));
    m_cohortWeeks = new QSpinBox(this);
    m_cohortWeeks->setObjectName(QStringLiteral("cohortWeeksSpin"));
    m_cohortWeeks->setRange(0, kMostCohortWeeks);
    m_cohortWeeks->setValue(options.cohortWeeks);
    m_cohortWeeks->setSuffix(tr(" weeks"));
    m_cohortWeeks->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_cohortWeeks->setToolTip(tr("Each customer's first purchase falls at a random time within these first weeks "
                                 "(at most the whole span), as CDNOW's customers joined over a quarter."));
    connect(m_cohortWeeks, &QSpinBox::valueChanged, this, &BtydParametersBox::changed);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Purchase rate λ ~ Gamma(r, α):"), parameterRow({{tr("&r"), m_r}, {tr("α"), m_alpha}}));
    form->addRow(tr("Dropout p ~ Beta(a, b):"), parameterRow({{tr("&a"), m_a}, {tr("&b"), m_b}}));
    form->addRow(tr("Spend, Gamma-Gamma:"), parameterRow({{tr("&p"), m_p}, {tr("&q"), m_q}, {tr("γ"), m_gamma}}));
    form->addRow(tr("First purchases w&ithin:"), m_cohortWeeks);
}

QDoubleSpinBox* BtydParametersBox::addParameter(const char* name, double value, const QString& toolTip)
{
    auto* spin = new QDoubleSpinBox(this);
    spin->setObjectName(QLatin1String(name));
    spin->setDecimals(4);
    spin->setRange(0, kLargestParameter);
    spin->setSingleStep(0.1);
    spin->setValue(value);
    spin->setToolTip(toolTip);
    connect(spin, &QDoubleSpinBox::valueChanged, this, &BtydParametersBox::changed);
    return spin;
}

BtydParameters BtydParametersBox::parameters() const
{
    BtydParameters parameters;
    parameters.r = m_r->value();
    parameters.alpha = m_alpha->value();
    parameters.a = m_a->value();
    parameters.b = m_b->value();
    parameters.p = m_p->value();
    parameters.q = m_q->value();
    parameters.gamma = m_gamma->value();
    return parameters;
}

int BtydParametersBox::cohortWeeks() const
{
    return m_cohortWeeks->value();
}

} // namespace clv
