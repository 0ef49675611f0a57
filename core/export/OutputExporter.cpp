#include "export/OutputExporter.h"

#include "export/TableCsv.h"

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
        {kVisitsFile, [&](QIODevice& d) { return writeVisitsCsv(tables, d, request.pool); }},
        {kWeeklyFile, [&](QIODevice& d) { return writeWeeklyCsv(tables, d); }},
        {kLtvFile, [&](QIODevice& d) { return writeLtvCsv(tables, d); }},
        {kRejectedFile, [&](QIODevice& d) { return writeRejectedCsv(read, d); }},
    };
    if (request.topN > 0)
        outputs.push_back({kTopFile, [&](QIODevice& d) { return writeLtvCsv(tables, d, request.topN); }});
    outputs.push_back({kRunReportFile, [&](QIODevice& d) {
                           const QByteArray json = runReportJson(tables.parameters, read, tables, request.timings);
                           return d.write(json) == json.size();
                       }});

    std::vector<std::unique_ptr<QSaveFile>> files;
    for (const Output& output : outputs) {
        auto file = std::make_unique<QSaveFile>(dir.absoluteFilePath(output.name));
        if (!file->open(QIODevice::WriteOnly)) {
            result.error = QStringLiteral("cannot write %1: %2").arg(file->fileName(), file->errorString());
            return result; // the unique_ptrs discard every temporary file
        }
        if (!output.write(*file)) {
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
