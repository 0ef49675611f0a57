#include "session/WorkspaceJobs.h"

#include "store/WorkspaceFile.h"
#include "store/WorkspaceRun.h"

#include <QCoreApplication>

namespace clv {

namespace {

SessionOutcome runInWorkspace(const QString& path, bool create, const AnalysisRequest& request,
                              const JobControl& control)
{
    SessionOutcome outcome;
    QString error;
    auto workspace = Workspace::open(path, &error,
                                     create ? WorkspaceOpenMode::CreateIfMissing : WorkspaceOpenMode::ExistingOnly);
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
    if (!run.ok()) {
        QStringList why;
        for (const QString& e : {run.storeError, run.ingest.error, run.ingest.strictRejection})
            if (!e.isEmpty())
                why << e;
        why << run.ingest.problems;
        outcome.error = why.isEmpty() ? QStringLiteral("The workspace could not be analysed.")
                                      : why.join(QLatin1Char('\n'));
        return outcome;
    }
    outcome.workspace = path;
    outcome.setWorkspace = true;
    outcome.parameters = request.parameters;
    outcome.results = run.analysis.tables;
    for (const InputFile& f : run.analysis.read.files)
        outcome.inputs << f.path;
    outcome.read = std::make_shared<const ReadResult>(std::move(run.analysis.read));
    return outcome;
}

} // namespace

SessionOutcome analyseInWorkspace(const QString& path, const AnalysisRequest& request, const JobControl& control)
{
    return runInWorkspace(path, false, request, control);
}

SessionOutcome saveWorkspaceAs(const QString& target, const QString& current, AnalysisRequest request,
                               const JobControl& control)
{
    StagedWorkspaceFile staged(target);
    if (!current.isEmpty()) {
        SessionOutcome copyFailed;
        if (!copyWorkspaceSnapshot(current, staged.path(), &copyFailed.error))
            return copyFailed;
        request.inputs.clear();
    }
    SessionOutcome outcome = runInWorkspace(staged.path(), true, request, control);
    if (!outcome.error.isEmpty() || outcome.cancelled)
        return outcome;
    // The job's connection is closed (runInWorkspace's workspace is gone) before the move.
    if (!staged.commit(&outcome.error))
        return outcome;
    outcome.workspace = target;
    outcome.notices.prepend(QStringLiteral("Saved the workspace to %1.").arg(target));
    return outcome;
}

} // namespace clv
