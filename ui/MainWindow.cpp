#include "MainWindow.h"

#include "AppSettings.h"
#include "RecentFiles.h"
#include "TableBacking.h"
#include "WindowPlacement.h"
#include "charts/ChartsPage.h"
#include "dialogs/AboutDialog.h"
#include "dialogs/ConnectDatabaseDialog.h"
#include "dialogs/GenerateDataDialog.h"
#include "dialogs/ShortcutsDialog.h"
#include "dialogs/TransactionImportDialog.h"
#include "export/OutputExporter.h"
#include "io/ColumnSelection.h"
#include "io/TransactionPreview.h"
#include "models/TableModels.h"
#include "pages/TablePage.h"
#include "predict/PredictTabs.h"
#include "session/AnalysisSession.h"
#include "session/PredictSession.h"
#include "util/BackgroundPriority.h"
#include "util/ComputePool.h"
#include "widgets/JobStatusWidget.h"
#include "widgets/LiveLabel.h"
#include "widgets/MessageBar.h"
#include "widgets/ParametersPanel.h"
#include "widgets/RawLineDialog.h"
#include "widgets/ResultTableView.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <mutex>

namespace clv {

namespace {

// The columns as --columns takes them, which is how a recent entry keeps them.
QString columnsText(const TransactionOptions& options)
{
    if (!options.columns)
        return {};
    const ColumnSelection& c = *options.columns;
    return QString::fromStdString(c.id.text() + ',' + c.date.text() + ',' + c.amount.text());
}

// A dropped file is opened as a transaction table when its content says so (SPEC §11): not
// JSON, and a table whose columns are found, or whose first row holds a date.
bool isTransactionTable(const QString& path)
{
    if (!QFileInfo(path).isFile())
        return false;
    const TransactionPreviewRead read = previewTransactionFile(path);
    return read.preview && read.preview->looksLikeTable();
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_session(new AnalysisSession(this)), m_messages(new MessageBar(this)),
      m_tabs(new QTabWidget(this)), m_eventsModel(new EventsTableModel), m_visitsModel(new VisitsTableModel),
      m_weeklyModel(new WeeklyTableModel), m_ltvModel(new LtvTableModel), m_problemsModel(new ProblemsTableModel),
      m_pagedLtvModel(new PagedLtvModel), m_backing(new TableBacking(m_session, this)), m_charts(new ChartsPage(this)),
      m_parameters(new ParametersPanel(this)), m_jobStatus(new JobStatusWidget(this)), m_summary(new LiveLabel(this))
{
    // The engine's workers yield to this window's thread (see BackgroundPriority.h).
    static std::once_flag workersLowered;
    std::call_once(workersLowered, [] { runAtBackgroundPriority(*computePool()); });
    setWindowTitle(tr("CLV Studio"));
    setAcceptDrops(true);
    m_session->setObjectName(QStringLiteral("analysisSession"));
    m_messages->setObjectName(QStringLiteral("messageBar"));
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_backing->setObjectName(QStringLiteral("tableBacking"));
    m_parameters->setObjectName(QStringLiteral("parametersPanel"));

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_messages);
    layout->addWidget(m_tabs);
    setCentralWidget(central);

    auto* dock = new QDockWidget(tr("Parameters"), this);
    dock->setObjectName(QStringLiteral("parametersDock"));
    dock->setWidget(m_parameters);
    addDockWidget(Qt::RightDockWidgetArea, dock);

    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    statusBar()->addWidget(m_summary, 1);
    statusBar()->addPermanentWidget(m_jobStatus);

    createPages();
    createActions();
    connectSession();
    // After connectSession's own: the run's problems and notices are up when these come.
    connect(m_session, &AnalysisSession::resultsChanged, this, &MainWindow::showSkippedInputs);
    connect(m_session, &AnalysisSession::notice, this, [this] {
        if (m_skippedInputsNote.isEmpty())
            return;
        m_messages->showMessage(m_messages->text() + QLatin1Char('\n') + m_skippedInputsNote, MessageBar::Kind::Info);
        m_skippedInputsNote.clear();
    });
    restoreSettings();
    updateSummary();
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createPages()
{
    const QString byCustomer = tr("Filter by customer id…");
    // Tabs are known by object name (their titles are translated, and Problems counts).
    auto addPage = [this](TablePage* page, const char* name, const QString& title) {
        page->setObjectName(QLatin1String(name));
        m_tabs->addTab(page, title);
        return page;
    };
    m_eventsPage = addPage(new TablePage(m_eventsModel, byCustomer, this), "eventsPage", tr("Events"));
    m_visitsPage = addPage(new TablePage(m_visitsModel, byCustomer, this), "visitsPage", tr("Visits"));
    m_weeklyPage = addPage(new TablePage(m_weeklyModel, byCustomer, this), "weeklyPage", tr("Weekly"));
    m_ltvPage = addPage(new TablePage(m_ltvModel, byCustomer, this), "ltvPage", tr("LTV"));
    m_charts->setObjectName(QStringLiteral("chartsPage"));
    m_tabs->addTab(m_charts, tr("Charts"));
    m_predict = new PredictTabs(m_tabs, m_tabs->count(), this);
    m_problemsPage = addPage(new TablePage(m_problemsModel, tr("Filter by reason or text…"), this), "problemsPage",
                             tr("Problems"));
    m_backing->addTable(m_weeklyPage, m_weeklyModel, new PagedWeeklyModel);
    m_backing->addTable(m_ltvPage, m_ltvModel, m_pagedLtvModel);
    m_tablePages = {m_eventsPage, m_visitsPage, m_weeklyPage, m_ltvPage, m_problemsPage};

    // The LTV tab's top-X control is the parameters' top X; "only" limits the table to it.
    m_topXSpin = new QSpinBox(m_ltvPage);
    m_topXSpin->setObjectName(QStringLiteral("ltvTopXSpin"));
    m_topXSpin->setRange(1, 1000000);
    m_topXSpin->setPrefix(tr("Top "));
    m_topOnly = new QCheckBox(tr("Show only the top X"), m_ltvPage);
    m_topOnly->setObjectName(QStringLiteral("ltvTopOnlyCheck"));
    m_ltvPage->toolsLayout()->addWidget(m_topXSpin);
    m_ltvPage->toolsLayout()->addWidget(m_topOnly);
    auto applyTop = [this] {
        const int limit = m_topOnly->isChecked() ? m_topXSpin->value() : 0;
        m_ltvModel->setRowLimit(limit);
        m_pagedLtvModel->setRowLimit(limit);
    };
    connect(m_topOnly, &QCheckBox::toggled, this, applyTop);
    connect(m_topXSpin, &QSpinBox::valueChanged, this, [this, applyTop](int x) {
        Parameters p = m_parameters->parameters();
        if (p.topX != x) {
            p.topX = x;
            m_parameters->setParameters(p);
        }
        m_charts->setTopX(x);
        applyTop();
    });

    connect(m_ltvPage, &TablePage::currentRowChanged, this, [this](int row) {
        if (const std::optional<std::uint32_t> customer = ltvCustomerAt(row))
            m_charts->showCustomer(*customer);
    });
    connect(m_problemsPage->view(), &QAbstractItemView::doubleClicked, this, [this](const QModelIndex& index) {
        const std::optional<ProblemsRecord> problem = m_problemsModel->recordAt(index.row());
        if (!problem)
            return;
        auto* dialog = new RawLineDialog(problem->location(), utf8Text(problem->reason), utf8Text(problem->raw), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* openFiles = file->addAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("Open Event &Files…"),
                                         this, &MainWindow::openEventFiles);
    openFiles->setShortcut(QKeySequence::Open);
    openFiles->setObjectName(QStringLiteral("openFilesAction"));
    QAction* openFolder = file->addAction(QIcon::fromTheme(QStringLiteral("folder-open")), tr("Open Event F&older…"),
                                          this, &MainWindow::openEventFolder);
    openFolder->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    openFolder->setObjectName(QStringLiteral("openFolderAction"));
    QAction* openTransactions = file->addAction(tr("Open &Transactions…"), this, &MainWindow::openTransactions);
    openTransactions->setObjectName(QStringLiteral("openTransactionsAction"));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    file->addSeparator();
    QAction* openWorkspace = file->addAction(tr("Open &Workspace…"), this, &MainWindow::openWorkspace);
    openWorkspace->setObjectName(QStringLiteral("openWorkspaceAction"));
    QAction* connectDatabase = file->addAction(tr("&Connect to Database…"), this, [this] {
        ConnectDatabaseDialog::ask(this, [this](const QString& location) { m_session->openWorkspace(location); });
    });
    connectDatabase->setObjectName(QStringLiteral("connectDatabaseAction"));
    m_saveWorkspaceAction = file->addAction(tr("&Save Workspace As…"), this, &MainWindow::saveWorkspaceAs);
    m_saveWorkspaceAction->setObjectName(QStringLiteral("saveWorkspaceAsAction"));
    // Spelled out: the standard SaveAs and Quit keys come from the desktop's platform theme
    // and are empty without one.
    m_saveWorkspaceAction->setShortcut(QKeySequence(tr("Ctrl+Shift+S")));
    file->addSeparator();
    QAction* generate = file->addAction(tr("&Generate Fake Data…"), this, &MainWindow::generateFakeData);
    generate->setObjectName(QStringLiteral("generateAction"));
    file->addSeparator();
    m_exportCsvsAction = file->addAction(QIcon::fromTheme(QStringLiteral("document-save")), tr("&Export CSVs…"), this,
                                         &MainWindow::exportCsvs);
    m_exportCsvsAction->setShortcut(QKeySequence(tr("Ctrl+E")));
    m_exportCsvsAction->setObjectName(QStringLiteral("exportCsvsAction"));
    // Exported ids and rejected lines come from event files anyone could have written: this
    // keeps a spreadsheet from running a cell such as =HYPERLINK(…) as a formula.
    m_csvSafeAction = file->addAction(tr("Neutralise &Formulas in CSVs"));
    m_csvSafeAction->setObjectName(QStringLiteral("csvSafeAction"));
    m_csvSafeAction->setCheckable(true);
    m_csvSafeAction->setToolTip(
        tr("Exported and copied text cells that start with = + - or @ get a leading apostrophe"));
    connect(m_csvSafeAction, &QAction::toggled, this, [this] {
        for (TablePage* page : m_tablePages)
            page->view()->setCsvOptions(csvOptions());
        m_predict->setCsvOptions(csvOptions());
    });
    m_exportChartAction = file->addAction(tr("Export &Chart…"), this, &MainWindow::exportChart);
    m_exportChartAction->setObjectName(QStringLiteral("exportChartAction"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(tr("Ctrl+Q")));
    quit->setObjectName(QStringLiteral("quitAction"));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_backing->toggleAction());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* shortcuts = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showKeyboardShortcuts);
    shortcuts->setObjectName(QStringLiteral("keyboardShortcutsAction"));
    QAction* about = help->addAction(tr("&About CLV Studio"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);

    QToolBar* tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addAction(openFiles);
    tools->addAction(openFolder);
    tools->addAction(m_exportCsvsAction);
    tools->addAction(generate);
    updateRecentMenu(RecentFiles::load());
}

void MainWindow::connectSession()
{
    connect(m_session, &AnalysisSession::progress, m_jobStatus, &JobStatusWidget::showProgress);
    connect(m_session, &AnalysisSession::busyChanged, this, &MainWindow::updateActions);
    connect(m_jobStatus, &JobStatusWidget::cancelRequested, m_session, &AnalysisSession::cancel);
    // The Predict tabs' jobs share the status bar: it shows whichever runs, and Cancel stops both.
    PredictSession* predict = m_predict->session();
    connect(predict, &PredictSession::progress, m_jobStatus, &JobStatusWidget::showProgress);
    connect(predict, &PredictSession::busyChanged, this,
            [this, predict] { m_jobStatus->setRunning(m_session->isBusy() || predict->isBusy()); });
    connect(m_session, &AnalysisSession::busyChanged, this,
            [this, predict] { m_jobStatus->setRunning(m_session->isBusy() || predict->isBusy()); });
    connect(m_jobStatus, &JobStatusWidget::cancelRequested, predict, &PredictSession::cancel);
    connect(predict, &PredictSession::failed, this,
            [this](const QString& message) { m_messages->showMessage(message, MessageBar::Kind::Error); });
    connect(predict, &PredictSession::cancelled, this, [this] {
        m_messages->showMessage(tr("Fit cancelled. The previous fit is still shown."), MessageBar::Kind::Info);
    });
    connect(predict, &PredictSession::resultChanged, this, &MainWindow::updateActions);
    // A workspace keeps the last fit of its events, and gives it back when opened.
    connect(predict, &PredictSession::fitted, m_session, &AnalysisSession::storeFit);
    connect(m_session, &AnalysisSession::storedFitFound, m_predict, &PredictTabs::restoreFit);
    connect(m_session, &AnalysisSession::resultsChanged, this, &MainWindow::showResults);
    connect(m_session, &AnalysisSession::notice, this,
            [this](const QString& message) { m_messages->showMessage(message, MessageBar::Kind::Info); });
    connect(m_session, &AnalysisSession::failed, this,
            [this](const QString& message) { m_messages->showMessage(message, MessageBar::Kind::Error); });
    connect(m_session, &AnalysisSession::cancelled, this, [this] {
        m_messages->showMessage(tr("Cancelled. The previous results are still shown."), MessageBar::Kind::Info);
    });
    connect(m_session, &AnalysisSession::exported, this, [this](const QStringList& files, const QString& directory) {
        QStringList names;
        for (const QString& f : files)
            names << QFileInfo(f).fileName();
        m_messages->showMessage(
            tr("Wrote %1 to %2.").arg(names.join(QStringLiteral(", ")), QDir::toNativeSeparators(directory)),
            MessageBar::Kind::Info);
    });
    connect(m_session, &AnalysisSession::exportFailed, this, [this](const QString& message) {
        m_messages->showMessage(
            tr("Export failed: %1. Files already in the folder were left as they were.").arg(message),
            MessageBar::Kind::Error);
    });
    connect(m_backing, &TableBacking::pagedChanged, this, &MainWindow::updateSummary);
    connect(m_backing, &TableBacking::readFailed, this, [this](const QString& message) {
        m_messages->showMessage(tr("The tables could not be read from the workspace: %1").arg(message),
                                MessageBar::Kind::Error);
    });
    connect(m_parameters, &ParametersPanel::parametersChanged, this, [this](const Parameters& p) {
        m_topXSpin->setValue(p.topX);
        m_session->setParameters(p);
    });
}

void MainWindow::showResults()
{
    const auto read = m_session->readResult();
    const auto results = m_session->results();
    const auto readView = ReadView::of(read);
    // Each table's hand-over resets its view and fits its columns, and each fills its tab's
    // labels: the tables are handed over one per turn of the event loop, the tab in view first,
    // so that the window never stands still for long.
    struct Step {
        QWidget* tab;
        std::function<void()> run;
    };
    m_backing->resultsChanged();
    m_predict->setData(read ? read->events : nullptr, results);
    std::vector<Step> steps = {
        {m_ltvPage, [this, results] { m_ltvModel->setSource(results); }},
        {m_charts,
         [this, results] {
             m_charts->setResults(results);
             m_charts->setTopX(m_session->parameters().topX);
         }},
        {m_problemsPage, [this, readView] { m_problemsModel->setSource(readView); }},
        {m_weeklyPage, [this, results] { m_weeklyModel->setSource(results); }},
        {m_visitsPage, [this, results] { m_visitsModel->setSource(results); }},
        {m_eventsPage, [this, readView] { m_eventsModel->setSource(readView); }},
    };
    std::stable_partition(steps.begin(), steps.end(),
                          [this](const Step& step) { return step.tab == m_tabs->currentWidget(); });
    m_showSteps.clear();
    for (Step& step : steps)
        m_showSteps.push_back(std::move(step.run));
    const quint64 generation = ++m_showGeneration;
    QTimer::singleShot(0, this, [this, generation] { showNextStep(generation); });
    const qint64 rejected = read ? read->totals().rejected : 0;
    m_tabs->setTabText(m_tabs->indexOf(m_problemsPage),
                       rejected ? tr("Problems (%1)").arg(QLocale().toString(rejected)) : tr("Problems"));
    QStringList problems = read ? read->inputProblems : QStringList();
    if (!problems.isEmpty())
        m_messages->showMessage(problems.join(QLatin1Char('\n')), MessageBar::Kind::Error);
    else if (m_messages->kind() == MessageBar::Kind::Error)
        m_messages->hide();
    updateSummary();
    updateActions();
}

std::optional<std::uint32_t> MainWindow::ltvCustomerAt(int row) const
{
    // Either table shows the results the session holds (TableBacking makes sure), so a rank
    // finds the customer in them.
    const std::optional<LtvRecord> record = m_ltvPage->model() == m_pagedLtvModel ? m_pagedLtvModel->recordAt(row)
                                                                                  : m_ltvModel->recordAt(row);
    const auto results = m_session->results();
    if (!record || !results || record->rank < 1 || record->rank > qint64(results->ltv.size()))
        return std::nullopt;
    return results->ltv[static_cast<std::size_t>(record->rank - 1)].customer;
}

void MainWindow::showNextStep(quint64 generation)
{
    if (generation != m_showGeneration || m_showSteps.empty())
        return; // newer results superseded these
    const std::function<void()> step = std::move(m_showSteps.front());
    m_showSteps.pop_front();
    step();
    if (m_showSteps.empty()) {
        Q_EMIT resultsShown();
        return;
    }
    // Scheduled only now, so that paints and input queued meanwhile run between two steps:
    // timers due together would all run in one go.
    QTimer::singleShot(0, this, [this, generation] { showNextStep(generation); });
}

void MainWindow::updateSummary()
{
    const auto read = m_session->readResult();
    const auto results = m_session->results();
    if (!read || !results) {
        m_summary->setText(tr("Open event files or a folder (File ▸ Open, or drop them on the window)."));
        return;
    }
    const QLocale locale;
    const FileStats t = read->totals();
    qint64 ms = 0;
    for (const auto& [stage, time] : m_session->timings())
        if (!stage.contains(QLatin1Char('.')))
            ms += time;
    QString summary = tr("%1 file(s) · %2 events · %3 rejected · %4 customers · %5 s")
                          .arg(read->files.size())
                          .arg(locale.toString(t.accepted), locale.toString(t.rejected),
                               locale.toString(qulonglong(results->ltv.size())), locale.toString(ms / 1000.0, 'f', 2));
    // Say where the rows come from: paged tables read the file, so what they show is what
    // the workspace holds.
    if (m_backing->isPaged())
        summary += tr(" · tables paged from %1").arg(QFileInfo(m_session->workspacePath()).fileName());
    m_summary->setText(summary);
}

void MainWindow::updateActions()
{
    const bool haveResults = m_session->results() != nullptr;
    m_saveWorkspaceAction->setEnabled(haveResults && !m_session->isBusy());
    const QString workspace = m_session->workspacePath();
    setWindowTitle(workspace.isEmpty() ? tr("CLV Studio") : tr("%1 — CLV Studio").arg(QFileInfo(workspace).fileName()));
    m_exportCsvsAction->setEnabled(haveResults && !m_session->isBusy());
    m_exportChartAction->setEnabled(
        haveResults && (m_tabs->currentWidget() == m_charts || m_predict->hasChart(m_tabs->currentWidget())));
}

void MainWindow::openInputs(const QStringList& inputs)
{
    readInputs(RecentEntry{inputs, {}});
}

// The reader's options are set for every open: after transaction tables, the next event
// files are read as events again.
void MainWindow::openTransactionTables(const QStringList& files, const QString& columns)
{
    readInputs(RecentEntry{files, columns});
}

void MainWindow::readInputs(const RecentEntry& entry)
{
    if (entry.inputs.isEmpty())
        return;
    std::optional<TransactionOptions> tables;
    if (entry.isTransactionTables()) {
        const ColumnSelectionParse columns = parseColumnSelection(entry.transactionColumns.toStdString());
        if (!columns.selection) {
            m_messages->showMessage(tr("The columns %1 cannot be used: %2")
                                        .arg(entry.transactionColumns, QString::fromStdString(columns.error)),
                                    MessageBar::Kind::Error);
            return;
        }
        tables = TransactionOptions{columns.selection};
    }
    updateRecentMenu(RecentFiles::add(entry));
    m_session->readerOptions().transactions = tables;
    m_session->open(entry.inputs);
}

// Dialogs are opened window-modal with open(), never exec(): the window keeps one event
// loop, and a job that finishes meanwhile is shown at once.
QFileDialog* MainWindow::fileDialog(const QString& objectName, const QString& title, const QString& folder)
{
    auto* dialog = new QFileDialog(this, title, folder);
    dialog->setObjectName(objectName);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    return dialog;
}

void MainWindow::openEventFiles()
{
    QFileDialog* dialog = fileDialog(QStringLiteral("openFilesDialog"), tr("Open Event Files"),
                                     lastFolder(QStringLiteral("openFolder")));
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setNameFilters({tr("Event files (*.txt *.json *.jsonl *.ndjson *.gz *.zst)"), tr("All files (*)")});
    connect(dialog, &QFileDialog::filesSelected, this, [this](const QStringList& files) {
        if (files.isEmpty())
            return;
        rememberFolder(QStringLiteral("openFolder"), QFileInfo(files.first()).absolutePath());
        openInputs(files);
    });
    dialog->open();
}

void MainWindow::openEventFolder()
{
    QFileDialog* dialog = fileDialog(QStringLiteral("openFolderDialog"), tr("Open Event Folder"),
                                     lastFolder(QStringLiteral("openFolder")));
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& folder) {
        if (folder.isEmpty())
            return;
        rememberFolder(QStringLiteral("openFolder"), folder);
        openInputs({folder});
    });
    dialog->open();
}

void MainWindow::openTransactions()
{
    QFileDialog* dialog = fileDialog(QStringLiteral("openTransactionsDialog"), tr("Open Transactions"),
                                     lastFolder(QStringLiteral("openFolder")));
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({tr("Transaction tables (*.csv *.tsv *.txt *.gz *.zst)"), tr("All files (*)")});
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& file) {
        if (file.isEmpty())
            return;
        rememberFolder(QStringLiteral("openFolder"), QFileInfo(file).absolutePath());
        importTransactions({file});
    });
    dialog->open();
}

void MainWindow::importTransactions(const QStringList& files)
{
    auto* dialog = new TransactionImportDialog(files, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (const std::optional<TransactionOptions> options = dialog->options())
            readInputs(RecentEntry{dialog->files(), columnsText(*options)});
    });
    dialog->open();
}

