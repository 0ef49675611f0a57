#pragma once

#include "store/RowBlock.h"
#include "store/WorkspaceTable.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

namespace clv {

// Reads one workspace table a page at a time over an open connection: the number of rows a
// query shows, and rows [first, first + count) of its order (LIMIT/OFFSET, with the stored
// row number as the last sort key so that pages never overlap or skip a row; a range of row
// numbers for the stored order of a table with dense row numbers). Synchronous:
// WorkspacePager runs it on its own thread.
class WorkspaceTableReader {
public:
    WorkspaceTableReader(const QSqlDatabase& db, WorkspaceTable table);

    std::optional<qint64> count(const TableQuery& query, QString* error) const;
    std::shared_ptr<const RowBlock> rows(const TableQuery& query, qint64 first, int count, QString* error) const;

    const WorkspaceTable& table() const { return m_table; }

    // The LIKE pattern of a customer filter: trimmed, lower-cased, '!' escaping the
    // wildcards; empty when the filter keeps every row.
    static QString likePattern(const QString& filter);

private:
    QString whereClause(const TableQuery& query, bool rowRange = false) const;
    bool readsRowRange(const TableQuery& query) const;
    QString orderClause(const TableQuery& query) const;

    QSqlDatabase m_db;
    WorkspaceTable m_table;
};

} // namespace clv
