#pragma once

#include "export/OutputExporter.h"

#include <QFuture>
#include <QThreadPool>

#include <memory>

// The output files of a workspace run, written while the workspace is being saved. The
// tables' files are written on threads of the lowest priority: the save's two threads keep
// their cores, and the files take the time the save leaves idle (its last, single-threaded
// copy and the final sync of the file). rejected.csv and run.json, with the run's final
// timings, follow once the run is through, and only then are the files put in place: a run
// whose save fails leaves the output folder's files as they were. The lowest priority weighs
// against the program's own threads (Linux groups a session's threads, or a service's, before
// it weighs nice values), so what is left to write when the save is done runs at full speed;
// a machine with that grouping switched off would let other busy programs go first. The
// temporary files need room beside the outputs while the workspace grows (130 MB on the
// benchmark file).
class BackgroundExport {
public:
    explicit BackgroundExport(const clv::ExportRequest& request);
    // Stops the files being written (between blocks of rows) and waits; files never committed
    // are discarded.
    ~BackgroundExport();
    BackgroundExport(const BackgroundExport&) = delete;
    BackgroundExport& operator=(const BackgroundExport&) = delete;

    void start(const std::shared_ptr<const clv::ResultTables>& tables);
    bool isStarted() const { return m_export != nullptr; }
    // Waits for the tables' files, writes the rest and puts them all in place.
    clv::ExportResult commit(const clv::ReadResult& read, const clv::StageTimings& timings);

private:
    clv::ExportRequest m_request;
    clv::JobControl m_stop;   // a run that ends without its outputs stops the writing
    QThreadPool m_formatters; // formats the rows of the big files
    QThreadPool m_writer;     // writes the files, one after another
    std::shared_ptr<const clv::ResultTables> m_tables;
    std::unique_ptr<clv::StagedExport> m_export;
    QFuture<bool> m_written;
};
