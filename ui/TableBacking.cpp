#include "TableBacking.h"

#include "AppSettings.h"
#include "models/WorkspaceTableModel.h"
#include "pages/TablePage.h"
#include "session/AnalysisSession.h"

#include <QAction>

namespace clv {

TableBacking::TableBacking(AnalysisSession* session, QObject* parent)
    : QObject(parent), m_session(session), m_toggle(new QAction(tr("Tables from &Workspace (paged)"), this))
{
    m_toggle->setObjectName(QStringLiteral("pagedTablesAction"));
    m_toggle->setCheckable(true);
    m_toggle->setChecked(AppSettings().tablesFromWorkspace());
    m_toggle->setToolTip(tr("With a workspace open, the weekly and LTV tables read their rows from the workspace "
                            "file as they come into view, instead of from memory"));
    connect(m_session, &AnalysisSession::aboutToRewriteWorkspace, this, &TableBacking::release);
    connect(m_toggle, &QAction::toggled, this, [this](bool on) {
        AppSettings().setTablesFromWorkspace(on);
        apply(false);
    });
}

void TableBacking::addTable(TablePage* page, TableModel* memory, WorkspaceTableModel* paged)
{
    m_tables.push_back({page, memory, paged});
    paged->setParent(page);
    connect(paged, &WorkspaceTableModel::readFailed, this, &TableBacking::readFailed);
}

void TableBacking::resultsChanged()
{
    apply(true);
}

void TableBacking::release()
{
    // The memory models hold the same results; the paged ones come back with the next results.
    for (const Table& t : m_tables) {
        t.page->setModel(t.memory);
        if (!t.paged->workspacePath().isEmpty())
            t.paged->setWorkspace(QString());
    }
    if (m_paged) {
        m_paged = false;
        Q_EMIT pagedChanged(false);
    }
}

void TableBacking::apply(bool reopen)
{
    const QString path = m_session->workspacePath();
    const bool paged = m_toggle->isChecked() && !path.isEmpty() && m_session->resultsInWorkspace();
    for (const Table& t : m_tables) {
        if (paged) {
            if (reopen || t.paged->workspacePath() != path)
                t.paged->setWorkspace(path);
            t.page->setModel(t.paged);
        } else {
            t.page->setModel(t.memory);
            if (!t.paged->workspacePath().isEmpty())
                t.paged->setWorkspace(QString());
        }
    }
    if (paged != m_paged) {
        m_paged = paged;
        Q_EMIT pagedChanged(paged);
    }
}

} // namespace clv
