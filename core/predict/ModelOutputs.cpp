#include "predict/ModelOutputs.h"

#include "export/NumberFormat.h"
#include "export/WriteFully.h"
#include "io/EventTime.h"
#include "predict/TermBlocks.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace clv {

namespace {

QJsonValue jsonNumber(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

QJsonValue jsonDay(const std::optional<std::int64_t>& day)
{
    if (!day)
        return QJsonValue(QJsonValue::Null);
    return QString::fromStdString(formatDay(*day));
}

QJsonObject fitJson(const ModelFit& fit, const HoldoutComparison* holdout)
{
    QJsonObject object{{"converged", fit.converged}};
    if (!fit.converged) {
        object.insert("problem", fit.problem);
        return object;
    }
    const std::vector<std::string_view> names = parameterNames(fit.kind);
    QJsonObject params, errors;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const QString name = QString::fromLatin1(names[i].data(), qsizetype(names[i].size()));
        params.insert(name, fit.params[i]);
        errors.insert(name, jsonNumber(fit.stdErrors[i]));
    }
    object.insert("params", params);
    object.insert("std_errors", errors);
    object.insert("log_likelihood", fit.logLikelihood);
    object.insert("aic", fit.aic);
    object.insert("bic", fit.bic);
    object.insert("iterations", fit.iterations);
    if (holdout)
        object.insert("holdout",
                      QJsonObject{
                          {"mae", holdout->mae},
                          {"rmse", holdout->rmse},
                          {"bias", holdout->bias},
                          {"predicted_total", holdout->predictedTotal},
                          {"actual_total", holdout->actualTotal},
                      });
    return object;
}

void appendNumber(std::string& out, double value)
{
    if (!std::isfinite(value))
        return;
    char text[32];
    out.append(text, std::size_t(formatShortestDouble(value, text)));
}

} // namespace

