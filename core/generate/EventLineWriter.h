#pragma once

#include "GeneratedLineBuffer.h"

#include <QtGlobal>

#include <string>
#include <string_view>

class QIODevice;

namespace clv {

// Formats generated events as JSON lines laid out exactly like the seed's (Python json.dumps
// key order and spacing) into the buffer that hands them to the device in big writes.
// Strings passed in (names, cities, camera models) are already JSON-quoted.
// Times are milliseconds since the Unix epoch, UTC; keys are 48-bit numbers shown as 12 hex digits.
class EventLineWriter : public GeneratedLineBuffer {
public:
    explicit EventLineWriter(QIODevice& device) : GeneratedLineBuffer(device) {}

    void customer(std::string_view verb, qint64 timeMs, quint64 customerKey, const std::string& lastName,
                  const std::string& city, const std::string& state);
    void siteVisit(qint64 timeMs, quint64 pageKey, quint64 customerKey);
    void imageUpload(qint64 timeMs, quint64 imageKey, quint64 customerKey, const std::string& cameraMake,
                     const std::string& cameraModel);
    void order(std::string_view verb, qint64 timeMs, quint64 orderKey, quint64 customerKey, qint64 cents);

    // Formatting shared with the malformed-line maker and the transaction table.
    static void appendEventTime(std::string& out, qint64 timeMs);
    static void appendDate(std::string& out, qint64 daysSinceEpoch); // YYYY-MM-DD
    static void appendKey(std::string& out, quint64 key);
    static void appendDollars(std::string& out, qint64 cents); // "12.34"
    static void appendAmount(std::string& out, qint64 cents);  // "12.34 USD"
};

} // namespace clv
