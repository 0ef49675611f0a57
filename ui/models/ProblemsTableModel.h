#pragma once

#include "io/ReadResult.h"
#include "models/ResultTableModel.h"

namespace clv {

// The lines that could not be used: file, line, reason and the raw text.
class ProblemsTableModel : public ResultTableModel {
    Q_OBJECT
public:
    enum Column { File, Line, Reason, Raw, ColumnCount };

    using ResultTableModel::ResultTableModel;
    void setReadResult(std::shared_ptr<const ReadResult> read);
    // The whole raw line (as read, cut at Rejection::kMaxRawBytes) of view row `row`.
    QString rawLine(int row) const;
    QString location(int row) const;
    QString reason(int row) const;

protected:
    QStringList columnNames() const override;
    std::size_t tableRows() const override { return m_read ? m_read->rejections.size() : 0; }
    QVariant cell(std::uint32_t row, int column, int role) const override;
    RowLess rowLess(int column) const override;
    // Problems have no customer: the filter matches the reason and the raw text instead.
    RowFilter customerFilter(const QString& text) const override;

private:
    std::shared_ptr<const ReadResult> m_read;
};

} // namespace clv
