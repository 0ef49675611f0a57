#pragma once

#include "export/CsvField.h"
#include "models/MemoryTableModel.h"
#include "tables/PredictionColumns.h"

#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QTabWidget;
class QTableView;
class QTextBrowser;

namespace clv {

class ModelComparisonModel;
class PredictChartsPage;
class PredictSession;
class PredictSettingsPanel;
class TablePage;

using PredictionsTableModel = MemoryTableModel<PredictionColumns>;

// The Predict tab: the settings at the left; at the right the models side by side, the
// predictions table (with the selected customer's purchases) and the charts. It asks the
// session for fits and shows what the session holds; changing a setting once a fit is shown
// fits again from the purchases in memory.
class PredictPage : public QWidget {
    Q_OBJECT
public:
    PredictPage(PredictSession* session, QWidget* parent = nullptr);

    PredictSettingsPanel* settingsPanel() const { return m_settings; }
    TablePage* predictionsPage() const { return m_predictions; }
    PredictChartsPage* chartsPage() const { return m_charts; }
    void setCsvOptions(const CsvOptions& csv);
    // Fits with the settings shown.
    void fit();

private:
    void showResult();
    void showCustomer(int viewRow);

    PredictSession* m_session;
    PredictSettingsPanel* m_settings;
    QTabWidget* m_views;
    ModelComparisonModel* m_comparison;
    QTableView* m_comparisonView;
    QLabel* m_fitSummary;
    QLabel* m_problems;
    PredictionsTableModel* m_predictionsModel;
    TablePage* m_predictions;
    QTextBrowser* m_customer;
    PredictChartsPage* m_charts;
};

} // namespace clv
