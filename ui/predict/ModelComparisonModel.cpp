#include "predict/ModelComparisonModel.h"

#include <QBrush>
#include <QFont>
#include <QLocale>
#include <QPalette>

#include <algorithm>
#include <cmath>

namespace clv {

namespace {

QString number(double v, int significant = 6)
{
    return std::isfinite(v) ? QLocale().toString(v, 'g', significant) : QString();
}

} // namespace

void ModelComparisonModel::setResult(std::shared_ptr<const PredictResult> result)
{
    beginResetModel();
    m_result = std::move(result);
    m_rows.clear();
    m_best.reset();
    if (m_result) {
        // Each parameter once, in the order the models name them.
        for (const ModelFit& fit : m_result->run.fits)
            for (std::string_view name : parameterNames(fit.kind))
                if (std::none_of(m_rows.begin(), m_rows.end(), [&](const RowSpec& r) { return r.parameter == name; }))
                    m_rows.push_back({Row::Parameter, std::string(name)});
        for (Row r : {Row::LogLikelihood, Row::Aic, Row::Bic, Row::Evaluations, Row::Starts, Row::Converged})
            m_rows.push_back({r, {}});
        // Without a holdout period there are no actual purchases to compare with.
        if (!m_result->run.holdout.empty() && m_result->run.summary && m_result->run.summary->hasHoldout())
            for (Row r : {Row::Mae, Row::Rmse, Row::Bias, Row::Predicted, Row::Actual})
                m_rows.push_back({r, {}});
        double bestAic = 0;
        for (const ModelFit& fit : m_result->run.fits)
            if (isPurchaseModel(fit.kind) && fit.converged && (!m_best || fit.aic < bestAic)) {
                m_best = fit.kind;
                bestAic = fit.aic;
            }
    }
    endResetModel();
}

std::optional<ModelKind> ModelComparisonModel::bestByAic() const
{
    return m_best;
}

int ModelComparisonModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ModelComparisonModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_result ? 0 : static_cast<int>(m_result->run.fits.size());
}

const HoldoutComparison* ModelComparisonModel::holdoutOf(ModelKind kind) const
{
    for (const HoldoutComparison& h : m_result->run.holdout)
        if (h.kind == kind)
            return &h;
    return nullptr;
}

QVariant ModelComparisonModel::cell(const RowSpec& row, const ModelFit& fit) const
{
    const bool usable = fit.converged;
    const HoldoutComparison* holdout = holdoutOf(fit.kind);
    switch (row.kind) {
    case Row::Parameter: {
        const std::vector<std::string_view> names = parameterNames(fit.kind);
        const auto it = std::find(names.begin(), names.end(), row.parameter);
        if (it == names.end() || !usable)
            return {};
        const std::size_t i = std::size_t(it - names.begin());
        const QString se = i < fit.stdErrors.size() && std::isfinite(fit.stdErrors[i])
            ? QStringLiteral(" (%1)").arg(number(fit.stdErrors[i], 4))
            : QString();
        return number(fit.params[i], 6) + se;
    }
    case Row::LogLikelihood: return usable ? number(fit.logLikelihood, 9) : QVariant();
    case Row::Aic: return usable ? number(fit.aic, 9) : QVariant();
    case Row::Bic: return usable ? number(fit.bic, 9) : QVariant();
    case Row::Evaluations: return fit.iterations ? QVariant(QLocale().toString(fit.iterations)) : QVariant();
    case Row::Starts: return fit.starts ? QVariant(QLocale().toString(fit.starts)) : QVariant();
    // Why not is said below the table in full (and in the tooltip): a sentence would make the
    // column too wide to compare.
    case Row::Converged: return usable ? tr("Yes") : tr("No (see below)");
    case Row::Mae: return holdout ? number(holdout->mae, 5) : QVariant();
    case Row::Rmse: return holdout ? number(holdout->rmse, 5) : QVariant();
    case Row::Bias: return holdout ? number(holdout->bias, 5) : QVariant();
    case Row::Predicted: return holdout ? number(holdout->predictedTotal, 7) : QVariant();
    case Row::Actual: return holdout ? number(holdout->actualTotal, 7) : QVariant();
    }
    return {};
}

QVariant ModelComparisonModel::data(const QModelIndex& index, int role) const
{
    if (!m_result || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const RowSpec& row = m_rows[std::size_t(index.row())];
    const ModelFit& fit = m_result->run.fits[std::size_t(index.column())];
    switch (role) {
    case Qt::DisplayRole: return cell(row, fit);
    case Qt::ToolTipRole:
        if (row.kind == Row::Converged && !fit.converged)
            return fit.problem;
        if (row.kind == Row::Parameter)
            return tr("Estimate (standard error)");
        return {};
    case Qt::TextAlignmentRole:
        return row.kind == Row::Converged ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                          : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole:
        if (m_best && fit.kind == *m_best) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ForegroundRole:
        if (row.kind == Row::Converged && !fit.converged)
            return QBrush(QColor(0xB0, 0x20, 0x20));
        return {};
    default: return {};
    }
}

QVariant ModelComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (!m_result || section < 0)
        return {};
    if (orientation == Qt::Horizontal) {
        if (section >= columnCount())
            return {};
        const ModelKind kind = m_result->run.fits[std::size_t(section)].kind;
        if (role == Qt::ToolTipRole)
            return m_best && kind == *m_best ? tr("The purchase model with the lowest AIC") : QVariant();
        return m_best && kind == *m_best ? tr("%1 ★ best AIC").arg(modelTitle(kind)) : modelTitle(kind);
    }
    if (section >= rowCount())
        return {};
    const RowSpec& row = m_rows[std::size_t(section)];
    if (role == Qt::ToolTipRole)
        return row.kind >= Row::Mae ? tr("Predicted against actual purchases in the holdout period") : QVariant();
    switch (row.kind) {
    case Row::Parameter: return QString::fromStdString(row.parameter);
    case Row::LogLikelihood: return tr("Log-likelihood");
    case Row::Aic: return tr("AIC");
    case Row::Bic: return tr("BIC");
    case Row::Evaluations: return tr("Likelihood evaluations");
    case Row::Starts: return tr("Searches");
    case Row::Converged: return tr("Converged");
    case Row::Mae: return tr("Holdout MAE");
    case Row::Rmse: return tr("Holdout RMSE");
    case Row::Bias: return tr("Holdout bias");
    case Row::Predicted: return tr("Holdout predicted total");
    case Row::Actual: return tr("Holdout actual total");
    }
    return {};
}

} // namespace clv
