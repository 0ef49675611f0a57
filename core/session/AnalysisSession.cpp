#include "session/AnalysisSession.h"

#include "store/WorkspaceRun.h"

#include <QElapsedTimer>
#include <QFile>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace clv {

// What a finished job hands back to the UI thread.
struct AnalysisSession::Outcome {
    enum class Kind { Analysis, Export } kind = Kind::Analysis;
    bool cancelled = false;
    QString error;
    QStringList inputs;
    Parameters parameters;
    std::shared_ptr<const ReadResult> read; // null: keep the events read before
    std::shared_ptr<const ResultTables> results;
    StageTimings timings;
    QStringList written;
    QString directory;
    QString workspace;      // the workspace the outcome came from or went to
    bool setWorkspace = false;
    QStringList notices;
};

// Runs inside a job: opens the workspace on this thread, adds the request's inputs to it and
// analyses everything it stores (a Qt SQL connection belongs to the thread that opened it).
void AnalysisSession::runInWorkspace(const QString& path, bool create, const AnalysisRequest& request,
                                     const JobControl& control, Outcome& outcome)
{
    QString error;
    auto workspace = Workspace::open(path, &error,
                                     create ? WorkspaceOpenMode::CreateIfMissing : WorkspaceOpenMode::ExistingOnly);
    if (!workspace) {
        outcome.error = error;
        return;
    }
    WorkspaceRunOutcome run = runWorkspaceAnalysis(*workspace, request, &control);
    outcome.timings = run.analysis.timings;
    outcome.notices = run.ingest.messages;
    if (run.ingest.cancelled || run.analysis.cancelled) {
        outcome.cancelled = true;
        return;
    }
    if (!run.ok()) {
        QStringList why;
        for (const QString& e : {run.storeError, run.ingest.error, run.ingest.strictRejection})
            if (!e.isEmpty())
                why << e;
        why << run.ingest.problems;
        outcome.error = why.isEmpty() ? tr("The workspace could not be analysed.") : why.join(QLatin1Char('\n'));
        return;
    }
    outcome.workspace = path;
    outcome.setWorkspace = true;
    outcome.parameters = request.parameters;
    outcome.results = run.analysis.tables;
    QStringList inputs;
    for (const InputFile& f : run.analysis.read.files)
        inputs << f.path;
    outcome.inputs = inputs;
    outcome.read = std::make_shared<const ReadResult>(std::move(run.analysis.read));
}

AnalysisSession::AnalysisSession(QObject* parent) : QObject(parent)
{
    m_jobThread.setMaxThreadCount(1);
}

AnalysisSession::~AnalysisSession()
{
    if (m_control)
        m_control->cancel();
    if (m_watcher)
        m_watcher->waitForFinished();
}

void AnalysisSession::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

void AnalysisSession::start(std::function<Outcome(const JobControl&)> work)
{
    if (m_watcher && m_watcher->isRunning()) {
        m_control->cancel();
        m_watcher->waitForFinished(); // the cancelled job's outcome is dropped below
    }
    // Progress crosses to the UI thread as queued signals, thinned to whole percents so
    // that a fast job cannot flood the event loop.
    QPointer<AnalysisSession> self(this);
    auto lastReport = std::make_shared<std::pair<QString, int>>();
    m_control = std::make_shared<JobControl>([self, lastReport](const QString& stage, double fraction) {
        const int percent = static_cast<int>(fraction * 100);
        if (lastReport->first == stage && lastReport->second == percent)
            return;
        *lastReport = {stage, percent};
        QMetaObject::invokeMethod(
            self.data(), [self, stage, fraction] { if (self) Q_EMIT self->progress(stage, fraction); },
            Qt::QueuedConnection);
    });
    m_watcher = std::make_unique<QFutureWatcher<std::shared_ptr<Outcome>>>();
    connect(m_watcher.get(), &QFutureWatcherBase::finished, this, &AnalysisSession::finish);
    std::shared_ptr<JobControl> control = m_control;
    m_watcher->setFuture(QtConcurrent::run(&m_jobThread, [work = std::move(work), control] {
        return std::make_shared<Outcome>(work(*control));
    }));
    setBusy(true);
}

void AnalysisSession::open(const QStringList& inputs)
{
    const ReaderOptions readerOptions = m_readerOptions;
    const Parameters parameters = m_parameters;
    if (!m_workspacePath.isEmpty()) {
        const QString workspace = m_workspacePath;
        start([this, workspace, inputs, readerOptions, parameters](const JobControl& control) {
            Outcome outcome;
            runInWorkspace(workspace, false, AnalysisRequest{inputs, readerOptions, parameters}, control, outcome);
            return outcome;
        });
        return;
    }
    start([inputs, readerOptions, parameters](const JobControl& control) {
        Outcome outcome;
        outcome.inputs = inputs;
        outcome.parameters = parameters;
        AnalysisRequest request{inputs, readerOptions, parameters};
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
    });
}

