#include "etl/Analysis.h"

#include "etl/DuplicateFilter.h"

#include <QElapsedTimer>

namespace clv {

AnalysisOutcome runAnalysis(const AnalysisRequest& request, const JobControl* control)
{
    AnalysisOutcome outcome;
    QElapsedTimer clock;
    clock.start();
    ReaderOptions reader = request.reader;
    reader.payloadHashes = reader.payloadHashes || request.dropExactDuplicates;
    outcome.read = EventReader(reader).read(request.inputs, control);
    outcome.timings.append({QStringLiteral("read"), clock.restart()});
    if (outcome.read.cancelled) {
        outcome.cancelled = true;
        return outcome;
    }
    if (outcome.read.stoppedStrict)
        return outcome;
    if (request.dropExactDuplicates) {
        QString error;
        outcome.duplicatesDropped = DuplicateFilter::dropFrom(outcome.read, &error);
        outcome.timings.append({QStringLiteral("duplicates"), clock.restart()});
        if (outcome.duplicatesDropped < 0) {
            outcome.read.inputProblems << QStringLiteral("duplicates were not dropped: %1").arg(error);
            outcome.duplicatesDropped = 0;
        }
    }
    outcome.tables = Pipeline(request.parameters, request.reader.pool).run(outcome.read.events, control);
    outcome.timings.append({QStringLiteral("analyse"), clock.restart()});
    if (outcome.tables)
        for (const auto& [step, ms] : outcome.tables->timings)
            outcome.timings.append({QStringLiteral("analyse.") + step, ms});
    outcome.cancelled = outcome.tables == nullptr;
    return outcome;
}

} // namespace clv