void MainWindow::updateRecentMenu(const QList<RecentEntry>& entries)
{
    m_recentMenu->clear();
    for (const RecentEntry& entry : entries) {
        QString label = QDir::toNativeSeparators(entry.inputs.first());
        if (entry.inputs.size() > 1)
            label += tr(" and %1 more").arg(entry.inputs.size() - 1);
        if (entry.isTransactionTables())
            label += tr(" (transactions, columns %1)").arg(entry.transactionColumns);
        m_recentMenu->addAction(label, this, [this, entry] { readInputs(entry); });
    }
    if (entries.isEmpty())
        m_recentMenu->addAction(tr("(none yet)"))->setEnabled(false);
    else {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear Recent"), this, [this] { updateRecentMenu(RecentFiles::clear()); });
    }
}

QString MainWindow::defaultOutputFolder() const
{
    const QStringList inputs = m_session->inputs();
    if (inputs.isEmpty())
        return QDir::current().absoluteFilePath(QStringLiteral("output"));
    const QFileInfo first(inputs.first());
    const QDir inputFolder(first.isDir() ? first.absoluteFilePath() : first.absolutePath());
    return QDir::cleanPath(inputFolder.absoluteFilePath(QStringLiteral("../output")));
}

void MainWindow::exportCsvs()
{
    // The default folder may not exist yet: start in its parent with its name filled in.
    const QFileInfo suggested(defaultOutputFolder());
    QFileDialog* dialog = fileDialog(QStringLiteral("exportFolderDialog"), tr("Export CSVs to Folder"),
                                     suggested.absolutePath());
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->selectFile(suggested.fileName());
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::confirmExport);
    dialog->open();
}