void AnalysisSession::openWorkspace(const QString& path)
{
    const ReaderOptions readerOptions = m_readerOptions;
    const Parameters parameters = m_parameters;
    start([this, path, readerOptions, parameters](const JobControl& control) {
        Outcome outcome;
        runInWorkspace(path, false, AnalysisRequest{{}, readerOptions, parameters}, control, outcome);
        return outcome;
    });
}

void AnalysisSession::saveWorkspaceAs(const QString& path)
{
    if (!m_read) {
        Q_EMIT failed(tr("There is nothing to save yet: open event files first."));
        return;
    }
    const ReaderOptions readerOptions = m_readerOptions;
    const Parameters parameters = m_parameters;
    const QString current = m_workspacePath;
    const QStringList inputs = m_inputs;
    // Readers of the open file (paged tables) close it now: it is copied and may be replaced.
    Q_EMIT aboutToRewriteWorkspace();
    start([this, path, current, inputs, readerOptions, parameters](const JobControl& control) {
        Outcome outcome;
        // A new file is built beside the target and put in place only when complete, so a
        // failed or cancelled save leaves whatever was at `path` untouched.
        const QString building = path + QStringLiteral(".saving");
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            QFile::remove(building + QLatin1String(suffix));
        AnalysisRequest request{inputs, readerOptions, parameters};
        if (!current.isEmpty()) {
            // An open workspace is copied whole (its event files may no longer exist), as a
            // consistent snapshot.
            QString why;
            if (!Workspace::copySnapshot(current, building, &why)) {
                outcome.error = why;
                return outcome;
            }
            request.inputs.clear();
        }
        runInWorkspace(building, true, request, control, outcome);
        if (!outcome.error.isEmpty() || outcome.cancelled) {
            QFile::remove(building);
            return outcome;
        }
        QString why;
        if (!Workspace::replaceFile(building, path, &why)) {
            outcome.error = why;
            QFile::remove(building);
            return outcome;
        }
        outcome.workspace = path;
        outcome.notices.prepend(tr("Saved the workspace to %1.").arg(path));
        return outcome;
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
        Outcome outcome;
        outcome.inputs = inputs;
        outcome.parameters = parameters;
        QElapsedTimer clock;
        clock.start();
        outcome.results = Pipeline(parameters).run(events, &control);
        outcome.cancelled = outcome.results == nullptr;
        outcome.timings.append({QStringLiteral("analyse"), clock.elapsed()});
        return outcome;
    });
}

void AnalysisSession::exportOutputs(const QString& directory, const CsvOptions& csv)
{
    if (!m_read || !m_results) {
        Q_EMIT exportFailed(tr("There are no results to export yet: open event files first."));
        return;
    }
    const std::shared_ptr<const ReadResult> read = m_read;
    const std::shared_ptr<const ResultTables> results = m_results;
    const StageTimings timings = m_timings;
    start([read, results, timings, directory, csv](const JobControl& control) {
        Outcome outcome;
        outcome.kind = Outcome::Kind::Export;
        outcome.directory = directory;
        control.report(QStringLiteral("Exporting"), 0.0);
        ExportRequest request{directory, results->parameters.topX, timings, nullptr, csv, &control};
        const ExportResult exported = clv::exportOutputs(request, *read, *results);
        outcome.cancelled = exported.cancelled;
        outcome.error = exported.error;
        outcome.written = exported.written;
        return outcome;
    });
}

void AnalysisSession::cancel()
{
    if (m_control)
        m_control->cancel();
}

void AnalysisSession::finish()
{
    if (!m_watcher || sender() != m_watcher.get())
        return; // a job replaced by a newer one
    const std::shared_ptr<Outcome> outcome = m_watcher->result();
    setBusy(false);
    if (outcome->kind == Outcome::Kind::Export) {
        if (outcome->cancelled)
            Q_EMIT cancelled();
        else if (outcome->error.isEmpty())
            Q_EMIT exported(outcome->written, outcome->directory);
        else
            Q_EMIT exportFailed(outcome->error);
        return;
    }
    if (outcome->cancelled) {
        Q_EMIT cancelled();
        return;
    }
    if (!outcome->error.isEmpty()) {
        Q_EMIT failed(outcome->error);
        return;
    }
    if (outcome->read) {
        m_read = outcome->read;
        m_inputs = outcome->inputs;
    }
    if (outcome->setWorkspace)
        m_workspacePath = outcome->workspace;
    m_resultsInWorkspace = outcome->setWorkspace;
    m_parameters = outcome->parameters;
    m_results = outcome->results;
    m_timings = outcome->timings;
    Q_EMIT resultsChanged();
    if (!outcome->notices.isEmpty())
        Q_EMIT notice(outcome->notices.join(QLatin1Char('\n')));
}

} // namespace clv
