#pragma once

#include "etl/Parameters.h"

#include <QString>

namespace clv {

// Analysis parameters as text from outside the program — a settings file that an older
// version wrote or someone edited — before anything is known about them: any may be
// empty, malformed or out of range.
struct ParameterText {
    QString formula; // seed | weekly
    QString sessionGapMinutes;
    QString weekStart; // sunday | monday
    QString lifespanYears;
    QString topX;
};

// The one range of every analysis parameter (and of the worker threads), shared by clv-etl,
// which refuses a value outside it, the parameters panel, whose controls span it, and the
// window's restored settings, which are brought into it.
struct ParameterLimits {
    // A day: with a longer gap a day's events can never be two visits, and the visits
    // table loses its meaning; a minute is the finest the window offers.
    static constexpr int kMinSessionGapMinutes = 1;
    static constexpr int kMaxSessionGapMinutes = 24 * 60;
    static constexpr int kMinSessionGapSeconds = kMinSessionGapMinutes * 60;
    static constexpr int kMaxSessionGapSeconds = kMaxSessionGapMinutes * 60;
    // t multiplies every LTV: beyond a century it is a typo (an extra zero), not a lifespan.
    static constexpr double kMinLifespanYears = 0.1;
    static constexpr double kMaxLifespanYears = 100.0;
    // The top-X chart and output.txt; a million rows is more than any chart can show.
    static constexpr int kMinTopX = 1;
    static constexpr int kMaxTopX = 1'000'000;
    static constexpr int kMinThreads = 1;
    static constexpr int kMaxThreads = 256;

    // Empty if every value is within its limits, else a plain message naming the first
    // that is not ("the session gap must be from 1 to 1440 minutes").
    static QString validate(const Parameters& parameters);
    // The same for a number of worker threads.
    static QString validateThreads(int threads);

    // Usable parameters from `text`: a number out of range becomes the nearest limit; a
    // missing or unreadable number, or an unknown name, becomes the default.
    static Parameters sanitised(const ParameterText& text);
};

} // namespace clv
