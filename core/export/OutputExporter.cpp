#include "export/OutputExporter.h"

#include "export/TableCsv.h"
#include "export/WriteFully.h"

#include <vector>

namespace clv {

namespace {

// The tables' files, then rejected.csv and run.json, then the extra ones.
int fileCount(const ExportRequest& request)
{
    return 3 + (request.topN > 0 ? 1 : 0) + 2 + static_cast<int>(request.extra.size());
}

} // namespace

StagedExport::StagedExport(const ExportRequest& request, const ResultTables& tables)
    : m_request(request), m_tables(tables), m_files(request.directory, fileCount(request), request.control)
{
}

bool StagedExport::writeTables()
{
    const ResultTables& tables = m_tables;
    const TableCsvOptions options{m_request.csv, m_request.pool, m_request.control};
    std::vector<NamedOutput> outputs = {
        {kVisitsFile, [&](QIODevice& d) { return writeVisitsCsv(tables, d, options); }},
        {kWeeklyFile, [&](QIODevice& d) { return writeWeeklyCsv(tables, d, options); }},
        {kLtvFile, [&](QIODevice& d) { return writeLtvCsv(tables, d, -1, options); }},
    };
    if (m_request.topN > 0)
        outputs.push_back({kTopFile, [&](QIODevice& d) { return writeLtvCsv(tables, d, m_request.topN, options); }});
    return m_files.write(outputs);
}

ExportResult StagedExport::commit(const ReadResult& read, const StageTimings& timings)
{
    std::vector<NamedOutput> outputs = {
        {kRejectedFile, [&](QIODevice& d) { return writeRejectedCsv(read, d, m_request.csv); }},
        {kRunReportFile,
         [&](QIODevice& d) { return writeFully(d, runReportJson(m_tables.parameters, read, m_tables, timings)); }},
    };
    outputs.insert(outputs.end(), m_request.extra.begin(), m_request.extra.end());
    m_files.write(outputs);
    return m_files.commit();
}

ExportResult exportOutputs(const ExportRequest& request, const ReadResult& read, const ResultTables& tables)
{
    StagedExport staged(request, tables);
    staged.writeTables();
    return staged.commit(read, request.timings);
}

} // namespace clv
