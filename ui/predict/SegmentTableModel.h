#pragma once

#include "predict/PurchaseOverview.h"

#include <QAbstractTableModel>

#include <memory>

namespace clv {

// The eight RFM segments, one a row in the grid's order: customers and their share,
// revenue and its share, and the segment's mean recency, frequency and spend. Read from the
// overview's segmentation totals; nothing walks the customers here.
class SegmentTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        SegmentColumn,
        CustomersColumn,
        CustomerShareColumn,
        RevenueColumn,
        RevenueShareColumn,
        MeanRecencyColumn,
        MeanFrequencyColumn,
        MeanMonetaryColumn,
        ColumnCount
    };
    // A cell's value as a number (shares 0 … 1, money in dollars), for sorting and checks.
    static constexpr int ValueRole = Qt::UserRole;

    using QAbstractTableModel::QAbstractTableModel;

    // Null (or an overview without customers) clears.
    void setOverview(std::shared_ptr<const PurchaseOverview> overview);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant value(RfmSegment segment, int column) const;

    std::shared_ptr<const PurchaseOverview> m_overview;
};

} // namespace clv