void MainWindow::confirmExport(const QString& folder)
{
    if (folder.isEmpty())
        return;
    QStringList outputs = {QLatin1String(kVisitsFile), QLatin1String(kWeeklyFile),   QLatin1String(kLtvFile),
                           QLatin1String(kTopFile),    QLatin1String(kRejectedFile), QLatin1String(kRunReportFile)};
    outputs << predictOutputNames(m_predict->exportSet());
    QStringList existing;
    for (const QString& name : outputs)
        if (QFileInfo::exists(QDir(folder).filePath(name)))
            existing << name;
    if (existing.isEmpty()) {
        rememberFolder(QStringLiteral("exportFolder"), folder);
        exportCsvsTo(folder);
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Question, tr("Replace Files?"),
                                tr("%1 already holds %2.\nReplace them with the current results?")
                                    .arg(QDir::toNativeSeparators(folder), existing.join(QStringLiteral(", "))),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("replaceFilesBox"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, folder] {
        if (box->clickedButton() != box->button(QMessageBox::Yes))
            return;
        rememberFolder(QStringLiteral("exportFolder"), folder);
        exportCsvsTo(folder);
    });
    box->open();
}

CsvOptions MainWindow::csvOptions() const
{
    CsvOptions csv;
    csv.neutraliseFormulas = m_csvSafeAction->isChecked();
    return csv;
}

