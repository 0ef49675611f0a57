#pragma once

#include "export/CsvField.h"
#include "io/ReadResult.h"
#include "model/ResultTables.h"
#include "util/JobControl.h"

#include <QIODevice>

class QThreadPool;

namespace clv {

// The seed's three tables and the extra files, as CSV text with the seed's header lines,
// `True`/`False` booleans and shortest round-trip numbers. Each returns false when the
// device refuses a write, or when the table's control was cancelled.
inline constexpr char kVisitsHeader[] = "customer_id,week_id,visit_id,isOrderType,amount\n";
inline constexpr char kWeeklyHeader[] = "customer_id,week_id,visits_per_wk,amount_per_wk,amount_per_visit\n";
inline constexpr char kLtvHeader[] = "customer_id,customer_ltv\n";
inline constexpr char kRejectedHeader[] = "file,line,reason,raw\n";

// How a table's rows are written.
struct TableCsvOptions {
    CsvOptions csv;
    QThreadPool* pool = nullptr;         // formats the rows; null: computePool()
    const JobControl* control = nullptr; // asked between blocks of rows: a cancel stops the file
};

bool writeVisitsCsv(const ResultTables& tables, QIODevice& out, const TableCsvOptions& options = {});
bool writeWeeklyCsv(const ResultTables& tables, QIODevice& out, const TableCsvOptions& options = {});
// The first `limit` rows of the ltv table (all of them when limit < 0).
bool writeLtvCsv(const ResultTables& tables, QIODevice& out, long long limit = -1, const TableCsvOptions& options = {});
bool writeRejectedCsv(const ReadResult& read, QIODevice& out, const CsvOptions& csv = {});

} // namespace clv
