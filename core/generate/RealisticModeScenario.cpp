#include "RealisticModeScenario.h"

#include "EventKeySequence.h"
#include "EventLineWriter.h"
#include "FakeDataGenerator.h"
#include "GeneratorRandom.h"
#include "GeneratorVocabulary.h"
#include "RandomDraws.h"
#include "util/JobControl.h"

#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <limits>

namespace clv {

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

// About 150 000 events per block at the default 12 visits: a few MB to sort, and
// enough customers in a block for their visits to interleave.
constexpr int kCustomersPerBlock = 8192;

// Customers differ as the BG/NBD has it (spec §10), so that a model fitted to the orders finds a
// spread of customers rather than running off to degenerate parameters: a customer visits as a
// Poisson process with λ ~ Gamma(1, ·) per week, 1.8·maxVisits visits over the whole span on
// average, and after each order but the first leaves for good with probability
// p ~ Beta(1.5, maxVisits / 2). That makes about (maxVisits + 1) / 2 visits a customer, as when
// each made 1..maxVisits of them. A hard cut at maxVisits would stop the busiest customers
// without a dropout and throw a fit off; the bound of 4·maxVisits is reached by fewer than
// 1 % of them.
constexpr double kVisitRateShape = 1.0;
constexpr double kSpanVisitsPerMaxVisit = 1.8;
constexpr double kDropoutA = 1.5;
constexpr double kDropoutBPerMaxVisit = 0.5;
constexpr int kMostVisitsPerMaxVisit = 4;

// Visits happen mostly in waking hours; a few at night.
qint64 visitTimeOfDay(GeneratorRandom& random)
{
    const qint64 hour = random.chance(17, 20) ? random.between(8, 22) : random.between(0, 23);
    const qint64 minute = random.between(0, 59);
    const qint64 second = random.between(0, 59);
    // Some sources stamp whole seconds only; the rest carry milliseconds.
    const qint64 millis = random.chance(1, 8) ? 0 : random.between(0, 999);
    return hour * kHour + minute * kMinute + second * kSecond + millis;
}

// Mostly small baskets with a long tail of big ones: 1.99 … 249.99 USD.
qint64 orderCents(GeneratorRandom& random)
{
    qint64 cents = random.between(199, 4999);
    if (random.chance(1, 4))
        cents += random.between(0, 20000);
    return cents;
}

} // namespace

