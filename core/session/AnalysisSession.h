#pragma once

#include "etl/Analysis.h"
#include "export/OutputExporter.h"

#include <QFutureWatcher>
#include <QObject>

#include <memory>

namespace clv {

// The state a desktop window works on: the files it opened, their parsed events and
// rejected lines, the parameters, and the result tables. Every heavy step runs on the
// worker pool; the session reports progress through queued signals and replaces its
// results only when a step completes, so a cancelled step leaves the previous ones.
class AnalysisSession : public QObject {
    Q_OBJECT
public:
    explicit AnalysisSession(QObject* parent = nullptr);
    ~AnalysisSession() override;

    // Reads `inputs` and analyses them with the current parameters.
    void open(const QStringList& inputs);
    // Re-runs the analysis over the events already read, without reading files again.
    void setParameters(const Parameters& parameters);
    // Writes the output files of the current results into `directory`.
    void exportOutputs(const QString& directory);
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
    void exportFailed(const QString& message);

private:
    struct Outcome;
    void start(std::function<Outcome(const JobControl&)> work);
    void finish();
    void setBusy(bool busy);

    Parameters m_parameters;
    ReaderOptions m_readerOptions;
    QStringList m_inputs;
    std::shared_ptr<const ReadResult> m_read;
    std::shared_ptr<const ResultTables> m_results;
    StageTimings m_timings;
    bool m_busy = false;

    std::shared_ptr<JobControl> m_control;
    std::unique_ptr<QFutureWatcher<std::shared_ptr<Outcome>>> m_watcher;
};

} // namespace clv
