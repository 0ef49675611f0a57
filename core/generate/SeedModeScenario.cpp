#include "SeedModeScenario.h"

#include "CustomerLoop.h"
#include "EventKeySequence.h"
#include "EventLineWriter.h"
#include "FakeDataGenerator.h"
#include "GeneratorRandom.h"
#include "GeneratorVocabulary.h"
#include "util/JobControl.h"

namespace clv {

namespace {

constexpr qint64 kMillisPerDay = 86'400'000;
constexpr int kCustomersBetweenChecks = 1024;

} // namespace

SeedModeScenario::SeedModeScenario(const GeneratorOptions& options, const GeneratorVocabulary& vocabulary)
    : m_options(options), m_vocabulary(vocabulary)
{
}

qint64 SeedModeScenario::expectedEvents(const GeneratorOptions& options)
{
    return qint64(options.customers) * 4 * (options.maxEvents + 1) / 2;
}

bool SeedModeScenario::write(EventLineWriter& writer, const JobControl* control) const
{
    GeneratorRandom random(m_options.seed);
    EventKeySequence keys(m_options.seed);
    const GeneratorVocabulary& words = m_vocabulary;
    // The seed stamped each event with the generator's clock minus a random number of days;
    // the clock advanced a few milliseconds per event written.
    qint64 clockMs = m_options.end.toMSecsSinceEpoch();
    auto nextEventTime = [&] {
        clockMs += random.between(12, 38);
        return clockMs - random.between(0, m_options.days) * kMillisPerDay;
    };
    auto pick = [&](const std::vector<std::string>& list) -> const std::string& {
        return list[random.below(list.size())];
    };

    return forEachCustomer(m_options.customers, kCustomersBetweenChecks, writer, control, [&](int /*customer*/) {
        const quint64 customerKey = keys.next();
        const std::string& lastName = pick(words.lastNames);
        const std::string& city = pick(words.cities);
        const std::string& state = pick(words.states);
        const qint64 customerTime = nextEventTime();
        const qint64 rounds = random.between(1, m_options.maxEvents);
        for (qint64 round = 0; round < rounds; ++round) {
            // Each draw in its own statement: argument evaluation order is unspecified,
            // and the byte stream must not depend on the compiler.
            writer.customer("NEW", customerTime, customerKey, lastName, city, state);
            const qint64 visitTime = nextEventTime();
            writer.siteVisit(visitTime, keys.next(), customerKey);
            const size_t camera = random.below(words.cameraMakes.size());
            const qint64 uploadTime = nextEventTime();
            writer.imageUpload(uploadTime, keys.next(), customerKey, words.cameraMakes[camera],
                               words.cameraModels[camera]);
            const qint64 orderTime = nextEventTime();
            const qint64 cents = random.between(10, 10000);
            writer.order("NEW", orderTime, keys.next(), customerKey, cents);
        }
    });
}

} // namespace clv
