#pragma once

#include "predict/PurchaseOverview.h"

#include <QAbstractTableModel>

#include <memory>

namespace clv {

// The retention table of one cohort period: a row per cohort, then its start and size, and
// a column per period offset with the share of the cohort buying in it, shaded as a heatmap.
// It reads the overview's cohort table as it is; nothing is computed here.
class CohortTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int kStartColumn = 0;
    static constexpr int kCustomersColumn = 1;
    static constexpr int kFirstOffsetColumn = 2;
    // The retention of an offset cell as a number (0 … 1); empty beyond the data's end.
    static constexpr int RetentionRole = Qt::UserRole;

    using QAbstractTableModel::QAbstractTableModel;

    // Null clears.
    void setCohorts(std::shared_ptr<const PurchaseOverview> overview, CohortPeriod period);
    CohortPeriod period() const { return m_period; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const CohortTable* table() const;
    QVariant offsetCell(const Cohort& cohort, std::size_t offset, int role) const;
    QDate cohortStartPlus(const Cohort& cohort, std::size_t offset) const;

    std::shared_ptr<const PurchaseOverview> m_overview;
    CohortPeriod m_period = CohortPeriod::Week;
    int m_offsets = 0;         // the longest cohort's offsets: the first cohort's
    double m_shadeScale = 1.0; // the highest retention after offset 0, the darkest shade
};

} // namespace clv
