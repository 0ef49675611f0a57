#pragma once

#include "etl/Analysis.h"
#include "store/StoredPrediction.h"

#include <QStringList>

#include <memory>
#include <optional>

namespace clv {

// What a session job hands back to the UI thread: new events and results, or an export's
// files, or why there are none.
struct SessionOutcome {
    enum class Kind { Analysis, Export, StoreFit } kind = Kind::Analysis;
    bool cancelled = false;
    QString error;
    QStringList inputs;
    // Set when `inputs` were read as transaction tables with these options.
    std::optional<TransactionOptions> tables;
    Parameters parameters;
    std::shared_ptr<const ReadResult> read; // null: keep the events read before
    std::shared_ptr<const ResultTables> results;
    StageTimings timings;
    QStringList written;
    QString directory;
    QString workspace; // the workspace the outcome came from or went to
    bool setWorkspace = false;
    QStringList notices;
    std::optional<StoredFit> storedFit; // a workspace's fit of the events now open
};

} // namespace clv
