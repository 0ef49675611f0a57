#pragma once

#include <QObject>

#include <vector>

class QAction;

namespace clv {

class AnalysisSession;
class TableModel;
class TablePage;
class WorkspaceTableModel;

// Which models the table tabs show. The memory models always hold the session's last
// analysis; the workspace models page the same tables from the open workspace file, reading
// only the rows in view. View ▸ Tables from Workspace (paged) chooses between them and is
// remembered in QSettings. The workspace models are used only while the results on screen
// are the ones the workspace stores — a re-run with other parameters lives in memory only —
// and let go of the file (connection and thread) when not used.
class TableBacking : public QObject {
    Q_OBJECT
public:
    explicit TableBacking(AnalysisSession* session, QObject* parent = nullptr);

    // The View menu's checkable action.
    QAction* toggleAction() const { return m_toggle; }
    // `page` shows `memory`, or `paged` when the tables come from the workspace.
    void addTable(TablePage* page, TableModel* memory, WorkspaceTableModel* paged);
    bool isPaged() const { return m_paged; }

    // The session has new results: the workspace file may have been written or replaced, so
    // the paged models open it again.
    void resultsChanged();
    // Closes the workspace file (its pagers' connections) and shows the memory models, until
    // the next results: the file is about to be copied or replaced.
    void release();

Q_SIGNALS:
    void pagedChanged(bool paged);
    void readFailed(const QString& message);

private:
    struct Table {
        TablePage* page;
        TableModel* memory;
        WorkspaceTableModel* paged;
    };
    void apply(bool reopen);

    AnalysisSession* m_session;
    QAction* m_toggle;
    std::vector<Table> m_tables;
    bool m_paged = false;
};

} // namespace clv
