#pragma once

#include "predict/PurchaseOverview.h"

#include <QWidget>

#include <memory>

class QChartView;
class QComboBox;
class QLabel;
class QStackedWidget;
class QTableView;

namespace clv {

class CohortTableModel;

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

protected:
    void showEvent(QShowEvent* event) override;

private:
    void refresh();
    void drawChart() const;

    QComboBox* m_periodSelector = nullptr;
    QLabel* m_summary = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_emptyMessage = nullptr;
    QTableView* m_table = nullptr;
    QChartView* m_chartView = nullptr;
    CohortTableModel* m_model = nullptr;
    std::shared_ptr<const PurchaseOverview> m_overview;
    mutable bool m_chartStale = true; // built when shown or exported, not for every change
};

} // namespace clv
