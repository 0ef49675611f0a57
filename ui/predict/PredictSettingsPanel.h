#pragma once

#include "predict/PredictResult.h"

#include <QWidget>

#include <array>
#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace clv {

// The Predict tab's questions: calibration end (a date over the data's range, with how many
// customers and purchases fall before and after it), an optional holdout end, the time unit,
// the models, the horizon and the discount rate; and the Fit button.
class PredictSettingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit PredictSettingsPanel(QWidget* parent = nullptr);

    // The purchases the dates range over (null: nothing to fit). A calibration end outside the
    // new range moves to the last purchase day.
    void setOverview(std::shared_ptr<const PurchaseOverview> overview);
    PredictSettings settings() const;
    void setSettings(const PredictSettings& settings);
    // While a fit runs, Fit becomes unavailable (Cancel is in the status bar).
    void setFitting(bool fitting);

Q_SIGNALS:
    void fitRequested();
    // A setting changed by the user (after a short pause, so that a spin box's steps ask once).
    void settingsChanged();

private:
    void updateCounts();
    void updateEnabled();
    void changed();

    std::shared_ptr<const PurchaseOverview> m_overview;
    // Per day from the first purchase day: customers whose first purchase it is, purchase
    // days on it; summed from the start, so that any split is counted in constant time.
    std::vector<std::int64_t> m_newCustomersUpTo;
    std::vector<std::int64_t> m_purchasesUpTo;

    QDateEdit* m_calibrationEnd;
    QCheckBox* m_holdout;
    QDateEdit* m_holdoutEnd;
    QLabel* m_counts;
    QComboBox* m_unit;
    std::array<QCheckBox*, 4> m_models{}; // by ModelKind
    QComboBox* m_predictWith;
    QSpinBox* m_horizon;
    QDoubleSpinBox* m_discount;
    QPushButton* m_fit;
    bool m_fitting = false;
    bool m_updating = false;
    bool m_chosen = false; // the calibration end was chosen (or restored), not defaulted
    class QTimer* m_debounce;
};

} // namespace clv
