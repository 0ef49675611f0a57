#pragma once

#include "etl/Parameters.h"
#include "export/CsvField.h"
#include "models/TableModels.h"

#include <QMainWindow>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QAction;
class QCheckBox;
class QFileDialog;
class QLabel;
class QMenu;
class QSpinBox;
class QTabWidget;

namespace clv {

class AnalysisSession;
class ChartsPage;
class JobStatusWidget;
class MessageBar;
class ParametersPanel;
class PredictTabs;
struct RecentEntry;
class TableBacking;
class TablePage;

// The main window: a thin coordinator between the File menu, the analysis session, the
// table tabs, the charts and the parameters panel. The work itself happens in the
// session (worker pool) and in each page's own class.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Reads and analyses files and/or folders; the previous results stay until it is done.
    void openInputs(const QStringList& inputs);
    // Reads `files` as transaction tables with their id, date and amount columns (as
    // `--columns` names them: "1,3,5" or header names).
    void openTransactionTables(const QStringList& files, const QString& columns);
    // Writes the output files into `directory` (no questions asked).
    void exportCsvsTo(const QString& directory);
    // The folder Export CSVs suggests: output/ beside the input folder.
    QString defaultOutputFolder() const;

public Q_SLOTS:
    void openEventFiles();
    void openEventFolder();
    void openTransactions();
    void generateFakeData();
    void exportCsvs();
    void exportChart();
    void openWorkspace();
    void saveWorkspaceAs();
    void showAbout();
    void showKeyboardShortcuts();

Q_SIGNALS:
    // Every tab shows the session's current results.
    void resultsShown();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    QFileDialog* fileDialog(const QString& objectName, const QString& title, const QString& folder);
    // Reads the entry's inputs as event files or as transaction tables, as it says.
    void readInputs(const RecentEntry& entry);
    // Shows the first of `files` and has the user choose the columns before they are read.
    void importTransactions(const QStringList& files);
    void confirmExport(const QString& folder);
    void createPages();
    void createActions();
    void connectSession();
    void showResults();
    void showNextStep(quint64 generation);
    // What Copy as CSV and Export CSVs write: File ▸ Neutralise Formulas applies to both.
    CsvOptions csvOptions() const;
    void showSkippedInputs();
    // The customer (interned id) of the LTV tab's view row, from whichever model it shows.
    std::optional<std::uint32_t> ltvCustomerAt(int row) const;
    void updateRecentMenu(const QList<RecentEntry>& entries);
    void updateSummary();
    void updateActions();
    void restoreSettings();
    void saveSettings() const;
    QString lastFolder(const QString& key) const;
    void rememberFolder(const QString& key, const QString& path) const;

    AnalysisSession* m_session;
    MessageBar* m_messages;
    QTabWidget* m_tabs;
    EventsTableModel* m_eventsModel;
    VisitsTableModel* m_visitsModel;
    WeeklyTableModel* m_weeklyModel;
    LtvTableModel* m_ltvModel;
    ProblemsTableModel* m_problemsModel;
    PagedLtvModel* m_pagedLtvModel;
    TableBacking* m_backing;
    TablePage* m_ltvPage = nullptr;
    TablePage* m_problemsPage = nullptr;
    TablePage* m_eventsPage = nullptr;
    TablePage* m_visitsPage = nullptr;
    TablePage* m_weeklyPage = nullptr;
    std::vector<TablePage*> m_tablePages; // every table tab
    ChartsPage* m_charts;
    PredictTabs* m_predict = nullptr;
    ParametersPanel* m_parameters;
    JobStatusWidget* m_jobStatus;
    QLabel* m_summary;
    QSpinBox* m_topXSpin = nullptr;
    QCheckBox* m_topOnly = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_exportCsvsAction = nullptr;
    QAction* m_csvSafeAction = nullptr;
    QAction* m_exportChartAction = nullptr;
    QAction* m_saveWorkspaceAction = nullptr;
    quint64 m_showGeneration = 0;
    std::deque<std::function<void()>> m_showSteps; // tables still to hand to their views
    QString m_skippedInputsNote;                   // this run's skipped folder entries, for a notice that follows
};

} // namespace clv
