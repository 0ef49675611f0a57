#pragma once

#include "export/CsvField.h"
#include "io/ReadResult.h"
#include "model/ResultTables.h"

#include <QIODevice>

class QThreadPool;

namespace clv {

// The seed's three tables and the extra files, as CSV text with the seed's header lines,
// `True`/`False` booleans and shortest round-trip numbers. Each returns false when the
// device refuses a write. The three tables are formatted on `pool` (null: computePool()).
inline constexpr char kVisitsHeader[] = "customer_id,week_id,visit_id,isOrderType,amount\n";
inline constexpr char kWeeklyHeader[] = "customer_id,week_id,visits_per_wk,amount_per_wk,amount_per_visit\n";
inline constexpr char kLtvHeader[] = "customer_id,customer_ltv\n";
inline constexpr char kRejectedHeader[] = "file,line,reason,raw\n";

bool writeVisitsCsv(const ResultTables& tables, QIODevice& out, QThreadPool* pool = nullptr,
                    const CsvOptions& csv = {});
bool writeWeeklyCsv(const ResultTables& tables, QIODevice& out, const CsvOptions& csv = {},
                    QThreadPool* pool = nullptr);
// The first `limit` rows of the ltv table (all of them when limit < 0).
bool writeLtvCsv(const ResultTables& tables, QIODevice& out, long long limit = -1, const CsvOptions& csv = {},
                 QThreadPool* pool = nullptr);
bool writeRejectedCsv(const ReadResult& read, QIODevice& out, const CsvOptions& csv = {});

} // namespace clv
