#include "session/ExportJob.h"

#include "export/OutputExporter.h"

namespace clv {

SessionOutcome exportSessionOutputs(const QString& directory, const std::shared_ptr<const ReadResult>& read,
                                    const std::shared_ptr<const ResultTables>& results, const StageTimings& timings,
                                    const CsvOptions& csv, const JobControl& control)
{
    SessionOutcome outcome;
    outcome.kind = SessionOutcome::Kind::Export;
    outcome.directory = directory;
    control.report(QStringLiteral("Exporting"), 0.0);
    const ExportRequest request{directory, results->parameters.topX, timings, nullptr, csv, &control};
    const ExportResult exported = exportOutputs(request, *read, *results);
    outcome.cancelled = exported.cancelled;
    outcome.error = exported.error;
    outcome.written = exported.written;
    return outcome;
}

} // namespace clv
