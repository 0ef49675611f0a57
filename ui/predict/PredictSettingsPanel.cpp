#include "predict/PredictSettingsPanel.h"

#include "util/DayDate.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace clv {

namespace {

constexpr std::array<ModelKind, 4> kModels = {ModelKind::BgNbd, ModelKind::ParetoNbd, ModelKind::MbgNbd,
                                              ModelKind::GammaGamma};

} // namespace

PredictSettingsPanel::PredictSettingsPanel(QWidget* parent)
    : QWidget(parent), m_calibrationEnd(new QDateEdit(this)), m_holdout(new QCheckBox(tr("Holdout until"), this)),
      m_holdoutEnd(new QDateEdit(this)), m_counts(new QLabel(this)), m_unit(new QComboBox(this)),
      m_predictWith(new QComboBox(this)), m_horizon(new QSpinBox(this)), m_discount(new QDoubleSpinBox(this)),
      m_fit(new QPushButton(tr("&Fit"), this)), m_debounce(new QTimer(this))
{
    for (QDateEdit* edit : {m_calibrationEnd, m_holdoutEnd}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_calibrationEnd->setObjectName(QStringLiteral("calibrationEndEdit"));
    m_calibrationEnd->setToolTip(tr("The last day the models learn from (inclusive)"));
    m_holdout->setObjectName(QStringLiteral("holdoutCheck"));
    m_holdout->setToolTip(tr("Keep the purchases after the calibration end to compare the predictions with"));
    m_holdoutEnd->setObjectName(QStringLiteral("holdoutEndEdit"));
    m_counts->setObjectName(QStringLiteral("calibrationCountsLabel"));
    m_counts->setWordWrap(true);
    m_unit->setObjectName(QStringLiteral("unitCombo"));
    m_unit->addItem(tr("Days"), int(TimeUnit::Day));
    m_unit->addItem(tr("Weeks"), int(TimeUnit::Week));
    m_unit->addItem(tr("Months"), int(TimeUnit::Month));
    m_unit->setCurrentIndex(1);

    auto* models = new QGroupBox(tr("Models"), this);
    auto* modelsLayout = new QVBoxLayout(models);
    for (std::size_t i = 0; i < kModels.size(); ++i) {
        m_models[i] = new QCheckBox(modelTitle(kModels[i]), models);
        m_models[i]->setObjectName(QStringLiteral("model_%1").arg(modelKeyText(kModels[i])));
        modelsLayout->addWidget(m_models[i]);
    }
    m_models[0]->setChecked(true);
    m_models[3]->setChecked(true);
    m_models[3]->setToolTip(tr("The spend model: expected spend per purchase, and with it the CLV"));
    m_predictWith->setObjectName(QStringLiteral("predictWithCombo"));
    m_predictWith->setToolTip(tr("The purchase model the predictions table and the CLV use"));
    m_horizon->setObjectName(QStringLiteral("horizonSpin"));
    m_horizon->setRange(1, 10000);
    m_horizon->setValue(52);
    m_horizon->setToolTip(tr("How far ahead the expected purchases and the CLV look, in the unit above"));
    m_discount->setObjectName(QStringLiteral("discountSpin"));
    m_discount->setRange(0, 100);
    m_discount->setDecimals(3);
    m_discount->setSuffix(tr(" % per unit"));
    m_discount->setToolTip(tr("Discount rate per unit of time for the CLV"));
    m_fit->setObjectName(QStringLiteral("fitButton"));
    m_fit->setDefault(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Calibration end"), m_calibrationEnd);
    form->addRow(m_holdout, m_holdoutEnd);
    form->addRow(m_counts);
    form->addRow(tr("Time unit"), m_unit);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(models);
    auto* prediction = new QFormLayout;
    prediction->addRow(tr("Predict with"), m_predictWith);
    prediction->addRow(tr("Horizon"), m_horizon);
    prediction->addRow(tr("Discount"), m_discount);
    layout->addLayout(prediction);
    layout->addWidget(m_fit);
    layout->addStretch();

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(400);
    connect(m_debounce, &QTimer::timeout, this, &PredictSettingsPanel::settingsChanged);
    connect(m_fit, &QPushButton::clicked, this, [this] {
        // The settings are taken now: a change still waiting to be announced is in this fit.
        m_debounce->stop();
        Q_EMIT fitRequested();
    });
    connect(m_calibrationEnd, &QDateEdit::dateChanged, this, [this](const QDate& date) {
        if (!m_updating)
            m_chosen = true;
        m_holdoutEnd->setMinimumDate(date.addDays(1));
        updateEnabled(); // a holdout needs days after the calibration end
        updateCounts();
        changed();
    });
    connect(m_holdoutEnd, &QDateEdit::dateChanged, this, [this] {
        updateCounts();
        changed();
    });
    connect(m_holdout, &QCheckBox::toggled, this, [this] {
        updateEnabled();
        updateCounts();
        changed();
    });
    for (QCheckBox* box : m_models)
        connect(box, &QCheckBox::toggled, this, [this] {
            updateEnabled();
            changed();
        });
    connect(m_unit, &QComboBox::currentIndexChanged, this, &PredictSettingsPanel::changed);
    connect(m_predictWith, &QComboBox::currentIndexChanged, this, &PredictSettingsPanel::changed);
    connect(m_horizon, &QSpinBox::valueChanged, this, &PredictSettingsPanel::changed);
    connect(m_discount, &QDoubleSpinBox::valueChanged, this, &PredictSettingsPanel::changed);
    setOverview(nullptr);
}

void PredictSettingsPanel::changed()
{
    if (!m_updating)
        m_debounce->start();
}

void PredictSettingsPanel::setOverview(std::shared_ptr<const PurchaseOverview> overview)
{
    m_overview = std::move(overview);
    m_newCustomersUpTo.clear();
    m_purchasesUpTo.clear();
    m_updating = true;
    if (m_overview && !m_overview->empty()) {
        const std::int64_t first = m_overview->firstDay;
        const std::size_t days = std::size_t(m_overview->lastDay - first + 1);
        m_newCustomersUpTo.assign(days, 0);
        m_purchasesUpTo.assign(days, 0);
        for (const CustomerPurchases& c : m_overview->history.customers) {
            if (c.days.empty())
                continue;
            ++m_newCustomersUpTo[std::size_t(c.days.front().day - first)];
            for (const PurchaseDay& d : c.days)
                ++m_purchasesUpTo[std::size_t(d.day - first)];
        }
        for (std::size_t i = 1; i < days; ++i) {
            m_newCustomersUpTo[i] += m_newCustomersUpTo[i - 1];
            m_purchasesUpTo[i] += m_purchasesUpTo[i - 1];
        }
        const QDate firstDate = dateFromDays(first);
        const QDate lastDate = dateFromDays(m_overview->lastDay);
        const QDate previous = m_calibrationEnd->date();
        const bool keep = m_chosen && previous >= firstDate && previous <= lastDate;
        const QDate previousHoldout = m_holdoutEnd->date();
        m_calibrationEnd->setDateRange(firstDate, lastDate);
        m_holdoutEnd->setDateRange(firstDate.addDays(1), lastDate);
        m_calibrationEnd->setDate(keep ? previous : lastDate);
        m_holdoutEnd->setMinimumDate(m_calibrationEnd->date().addDays(1));
        m_holdoutEnd->setDate(keep && previousHoldout <= lastDate ? previousHoldout : lastDate);
    }
    m_updating = false;
    updateEnabled();
    updateCounts();
}

void PredictSettingsPanel::updateEnabled()
{
    const bool data = m_overview && !m_overview->empty();
    m_calibrationEnd->setEnabled(data);
    m_holdout->setEnabled(data && m_calibrationEnd->date() < m_calibrationEnd->maximumDate());
    m_holdoutEnd->setEnabled(data && m_holdout->isChecked());
    const QVariant current = m_predictWith->currentData();
    const bool was = m_updating;
    m_updating = true;
    m_predictWith->clear();
    bool anyPurchaseModel = false;
    for (std::size_t i = 0; i < kModels.size(); ++i)
        if (isPurchaseModel(kModels[i]) && m_models[i]->isChecked()) {
            m_predictWith->addItem(modelTitle(kModels[i]), int(kModels[i]));
            anyPurchaseModel = true;
        }
    if (const int index = m_predictWith->findData(current); index >= 0)
        m_predictWith->setCurrentIndex(index);
    m_updating = was;
    m_fit->setEnabled(data && anyPurchaseModel && !m_fitting);
    m_fit->setToolTip(anyPurchaseModel ? QString() : tr("Choose at least one purchase model"));
}

void PredictSettingsPanel::setFitting(bool fitting)
{
    m_fitting = fitting;
    updateEnabled();
}

void PredictSettingsPanel::updateCounts()
{
    if (m_newCustomersUpTo.empty()) {
        m_counts->setText(tr("Open event files or transactions to fit the models."));
        return;
    }
    const QLocale locale;
    const std::int64_t first = m_overview->firstDay;
    const std::size_t last = m_newCustomersUpTo.size() - 1;
    const std::size_t end = std::min(
        last, std::size_t(std::max<std::int64_t>(0, daysFromDate(m_calibrationEnd->date()) - first)));
    const std::int64_t customers = m_newCustomersUpTo[end];
    const std::int64_t calibrationPurchases = m_purchasesUpTo[end];
    QString text = tr("Calibration: %1 customers, %2 purchase days.")
                       .arg(locale.toString(qint64(customers)), locale.toString(qint64(calibrationPurchases)));
    if (m_holdout->isChecked() && m_holdout->isEnabled()) {
        const std::size_t holdoutEnd = std::min(
            last, std::size_t(std::max<std::int64_t>(0, daysFromDate(m_holdoutEnd->date()) - first)));
        const std::int64_t held = holdoutEnd > end ? m_purchasesUpTo[holdoutEnd] - m_purchasesUpTo[end] : 0;
        const double share = m_purchasesUpTo[last] ? 100.0 * double(held) / double(m_purchasesUpTo[last]) : 0.0;
        text += QLatin1Char(' ')
            + tr("Holdout: %1 purchase days (%2 % of all).")
                  .arg(locale.toString(qint64(held)), locale.toString(share, 'f', 1));
    }
    const std::int64_t later = m_newCustomersUpTo[last] - customers;
    if (later > 0)
        text += QLatin1Char(' ')
            + tr("%1 customers who first buy later are left out.").arg(locale.toString(qint64(later)));
    m_counts->setText(text);
}

PredictSettings PredictSettingsPanel::settings() const
{
    PredictSettings s;
    s.summary.unit = static_cast<TimeUnit>(m_unit->currentData().toInt());
    if (m_calibrationEnd->isEnabled())
        s.summary.calibrationEnd = daysFromDate(m_calibrationEnd->date());
    if (m_holdout->isChecked() && m_holdout->isEnabled())
        s.summary.holdoutEnd = daysFromDate(m_holdoutEnd->date());
    s.request.models.clear();
    for (std::size_t i = 0; i < kModels.size(); ++i)
        if (m_models[i]->isChecked())
            s.request.models.push_back(kModels[i]);
    if (m_predictWith->currentIndex() >= 0)
        s.request.predictWith = static_cast<ModelKind>(m_predictWith->currentData().toInt());
    s.request.horizon = m_horizon->value();
    s.request.discount = m_discount->value() / 100.0;
    return s;
}

void PredictSettingsPanel::setSettings(const PredictSettings& s)
{
    m_updating = true;
    m_unit->setCurrentIndex(std::max(0, m_unit->findData(int(s.summary.unit))));
    for (std::size_t i = 0; i < kModels.size(); ++i)
        m_models[i]->setChecked(std::find(s.request.models.begin(), s.request.models.end(), kModels[i])
                                != s.request.models.end());
    if (s.summary.calibrationEnd) {
        // Kept whole for the data to come (a workspace's fit arrives before its purchases): the
        // next overview narrows the range again, keeping the date when it is inside.
        m_calibrationEnd->setDateRange(QDate(1, 1, 1), QDate(9999, 12, 31));
        m_calibrationEnd->setDate(dateFromDays(*s.summary.calibrationEnd));
        m_chosen = true;
    }
    m_holdout->setChecked(s.summary.holdoutEnd.has_value());
    if (s.summary.holdoutEnd) {
        m_holdoutEnd->setDateRange(QDate(1, 1, 1), QDate(9999, 12, 31));
        m_holdoutEnd->setDate(dateFromDays(*s.summary.holdoutEnd));
    }
    m_horizon->setValue(int(s.request.horizon));
    m_discount->setValue(s.request.discount * 100.0);
    updateEnabled();
    if (s.request.predictWith)
        m_predictWith->setCurrentIndex(std::max(0, m_predictWith->findData(int(*s.request.predictWith))));
    m_updating = false;
    updateCounts();
}

} // namespace clv
