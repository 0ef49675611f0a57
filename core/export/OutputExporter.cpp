#include "export/OutputExporter.h"

#include "export/OutputSet.h"
#include "export/TableCsv.h"
#include "export/WriteFully.h"

#include <vector>

namespace clv {

ExportResult exportOutputs(const ExportRequest& request, const ReadResult& read, const ResultTables& tables)
{
    std::vector<NamedOutput> outputs = {
        {kVisitsFile, [&](QIODevice& d) { return writeVisitsCsv(tables, d, request.pool, request.csv); }},
        {kWeeklyFile, [&](QIODevice& d) { return writeWeeklyCsv(tables, d, request.csv, request.pool); }},
        {kLtvFile, [&](QIODevice& d) { return writeLtvCsv(tables, d, -1, request.csv, request.pool); }},
        {kRejectedFile, [&](QIODevice& d) { return writeRejectedCsv(read, d, request.csv); }},
    };
    if (request.topN > 0)
        outputs.push_back(
            {kTopFile, [&](QIODevice& d) { return writeLtvCsv(tables, d, request.topN, request.csv, request.pool); }});
    outputs.push_back({kRunReportFile, [&](QIODevice& d) {
                           const QByteArray json = runReportJson(tables.parameters, read, tables, request.timings);
                           return writeFully(d, json);
                       }});
    outputs.insert(outputs.end(), request.extra.begin(), request.extra.end());
    return writeOutputSet(request.directory, outputs, request.control);
}

} // namespace clv
