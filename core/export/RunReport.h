#pragma once

#include "etl/Parameters.h"
#include "io/ReadResult.h"
#include "model/ResultTables.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace clv {

// How long each stage of a run took, in the order the stages ran.
using StageTimings = QList<QPair<QString, qint64>>; // stage name, milliseconds

// run.json: the parameters, inputs, counts, timings and version of a run, so that an
// output folder says how it was made.
QByteArray runReportJson(const Parameters& parameters, const ReadResult& read, const ResultTables& tables,
                         const StageTimings& timings);

// The sizes of a run's tables, for a report on tables that were assembled from parts
// (a partitioned run) rather than held whole.
struct TableCounts {
    qint64 customers = 0;
    qint64 visitsRows = 0;
    qint64 weeklyRows = 0;
};

QByteArray runReportJson(const Parameters& parameters, const ReadResult& read, const TableCounts& counts,
                         const StageTimings& timings);

} // namespace clv
