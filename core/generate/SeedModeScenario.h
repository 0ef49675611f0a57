#pragma once

#include <QtGlobal>

namespace clv {

class EventLineWriter;
class JobControl;
struct GeneratorOptions;
struct GeneratorVocabulary;

// The seed generator's shape: per customer 1..maxEvents rounds, each writing the customer's
// record again (identical, time included) and a new site visit, image upload and order, each
// dated a random whole day within the last `days` days before `end`. The time of day is that
// of `end` plus the milliseconds a running generator would have taken, as in the seed file.
class SeedModeScenario {
public:
    SeedModeScenario(const GeneratorOptions& options, const GeneratorVocabulary& vocabulary);

    static qint64 expectedEvents(const GeneratorOptions& options);

    // False when cancelled.
    bool write(EventLineWriter& writer, const JobControl* control) const;

private:
    const GeneratorOptions& m_options;
    const GeneratorVocabulary& m_vocabulary;
};

} // namespace clv
