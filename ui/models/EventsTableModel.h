#pragma once

#include "io/ReadResult.h"
#include "models/ResultTableModel.h"

namespace clv {

// The parsed events, in input order, with where each came from.
class EventsTableModel : public ResultTableModel {
    Q_OBJECT
public:
    enum Column { Customer, Type, Verb, Key, EventTime, Amount, Details, Source, ColumnCount };
    // The column titles, shared with the paged model of the same table.
    static QStringList headers();

    using ResultTableModel::ResultTableModel;
    void setReadResult(std::shared_ptr<const ReadResult> read);

protected:
    QStringList columnNames() const override;
    std::size_t tableRows() const override { return m_read ? m_read->events->size() : 0; }
    QVariant cell(std::uint32_t row, int column, int role) const override;
    RowLess rowLess(int column) const override;
    RowFilter customerFilter(const QString& text) const override;

private:
    std::shared_ptr<const ReadResult> m_read;
};

} // namespace clv
