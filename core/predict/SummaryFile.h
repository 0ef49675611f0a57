#pragma once

#include "io/ReadResult.h"
#include "predict/RfmSummary.h"

#include <QString>

namespace clv {

struct SummaryFileRead {
    RfmSummary summary;
    std::vector<Rejection> rejections; // file index 0: the summary file
    QString error;                     // the file as a whole cannot be used
    bool ok() const { return error.isEmpty(); }
};

// Reads a customer summary written by another tool instead of purchases (§10): a CSV with
// the header `ID,x,t_x,T,zbar` (the CDNOW authors') or lifetimes'
// `frequency,recency,T,monetary_value` (an id column first, named or not, is kept; without
// one the customers are numbered by line). Times are taken to be in `unit`. A row that
// cannot be a customer (x not a whole number >= 0, t_x beyond T, ...) is rejected with its
// line and reason; the others are read.
SummaryFileRead readSummaryFile(const QString& path, TimeUnit unit);
// The same for text already in memory.
SummaryFileRead readSummaryText(std::string_view text, TimeUnit unit);

} // namespace clv