void MainWindow::exportCsvsTo(const QString& directory)
{
    m_session->exportOutputs(directory, csvOptions(), m_predict->exportSet());
}

void MainWindow::exportChart()
{
    QFileDialog* dialog = fileDialog(QStringLiteral("exportChartDialog"), tr("Export Chart"),
                                     lastFolder(QStringLiteral("chartFolder")));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilters({tr("PNG image (*.png)"), tr("SVG drawing (*.svg)")});
    dialog->selectFile(QStringLiteral("chart.png"));
    connect(dialog, &QFileDialog::filterSelected, dialog, [dialog](const QString& filter) {
        dialog->setDefaultSuffix(filter.contains(QLatin1String("svg")) ? QStringLiteral("svg") : QStringLiteral("png"));
    });
    dialog->setDefaultSuffix(QStringLiteral("png"));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) {
        if (path.isEmpty())
            return;
        rememberFolder(QStringLiteral("chartFolder"), QFileInfo(path).absolutePath());
        QString error;
        QWidget* tab = m_tabs->currentWidget();
        const bool saved = m_predict->hasChart(tab) ? m_predict->exportChart(tab, path, &error)
                                                    : m_charts->exportCurrentChart(path, &error);
        if (saved)
            m_messages->showMessage(tr("Saved the chart to %1.").arg(QDir::toNativeSeparators(path)),
                                    MessageBar::Kind::Info);
        else
            m_messages->showMessage(tr("Could not save the chart: %1").arg(error), MessageBar::Kind::Error);
    });
    dialog->open();
}

