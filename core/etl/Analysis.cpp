#include "etl/Analysis.h"

#include <QElapsedTimer>

namespace clv {

AnalysisOutcome runAnalysis(const AnalysisRequest& request, const JobControl* control)
{
    AnalysisOutcome outcome;
    QElapsedTimer clock;
    clock.start();
    outcome.read = EventReader(request.reader).read(request.inputs, control);
    outcome.timings.append({QStringLiteral("read"), clock.restart()});
    if (outcome.read.cancelled) {
        outcome.cancelled = true;
        return outcome;
    }
    if (outcome.read.stoppedStrict)
        return outcome;
    outcome.tables = Pipeline(request.parameters, request.reader.pool).run(outcome.read.events, control);
    outcome.timings.append({QStringLiteral("analyse"), clock.restart()});
    if (outcome.tables)
        for (const auto& [step, ms] : outcome.tables->timings)
            outcome.timings.append({QStringLiteral("analyse.") + step, ms});
    outcome.cancelled = outcome.tables == nullptr;
    return outcome;
}

} // namespace clv
