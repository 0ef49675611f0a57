#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace clv {

// A table of a workspace as the paged views read it: where its rows come from, the values
// of one row, and how each of the view's columns sorts. Each table's is made by its column
// spec (core/tables), beside the columns it serves. Everything is SQL that runs on
// SQLite and PostgreSQL alike (joins, COALESCE, CASE, CAST, LIKE … ESCAPE).
struct WorkspaceTable {
    QString name; // for messages: "ltv", "weekly", …
    QString from; // FROM clause, with its joins
    // The table alone, under the same alias, for counting rows without a filter: the joins
    // find exactly one row each, so they change no count, and skipping them saves a pass
    // over millions of rows.
    QString countFrom;
    // The row numbers are 1..N with no gap (the result tables, rewritten whole at each save):
    // a page of the stored order is then a range of row numbers, read by index at any depth,
    // instead of an OFFSET that steps over every row before it.
    bool denseRowNumbers = false;
    QString rowNumber;  // the row's 1-based place in the stored order: the last sort key, so
                        // that equal values keep the stored order whatever the direction
    QString customerId; // what the customer filter looks into
    QStringList values; // the selected expressions of a row, in the order RowBlock holds them
    // One entry per column of the view, in the view's order: the expressions it sorts by.
    QList<QStringList> sortKeys;
};

// Which rows of a WorkspaceTable, in which order.
struct TableQuery {
    int sortColumn = -1; // index into WorkspaceTable::sortKeys; -1: the stored order
    bool descending = false;
    QString customerFilter; // rows whose customer id contains it (ASCII case-insensitive)
    qint64 rowLimit = 0;    // only the first rowLimit rows of the stored order (the top X); 0: all
};

} // namespace clv
