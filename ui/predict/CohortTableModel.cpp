#include "predict/CohortTableModel.h"

#include "charts/ChartStyle.h"

#include <QColor>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace clv {

namespace {

// From white at no retention to the app's spend blue at the scale's top.
QColor shade(double share)
{
    const double t = std::clamp(share, 0.0, 1.0);
    const QColor& full = chartstyle::kSpend;
    const auto mix = [t](int to) { return int(std::lround(255.0 + (double(to) - 255.0) * t)); };
    return QColor(mix(full.red()), mix(full.green()), mix(full.blue()));
}

} // namespace

void CohortTableModel::setCohorts(std::shared_ptr<const PurchaseOverview> overview, CohortPeriod period)
{
    beginResetModel();
    m_overview = std::move(overview);
    m_period = period;
    m_offsets = 0;
    m_shadeScale = 1.0;
    if (const CohortTable* t = table()) {
        double highest = 0.0;
        for (const Cohort& c : t->cohorts) {
            m_offsets = std::max(m_offsets, int(c.activeCustomers.size()));
            for (std::size_t offset = 1; offset < c.activeCustomers.size(); ++offset)
                highest = std::max(highest, c.retention(offset));
        }
        // Offset 0 is always 100 %: shading against it would leave every later cell pale,
        // where the differences worth seeing are.
        if (highest > 0.0)
            m_shadeScale = highest;
    }
    endResetModel();
}

const CohortTable* CohortTableModel::table() const
{
    return m_overview ? &m_overview->cohorts(m_period) : nullptr;
}

int CohortTableModel::rowCount(const QModelIndex& parent) const
{
    const CohortTable* t = table();
    return parent.isValid() || !t ? 0 : int(t->cohorts.size());
}

int CohortTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() || !table() ? 0 : kFirstOffsetColumn + m_offsets;
}

QVariant CohortTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Cohort& cohort = table()->cohorts[std::size_t(index.row())];
    if (index.column() >= kFirstOffsetColumn)
        return offsetCell(cohort, std::size_t(index.column() - kFirstOffsetColumn), role);
    const bool start = index.column() == kStartColumn;
    switch (role) {
    case Qt::DisplayRole:
        return start ? cohort.start.toString(QStringLiteral("yyyy-MM-dd")) : chartstyle::count(cohort.customers);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(
            Qt::Alignment(start ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ToolTipRole:
        return tr("%1 customers first bought in this %2; together they spent %3")
            .arg(chartstyle::count(cohort.customers), m_period == CohortPeriod::Week ? tr("week") : tr("month"),
                 chartstyle::dollarsFromCents(cohort.revenue));
    default: return {};
    }
}

QVariant CohortTableModel::offsetCell(const Cohort& cohort, std::size_t offset, int role) const
{
    // Cohorts later than the first reach fewer offsets before the data ends: those cells
    // are blank, not 0 %, since nobody could have bought in them yet.
    if (offset >= cohort.activeCustomers.size())
        return {};
    const double share = cohort.retention(offset);
    switch (role) {
    case Qt::DisplayRole: return QLocale::c().toString(share * 100.0, 'f', 1) + QLatin1Char('%');
    case RetentionRole: return share;
    case Qt::TextAlignmentRole: return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::BackgroundRole: return shade(share / m_shadeScale);
    case Qt::ForegroundRole: return share / m_shadeScale > 0.55 ? QColor(Qt::white) : QColor(Qt::black);
    case Qt::ToolTipRole:
        return tr("%1 of %2 customers bought in %3 %4 (from %5), spending %6")
            .arg(chartstyle::count(cohort.activeCustomers[offset]), chartstyle::count(cohort.customers),
                 m_period == CohortPeriod::Week ? tr("week") : tr("month"), QString::number(offset),
                 cohortStartPlus(cohort, offset).toString(QStringLiteral("yyyy-MM-dd")),
                 chartstyle::dollarsFromCents(cohort.revenueByPeriod[offset]));
    default: return {};
    }
}

QDate CohortTableModel::cohortStartPlus(const Cohort& cohort, std::size_t offset) const
{
    return m_period == CohortPeriod::Week ? cohort.start.addDays(7 * qint64(offset))
                                          : cohort.start.addMonths(int(offset));
}

QVariant CohortTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == kStartColumn)
        return m_period == CohortPeriod::Week ? tr("Cohort (week of)") : tr("Cohort (month)");
    if (section == kCustomersColumn)
        return tr("Customers");
    const int offset = section - kFirstOffsetColumn;
    return m_period == CohortPeriod::Week ? tr("Week %1").arg(offset) : tr("Month %1").arg(offset);
}

} // namespace clv
