#pragma once

// Fits as the Predict tab holds them, for the tests of its figures and charts: from the
// CDNOW sample's transactions (a real fit), or from purchases and parameters written by hand.

#include "io/ColumnSelection.h"
#include "io/EventReader.h"
#include "io/EventTime.h"
#include "predict/PredictResult.h"
#include "util/ComputePool.h"

#include <QString>

#include <cmath>
#include <map>
#include <memory>

namespace clv::test {

// One purchase history's overview: the purchases and a seed LTV per customer (a stand-in:
// twice what the customer spent, NaN for every `noSeedEvery`-th customer when given).
inline std::shared_ptr<PurchaseOverview> overviewOf(PurchaseHistory history, std::size_t noSeedEvery = 0)
{
    auto overview = std::make_shared<PurchaseOverview>();
    overview->history = std::move(history);
    for (std::size_t i = 0; i < overview->history.customers.size(); ++i) {
        Cents spent = 0;
        for (const PurchaseDay& day : overview->history.customers[i].days)
            spent += day.amount;
        const bool missing = noSeedEvery > 0 && i % noSeedEvery == noSeedEvery - 1;
        overview->seedLtv.push_back(missing ? std::nan("") : 2.0 * double(spent) / 100.0);
    }
    return overview;
}

// The result the window would hold for `run` over `overview`: each summary customer mapped
// to their history row by id.
inline std::shared_ptr<PredictResult> resultOf(std::shared_ptr<const PurchaseOverview> overview, ModelRunResult run,
                                               const SummaryOptions& options)
{
    auto result = std::make_shared<PredictResult>();
    result->settings.summary = options;
    result->settings.request = run.request;
    std::map<std::string, std::uint32_t> rowOfId;
    if (overview)
        for (std::size_t i = 0; i < overview->history.customers.size(); ++i)
            rowOfId[overview->history.customers[i].id] = std::uint32_t(i);
    if (run.summary)
        for (const CustomerRfm& c : run.summary->customers)
            result->historyRow.push_back(rowOfId.count(c.id) ? rowOfId[c.id] : std::uint32_t(-1));
    result->purchases = std::move(overview);
    result->run = std::move(run);
    return result;
}

// The CDNOW sample's purchases (customer, date, amount in columns 1, 3, 5).
inline PurchaseHistory cdnowSampleHistory()
{
    ReaderOptions options;
    options.transactions = TransactionOptions{};
    options.transactions->columns = parseColumnSelection("1,3,5").selection;
    const ReadResult read = EventReader(options).read({QStringLiteral(CLV_TEST_DATA_DIR "/cdnow/CDNOW_sample.txt")});
    if (!read.events)
        return {};
    return purchasesFromEvents(*read.events, computePool());
}

// The published set-up: calibration to 1997-09-30, holdout to 1998-06-30, weeks. Fits on
// the worker pool: call from the test's own thread only.
inline std::shared_ptr<PredictResult> cdnowSampleFit(const std::vector<ModelKind>& models)
{
    SummaryOptions options;
    options.calibrationEnd = daysFromCivil(1997, 9, 30);
    options.holdoutEnd = daysFromCivil(1998, 6, 30);
    auto overview = overviewOf(cdnowSampleHistory(), 10);
    auto summary = std::make_shared<RfmSummary>(summarise(overview->history, options));
    ModelRequest request;
    request.models = models;
    ModelRunResult run = runModels(summary, request);
    return resultOf(overview, std::move(run), options);
}

} // namespace clv::test
