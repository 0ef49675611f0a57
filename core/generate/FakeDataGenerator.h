#pragma once

#include "WordLists.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTime>
#include <QTimeZone>

class QIODevice;

namespace clv {

class JobControl;

enum class GeneratorMode { Seed, Realistic };

struct GeneratorOptions {
    GeneratorMode mode = GeneratorMode::Seed;
    int customers = 50;
    int days = 14;      // seed mode: events fall on a random whole day within the last `days` days before `end`
    int maxEvents = 5;  // seed mode: rounds per customer, uniform 1..maxEvents
    int weeks = 26;     // realistic mode: span of activity starting at `start`
    int maxVisits = 12; // realistic mode: visits per customer, uniform 1..maxVisits
    quint64 seed = 1;
    int badLines = 0; // malformed lines injected at deterministic random positions
    QDateTime end = QDateTime(QDate(2017, 2, 24), QTime(17, 0), QTimeZone::utc()); // seed mode reference "now"
    QDate start = QDate(2024, 1, 7);                                               // realistic mode first day (UTC)
};

struct GeneratorReport {
    qint64 events = 0;
    qint64 badLines = 0;
    qint64 bytes = 0;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

// Writes fake event files (spec §7): the seed generator's shape, or realistic clustered visits
// at any scale. The same options give the same bytes on every machine.
class FakeDataGenerator {
public:
    FakeDataGenerator(GeneratorOptions options, WordLists words);

    // Streams JSON lines to `out` (already open). Reports progress via control->report("Generating", fraction)
    // now and then, stops with error "cancelled" when control->isCancelled(). Write failures give a plain error.
    GeneratorReport write(QIODevice& out, const JobControl* control = nullptr) const;
    // Writes the events to the file at `path`, creating its folder. The file is replaced only
    // when complete: a failed or cancelled run (even one cancelled after the last line)
    // leaves any previous file whole and no temporary file behind.
    GeneratorReport writeFile(const QString& path, const JobControl* control = nullptr) const;

    // Empty if the options are usable, else a plain message ("customers must be at least 1").
    static QString validate(const GeneratorOptions& options);

private:
    GeneratorOptions m_options;
    WordLists m_words;
};

} // namespace clv
