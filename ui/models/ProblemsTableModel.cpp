#include "models/ProblemsTableModel.h"

#include "models/CellFormat.h"

namespace clv {

namespace {
// The raw text shown in a cell: one line, control bytes made visible, kept short.
QString cellText(const std::string& raw)
{
    QString s = QString::fromUtf8(raw.data(), static_cast<qsizetype>(std::min<std::size_t>(raw.size(), 300)));
    for (QChar& c : s)
        if (c.unicode() < 0x20)
            c = QChar(0x2423); // ␣ stands in for control characters
    return raw.size() > 300 ? s + QStringLiteral("…") : s;
}
} // namespace

void ProblemsTableModel::setReadResult(std::shared_ptr<const ReadResult> read)
{
    m_read = std::move(read);
    tableReplaced();
}

QString ProblemsTableModel::rawLine(int row) const
{
    const std::string& raw = m_read->rejections[sourceRow(row)].raw;
    return QString::fromUtf8(raw.data(), static_cast<qsizetype>(raw.size()));
}

QString ProblemsTableModel::location(int row) const
{
    const Rejection& r = m_read->rejections[sourceRow(row)];
    return QStringLiteral("%1:%2").arg(m_read->files[r.file].display).arg(r.line);
}

QString ProblemsTableModel::reason(int row) const
{
    return QString::fromStdString(m_read->rejections[sourceRow(row)].reason);
}

QStringList ProblemsTableModel::columnNames() const
{
    return {tr("file"), tr("line"), tr("reason"), tr("raw")};
}

QVariant ProblemsTableModel::cell(std::uint32_t row, int column, int role) const
{
    const Rejection& r = m_read->rejections[row];
    if (role == Qt::TextAlignmentRole)
        return column == Line ? numberAlignment() : QVariant();
    if (role == Qt::ToolTipRole && column == Raw)
        return tr("Double-click to see the whole line");
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case File: return m_read->files[r.file].display;
    case Line: return r.line;
    case Reason: return QString::fromStdString(r.reason);
    case Raw: return cellText(r.raw);
    default: return {};
    }
}

ResultTableModel::RowLess ProblemsTableModel::rowLess(int column) const
{
    const auto r = m_read;
    if (!r)
        return {};
    const auto* rej = &r->rejections;
    switch (column) {
    case File:
    case Line: return [r, rej](std::uint32_t a, std::uint32_t b) {
        return std::pair((*rej)[a].file, (*rej)[a].line) < std::pair((*rej)[b].file, (*rej)[b].line);
    };
    case Reason: return [r, rej](std::uint32_t a, std::uint32_t b) { return (*rej)[a].reason < (*rej)[b].reason; };
    case Raw: return [r, rej](std::uint32_t a, std::uint32_t b) { return (*rej)[a].raw < (*rej)[b].raw; };
    default: return {};
    }
}

ResultTableModel::RowFilter ProblemsTableModel::customerFilter(const QString& needle) const
{
    const auto r = m_read;
    if (!r)
        return [](std::uint32_t) { return false; };
    const std::string n = needle.trimmed().toStdString();
    return [r, n](std::uint32_t row) {
        const Rejection& x = r->rejections[row];
        return x.reason.find(n) != std::string::npos || x.raw.find(n) != std::string::npos;
    };
}

} // namespace clv
