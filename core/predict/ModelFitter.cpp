#include "predict/ModelFitter.h"

#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlopt.hpp>

namespace clv {

namespace {

constexpr double kLogBound = 18.420680743952367; // ln 1e8
// Largest |d(−log L / n) / d ln θ| a converged search may leave: far below what moves any
// parameter in its fourth significant digit.
constexpr double kGradientTolerance = 1e-6;
constexpr int kMaxEvaluations = 5000;

struct Search {
    const Likelihood* likelihood = nullptr;
    const JobControl* control = nullptr;
    nlopt::opt* optimiser = nullptr;
    double scale = 1; // 1 / customers: the objective is a mean, so tolerances do not depend on n
    std::vector<double> natural;
    std::vector<double> gradient;
};

// −log L / n at exp(θ), with its gradient in θ.
double objective(const std::vector<double>& theta, std::vector<double>& grad, void* data)
{
    auto* search = static_cast<Search*>(data);
    if (search->control && search->control->isCancelled())
        search->optimiser->force_stop();
    const std::size_t n = theta.size();
    for (std::size_t i = 0; i < n; ++i)
        search->natural[i] = std::exp(theta[i]);
    const double ll = search->likelihood->evaluate(search->natural,
                                                   grad.empty() ? std::span<double>() : search->gradient);
    if (!std::isfinite(ll)) {
        // A region to leave: no slope to follow from here.
        std::fill(grad.begin(), grad.end(), 0.0);
        return std::numeric_limits<double>::max();
    }
    for (std::size_t i = 0; i < grad.size(); ++i)
        grad[i] = -search->gradient[i] * search->natural[i] * search->scale;
    return -ll * search->scale;
}

struct SearchResult {
    std::vector<double> params;
    double logLikelihood = -std::numeric_limits<double>::infinity();
    int evaluations = 0;
    bool converged = false;
    bool cancelled = false;
    QString problem;
};

SearchResult runSearch(const Likelihood& likelihood, const std::vector<double>& start, const JobControl* control)
{
    const auto n = static_cast<unsigned>(likelihood.parameterCount());
    nlopt::opt optimiser(nlopt::LD_LBFGS, n);
    Search search{&likelihood,
                  control,
                  &optimiser,
                  1.0 / std::max(1.0, likelihood.observations()),
                  std::vector<double>(n),
                  std::vector<double>(n)};
    optimiser.set_min_objective(objective, &search);
    optimiser.set_lower_bounds(-kLogBound);
    optimiser.set_upper_bounds(kLogBound);
    optimiser.set_ftol_rel(1e-15);
    optimiser.set_xtol_rel(1e-12);
    optimiser.set_maxeval(kMaxEvaluations);

    std::vector<double> theta(n);
    // Extreme data (a frequency of 1e300 in a summary) can put a start outside the bounds.
    for (unsigned i = 0; i < n; ++i)
        theta[i] = std::clamp(std::log(start[i]), -kLogBound * 0.9, kLogBound * 0.9);
    double value = 0;
    SearchResult result;
    try {
        optimiser.optimize(theta, value);
    } catch (const nlopt::forced_stop&) {
        result.cancelled = true;
        return result;
    } catch (const std::invalid_argument& e) {
        result.problem = QStringLiteral("the optimiser refused the problem: %1").arg(QString::fromUtf8(e.what()));
        return result;
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception&) {
        // Rounding stopped the search, or its line search failed: `theta` holds the best
        // point reached, judged by its gradient below like any other.
    }
    result.evaluations = optimiser.get_numevals();

    std::vector<double> grad(n);
    const double objectiveValue = objective(theta, grad, &search);
    result.params = search.natural;
    result.logLikelihood = -objectiveValue / search.scale;
    if (!std::isfinite(objectiveValue) || objectiveValue == std::numeric_limits<double>::max()) {
        result.problem = QStringLiteral("the likelihood cannot be evaluated where the search ended");
        return result;
    }
    for (unsigned i = 0; i < n; ++i) {
        if (std::abs(theta[i]) >= kLogBound * 0.999) {
            result.problem = QStringLiteral("diverged: a parameter ran off towards %1")
                                 .arg(theta[i] > 0 ? QStringLiteral("infinity") : QStringLiteral("0"));
            return result;
        }
    }
    double largest = 0;
    for (double g : grad)
        largest = std::max(largest, std::abs(g));
    if (!(largest <= kGradientTolerance)) {
        result.problem = QStringLiteral("did not converge: the gradient is still %1 after %2 evaluations")
                             .arg(largest, 0, 'g', 3)
                             .arg(result.evaluations);
        return result;
    }
    result.converged = true;
    return result;
}

// The observed information −∂²log L/∂p_i∂p_j at the estimate, by central differences of the
// exact gradient, and its inverse; false when it is not positive definite.
bool inverseInformation(const Likelihood& likelihood, const std::vector<double>& params, std::vector<double>& inverse)
{
    const std::size_t n = params.size();
    std::vector<double> information(n * n);
    std::vector<double> up(n), down(n), at(params);
    for (std::size_t j = 0; j < n; ++j) {
        const double h = 1e-5 * params[j];
        at[j] = params[j] + h;
        likelihood.evaluate(at, up);
        at[j] = params[j] - h;
        likelihood.evaluate(at, down);
        at[j] = params[j];
        for (std::size_t i = 0; i < n; ++i)
            information[i * n + j] = -(up[i] - down[i]) / (2 * h);
    }
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < i; ++j)
            information[i * n + j] = information[j * n + i] = 0.5 * (information[i * n + j] + information[j * n + i]);

