#pragma once

#include "predict/PredictResult.h"
#include "store/LoadedEvents.h"
#include "util/JobControl.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>
#include <vector>

namespace clv {

// A fit as the workspace gives it back: what was asked for and what each model gave. The
// per-customer predictions are stored for outside tools (sqlite3, the paged views) and are
// not part of it.
struct StoredFit {
    PredictSettings settings;
    std::vector<ModelFit> fits; // in request order, fitted or not
};

// The last fit of a workspace's Predict tab (schema version 4): its settings, one row per
// requested model with its parameters, and a row per customer of the fit's summary. Like
// StoredResults it names the events a fit came from by their count and the duplicate
// setting, so that a fit of fewer or other events is not shown as this workspace's.
//
// Meant to be called on the workspace's thread, after a fit of the events of the latest
// loadEvents() has finished (save), when such a workspace is opened (load), and when files
// are added or the fit is discarded (clear). The caller holds the transaction around save()
// and clear(), as it does around StoredResults::save(), so that a failed or cancelled save
// leaves the previous fit in place.
class StoredPrediction {
public:
    explicit StoredPrediction(const QSqlDatabase& db) : m_db(db) {}

    // Replaces the stored fit with `result`, fitted to purchases of the events of `loaded`.
    // Refuses a cancelled run, whose fits are unfinished.
    bool save(const PredictResult& result, const LoadedEvents& loaded, QString* error, const JobControl* control);

    // The stored settings and fits, read back exactly (doubles bit for bit, NaN where a number
    // is missing). Null without an error when no fit is stored or when it came from other
    // events than `loaded` holds; null with `error` set when it cannot be read.
    std::optional<StoredFit> load(const LoadedEvents& loaded, QString* error);

    // Removes the stored fit (all four tables).
    bool clear(QString* error);

private:
    bool saveSettings(const PredictSettings& settings, const LoadedEvents& loaded, QString* error);
    bool saveFits(const std::vector<ModelFit>& fits, QString* error);
    bool savePredictions(const ModelRunResult& run, QString* error, const JobControl* control);
    bool isCurrent(const LoadedEvents& loaded, bool* found, QString* error);
    bool loadSettings(PredictSettings& settings, QString* error);
    bool loadFits(std::vector<ModelFit>& fits, QString* error);

    QSqlDatabase m_db;
};

} // namespace clv