void MainWindow::generateFakeData()
{
    const QStringList inputs = m_session->inputs();
    const QString base = inputs.isEmpty() ? QDir::currentPath() : QFileInfo(defaultOutputFolder()).absolutePath();
    auto* dialog = new GenerateDataDialog(base, this);
    dialog->setObjectName(QStringLiteral("generateDataDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &GenerateDataDialog::generated, this, [this, dialog](const QString& file, qint64 lines, bool open) {
        const QString what = dialog->options().mode == GeneratorMode::Btyd ? tr("%1 purchases") : tr("%1 events");
        m_messages->showMessage(
            tr("Generated %1 in %2.").arg(what.arg(QLocale().toString(lines)), QDir::toNativeSeparators(file)),
            MessageBar::Kind::Info);
        if (open)
            openInputs({file});
    });
    dialog->open();
}

void MainWindow::openWorkspace()
{
    QFileDialog* dialog = fileDialog(QStringLiteral("openWorkspaceDialog"), tr("Open Workspace"),
                                     lastFolder(QStringLiteral("workspaceFolder")));
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({tr("CLV Studio workspaces (*.clvdb)"), tr("All files (*)")});
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) {
        if (path.isEmpty())
            return;
        rememberFolder(QStringLiteral("workspaceFolder"), QFileInfo(path).absolutePath());
        m_session->openWorkspace(path);
    });
    dialog->open();
}

