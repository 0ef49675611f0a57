#pragma once

#include "predict/PurchaseModel.h"
#include "util/JobControl.h"

#include <QString>

#include <vector>

namespace clv {

// A maximum-likelihood fit as §10 reports it.
struct ModelFit {
    ModelKind kind = ModelKind::BgNbd;
    std::vector<double> params;
    std::vector<double> stdErrors;
    double logLikelihood = 0;
    double aic = 0;
    double bic = 0;
    int iterations = 0; // likelihood evaluations of the chosen search
    int starts = 0;     // searches run
    bool converged = false;
    QString problem; // why there is no usable fit (empty when converged)
    bool cancelled = false;
};

// Maximises `likelihood` over positive parameters: NLopt's L-BFGS on log-parameters from the
// likelihood's starting points, keeping the best search that converged. A search converged
// when its gradient vanished with every parameter inside (1e-8, 1e8): one that ran off
// towards 0 or infinity has diverged and is never reported as a result. Standard errors come
// from the inverse of the observed information (the Hessian of −log L, by central differences
// of the exact gradient).
ModelFit fitModel(ModelKind kind, const Likelihood& likelihood, const JobControl* control = nullptr);

} // namespace clv
