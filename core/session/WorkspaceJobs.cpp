#include "session/WorkspaceJobs.h"

#include "store/OpenWorkspace.h"
#include "store/WorkspaceFile.h"
#include "store/WorkspaceRun.h"

#include <QCoreApplication>

namespace clv {

namespace {

SessionOutcome runInWorkspace(const QString& location, WorkspaceOpenMode mode, const AnalysisRequest& request,
                              const std::shared_ptr<const PredictResult>& fit, const JobControl& control)
{
    SessionOutcome outcome;
    QString error;
    auto workspace = openWorkspace(location, &error, mode);
    if (!workspace) {
        outcome.error = error;
        return outcome;
    }
    WorkspaceRunOutcome run = runWorkspaceAnalysis(*workspace, request, &control);
    outcome.timings = run.analysis.timings;
    outcome.notices = run.ingest.messages;
    if (run.ingest.cancelled || run.analysis.cancelled) {
        outcome.cancelled = true;
        return outcome;
    }
    if (!run.ok() || workspace->hasPendingContentHashes()) {
        QStringList why;
        for (const QString& e : {run.storeError, run.ingest.error, run.ingest.strictRejection})
            if (!e.isEmpty())
                why << e;
        why << run.ingest.problems;
        outcome.error = why.isEmpty() ? QStringLiteral("The workspace could not be analysed.")
                                      : why.join(QLatin1Char('\n'));
        return outcome;
    }
    outcome.workspace = location;
    outcome.setWorkspace = true;
    outcome.parameters = request.parameters;
    outcome.results = run.analysis.tables;
    for (const InputFile& f : run.analysis.read.files)
        outcome.inputs << f.path;
    outcome.read = std::make_shared<const ReadResult>(std::move(run.analysis.read));
    QString why;
    // The fit is of the same events, read before. It is read back like any stored fit: the
    // window now holds the events as the workspace gave them, and shows the fit over those.
    if (fit && !workspace->saveFit(*fit, &why, &control) && !control.isCancelled())
        outcome.notices << QStringLiteral("The fit could not be stored in the workspace: %1").arg(why);
    why.clear();
    outcome.storedFit = workspace->loadFit(&why);
    if (!why.isEmpty())
        outcome.notices << QStringLiteral("The workspace's fit could not be read: %1").arg(why);
    return outcome;
}

} // namespace

SessionOutcome analyseInWorkspace(const QString& location, const AnalysisRequest& request, const JobControl& control)
{
    return runInWorkspace(location, WorkspaceOpenMode::ExistingOnly, request, nullptr, control);
}

SessionOutcome saveWorkspaceAs(const QString& target, const QString& current, AnalysisRequest request,
                               const std::shared_ptr<const PredictResult>& fit, const JobControl& control)
{
    // A copy is a file made whole beside its target and then put in place (SQLite's VACUUM
    // INTO, a rename): neither exists for a database on a server, which every analysis
    // updates as it goes.
    if (WorkspaceLocation::isServerAddress(target) || WorkspaceLocation::isServerAddress(current)) {
        SessionOutcome refused;
        refused.error = WorkspaceLocation::isServerAddress(target)
            ? QStringLiteral("Save Workspace As writes workspace files (*.clvdb) only. To put the events on a "
                             "PostgreSQL server, connect to its database (File ▸ Connect to Database…) and open "
                             "the event files there, or run clv-etl --workspace postgresql://USER@HOST/DATABASE "
                             "FILES.")
            : QStringLiteral("A workspace on a PostgreSQL server cannot be copied to a file: Save Workspace As "
                             "copies workspace files only. The server's database keeps every analysis as it is "
                             "made; to make a file, open the event files with no workspace open and save that.");
        return refused;
    }
    StagedWorkspaceFile staged(target);
    if (!current.isEmpty()) {
        SessionOutcome copyFailed;
        if (!copyWorkspaceSnapshot(current, staged.path(), &copyFailed.error))
            return copyFailed;
        request.inputs.clear();
    }
    SessionOutcome outcome = runInWorkspace(staged.path(), WorkspaceOpenMode::Staging, request, fit, control);
    if (!outcome.error.isEmpty() || outcome.cancelled)
        return outcome;
    // The job's connection is closed (runInWorkspace's workspace is gone) before the move.
    if (!staged.commit(&outcome.error))
        return outcome;
    outcome.workspace = target;
    outcome.notices.prepend(QStringLiteral("Saved the workspace to %1.").arg(target));
    return outcome;
}

SessionOutcome storeFitInWorkspace(const QString& location, const AnalysisRequest& request,
                                   const std::shared_ptr<const PredictResult>& fit, qint64 storedEvents,
                                   const JobControl& control)
{
    SessionOutcome outcome;
    outcome.kind = SessionOutcome::Kind::StoreFit;
    QString error;
    auto workspace = openWorkspace(location, &error, WorkspaceOpenMode::ExistingOnly);
    if (!workspace) {
        outcome.error = error;
        return outcome;
    }
    workspace->setDropExactDuplicates(request.dropExactDuplicates);
    // Files added meanwhile make these other events: the fit is not theirs.
    if (workspace->storedEventCount() != storedEvents)
        return outcome;
    if (!workspace->saveFit(*fit, &error, &control)) {
        outcome.cancelled = control.isCancelled();
        outcome.error = outcome.cancelled ? QString() : error;
    }
    return outcome;
}

} // namespace clv
