#pragma once

#include "generate/FakeDataGenerator.h"

#include <QGroupBox>

class QDoubleSpinBox;
class QSpinBox;

namespace clv {

// The btyd mode's part of the Generate Fake Data dialog: the BG/NBD and Gamma-Gamma parameters
// the purchases are simulated from, and the weeks over which customers make their first purchase.
// The fields take any non-negative number; FakeDataGenerator::validate judges them.
class BtydParametersBox : public QGroupBox {
    Q_OBJECT
public:
    explicit BtydParametersBox(QWidget* parent = nullptr);

    BtydParameters parameters() const;
    int cohortWeeks() const;

Q_SIGNALS:
    void changed();

private:
    QDoubleSpinBox* addParameter(const char* name, double value, const QString& toolTip);

    QDoubleSpinBox* m_r;
    QDoubleSpinBox* m_alpha;
    QDoubleSpinBox* m_a;
    QDoubleSpinBox* m_b;
    QDoubleSpinBox* m_p;
    QDoubleSpinBox* m_q;
    QDoubleSpinBox* m_gamma;
    QSpinBox* m_cohortWeeks;
};

} // namespace clv
