#pragma once

#include <QStackedWidget>

#include <functional>

class QAbstractItemModel;
class QChart;
class QLabel;
class QSplitter;
class QTableView;

namespace clv {

class ChartDeck;

// A table above a chart, or a sentence while there is nothing to show: the body of the
// Cohorts and Segments tabs. The chart is built when it is shown or exported, not for every
// change of the data behind it.
class TableChartView : public QStackedWidget {
    Q_OBJECT
public:
    struct Names {
        const char* emptyMessage;
        const char* table;
        const char* chart;
    };

    // `build` makes the chart for the data of the moment; it is called on the UI thread.
    TableChartView(QAbstractItemModel* model, const QString& emptyText, Names names, std::function<QChart*()> build,
                   QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    // The space the table and the chart get of the page's height.
    void setStretch(int table, int chart);
    // Shows the table and chart (or the sentence), the chart built anew when next seen.
    void showData(bool any);
    // Saves the chart as PNG or SVG (by the suffix) at its on-screen size, or 1200x800 when
    // hidden; false with a plain-words error.
    bool exportChart(const QString& path, QString* error) const;

private:
    QLabel* m_empty;
    QTableView* m_table;
    ChartDeck* m_chart;
    QSplitter* m_split;
};

} // namespace clv