QByteArray modelFitJson(const ModelRunResult& run)
{
    const RfmSummary& summary = *run.summary;
    QJsonObject models;
    for (const ModelFit& fit : run.fits) {
        const HoldoutComparison* holdout = nullptr;
        if (summary.hasHoldout())
            for (const HoldoutComparison& h : run.holdout)
                if (h.kind == fit.kind)
                    holdout = &h;
        models.insert(modelKeyText(fit.kind), fitJson(fit, holdout));
    }
    QJsonObject root{
        {"calibration_end", jsonDay(summary.calibrationEnd)},
        {"holdout_end", jsonDay(summary.holdoutEnd)},
        {"unit", QString::fromLatin1(timeUnitName(summary.unit).data())},
        {"customers", qint64(summary.customers.size())},
        {"repeat_customers", qint64(summary.repeatCustomers())},
        {"later_customers", qint64(summary.laterCustomers)},
        {"horizon", run.request.horizon},
        {"discount", run.request.discount},
        {"predicted_with",
         run.predictedWith ? QJsonValue(modelKeyText(*run.predictedWith)) : QJsonValue(QJsonValue::Null)},
        {"models", models},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool writeCustomerPredictionsCsv(const ModelRunResult& run, QIODevice& out, const CsvOptions& csv)
{
    const RfmSummary& summary = *run.summary;
    const auto appendRow = [&](std::string& text, std::size_t i) {
        const CustomerRfm& c = summary.customers[i];
        appendCsvField(text, c.id, csv);
        for (double v : {c.x, c.tx, c.T, c.monetary}) {
            text += ',';
            appendNumber(text, v);
        }
        const bool predicted = i < run.predictions.size();
        const CustomerPrediction p = predicted ? run.predictions[i] : CustomerPrediction{NAN, NAN, NAN, NAN};
        for (double v : {p.pAlive, p.expectedPurchases, p.expectedSpend, p.clv}) {
            text += ',';
            appendNumber(text, v);
        }
        for (double v : {c.xHoldout, c.spendHoldout}) {
            text += ',';
            if (summary.hasHoldout())
                appendNumber(text, v);
        }
        text += '\n';
    };
    const std::string header
        = "customer_id,x,t_x,T,monetary,p_alive,expected_purchases,expected_spend,clv,x_holdout,spend_holdout\n";
    if (!writeFully(out, header.data(), qint64(header.size())))
        return false;
    // Rows are formatted a slice at a time on the worker pool (numbers to text is most of the
    // work) and written in order.
    constexpr std::size_t kRowsPerPiece = 4096;
    constexpr std::size_t kPiecesAtOnce = 16;
    const std::size_t rows = summary.customers.size();
    std::vector<std::string> pieces(kPiecesAtOnce);
    for (std::size_t from = 0; from < rows; from += kRowsPerPiece * kPiecesAtOnce) {
        const std::size_t count = std::min(kPiecesAtOnce, (rows - from + kRowsPerPiece - 1) / kRowsPerPiece);
        forEachTermBlock(
            count * kRowsPerPiece,
            [&](std::size_t begin, std::size_t end) {
                for (std::size_t piece = begin / kRowsPerPiece; piece * kRowsPerPiece < end; ++piece) {
                    std::string& text = pieces[piece];
                    text.clear();
                    const std::size_t first = from + piece * kRowsPerPiece;
                    for (std::size_t i = first; i < std::min(rows, first + kRowsPerPiece); ++i)
                        appendRow(text, i);
                }
            },
            kRowsPerPiece);
        for (std::size_t piece = 0; piece < count; ++piece)
            if (!writeFully(out, pieces[piece].data(), qint64(pieces[piece].size())))
                return false;
    }
    return true;
}

bool writeModelTrackingCsv(const ModelRunResult& run, QIODevice& out)
{
    std::string text = "period,actual_cumulative";
    for (ModelKind kind : run.tracked) {
        text += ',';
        text += modelKey(kind);
        text += "_expected_cumulative";
    }
    text += '\n';
    for (const TrackingRow& row : run.tracking) {
        text += std::to_string(row.period) + ',';
        appendNumber(text, row.actual);
        for (double e : row.expected) {
            text += ',';
            appendNumber(text, e);
        }
        text += '\n';
    }
    return writeFully(out, text.data(), qint64(text.size()));
}

bool writeModelHoldoutCsv(const ModelRunResult& run, QIODevice& out)
{
    std::string text = "x,customers,actual_mean_holdout";
    for (const HoldoutComparison& h : run.holdout) {
        text += ',';
        text += modelKey(h.kind);
        text += "_predicted_mean_holdout";
    }
    text += '\n';
    for (int g = 0; g < kHoldoutGroups && std::size_t(g) < run.customersByX.size(); ++g) {
        text += g == kHoldoutGroups - 1 ? std::to_string(g) + "+" : std::to_string(g);
        text += ',' + std::to_string(run.customersByX[std::size_t(g)]) + ',';
        appendNumber(text, run.actualMeanByX[std::size_t(g)]);
        for (const HoldoutComparison& h : run.holdout) {
            text += ',';
            if (run.customersByX[std::size_t(g)] > 0)
                appendNumber(text, h.predictedMeanByX[std::size_t(g)]);
        }
        text += '\n';
    }
    return writeFully(out, text.data(), qint64(text.size()));
}

std::vector<NamedOutput> modelOutputs(const ModelRunResult& run, const CsvOptions& csv)
{
    return {
        {kModelFitFile, [&run](QIODevice& d) { return writeFully(d, modelFitJson(run)); }},
        {kCustomerPredictionsFile, [&run, csv](QIODevice& d) { return writeCustomerPredictionsCsv(run, d, csv); }},
        {kModelTrackingFile, [&run](QIODevice& d) { return writeModelTrackingCsv(run, d); }},
        {kModelHoldoutFile, [&run](QIODevice& d) { return writeModelHoldoutCsv(run, d); }},
    };
}

} // namespace clv
