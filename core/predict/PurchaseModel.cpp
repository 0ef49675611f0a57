#include "predict/PurchaseModel.h"

#include "predict/BetaGeometricModel.h"
#include "predict/ParetoNbdModel.h"
#include "predict/TermBlocks.h"

namespace clv {

namespace {
constexpr ModelKind kAll[] = {ModelKind::BgNbd, ModelKind::ParetoNbd, ModelKind::MbgNbd, ModelKind::GammaGamma};
}

std::string_view modelKey(ModelKind kind)
{
    switch (kind) {
    case ModelKind::BgNbd: return "bgnbd";
    case ModelKind::ParetoNbd: return "pnbd";
    case ModelKind::MbgNbd: return "mbgnbd";
    case ModelKind::GammaGamma: return "gg";
    }
    return {};
}

QString modelKeyText(ModelKind kind)
{
    const std::string_view key = modelKey(kind);
    return QString::fromLatin1(key.data(), qsizetype(key.size()));
}

std::optional<ModelKind> modelFromKey(std::string_view key)
{
    for (ModelKind kind : kAll)
        if (modelKey(kind) == key)
            return kind;
    return std::nullopt;
}

QString modelTitle(ModelKind kind)
{
    switch (kind) {
    case ModelKind::BgNbd: return QStringLiteral("BG/NBD");
    case ModelKind::ParetoNbd: return QStringLiteral("Pareto/NBD");
    case ModelKind::MbgNbd: return QStringLiteral("MBG/NBD");
    case ModelKind::GammaGamma: return QStringLiteral("Gamma-Gamma");
    }
    return {};
}

std::vector<std::string_view> parameterNames(ModelKind kind)
{
    switch (kind) {
    case ModelKind::BgNbd:
    case ModelKind::MbgNbd: return {"r", "alpha", "a", "b"};
    case ModelKind::ParetoNbd: return {"r", "alpha", "s", "beta"};
    case ModelKind::GammaGamma: return {"p", "q", "gamma"};
    }
    return {};
}

bool isPurchaseModel(ModelKind kind)
{
    return kind != ModelKind::GammaGamma;
}

void PurchaseModel::pAliveForTerms(std::span<const double> p, const FrequencyTerms& terms, std::span<double> out) const
{
    forEachTermBlock(terms.terms.size(), [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i)
            out[i] = pAlive(p, terms.terms[i].x, terms.terms[i].tx, terms.terms[i].T);
    });
}

void PurchaseModel::conditionalExpectedForTerms(std::span<const double> p, const FrequencyTerms& terms, double t,
                                                std::span<double> out) const
{
    forEachTermBlock(terms.terms.size(), [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const FrequencyTerm& term = terms.terms[i];
            out[i] = conditionalExpected(p, term.x, term.tx, term.T, t);
        }
    });
}

std::unique_ptr<PurchaseModel> makePurchaseModel(ModelKind kind)
{
    switch (kind) {
    case ModelKind::BgNbd: return std::make_unique<BetaGeometricModel>(false);
    case ModelKind::ParetoNbd: return std::make_unique<ParetoNbdModel>();
    case ModelKind::MbgNbd: return std::make_unique<BetaGeometricModel>(true);
    case ModelKind::GammaGamma: break;
    }
    return nullptr;
}

} // namespace clv
