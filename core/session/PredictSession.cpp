#include "session/PredictSession.h"

#include "io/EventTime.h"
#include "util/BackgroundPriority.h"
#include "util/ComputePool.h"

namespace clv {

namespace {

// Each summary customer's row in the history: summarise() keeps the history's order and
// leaves out those who first bought after the calibration end.
std::vector<std::uint32_t> historyRows(const PurchaseHistory& history, std::int64_t calibrationEnd)
{
    std::vector<std::uint32_t> rows;
    rows.reserve(history.customers.size());
    for (std::size_t i = 0; i < history.customers.size(); ++i) {
        const CustomerPurchases& c = history.customers[i];
        if (!c.days.empty() && c.days.front().day <= calibrationEnd)
            rows.push_back(static_cast<std::uint32_t>(i));
    }
    return rows;
}

QString dayText(std::int64_t day)
{
    return QString::fromStdString(formatDay(day));
}

} // namespace

PredictSession::PredictSession(QObject* parent)
    : QObject(parent), m_gather(this, &m_gatherThread), m_fits(this, &m_fitThread)
{
    m_gatherThread.setMaxThreadCount(1);
    m_fitThread.setMaxThreadCount(1);
    runAtBackgroundPriority(m_gatherThread);
    runAtBackgroundPriority(m_fitThread);
    m_gather.setProgressHandler([this](const QString& stage, double fraction) { Q_EMIT progress(stage, fraction); });
    m_fits.setProgressHandler([this](const QString& stage, double fraction) { Q_EMIT progress(stage, fraction); });
}

// The threads' pools end with the session, after the running jobs saw their cancel.
PredictSession::~PredictSession()
{
    m_gather.supersede();
    m_fits.supersede();
}

void PredictSession::setGathering(bool on)
{
    const bool was = isBusy();
    m_gathering = on;
    if (was != isBusy())
        Q_EMIT busyChanged(isBusy());
}

void PredictSession::setFitting(bool on)
{
    const bool was = isBusy();
    m_fitting = on;
    if (was != isBusy())
        Q_EMIT busyChanged(isBusy());
}

void PredictSession::setData(const std::shared_ptr<const EventStore>& events,
                             const std::shared_ptr<const ResultTables>& results)
{
    const bool sameEvents = m_overview && events && m_overview->events == events;
    if (!sameEvents) {
        // A fit of other purchases means nothing for these.
        m_fits.supersede();
        setFitting(false);
        m_pending.reset();
        if (m_result) {
            m_result.reset();
            Q_EMIT resultChanged();
        }
    }
    setGathering(true);
    m_gather.start(
        [events, results](const JobControl& control) {
            control.report(QStringLiteral("Gathering purchases"), 0.0);
            return buildPurchaseOverview(events, results.get(), computePool(), &control);
        },
        [this](std::shared_ptr<const PurchaseOverview> overview) {
            setGathering(false);
            if (overview->cancelled)
                return;
            m_overview = std::move(overview);
            if (m_result && m_result->purchases->events == m_overview->events) {
                // Same purchases, new seed LTVs: the fit stays, beside the new tables.
                auto kept = std::make_shared<PredictResult>(*m_result);
                kept->purchases = m_overview;
                m_result = std::move(kept);
                Q_EMIT resultChanged();
            }
            Q_EMIT overviewChanged();
            if (m_pending) {
                const Request request = *m_pending;
                m_pending.reset();
                startFit(request);
            }
        });
}

QString PredictSession::validate(const PredictSettings& settings, const PurchaseOverview& overview)
{
    if (overview.empty())
        return tr("There are no purchases to fit: open event files or transactions with orders first.");
    if (QString problem = settings.request.validate(); !problem.isEmpty())
        return problem;
    if (QString problem = validateSummaryOptions(settings.summary); !problem.isEmpty())
        return problem;
    if (settings.summary.calibrationEnd && *settings.summary.calibrationEnd < overview.firstDay)
        return tr("The calibration end %1 is before the first purchase (%2): no customer is in the calibration "
                  "period.")
            .arg(dayText(*settings.summary.calibrationEnd), dayText(overview.firstDay));
    return {};
}

void PredictSession::fit(const PredictSettings& settings)
{
    startFit({settings, std::nullopt});
}

void PredictSession::restore(const PredictSettings& settings, std::vector<ModelFit> fits)
{
    startFit({settings, std::move(fits)});
}

void PredictSession::startFit(const Request& request)
{
    if (m_gathering) {
        m_pending = request;
        setFitting(true);
        return;
    }
    if (!m_overview) {
        Q_EMIT failed(tr("There are no purchases to fit: open event files or transactions with orders first."));
        return;
    }
    if (const QString problem = validate(request.settings, *m_overview); !problem.isEmpty()) {
        setFitting(false);
        Q_EMIT failed(problem);
        return;
    }
    const std::shared_ptr<const PurchaseOverview> overview = m_overview;
    const bool restored = request.fits.has_value();
    setFitting(true);
    m_fits.start(
        [overview, request](const JobControl& control) {
            auto result = std::make_shared<PredictResult>();
            result->settings = request.settings;
            result->purchases = overview;
            control.report(QStringLiteral("Summarising purchases"), 0.0);
            auto summary = std::make_shared<const RfmSummary>(summarise(overview->history, request.settings.summary));
            result->historyRow = historyRows(overview->history,
                                             request.settings.summary.calibrationEnd.value_or(overview->lastDay));
            result->run = request.fits
                ? runWithFits(std::move(summary), request.settings.request, *request.fits, &control)
                : runModels(std::move(summary), request.settings.request, &control);
            if (control.isCancelled())
                result->run.cancelled = true;
            return std::shared_ptr<const PredictResult>(std::move(result));
        },
        [this, restored](std::shared_ptr<const PredictResult> result) { finishFit(std::move(result), restored); });
}

void PredictSession::finishFit(std::shared_ptr<const PredictResult> result, bool restored)
{
    setFitting(false);
    if (result->run.cancelled) {
        Q_EMIT cancelled();
        return;
    }
    m_result = std::move(result);
    Q_EMIT resultChanged();
    if (!restored)
        Q_EMIT fitted(m_result);
}

void PredictSession::cancel()
{
    if (m_pending) {
        m_pending.reset();
        setFitting(false);
        Q_EMIT cancelled();
        return;
    }
    m_fits.cancel();
}

} // namespace clv
