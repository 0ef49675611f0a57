#pragma once

#include <QString>
#include <QtGlobal>

#include <limits>
#include <string>
#include <string_view>

class QIODevice;

namespace clv {

class MalformedLineInjector;

// Formats generated events as JSON lines laid out exactly like the seed's (Python json.dumps
// key order and spacing) into a large buffer that is handed to the device in big writes.
// Strings passed in (names, cities, camera models) are already JSON-quoted.
// Times are milliseconds since the Unix epoch, UTC; keys are 48-bit numbers shown as 12 hex digits.
class EventLineWriter {
public:
    explicit EventLineWriter(QIODevice& device);

    // Malformed lines are slipped in before the good line whose index the injector names.
    void setMalformedLines(MalformedLineInjector* injector);

    void customer(std::string_view verb, qint64 timeMs, quint64 customerKey, const std::string& lastName,
                  const std::string& city, const std::string& state);
    void siteVisit(qint64 timeMs, quint64 pageKey, quint64 customerKey);
    void imageUpload(qint64 timeMs, quint64 imageKey, quint64 customerKey, const std::string& cameraMake,
                     const std::string& cameraModel);
    void order(std::string_view verb, qint64 timeMs, quint64 orderKey, quint64 customerKey, qint64 cents);

    // Writes what is left (pending malformed lines included) and reports whether every write succeeded.
    bool finish();

    bool failed() const { return m_failed; }
    QString errorString() const { return m_errorString; }
    qint64 goodLines() const { return m_goodLines; }
    qint64 malformedLines() const { return m_malformedLines; }
    qint64 bytes() const { return m_bytesFlushed + static_cast<qint64>(m_buffer.size()); }

    // Formatting shared with the malformed-line maker.
    static void appendEventTime(std::string& out, qint64 timeMs);
    static void appendKey(std::string& out, quint64 key);
    static void appendAmount(std::string& out, qint64 cents);

private:
    void beginGoodLine(qint64 timeMs)
    {
        if (m_goodLines >= m_nextMalformedAt)
            injectMalformed();
        m_lastTimeMs = timeMs;
    }
    void endGoodLine()
    {
        m_buffer.push_back('\n');
        ++m_goodLines;
        if (m_buffer.size() >= kFlushThreshold)
            flush();
    }
    void injectMalformed();
    void flush();

    static constexpr size_t kFlushThreshold = size_t(8) << 20;

    QIODevice& m_device;
    std::string m_buffer;
    MalformedLineInjector* m_injector = nullptr;
    qint64 m_nextMalformedAt = std::numeric_limits<qint64>::max();
    qint64 m_goodLines = 0;
    qint64 m_malformedLines = 0;
    qint64 m_bytesFlushed = 0;
    qint64 m_lastTimeMs = 0;
    bool m_failed = false;
    QString m_errorString;
};

} // namespace clv
