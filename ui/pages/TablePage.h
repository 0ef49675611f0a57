#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QHBoxLayout;

namespace clv {

class ResultTableModel;
class ResultTableView;

// A tab holding one table: a filter by customer id, the row count, and the table view.
class TablePage : public QWidget {
    Q_OBJECT
public:
    TablePage(ResultTableModel* model, const QString& filterHint, QWidget* parent = nullptr);

    ResultTableView* view() const { return m_view; }
    ResultTableModel* model() const { return m_model; }
    QLineEdit* filterEdit() const { return m_filter; }
    // Room for page-specific controls, at the right of the filter.
    QHBoxLayout* toolsLayout() const { return m_tools; }

private:
    void updateCount();

    ResultTableModel* m_model;
    ResultTableView* m_view;
    QLineEdit* m_filter;
    QLabel* m_count;
    QHBoxLayout* m_tools;
    bool m_fitted = false;
};

} // namespace clv
