#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QHBoxLayout;

namespace clv {

class ResultTableView;
class TableModel;

// A tab holding one table: a filter by customer id, the row count, and the table view.
class TablePage : public QWidget {
    Q_OBJECT
public:
    TablePage(TableModel* model, const QString& filterHint, QWidget* parent = nullptr);

    ResultTableView* view() const { return m_view; }
    TableModel* model() const { return m_model; }
    // Shows `model` instead (the same table kept elsewhere), with the filter and the sort
    // in force. The page takes the model as a child; the previous one stays alive.
    void setModel(TableModel* model);
    QLineEdit* filterEdit() const { return m_filter; }
    // Room for page-specific controls, at the right of the filter.
    QHBoxLayout* toolsLayout() const { return m_tools; }

Q_SIGNALS:
    // The view's current row moved (-1: none).
    void currentRowChanged(int row);

private:
    void attachModel();
    void updateCount();
    void fitColumnsFrom(int column);

    TableModel* m_model;
    ResultTableView* m_view;
    QLineEdit* m_filter;
    QLabel* m_count;
    QHBoxLayout* m_tools;
    bool m_fitted = false;
};

} // namespace clv
