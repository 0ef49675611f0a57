#pragma once

#include "model/ResultTables.h"
#include "predict/PredictResult.h"
#include "util/JobTracker.h"

#include <QObject>
#include <QThreadPool>

#include <memory>
#include <optional>
#include <vector>

namespace clv {

// The predictive side of a window: the purchases of the events in memory (gathered again
// whenever new results arrive) and the fit of the models to them. Both run as jobs on threads
// of their own, so that the worker pool stays free for the likelihood's parallel parts; a new
// request supersedes the one running without waiting for it, and a cancelled fit leaves the
// previous one.
class PredictSession : public QObject {
    Q_OBJECT
public:
    explicit PredictSession(QObject* parent = nullptr);
    ~PredictSession() override;

    // New events and/or result tables. The purchases are gathered again; the fit shown stays
    // (with the new seed LTVs beside it) when the events are the same, else it is dropped.
    void setData(const std::shared_ptr<const EventStore>& events, const std::shared_ptr<const ResultTables>& results);
    // Fits the settings' models to the purchases in memory (once they are gathered).
    void fit(const PredictSettings& settings);
    // Shows fits made earlier (a workspace's) without fitting again: the predictions of those
    // parameters are worked out from the purchases in memory.
    void restore(const PredictSettings& settings, std::vector<ModelFit> fits);
    void cancel();

    bool isBusy() const { return m_fitting || m_gathering; }
    bool isFitting() const { return m_fitting; }
    std::shared_ptr<const PurchaseOverview> overview() const { return m_overview; }
    std::shared_ptr<const PredictResult> result() const { return m_result; }

    // Empty when `settings` can be fitted to `overview`, else a plain message.
    static QString validate(const PredictSettings& settings, const PurchaseOverview& overview);

Q_SIGNALS:
    void progress(const QString& stage, double fraction);
    void busyChanged(bool busy);
    void overviewChanged();
    void resultChanged();
    // A fit asked for with fit() is shown (not one restored): worth storing.
    void fitted(std::shared_ptr<const clv::PredictResult> result);
    void failed(const QString& message);
    void cancelled();

private:
    struct Request {
        PredictSettings settings;
        std::optional<std::vector<ModelFit>> fits; // restore instead of fitting
    };
    void startFit(const Request& request);
    void finishFit(std::shared_ptr<const PredictResult> result, bool restored);
    void setGathering(bool on);
    void setFitting(bool on);

    std::shared_ptr<const PurchaseOverview> m_overview;
    std::shared_ptr<const PredictResult> m_result;
    std::optional<Request> m_pending; // asked for while the purchases were being gathered
    bool m_gathering = false;
    bool m_fitting = false;

    QThreadPool m_gatherThread;
    QThreadPool m_fitThread;
    JobTracker m_gather;
    JobTracker m_fits;
};

} // namespace clv
