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

} // namespace clv
