#pragma once

#include "etl/Analysis.h"
#include "export/CsvField.h"
#include "session/ExportJob.h"
#include "session/SessionOutcome.h"
#include "util/JobTracker.h"

#include <QObject>
#include <QThreadPool>

#include <memory>

namespace clv {

// The state a desktop window works on: the files it opened, their parsed events and
// rejected lines, the parameters, and the result tables. The work itself is done by jobs
// (AnalysisJobs, WorkspaceJobs, ExportJob) run one after the other on the session's job
// thread through a JobTracker: a new job supersedes the one running (cancelled, its answer
// dropped) without waiting for it. Results are replaced only when a job completes, so a
// cancelled one leaves the previous ones.
class AnalysisSession : public QObject {
    Q_OBJECT
public:
    explicit AnalysisSession(QObject* parent = nullptr);
    ~AnalysisSession() override;

    // Reads `inputs` and analyses them with the current parameters and reader options (event
    // files, or transaction tables when readerOptions().transactions is set). With a workspace
    // open, the inputs are added to it and the analysis covers everything it stores; a
    // workspace does not store transaction tables yet, so those are refused then.
    void open(const QStringList& inputs);
    // Shows a workspace's events and results without reading event files. `location` is a file
    // path or a postgresql:// address (WorkspaceLocation); workspacePath() then gives it back.
    void openWorkspace(const QString& location);
    // Stores what is open now into a new workspace file at `path` (replacing a file there),
    // which then becomes the open one. Files only: a server's database is refused, in words.
    // `fit`, when it is a fit of the events open now, is stored with them.
    void saveWorkspaceAs(const QString& path, std::shared_ptr<const PredictResult> fit = nullptr);
    // Stores `fit` in the open workspace when it is a fit of the events it holds (a job of
    // its own after the one running; nothing happens without a workspace).
    void storeFit(const std::shared_ptr<const PredictResult>& fit);
    QString workspacePath() const { return m_workspacePath; }
    // Whether the results shown are the ones stored in the open workspace (a re-run with
    // other parameters is kept in memory only, and the workspace keeps its last saved run).
    bool resultsInWorkspace() const { return m_resultsInWorkspace; }
    // Re-runs the analysis over the events already read, without reading files again.
    void setParameters(const Parameters& parameters);
    // Writes the output files of the current results into `directory`, with the Predict tab's
    // when given.
    void exportOutputs(const QString& directory, const CsvOptions& csv = {}, const PredictExport& predict = {});
    void cancel();

    bool isBusy() const { return m_busy; }
    const Parameters& parameters() const { return m_parameters; }
    ReaderOptions& readerOptions() { return m_readerOptions; }
    QStringList inputs() const { return m_inputs; }
    std::shared_ptr<const ReadResult> readResult() const { return m_read; }
    std::shared_ptr<const ResultTables> results() const { return m_results; }
    const StageTimings& timings() const { return m_timings; }

Q_SIGNALS:
    void progress(const QString& stage, double fraction);
    void busyChanged(bool busy);
    // New events and/or results are in place.
    void resultsChanged();
    void failed(const QString& message);
    void cancelled();
    void exported(const QStringList& files, const QString& directory);
    // Something worth telling that is not an error (e.g. a file already in the workspace).
    void notice(const QString& message);
    void exportFailed(const QString& message);
    // Sent (synchronously) before a job copies or replaces the open workspace file: whoever
    // holds a connection to it must close it before returning.
    void aboutToRewriteWorkspace();
    // The opened workspace holds a fit of its events (after resultsChanged).
    void storedFitFound(const clv::StoredFit& fit);

private:
    void start(std::function<SessionOutcome(const JobControl&)> work);
    // Whether `fit` is of the events open now.
    bool isFitOfOpenEvents(const std::shared_ptr<const PredictResult>& fit) const;
    void finish(const SessionOutcome& outcome);
    void setBusy(bool busy);

    Parameters m_parameters;
    ReaderOptions m_readerOptions;
    QStringList m_inputs;
    std::optional<TransactionOptions> m_inputTables; // how m_inputs were read, when as tables
    QString m_workspacePath;
    std::shared_ptr<const ReadResult> m_read;
    std::shared_ptr<const ResultTables> m_results;
    StageTimings m_timings;
    bool m_busy = false;
    bool m_resultsInWorkspace = false;

    // The jobs' own thread: the worker pool stays free for the parallel steps inside them, and
    // a job starts only when the one before has ended, so two never write one workspace.
    QThreadPool m_jobThread;
    JobTracker m_jobs;
};

} // namespace clv
