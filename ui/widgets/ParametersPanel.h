#pragma once

#include "etl/Parameters.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;
class QTimer;

namespace clv {

// The analysis parameters: formula, session gap, week start, lifespan, top X. A change is
// announced after a short pause, so that spinning a value re-runs the analysis once.
class ParametersPanel : public QWidget {
    Q_OBJECT
public:
    explicit ParametersPanel(QWidget* parent = nullptr);

    Parameters parameters() const;
    // Shows `parameters` without announcing a change.
    void setParameters(const Parameters& parameters);

Q_SIGNALS:
    void parametersChanged(const clv::Parameters& parameters);

private:
    QComboBox* m_formula;
    QSpinBox* m_sessionGap;
    QComboBox* m_weekStart;
    QDoubleSpinBox* m_lifespan;
    QSpinBox* m_topX;
    QTimer* m_debounce;
    bool m_updating = false;
};

} // namespace clv
