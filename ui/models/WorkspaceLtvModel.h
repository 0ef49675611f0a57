#pragma once

#include "models/WorkspaceTableModel.h"

namespace clv {

// Paged from a workspace: the ltv table, by rank (LtvTableModel's columns).
class WorkspaceLtvModel : public WorkspaceTableModel {
    Q_OBJECT
public:
    explicit WorkspaceLtvModel(QObject* parent = nullptr);

    // The rank (1 = highest LTV) of the customer at view row `row`; 0 while its page is read.
    qint64 rankAt(int row) const;

protected:
    QStringList columnNames() const override;
    QVariant cell(const RowBlock& block, int row, int column, int role) const override;
    QVariant alignment(int column) const override;
};

} // namespace clv
