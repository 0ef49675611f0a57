#include "session/ExportJob.h"

#include "export/OutputExporter.h"
#include "predict/ModelOutputs.h"
#include "predict/SegmentOutputs.h"

namespace clv {

namespace {

std::vector<NamedOutput> predictOutputs(const PredictExport& predict, const CsvOptions& csv)
{
    std::vector<NamedOutput> outputs;
    if (predict.result && !predict.result->run.predictions.empty())
        outputs = modelOutputs(predict.result->run, csv);
    if (predict.overview && !predict.overview->empty())
        for (NamedOutput& output : segmentOutputs(*predict.overview, predict.cohorts, csv))
            outputs.push_back(std::move(output));
    return outputs;
}

} // namespace

QStringList predictOutputNames(const PredictExport& predict)
{
    QStringList names;
    for (const NamedOutput& output : predictOutputs(predict, {}))
        names << output.name;
    return names;
}

SessionOutcome exportSessionOutputs(const QString& directory, const std::shared_ptr<const ReadResult>& read,
                                    const std::shared_ptr<const ResultTables>& results, const StageTimings& timings,
                                    const CsvOptions& csv, const PredictExport& predict, const JobControl& control)
{
    SessionOutcome outcome;
    outcome.kind = SessionOutcome::Kind::Export;
    outcome.directory = directory;
    control.report(QStringLiteral("Exporting"), 0.0);
    ExportRequest request{directory, results->parameters.topX, timings, nullptr, csv, &control, {}};
    // `predict` outlives the writing: the outputs refer to what it holds.
    request.extra = predictOutputs(predict, csv);
    const ExportResult exported = exportOutputs(request, *read, *results);
    outcome.cancelled = exported.cancelled;
    outcome.error = exported.error;
    outcome.written = exported.written;
    return outcome;
}

} // namespace clv
