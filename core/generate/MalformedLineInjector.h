#pragma once

#include "GeneratorRandom.h"

#include <QtGlobal>

#include <string>
#include <vector>

namespace clv {

// Decides where the `--bad N` lines go and what each one looks like. Positions are drawn
// uniformly over the expected number of good lines, from a stream of its own, so the good
// lines are byte-for-byte those of a run without bad lines. Kinds rotate so that every kind
// appears once N reaches kindCount():
// - event lines: truncated JSON, unknown type TELEPORT, ORDER without customer_id, amount in
//   EUR, event_time without seconds, a JSON value that is not an object, a raw NUL byte,
//   invalid UTF-8;
// - transaction rows (customer_id,date,amount): a missing field, a date that does not exist,
//   an amount that is not a number, an amount in EUR.
class MalformedLineInjector {
public:
    enum class Format { EventLines, TransactionRows };

    MalformedLineInjector(qint64 count, qint64 expectedGoodLines, quint64 seed, Format format = Format::EventLines);

    static constexpr int kindCount(Format format = Format::EventLines) { return format == Format::EventLines ? 8 : 4; }

    // The good-line index before which the next malformed line goes; INT64_MAX when none is left.
    qint64 nextPosition() const;

    // The next malformed line (without newline); timeHintMs keeps its date plausible.
    std::string takeLine(qint64 timeHintMs);

private:
    std::string makeLine(int kind, qint64 timeMs);
    std::string makeRow(int kind, qint64 timeMs);
    std::string randomKeyText();

    std::vector<qint64> m_positions;
    size_t m_next = 0;
    GeneratorRandom m_random;
    Format m_format;
};

} // namespace clv
