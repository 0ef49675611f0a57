#include "store/WorkspaceRun.h"

#include <QElapsedTimer>

namespace clv {

WorkspaceRunOutcome runWorkspaceAnalysis(Workspace& workspace, const AnalysisRequest& request,
                                         const JobControl* control, const AnalysedTables& analysed)
{
    WorkspaceRunOutcome outcome;
    AnalysisOutcome& analysis = outcome.analysis;
    QElapsedTimer clock;
    clock.start();
    if (!request.inputs.isEmpty()) {
        outcome.ingest = workspace.addFiles(request.inputs, request.reader, control);
        analysis.timings.append({QStringLiteral("ingest"), clock.restart()});
        if (outcome.ingest.cancelled)
            analysis.cancelled = true;
        if (!outcome.ingest.ok())
            return outcome;
    }

    workspace.setDropExactDuplicates(request.dropExactDuplicates);
    QString error;
    bool packUnreadable = false;
    if (request.reusePackedResults && request.inputs.isEmpty()) {
        std::optional<Workspace::PackedRun> packed = workspace.loadPackedResults(request.parameters, &error);
        if (packed) {
            analysis.timings.append({QStringLiteral("load"), clock.restart()});
            analysis.read = std::move(*packed->read);
            analysis.tables = std::move(packed->tables);
            outcome.reusedStoredResults = true;
            // One visits row per event kept.
            analysis.duplicatesDropped = analysis.read.totals().accepted
                - static_cast<qint64>(analysis.tables->visits.size());
            if (analysed)
                analysed(analysis.tables);
            return outcome;
        }
        packUnreadable = !error.isEmpty();
        if (packUnreadable) // the events are still there: analysed again, with the same outcome
            outcome.notes << QStringLiteral("the stored results could not be read (%1); analysing the stored events "
                                            "again")
                                 .arg(error);
        error.clear();
    }
    std::shared_ptr<ReadResult> read = workspace.loadEvents(control, &error);
    analysis.timings.append({QStringLiteral("load"), clock.restart()});
    if (!read) {
        analysis.cancelled = control && control->isCancelled();
        if (!analysis.cancelled) {
            outcome.storeError = error;
            outcome.storeUnreadable = true; // loading only reads: what failed is the stored data
        }
        return outcome;
    }
    // Duplicates are counted against what the files held, as in a batch run.
    analysis.duplicatesDropped = read->totals().accepted - static_cast<qint64>(read->events->size());
    analysis.read = std::move(*read);
    // The stored events come from earlier runs too, but what this run's folders left out
    // is this run's to say (run.json, the window).
    analysis.read.skippedInputs = outcome.ingest.skipped;

    analysis.tables = Pipeline(request.parameters, request.reader.pool).run(analysis.read.events, control);
    analysis.timings.append({QStringLiteral("analyse"), clock.restart()});
    if (!analysis.tables) {
        analysis.cancelled = true;
        return outcome;
    }
    for (const auto& [step, ms] : analysis.tables->timings)
        analysis.timings.append({QStringLiteral("analyse.") + step, ms});
    if (analysed)
        analysed(analysis.tables);

    // A re-run with the parameters of the stored results over the same events computes the
    // same tables (the pipeline is deterministic): writing them again would only cost time.
    if (workspace.hasCurrentResults(request.parameters)) {
        // ... but their pack may be missing (an older version saved them) or unreadable.
        if (!workspace.packResults(*analysis.tables, packUnreadable, &error))
            outcome.notes << QStringLiteral("the results could not be packed for a faster reopening: %1").arg(error);
    } else if (!workspace.saveResults(*analysis.tables, &error, control)) {
        analysis.cancelled = control && control->isCancelled();
        if (!analysis.cancelled)
            outcome.storeError = error;
    }
    // A new workspace's files, hashed meanwhile on what the run left idle (WorkspaceIngester):
    // their hashes are written before anything could put the workspace in place.
    if (outcome.storeError.isEmpty() && !analysis.cancelled && !workspace.settleContentHashes(&error)) {
        if (control && control->isCancelled())
            analysis.cancelled = true;
        else
            outcome.storeError = error;
    }
    analysis.timings.append({QStringLiteral("save"), clock.restart()});
    return outcome;
}

} // namespace clv
