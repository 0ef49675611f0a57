#pragma once

#include "summary/ChartSummaries.h"
#include "util/JobTracker.h"

#include <QThreadPool>
#include <QWidget>

#include <array>
#include <memory>
#include <string>
#include <vector>

class QChart;
class QChartView;
class QCheckBox;
class QComboBox;
class QSpinBox;
class QStackedWidget;
class QWidget;

namespace clv {

class ChartDeck;

// The Charts tab: weekly spend, the LTV distribution, the top-X customers and one
// customer's weekly spend, one at a time behind a selector. The summaries behind them are
// computed on the worker pool; the page only lays them out.
class ChartsPage : public QWidget {
    Q_OBJECT
public:
    enum class Chart { WeeklySpend, LtvDistribution, TopCustomers, CustomerWeeks };

    explicit ChartsPage(QWidget* parent = nullptr);

    // Computes the summaries on a thread of their own (a JobTracker job, the
    // UI thread never waits) and redraws; null clears. A later call drops the figures of
    // an earlier one still being computed.
    void setResults(std::shared_ptr<const ResultTables> results);
    void setTopX(int x); // the top-X bar chart's X
    // The per-customer weekly spend chart, for an id of the results last set; 0 clears the
    // selection. The selection follows the customer id text into later results.
    void showCustomer(std::uint32_t customer);
    void setCurrentChart(Chart chart);
    Chart currentChart() const;

    // The distribution's controls, also reachable as the page's spin box and check box.
    void setHistogramBins(int bins); // 5 … 200
    int histogramBins() const;
    void setLogScale(bool on);
    bool logScale() const;

    // Saves the chart now shown as PNG or SVG (chosen by the file suffix, .png or .svg) at
    // its on-screen size (or 1200x800 if hidden); false with a plain-words error
    // (unwritable path, unknown suffix).
    bool exportCurrentChart(const QString& path, QString* error) const;

Q_SIGNALS:
    // Emitted after the charts were redrawn for new results (or cleared for null), and
    // after the distribution was recomputed for new bins or scale.
    void summariesReady();

private:
    struct Summaries;

    QWidget* buildControls();
    void startSummaries();
    void applySummaries(const Summaries& summaries);
    void clearSummaries();
    void updateTopCustomers();
    void updateCustomer();
    void redraw(Chart chart);
    QChart* buildChart(Chart chart) const;

    QComboBox* m_selector = nullptr;
    QWidget* m_distributionControls = nullptr;
    QSpinBox* m_bins = nullptr;
    QCheckBox* m_logScale = nullptr;
    ChartDeck* m_deck = nullptr;

    std::shared_ptr<const ResultTables> m_results; // last set; may still be computing
    std::shared_ptr<const ResultTables> m_shown;   // the results the charts now draw
    int m_topX = 10;
    bool m_customerChosen = false;
    std::string m_customerId;

    // The summaries' own thread. The figures use the worker pool inside (the order ledger):
    // run as a task of that same pool, two overlapping requests could take both its threads
    // and wait forever for a third.
    QThreadPool m_summaryThread;
    JobTracker m_summaries{this, &m_summaryThread};

    CalendarWeekSeries m_weekly;
    LtvDistribution m_distribution;
    std::vector<TopCustomer> m_top;
    CustomerWeekSeries m_customer;
};

} // namespace clv