void MainWindow::saveWorkspaceAs()
{
    QFileDialog* dialog = fileDialog(QStringLiteral("saveWorkspaceDialog"), tr("Save Workspace As"),
                                     lastFolder(QStringLiteral("workspaceFolder")));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilter(tr("CLV Studio workspaces (*.clvdb)"));
    dialog->setDefaultSuffix(QStringLiteral("clvdb"));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) {
        if (path.isEmpty())
            return;
        rememberFolder(QStringLiteral("workspaceFolder"), QFileInfo(path).absolutePath());
        m_session->saveWorkspaceAs(path, m_predict->session()->result());
    });
    dialog->open();
}

void MainWindow::showAbout()
{
    auto* dialog = new AboutDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showKeyboardShortcuts()
{
    // Not modal: the list can stay open beside the window while the keys are tried.
    auto* dialog = new ShortcutsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList inputs;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            inputs << url.toLocalFile();
    if (inputs.isEmpty())
        return;
    event->acceptProposedAction();
    if (std::all_of(inputs.begin(), inputs.end(), isTransactionTable))
        importTransactions(inputs);
    else
        openInputs(inputs);
}

QString MainWindow::lastFolder(const QString& key) const
{
    return AppSettings().lastFolder(key);
}

void MainWindow::rememberFolder(const QString& key, const QString& path) const
{
    AppSettings().setLastFolder(key, path);
}

void MainWindow::restoreSettings()
{
    const AppSettings settings;
    if (!restoreGeometry(settings.windowGeometry()))
        setGeometry(initialWindowGeometry(QSize(1280, 800), screen()->availableGeometry()));
    restoreState(settings.windowState());
    const Parameters p = settings.parameters();
    m_csvSafeAction->setChecked(settings.neutraliseFormulas());
    m_parameters->setParameters(p);
    m_topXSpin->setValue(p.topX);
    m_session->setParameters(m_parameters->parameters());
    m_predict->restoreSettings();
}

void MainWindow::saveSettings() const
{
    AppSettings settings;
    settings.setWindowGeometry(saveGeometry());
    settings.setWindowState(saveState());
    settings.setParameters(m_parameters->parameters());
    settings.setNeutraliseFormulas(m_csvSafeAction->isChecked());
    m_predict->saveSettings();
}

// Folder entries the run left out are no failure, so they are said as info — below the run's
// problems when there are some, and again below a notice that the session sends after the
// results (a workspace's "already in the workspace"), so that neither hides the other.
void MainWindow::showSkippedInputs()
{
    const auto read = m_session->readResult();
    QStringList lines;
    if (read)
        for (const SkippedInput& skipped : read->skippedInputs)
            lines << skipped.message();
    m_skippedInputsNote = lines.join(QLatin1Char('\n'));
    if (m_skippedInputsNote.isEmpty())
        return;
    if (!m_messages->isHidden() && m_messages->kind() == MessageBar::Kind::Error)
        m_messages->showMessage(m_messages->text() + QLatin1Char('\n') + m_skippedInputsNote, MessageBar::Kind::Error);
    else
        m_messages->showMessage(m_skippedInputsNote, MessageBar::Kind::Info);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_session->cancel();
    m_predict->session()->cancel();
    saveSettings();
    event->accept();
}

} // namespace clv
