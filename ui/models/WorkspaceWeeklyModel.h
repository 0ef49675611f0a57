#pragma once

#include "models/WorkspaceTableModel.h"

namespace clv {

// Paged from a workspace: the weekly table (WeeklyTableModel's columns).
class WorkspaceWeeklyModel : public WorkspaceTableModel {
    Q_OBJECT
public:
    explicit WorkspaceWeeklyModel(QObject* parent = nullptr);

protected:
    QStringList columnNames() const override;
    QVariant cell(const RowBlock& block, int row, int column, int role) const override;
    QVariant alignment(int column) const override;
};

} // namespace clv
