#include "predict/SegmentTableModel.h"

#include "charts/ChartStyle.h"

#include <QLocale>

namespace clv {

void SegmentTableModel::setOverview(std::shared_ptr<const PurchaseOverview> overview)
{
    beginResetModel();
    m_overview = overview && !overview->segments.customers.empty() ? std::move(overview) : nullptr;
    endResetModel();
}

int SegmentTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_overview ? 0 : kRfmSegments;
}

int SegmentTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SegmentTableModel::value(RfmSegment segment, int column) const
{
    const RfmSegmentation& s = m_overview->segments;
    const RfmSegmentTotals& totals = s.segments[std::size_t(segment)];
    const double customers = double(totals.customers);
    const double everyone = double(s.customers.size());
    // A segment nobody falls in has no means: left blank rather than shown as 0.
    const auto mean = [&](double sum) { return totals.customers > 0 ? QVariant(sum / customers) : QVariant(); };
    switch (column) {
    case SegmentColumn: return rfmSegmentName(segment);
    case CustomersColumn: return qint64(totals.customers);
    case CustomerShareColumn: return customers / everyone;
    case RevenueColumn: return double(totals.revenue) / 100.0;
    case RevenueShareColumn: return s.revenueShare(segment);
    case MeanRecencyColumn: return mean(double(totals.recencyDaysSum));
    case MeanFrequencyColumn: return mean(double(totals.frequencySum));
    case MeanMonetaryColumn: return mean(double(totals.revenue) / 100.0);
    default: return {};
    }
}

QVariant SegmentTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto segment = RfmSegment(index.row());
    const int column = index.column();
    if (role == ValueRole)
        return value(segment, column);
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(
            Qt::Alignment((column == SegmentColumn ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter));
    if (role == Qt::ToolTipRole && column == SegmentColumn)
        return tr("RFM segment key: %1").arg(QLatin1String(rfmSegmentKey(segment)));
    if (role != Qt::DisplayRole)
        return {};
    QVariant v = value(segment, column);
    if (!v.isValid() || column == SegmentColumn)
        return v;
    const QLocale c = QLocale::c();
    switch (column) {
    case CustomersColumn: return chartstyle::count(v.toLongLong());
    case CustomerShareColumn:
    case RevenueShareColumn: return c.toString(v.toDouble() * 100.0, 'f', 1) + QLatin1Char('%');
    case RevenueColumn:
    case MeanMonetaryColumn: return chartstyle::dollars(v.toDouble());
    case MeanRecencyColumn: return tr("%1 days").arg(c.toString(v.toDouble(), 'f', 1));
    case MeanFrequencyColumn: return c.toString(v.toDouble(), 'f', 2);
    default: return {};
    }
}

QVariant SegmentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SegmentColumn: return tr("Segment");
    case CustomersColumn: return tr("Customers");
    case CustomerShareColumn: return tr("Share of customers");
    case RevenueColumn: return tr("Revenue");
    case RevenueShareColumn: return tr("Revenue share");
    case MeanRecencyColumn: return tr("Mean recency");
    case MeanFrequencyColumn: return tr("Mean purchase days");
    case MeanMonetaryColumn: return tr("Mean spend");
    default: return {};
    }
}

} // namespace clv
