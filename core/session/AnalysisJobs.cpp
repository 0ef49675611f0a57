#include "session/AnalysisJobs.h"

#include "etl/Pipeline.h"

#include <QElapsedTimer>

namespace clv {

SessionOutcome analyseFiles(const AnalysisRequest& request, const JobControl& control)
{
    SessionOutcome outcome;
    outcome.inputs = request.inputs;
    outcome.tables = request.reader.transactions;
    outcome.parameters = request.parameters;
    AnalysisOutcome analysis = runAnalysis(request, &control);
    outcome.cancelled = analysis.cancelled;
    outcome.timings = analysis.timings;
    if (analysis.cancelled)
        return outcome;
    if (analysis.read.files.empty()) {
        outcome.error = analysis.read.inputProblems.isEmpty()
            ? QStringLiteral("No event files were found in what was opened.")
            : analysis.read.inputProblems.join(QLatin1Char('\n'));
        return outcome;
    }
    if (analysis.read.stoppedStrict) {
        const Rejection& r = analysis.read.rejections.front();
        outcome.error = QStringLiteral("Stopped at the first rejected line (strict mode): %1:%2: %3")
                            .arg(analysis.read.files[r.file].display)
                            .arg(r.line)
                            .arg(QString::fromStdString(r.reason));
        return outcome;
    }
    outcome.results = analysis.tables;
    outcome.read = std::make_shared<const ReadResult>(std::move(analysis.read));
    return outcome;
}

SessionOutcome reanalyse(std::shared_ptr<const EventStore> events, const Parameters& parameters,
                         const QStringList& inputs, const JobControl& control)
{
    SessionOutcome outcome;
    outcome.inputs = inputs;
    outcome.parameters = parameters;
    QElapsedTimer clock;
    clock.start();
    outcome.results = Pipeline(parameters).run(std::move(events), &control);
    outcome.cancelled = outcome.results == nullptr;
    outcome.timings.append({QStringLiteral("analyse"), clock.elapsed()});
    return outcome;
}

} // namespace clv