    // Gauss–Jordan elimination with partial pivoting on [information | identity]: the
    // matrix is at most 4 × 4.
    inverse.assign(n * n, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        inverse[i * n + i] = 1;
    for (std::size_t col = 0; col < n; ++col) {
        std::size_t pivot = col;
        for (std::size_t row = col + 1; row < n; ++row)
            if (std::abs(information[row * n + col]) > std::abs(information[pivot * n + col]))
                pivot = row;
        if (!(std::abs(information[pivot * n + col]) > 0))
            return false;
        for (std::size_t k = 0; k < n; ++k) {
            std::swap(information[col * n + k], information[pivot * n + k]);
            std::swap(inverse[col * n + k], inverse[pivot * n + k]);
        }
        const double diagonal = information[col * n + col];
        for (std::size_t k = 0; k < n; ++k) {
            information[col * n + k] /= diagonal;
            inverse[col * n + k] /= diagonal;
        }
        for (std::size_t row = 0; row < n; ++row) {
            if (row == col)
                continue;
            const double factor = information[row * n + col];
            for (std::size_t k = 0; k < n; ++k) {
                information[row * n + k] -= factor * information[col * n + k];
                inverse[row * n + k] -= factor * inverse[col * n + k];
            }
        }
    }
    for (std::size_t i = 0; i < n; ++i)
        if (!(inverse[i * n + i] > 0))
            return false;
    return true;
}

// Newton steps on the natural parameters from where L-BFGS stopped. Along the flat ridges
// of these likelihoods (Pareto/NBD's s and beta, Gamma-Gamma's p, q and gamma) a quasi-Newton
// search stops while the estimate can still move in its third digit; with the exact
// gradient and the information matrix, a few Newton steps settle it to full precision. The
// matrix is worked out once, where the search stopped: so close to the maximum it hardly
// changes, and each step costs one gradient instead of a new matrix. Leaves the inverse
// information at the final estimate in `inverse`; false when it is not positive definite.
bool polish(const Likelihood& likelihood, SearchResult& result, std::vector<double>& inverse)
{
    const std::size_t n = result.params.size();
    if (!inverseInformation(likelihood, result.params, inverse))
        return false;
    const std::vector<double> matrixAt = result.params;
    std::vector<double> gradient(n), next(n);
    for (int step = 0; step < 20; ++step) {
        likelihood.evaluate(result.params, gradient);
        // Near the maximum the likelihood changes less than its rounding, so a step is judged
        // by its size: taken whole while it keeps the parameters positive and does not lower
        // the likelihood beyond rounding, halved otherwise.
        bool moved = false;
        double largestMove = 0;
        for (double shrink = 1.0; shrink >= 1e-3 && !moved; shrink *= 0.5) {
            bool positive = true;
            largestMove = 0;
            for (std::size_t i = 0; i < n; ++i) {
                double move = 0;
                for (std::size_t j = 0; j < n; ++j)
                    move += inverse[i * n + j] * gradient[j];
                next[i] = result.params[i] + shrink * move;
                positive = positive && next[i] > 0;
                largestMove = std::max(largestMove, std::abs(shrink * move) / result.params[i]);
            }
            if (!positive)
                continue;
            const double ll = likelihood.evaluate(next, {});
            if (!std::isfinite(ll) || ll < result.logLikelihood - 1e-11 * std::abs(result.logLikelihood))
                continue;
            result.params = next;
            result.logLikelihood = std::max(ll, result.logLikelihood);
            moved = true;
        }
        if (!moved || largestMove < 1e-10)
            break;
    }
    // Standard errors at the estimate: the matrix again if the steps went any distance.
    for (std::size_t i = 0; i < n; ++i)
        if (std::abs(result.params[i] / matrixAt[i] - 1) > 1e-6)
            return inverseInformation(likelihood, result.params, inverse);
    return true;
}

// " (the search ended at r = 2.3, alpha = 6.8, …)": which way a failed search went tells a
// user what about the data the model could not capture.
QString whereItEnded(ModelKind kind, const std::vector<double>& params)
{
    const std::vector<std::string_view> names = parameterNames(kind);
    if (params.size() != names.size())
        return {};
    QStringList values;
    for (std::size_t i = 0; i < names.size(); ++i)
        values << QStringLiteral("%1 = %2")
                      .arg(QLatin1String(names[i].data(), qsizetype(names[i].size())))
                      .arg(params[i], 0, 'g', 4);
    return QStringLiteral(" (the search ended at %1)").arg(values.join(QStringLiteral(", ")));
}

} // namespace

ModelFit fitModel(ModelKind kind, const Likelihood& likelihood, const JobControl* control)
{
    ModelFit fit;
    fit.kind = kind;
    const std::size_t n = std::size_t(likelihood.parameterCount());
    SearchResult best;
    QString lastProblem;
    int agreeing = 0;
    int failed = 0;
    for (const std::vector<double>& start : likelihood.startingPoints()) {
        SearchResult result = runSearch(likelihood, start, control);
        ++fit.starts;
        if (result.cancelled) {
            fit.cancelled = true;
            fit.problem = QStringLiteral("cancelled");
            return fit;
        }
        if (!result.converged) {
            lastProblem = result.problem + whereItEnded(kind, result.params);
            // Two searches that both failed from spread-out starts: the data do not suit the
            // model, and the other starts would only take as long to say so.
            if (++failed >= 2 && !best.converged)
                break;
            continue;
        }
        // Two searches from different starts that end at the same likelihood are taken to
        // have found the maximum; the remaining starts are then not run.
        if (best.converged
            && std::abs(result.logLikelihood - best.logLikelihood) <= 1e-9 * std::abs(best.logLikelihood))
            ++agreeing;
        if (!best.converged || result.logLikelihood > best.logLikelihood)
            best = std::move(result);
        if (agreeing >= 1)
            break;
    }
    if (!best.converged) {
        fit.problem = lastProblem.isEmpty() ? QStringLiteral("no search converged") : lastProblem;
        return fit;
    }
    std::vector<double> inverse;
    if (!polish(likelihood, best, inverse)) {
        fit.problem = QStringLiteral("the data do not determine the parameters (the likelihood is flat at its "
                                     "maximum; too few repeat purchases?)");
        return fit;
    }
    fit.converged = true;
    fit.params = best.params;
    fit.logLikelihood = best.logLikelihood;
    fit.iterations = best.evaluations;
    const double k = double(n);
    fit.aic = 2 * k - 2 * fit.logLikelihood;
    fit.bic = k * std::log(likelihood.observations()) - 2 * fit.logLikelihood;
    fit.stdErrors.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        fit.stdErrors[i] = std::sqrt(inverse[i * n + i]);
    return fit;
}

} // namespace clv
