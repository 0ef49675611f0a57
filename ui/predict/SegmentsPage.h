#pragma once

#include "predict/PurchaseOverview.h"

#include <QWidget>

#include <memory>

class QChartView;
class QLabel;
class QStackedWidget;
class QTableView;

namespace clv {

class SegmentTableModel;

// The RFM segments (§12): a table of the eight segments with their customers, revenue and
// mean recency, frequency and spend, and a chart of each one's share of customers and of
// revenue. The overview holds the segmentation, computed off the UI thread.
class SegmentsPage : public QWidget {
    Q_OBJECT
public:
    explicit SegmentsPage(QWidget* parent = nullptr);

    // Null clears, leaving a sentence that says what to open.
    void setOverview(std::shared_ptr<const PurchaseOverview> overview);

    SegmentTableModel* model() const { return m_model; }

    // Saves the chart as PNG or SVG (by the suffix) at its on-screen size, or 1200x800 when
    // hidden; false with a plain-words error.
    bool exportCurrentChart(const QString& path, QString* error) const;

protected:
    void showEvent(QShowEvent* event) override;

private:
    void drawChart() const;

    QLabel* m_summary = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTableView* m_table = nullptr;
    QChartView* m_chartView = nullptr;
    SegmentTableModel* m_model = nullptr;
    std::shared_ptr<const PurchaseOverview> m_overview;
    mutable bool m_chartStale = true; // built when shown or exported, not for every change
};

} // namespace clv
