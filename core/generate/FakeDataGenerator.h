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

enum class GeneratorMode { Seed, Realistic, Btyd };

// The buy-'til-you-die models a btyd-mode table is simulated from, with weeks as the time unit
// (spec §10). Defaults: the published CDNOW estimates (BG/NBD: Fader, Hardie & Lee 2005;
// Gamma-Gamma: Fader, Hardie & Lee 2005, "RFM and CLV").
struct BtydParameters {
    // BG/NBD: purchases per week while alive λ ~ Gamma(shape r, rate alpha); after each repeat
    // purchase the customer drops out with probability p ~ Beta(a, b).
    double r = 0.243;
    double alpha = 4.414;
    double a = 0.793;
    double b = 2.426;
    // Gamma-Gamma: a purchase's amount z ~ Gamma(shape p, rate ν), ν ~ Gamma(shape q, rate gamma)
    // per customer; mean spend p·gamma / (q − 1).
    double p = 6.25;
    double q = 3.74;
    double gamma = 15.44;
};

struct GeneratorOptions {
    GeneratorMode mode = GeneratorMode::Seed;
    int customers = 50;
    int days = 14;        // seed mode: events fall on a random whole day within the last `days` days before `end`
    int maxEvents = 5;    // seed mode: rounds per customer, uniform 1..maxEvents
    int weeks = 26;       // realistic and btyd modes: span of activity starting at `start`
    int maxVisits = 12;   // realistic mode: visits per customer, uniform 1..maxVisits
    int cohortWeeks = 12; // btyd mode: first purchases fall within this many weeks from `start` (at most `weeks`)
    BtydParameters btyd;  // btyd mode
    quint64 seed = 1;
    int badLines = 0; // malformed lines injected at deterministic random positions
    QDateTime end = QDateTime(QDate(2017, 2, 24), QTime(17, 0), QTimeZone::utc()); // seed mode reference "now"
    QDate start = QDate(2024, 1, 7); // realistic and btyd modes: first day (UTC)
};

struct GeneratorReport {
    qint64 events = 0; // good lines: events, or purchases (rows) in btyd mode
    qint64 badLines = 0;
    qint64 bytes = 0;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

// Writes fake event files (spec §7): the seed generator's shape, or realistic clustered visits
// at any scale; or a transaction table simulated from the buy-'til-you-die models (btyd mode,
// spec §10, §11). The same options give the same bytes on every machine.
class FakeDataGenerator {
public:
    FakeDataGenerator(GeneratorOptions options, WordLists words);

    // Streams JSON lines (CSV rows in btyd mode) to `out` (already open). Reports progress via
    // control->report("Generating", fraction) now and then, stops with error "cancelled" when
    // control->isCancelled(). Write failures give a plain error.
    GeneratorReport write(QIODevice& out, const JobControl* control = nullptr) const;
    // Writes the events to the file at `path`, creating its folder. The file is replaced only
    // when complete: a failed or cancelled run (even one cancelled after the last line)
    // leaves any previous file whole and no temporary file behind.
    GeneratorReport writeFile(const QString& path, const JobControl* control = nullptr) const;

    // Empty if the options are usable, else a plain message ("customers must be at least 1").
    static QString validate(const GeneratorOptions& options);

private:
    GeneratorReport writeTransactions(QIODevice& out, const JobControl* control) const;

    GeneratorOptions m_options;
    WordLists m_words;
};

} // namespace clv
