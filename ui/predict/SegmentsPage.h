#pragma once

#include "predict/PurchaseOverview.h"

#include <QWidget>

#include <memory>

class QLabel;

namespace clv {

class SegmentTableModel;
class TableChartView;

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

private:
    QLabel* m_summary = nullptr;
    SegmentTableModel* m_model = nullptr;
    TableChartView* m_body = nullptr;
    std::shared_ptr<const PurchaseOverview> m_overview;
};

} // namespace clv
