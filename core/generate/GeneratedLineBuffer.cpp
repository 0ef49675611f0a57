#include "GeneratedLineBuffer.h"

#include "MalformedLineInjector.h"

#include <QIODevice>

namespace clv {

GeneratedLineBuffer::GeneratedLineBuffer(QIODevice& device) : m_device(device)
{
    m_buffer.reserve(kFlushThreshold + 64 * 1024);
}

void GeneratedLineBuffer::setMalformedLines(MalformedLineInjector* injector)
{
    m_injector = injector;
    m_nextMalformedAt = injector ? injector->nextPosition() : std::numeric_limits<qint64>::max();
}

void GeneratedLineBuffer::injectMalformed()
{
    while (m_injector && m_injector->nextPosition() <= m_goodLines) {
        m_buffer += m_injector->takeLine(m_lastTimeMs);
        m_buffer.push_back('\n');
        ++m_malformedLines;
    }
    m_nextMalformedAt = m_injector ? m_injector->nextPosition() : std::numeric_limits<qint64>::max();
}

bool GeneratedLineBuffer::finish()
{
    // Positions past the last good line (the line count may only be estimated up front) land at the end.
    if (m_injector) {
        while (m_injector->nextPosition() != std::numeric_limits<qint64>::max()) {
            m_buffer += m_injector->takeLine(m_lastTimeMs);
            m_buffer.push_back('\n');
            ++m_malformedLines;
        }
        m_nextMalformedAt = std::numeric_limits<qint64>::max();
    }
    flush();
    return !m_failed;
}

void GeneratedLineBuffer::flush()
{
    if (m_buffer.empty())
        return;
    if (!m_failed) {
        const qint64 size = static_cast<qint64>(m_buffer.size());
        const qint64 written = m_device.write(m_buffer.data(), size);
        if (written != size) {
            m_failed = true;
            m_errorString = m_device.errorString();
        }
    }
    // After a failure bytes are still counted and dropped, so the caller sees one plain error.
    m_bytesFlushed += static_cast<qint64>(m_buffer.size());
    m_buffer.clear();
}

} // namespace clv
