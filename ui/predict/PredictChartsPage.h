#pragma once

#include "summary/PredictSummaries.h"
#include "util/JobTracker.h"

#include <QThreadPool>
#include <QWidget>

#include <array>
#include <memory>
#include <optional>
#include <vector>

class QChart;
class QComboBox;

namespace clv {

class ChartDeck;

// The charts of a fit: tracking, calibration against holdout, the repeat-purchase
// histogram, the frequency/recency heatmaps, one customer's P(alive) over time, and the
// predicted CLV's distribution and its scatter against the seed LTV — one at a time behind
// a selector. The figures are computed on a thread of their own; the page only lays them out.
class PredictChartsPage : public QWidget {
    Q_OBJECT
public:
    enum class Chart {
        Tracking,
        CalibrationHoldout,
        RepeatHistogram,
        ExpectedHeatmap,
        AliveHeatmap,
        CustomerAlive,
        ClvDistribution,
        ClvScatter
    };
    static constexpr int kChartCount = 8;

    explicit PredictChartsPage(QWidget* parent = nullptr);
    ~PredictChartsPage() override;

    // Computes the figures of `result` in the background (the UI thread never waits) and
    // redraws; null clears. A later call drops the figures of an earlier one still being
    // computed. The chosen customer is cleared: summary rows belong to one fit.
    void setResult(std::shared_ptr<const PredictResult> result);
    // The P(alive) chart for a row of the result's summary (its predictions table's row).
    void showCustomer(std::size_t summaryRow);
    void setCurrentChart(Chart chart);
    Chart currentChart() const;

    // Saves the chart now shown as PNG or SVG (chosen by the file suffix) at its on-screen
    // size (or 1200x800 if hidden); false with a plain-words error.
    bool exportCurrentChart(const QString& path, QString* error) const;

Q_SIGNALS:
    // Emitted after the charts were redrawn for a new result (or cleared for null), and
    // after a customer's P(alive) curve was computed.
    void summariesReady();

private:
    struct Summaries;

    void applySummaries(Summaries summaries);
    void startCustomer();
    void redraw(Chart chart);
    QChart* buildChart(Chart chart) const;

    QComboBox* m_selector = nullptr;
    ChartDeck* m_deck = nullptr;

    std::shared_ptr<const PredictResult> m_result; // last set; may still be computing
    std::optional<std::size_t> m_customer;

    // The figures' own thread, as the Charts tab has: none of them uses the worker pool, but
    // a fit running there must not hold them up.
    QThreadPool m_summaryThread;
    JobTracker m_summaries{this, &m_summaryThread};
    JobTracker m_customerJob{this, &m_summaryThread};

    std::unique_ptr<Summaries> m_shown;
    CustomerAliveCurve m_curve;
};

} // namespace clv
