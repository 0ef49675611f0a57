#include "session/AnalysisSession.h"

#include "session/AnalysisJobs.h"
#include "session/ExportJob.h"
#include "session/WorkspaceJobs.h"
#include "util/BackgroundPriority.h"

namespace clv {

AnalysisSession::AnalysisSession(QObject* parent) : QObject(parent), m_jobs(this, &m_jobThread)
{
    m_jobThread.setMaxThreadCount(1);
    runAtBackgroundPriority(m_jobThread);
    m_jobs.setProgressHandler([this](const QString& stage, double fraction) { Q_EMIT progress(stage, fraction); });
}

// The job thread's pool ends with the session, after the running job saw its cancel.
AnalysisSession::~AnalysisSession()
{
    m_jobs.supersede();
}

void AnalysisSession::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

void AnalysisSession::start(std::function<SessionOutcome(const JobControl&)> work)
{
    m_jobs.start(std::move(work), [this](const SessionOutcome& outcome) { finish(outcome); });
    setBusy(true);
}

void AnalysisSession::open(const QStringList& inputs)
{
    AnalysisRequest request{inputs, m_readerOptions, m_parameters};
    if (!m_workspacePath.isEmpty() && request.reader.transactions) {
        Q_EMIT failed(tr("Transaction tables cannot be added to a workspace yet, and the workspace %1 is open: "
                         "read them with no workspace open.")
                          .arg(m_workspacePath));
        return;
    }
    if (!m_workspacePath.isEmpty()) {
        const QString workspace = m_workspacePath;
        start([workspace, request](const JobControl& control) {
            return analyseInWorkspace(workspace, request, control);
        });
        return;
    }
    start([request](const JobControl& control) { return analyseFiles(request, control); });
}

void AnalysisSession::openWorkspace(const QString& location)
{
    AnalysisRequest request{{}, m_readerOptions, m_parameters};
    request.reader.transactions.reset(); // a workspace holds events
    start([location, request](const JobControl& control) { return analyseInWorkspace(location, request, control); });
}

bool AnalysisSession::isFitOfOpenEvents(const std::shared_ptr<const PredictResult>& fit) const
{
    return fit && m_read && fit->purchases && fit->purchases->events.get() == m_read->events.get()
        && !fit->run.cancelled;
}

void AnalysisSession::storeFit(const std::shared_ptr<const PredictResult>& fit)
{
    if (m_workspacePath.isEmpty() || m_inputTables || !isFitOfOpenEvents(fit))
        return;
    AnalysisRequest request{{}, m_readerOptions, m_parameters};
    const QString path = m_workspacePath;
    const qint64 storedEvents = m_read->totals().accepted;
    // After the job running, not instead of it: a fit stored is no reason to stop an analysis.
    m_jobs.run(
        [path, request, fit, storedEvents](const JobControl& control) {
            return storeFitInWorkspace(path, request, fit, storedEvents, control);
        },
        [this](const SessionOutcome& outcome) { finish(outcome); });
    setBusy(true);
}

void AnalysisSession::saveWorkspaceAs(const QString& path, std::shared_ptr<const PredictResult> fit)
{
    if (!m_read) {
        Q_EMIT failed(tr("There is nothing to save yet: open event files first."));
        return;
    }
    // The files are read again into the new workspace, as what they were read as before.
    if (m_inputTables && m_workspacePath.isEmpty()) {
        Q_EMIT failed(tr("What is open was read from transaction tables, which a workspace cannot store yet."));
        return;
    }
    AnalysisRequest request{m_inputs, m_readerOptions, m_parameters};
    request.reader.transactions = m_inputTables;
    const QString current = m_workspacePath;
    // Readers of the open file (paged tables) close it now: it is copied and may be replaced.
    Q_EMIT aboutToRewriteWorkspace();
    if (!isFitOfOpenEvents(fit))
        fit.reset();
    start([path, current, request, fit](const JobControl& control) {
        return clv::saveWorkspaceAs(path, current, request, fit, control);
    });
}

void AnalysisSession::setParameters(const Parameters& parameters)
{
    if (!m_read) {
        m_parameters = parameters;
        return;
    }
    const std::shared_ptr<const EventStore> events = m_read->events;
    const QStringList inputs = m_inputs;
    start([events, parameters, inputs](const JobControl& control) {
        return reanalyse(events, parameters, inputs, control);
    });
}

void AnalysisSession::exportOutputs(const QString& directory, const CsvOptions& csv, const PredictExport& predict)
{
    if (!m_read || !m_results) {
        Q_EMIT exportFailed(tr("There are no results to export yet: open event files first."));
        return;
    }
    const std::shared_ptr<const ReadResult> read = m_read;
    const std::shared_ptr<const ResultTables> results = m_results;
    const StageTimings timings = m_timings;
    start([read, results, timings, directory, csv, predict](const JobControl& control) {
        return exportSessionOutputs(directory, read, results, timings, csv, predict, control);
    });
}

void AnalysisSession::cancel()
{
    m_jobs.cancel();
}

void AnalysisSession::finish(const SessionOutcome& outcome)
{
    setBusy(m_jobs.isRunning());
    if (outcome.kind == SessionOutcome::Kind::StoreFit) {
        if (!outcome.error.isEmpty())
            Q_EMIT failed(tr("The fit could not be stored in the workspace: %1").arg(outcome.error));
        return;
    }
    if (outcome.kind == SessionOutcome::Kind::Export) {
        if (outcome.cancelled)
            Q_EMIT cancelled();
        else if (outcome.error.isEmpty())
            Q_EMIT exported(outcome.written, outcome.directory);
        else
            Q_EMIT exportFailed(outcome.error);
        return;
    }
    if (outcome.cancelled) {
        Q_EMIT cancelled();
        return;
    }
    if (!outcome.error.isEmpty()) {
        Q_EMIT failed(outcome.error);
        return;
    }
    if (outcome.read) {
        m_read = outcome.read;
        m_inputs = outcome.inputs;
        m_inputTables = outcome.tables;
    }
    if (outcome.setWorkspace)
        m_workspacePath = outcome.workspace;
    m_resultsInWorkspace = outcome.setWorkspace;
    m_parameters = outcome.parameters;
    m_results = outcome.results;
    m_timings = outcome.timings;
    Q_EMIT resultsChanged();
    if (outcome.storedFit)
        Q_EMIT storedFitFound(*outcome.storedFit);
    if (!outcome.notices.isEmpty())
        Q_EMIT notice(outcome.notices.join(QLatin1Char('\n')));
}

} // namespace clv
