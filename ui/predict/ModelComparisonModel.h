#pragma once

#include "predict/PredictResult.h"

#include <QAbstractTableModel>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clv {

// The fitted models side by side: one column per model, rows for each parameter (with its
// standard error), the log-likelihood, AIC, BIC, evaluations, starts and convergence, and
// with a holdout the prediction errors. The purchase model with the lowest AIC is marked.
class ModelComparisonModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setResult(std::shared_ptr<const PredictResult> result);
    // The purchase model with the lowest AIC among those that converged.
    std::optional<ModelKind> bestByAic() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    enum class Row {
        Parameter,
        LogLikelihood,
        Aic,
        Bic,
        Evaluations,
        Starts,
        Converged,
        Mae,
        Rmse,
        Bias,
        Predicted,
        Actual
    };
    struct RowSpec {
        Row kind;
        std::string parameter; // for Row::Parameter
    };
    QVariant cell(const RowSpec& row, const ModelFit& fit) const;
    const HoldoutComparison* holdoutOf(ModelKind kind) const;

    std::shared_ptr<const PredictResult> m_result;
    std::vector<RowSpec> m_rows;
    std::optional<ModelKind> m_best;
};

} // namespace clv
