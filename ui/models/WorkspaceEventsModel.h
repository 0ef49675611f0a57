#pragma once

#include "models/WorkspaceTableModel.h"

namespace clv {

// Paged from a workspace: the stored events in ingest order (EventsTableModel's columns).
class WorkspaceEventsModel : public WorkspaceTableModel {
    Q_OBJECT
public:
    explicit WorkspaceEventsModel(QObject* parent = nullptr);

protected:
    QStringList columnNames() const override;
    QVariant cell(const RowBlock& block, int row, int column, int role) const override;
    QVariant alignment(int column) const override;
};

} // namespace clv