RealisticModeScenario::RealisticModeScenario(const GeneratorOptions& options, const GeneratorVocabulary& vocabulary)
    : m_options(options), m_vocabulary(vocabulary),
      m_startMs(QDateTime(options.start, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch())
{
}

qint64 RealisticModeScenario::expectedEvents(const GeneratorOptions& options)
{
    // Per visit: a site visit, one upload on average, half an order, a twentieth of an update.
    // About (maxVisits + 1) / 2 visits a customer (kSpanVisitsPerMaxVisit).
    const double perVisit = 1.0 + 1.0 + 0.5 + 0.05;
    const double visits = (options.maxVisits + 1) / 2.0;
    return static_cast<qint64>(options.customers * (1.0 + visits * perVisit));
}

void RealisticModeScenario::planCustomer(GeneratorRandom& random, EventKeySequence& keys,
                                         std::vector<PlannedCustomer>& customers,
                                         std::vector<PlannedEvent>& events) const
{
    const GeneratorVocabulary& words = m_vocabulary;
    const auto customer = static_cast<quint32>(customers.size());
    PlannedCustomer planned{};
    planned.key = keys.next();
    planned.lastName = static_cast<quint32>(random.below(words.lastNames.size()));
    planned.city = static_cast<quint32>(random.below(words.cities.size()));
    planned.state = static_cast<quint32>(random.below(words.states.size()));
    customers.push_back(planned);

    auto plan = [&](qint64 timeMs, quint64 key, Kind kind, quint32 value = 0, quint32 state = 0) {
        events.push_back({timeMs, key, customer, value, state, static_cast<quint32>(events.size()), kind});
    };

    const qint64 spanDays = qint64(m_options.weeks) * 7;
    const double meanVisitsPerWeek = kSpanVisitsPerMaxVisit * m_options.maxVisits / m_options.weeks;
    const double visitsPerWeek = gammaDraw(random, kVisitRateShape, kVisitRateShape / meanVisitsPerWeek);
    const double dropout = betaDraw(random, kDropoutA, kDropoutBPerMaxVisit * m_options.maxVisits);
    const qint64 firstDay = static_cast<qint64>(random.below(static_cast<quint64>(spanDays)));
    std::vector<PlannedVisit> visits;
    double day = double(firstDay) + uniformDraw(random);
    bool ordered = false;
    for (;;) {
        const bool order = random.chance(1, 2);
        const qint64 timeOfDay = visitTimeOfDay(random);
        visits.push_back({m_startMs + static_cast<qint64>(std::floor(day)) * kDay + timeOfDay, order});
        // The BG/NBD's dropout, in purchases: never at the first, then a coin after each.
        if (order && ordered && uniformDraw(random) < dropout)
            break;
        ordered = ordered || order;
        if (qint64(visits.size()) == qint64(kMostVisitsPerMaxVisit) * m_options.maxVisits)
            break;
        day += 7.0 * exponentialDraw(random, visitsPerWeek);
        if (!(day < double(spanDays)))
            break;
    }
    // Visits of one day come in the order of their times.
    std::stable_sort(visits.begin(), visits.end(),
                     [](const PlannedVisit& a, const PlannedVisit& b) { return a.startMs < b.startMs; });
    const qint64 visitCount = qint64(visits.size());
    const qint64 movingVisit = visitCount >= 2 && random.chance(1, 6) ? random.between(1, visitCount - 1) : -1;

    qint64 lastEventMs = std::numeric_limits<qint64>::min() / 2;
    for (qint64 visit = 0; visit < visitCount; ++visit) {
        const PlannedVisit& thisVisit = visits[static_cast<size_t>(visit)];
        // Two visits on the same day must stay apart by more than a session gap (30 minutes).
        qint64 t = std::max(thisVisit.startMs, lastEventMs + 40 * kMinute + random.between(0, 3 * kHour));
        if (visit == 0) {
            plan(t, planned.key, Kind::CustomerNew);
            t += random.between(2 * kSecond, 40 * kSecond);
        }
        if (visit == movingVisit) {
            const auto city = static_cast<quint32>(random.below(words.cities.size()));
            const auto state = static_cast<quint32>(random.below(words.states.size()));
            plan(t, planned.key, Kind::CustomerUpdate, city, state);
            t += random.between(2 * kSecond, 40 * kSecond);
        }
        plan(t, keys.next(), Kind::SiteVisit);
        const qint64 uploads = random.between(0, 2);
        for (qint64 i = 0; i < uploads; ++i) {
            t += random.between(30 * kSecond, 10 * kMinute);
            const auto camera = static_cast<quint32>(random.below(words.cameraMakes.size()));
            plan(t, keys.next(), Kind::ImageUpload, camera);
        }
        lastEventMs = t;
        if (!thisVisit.order)
            continue;
        t += random.between(1 * kMinute, 15 * kMinute);
        const quint64 orderKey = keys.next();
        const qint64 cents = orderCents(random);
        plan(t, orderKey, Kind::OrderNew, static_cast<quint32>(cents));
        lastEventMs = t;
        if (!random.chance(1, 10))
            continue;
        // A revised basket: the ETL must count the order once, with the latest amount.
        const qint64 revisedTime = t + random.between(2 * kMinute, 25 * kMinute);
        qint64 revised = cents * random.between(60, 140) / 100;
        if (revised == cents)
            revised += 100;
        plan(revisedTime, orderKey, Kind::OrderUpdate, static_cast<quint32>(std::max<qint64>(revised, 10)));
        lastEventMs = revisedTime;
    }
}

void RealisticModeScenario::writeBlock(EventLineWriter& writer, const std::vector<PlannedCustomer>& customers,
                                       std::vector<PlannedEvent>& events) const
{
    std::sort(events.begin(), events.end(), [](const PlannedEvent& a, const PlannedEvent& b) {
        return a.timeMs != b.timeMs ? a.timeMs < b.timeMs : a.sequence < b.sequence;
    });
    const GeneratorVocabulary& words = m_vocabulary;
    for (const PlannedEvent& event : events) {
        const PlannedCustomer& customer = customers[event.customer];
        switch (event.kind) {
        case Kind::CustomerNew:
            writer.customer("NEW", event.timeMs, customer.key, words.lastNames[customer.lastName],
                            words.cities[customer.city], words.states[customer.state]);
            break;
        case Kind::CustomerUpdate:
            writer.customer("UPDATE", event.timeMs, customer.key, words.lastNames[customer.lastName],
                            words.cities[event.value], words.states[event.state]);
            break;
        case Kind::SiteVisit: writer.siteVisit(event.timeMs, event.key, customer.key); break;
        case Kind::ImageUpload:
            writer.imageUpload(event.timeMs, event.key, customer.key, words.cameraMakes[event.value],
                               words.cameraModels[event.value]);
            break;
        case Kind::OrderNew: writer.order("NEW", event.timeMs, event.key, customer.key, event.value); break;
        case Kind::OrderUpdate: writer.order("UPDATE", event.timeMs, event.key, customer.key, event.value); break;
        }
    }
}

bool RealisticModeScenario::write(EventLineWriter& writer, const JobControl* control) const
{
    GeneratorRandom random(m_options.seed);
    EventKeySequence keys(m_options.seed);
    std::vector<PlannedCustomer> customers;
    std::vector<PlannedEvent> events;
    customers.reserve(kCustomersPerBlock);

    // After a failed write the writer only counts; stopping early spares the rest of the work.
    for (int first = 0; first < m_options.customers && !writer.failed(); first += kCustomersPerBlock) {
        if (control) {
            if (control->isCancelled())
                return false;
            control->report(QStringLiteral("Generating"), double(first) / m_options.customers);
        }
        customers.clear();
        events.clear();
        const int last = std::min(m_options.customers, first + kCustomersPerBlock);
        for (int customer = first; customer < last; ++customer)
            planCustomer(random, keys, customers, events);
        writeBlock(writer, customers, events);
    }
    return true;
}

} // namespace clv
