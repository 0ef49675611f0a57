#pragma once

#include <QStackedWidget>

#include <functional>
#include <memory>
#include <vector>

class QChart;
class QChartView;
class QTimer;

namespace clv {

// A stack of chart views, one shown at a time, each chart built only when it is in view or
// asked for: building one (thousands of points or cells) costs tens of milliseconds on the UI
// thread, so a change of figures marks a chart stale rather than rebuilding every chart.
// When the deck comes into view (its tab is chosen) a stale chart is made on the next turn of
// the event loop and put in its view on the one after: making a chart, laying it out (QtCharts
// lays out each axis label as a text document) and showing the tab around it took more than a
// frame together.
// The Charts tab, the Predict tab's charts and the Cohorts and Segments tabs hold one.
class ChartDeck : public QStackedWidget {
    Q_OBJECT
public:
    // Builds chart `index` from the figures of the moment (on the UI thread).
    using Build = std::function<QChart*(int index)>;

    // One view per name (object names, for tests and the screenshot tour).
    ChartDeck(const std::vector<const char*>& viewNames, Build build, QWidget* parent = nullptr);
    ~ChartDeck() override;

    void setCurrent(int index); // shows chart `index`, built first if it is stale
    int current() const { return currentIndex(); }
    // The figures behind chart `index` changed: built again now if it is in view, else when it
    // is shown or asked for.
    void markStale(int index);
    void markAllStale();
    // The view of chart `index`, its chart built if it was stale.
    QChartView* view(int index) const;
    // Saves chart `index` as PNG or SVG (by the suffix) at its on-screen size, or 1200x800
    // when hidden; false with a plain-words error.
    bool exportChart(int index, const QString& path, QString* error) const;

protected:
    void showEvent(QShowEvent* event) override;

private:
    void draw(int index) const;

    std::vector<QChartView*> m_views;
    QTimer* m_drawWhenShown;
    mutable std::vector<bool> m_stale;
    Build m_build;
    // A chart made for the deck coming into view, not in its view yet (-1: none).
    mutable std::unique_ptr<QChart> m_built;
    mutable int m_builtIndex = -1;
};

} // namespace clv
