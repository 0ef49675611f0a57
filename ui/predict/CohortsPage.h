#pragma once

#include "predict/PurchaseOverview.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;

namespace clv {

class CohortTableModel;
class TableChartView;

// Customers grouped by the week or month of their first purchase (§12): the retention
// heatmap (cohorts × period offsets) above a chart of each cohort's revenue and size. The
// overview holds both cohort tables, computed off the UI thread; the page lays them out.
class CohortsPage : public QWidget {
    Q_OBJECT
public:
    explicit CohortsPage(QWidget* parent = nullptr);

    // Null clears, leaving a sentence that says what to open.
    void setOverview(std::shared_ptr<const PurchaseOverview> overview);

    CohortPeriod period() const;
    void setPeriod(CohortPeriod period);

    CohortTableModel* model() const { return m_model; }

    // Saves the chart as PNG or SVG (by the suffix) at its on-screen size, or 1200x800 when
    // hidden; false with a plain-words error.
    bool exportCurrentChart(const QString& path, QString* error) const;

Q_SIGNALS:
    void periodChanged(CohortPeriod period);

private:
    void refresh();

    QComboBox* m_periodSelector = nullptr;
    QLabel* m_summary = nullptr;
    CohortTableModel* m_model = nullptr;
    TableChartView* m_body = nullptr;
    std::shared_ptr<const PurchaseOverview> m_overview;
};

} // namespace clv
