#pragma once

#include <QString>
#include <QtGlobal>

#include <limits>
#include <string>

class QIODevice;

namespace clv {

class MalformedLineInjector;

// The output side shared by the generator's writers (event lines, transaction rows): lines are
// formatted into a large buffer that is handed to the device in big writes, and the `--bad N`
// lines are slipped in before the good line whose index the injector names.
class GeneratedLineBuffer {
public:
    explicit GeneratedLineBuffer(QIODevice& device);

    void setMalformedLines(MalformedLineInjector* injector);

    // Writes what is left (pending malformed lines included) and reports whether every write succeeded.
    bool finish();

    bool failed() const { return m_failed; }
    QString errorString() const { return m_errorString; }
    qint64 goodLines() const { return m_goodLines; }
    qint64 malformedLines() const { return m_malformedLines; }
    qint64 bytes() const { return m_bytesFlushed + static_cast<qint64>(m_buffer.size()); }

protected:
    // A good line is appended to m_buffer between these two; timeMs tells a malformed line
    // that comes before it what date to look like.
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

    std::string m_buffer;

private:
    void injectMalformed();
    void flush();

    static constexpr size_t kFlushThreshold = size_t(8) << 20;

    QIODevice& m_device;
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
