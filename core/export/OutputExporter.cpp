#include "export/OutputExporter.h"

#include "export/TableCsv.h"
#include "export/WriteFully.h"

#include <QDir>
#include <QSaveFile>

#include <functional>
#include <memory>
#include <vector>

namespace clv {

ExportResult exportOutputs(const ExportRequest& request, const ReadResult& read, const ResultTables& tables)
{
    ExportResult result;
    QDir dir(request.directory);
    if (!dir.exists() && !QDir().mkpath(request.directory)) {
        result.error = QStringLiteral("cannot create the output folder %1").arg(request.directory);
        return result;
    }

    struct Output {
        QString name;
        std::function<bool(QIODevice&)> write;
    };
    std::vector<Output> outputs = {
        {kVisitsFile, [&](QIODevice& d) { return writeVisitsCsv(tables, d, request.pool, request.csv); }},
        {kWeeklyFile, [&](QIODevice& d) { return writeWeeklyCsv(tables, d, request.csv); }},
        {kLtvFile, [&](QIODevice& d) { return writeLtvCsv(tables, d, -1, request.csv); }},
        {kRejectedFile, [&](QIODevice& d) { return writeRejectedCsv(read, d, request.csv); }},
    };
    if (request.topN > 0)
        outputs.push_back({kTopFile, [&](QIODevice& d) { return writeLtvCsv(tables, d, request.topN, request.csv); }});
    outputs.push_back({kRunReportFile, [&](QIODevice& d) {
                           const QByteArray json = runReportJson(tables.parameters, read, tables, request.timings);
                           return writeFully(d, json);
                       }});

    std::vector<std::unique_ptr<QSaveFile>> files;
    for (const Output& output : outputs) {
        if (request.control && request.control->isCancelled()) {
            result.cancelled = true;
            result.error = QStringLiteral("the export was cancelled; the files in %1 are unchanged")
                               .arg(QDir::toNativeSeparators(dir.absolutePath()));
            return result;
        }
        if (request.control)
            request.control->report(QStringLiteral("Exporting"), double(files.size()) / double(outputs.size()));
        auto file = std::make_unique<QSaveFile>(dir.absoluteFilePath(output.name));
        if (!file->open(QIODevice::WriteOnly)) {
            result.error = QStringLiteral("cannot write %1: %2").arg(file->fileName(), file->errorString());
            return result; // the unique_ptrs discard every temporary file
        }
        // Flushed here, so that a full disk shows now, while every earlier file is still a
        // temporary one, and not when the files are being put in place.
        if (!output.write(*file) || !file->flush()) {
            result.error = QStringLiteral("writing %1 failed: %2").arg(file->fileName(), file->errorString());
            return result;
        }
        files.push_back(std::move(file));
    }
    for (auto& file : files) {
        if (!file->commit()) {
            result.error = QStringLiteral("could not put %1 in place: %2").arg(file->fileName(), file->errorString());
            return result;
        }
        result.written << file->fileName();
    }
    return result;
}

} // namespace clv
