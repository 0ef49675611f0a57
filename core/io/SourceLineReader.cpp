#include "io/SourceLineReader.h"

#include <cstring>

namespace clv {

namespace {

constexpr std::size_t kReadBytes = 4u << 20;
constexpr char kBom[] = "\xEF\xBB\xBF";

// memchr with an empty range allowed (the buffer is unallocated before the first read).
const char* findNewline(const char* from, std::size_t bytes)
{
    return bytes == 0 ? nullptr : static_cast<const char*>(std::memchr(from, '\n', bytes));
}

} // namespace

SourceLineReader::SourceLineReader(const QString& path) : m_path(path), m_file(path)
{
}

bool SourceLineReader::open(QString* error)
{
    if (m_file.openFile())
        return true;
    m_error = QStringLiteral("%1: %2").arg(m_path, m_file.errorString());
    if (error)
        *error = m_error;
    return false;
}

bool SourceLineReader::fill()
{
    if (m_atEnd)
        return false;
    if (m_begin > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_filled - m_begin);
        m_filled -= m_begin;
        m_begin = 0;
    }
    if (m_buffer.size() < m_filled + kReadBytes)
        m_buffer.resize(m_filled + kReadBytes);
    const qint64 got = m_file.read(m_buffer.data() + m_filled, static_cast<qint64>(kReadBytes));
    if (got <= 0) {
        if (got < 0)
            m_error = QStringLiteral("%1: read failed: %2").arg(m_path, m_file.errorString());
        m_atEnd = true;
        return false;
    }
    if (!m_started) {
        m_started = true;
        // The event reader skips a BOM before it counts lines; so do we.
        if (got >= 3 && std::memcmp(m_buffer.data(), kBom, 3) == 0)
            m_begin = 3;
    }
    m_filled += static_cast<std::size_t>(got);
    return true;
}

bool SourceLineReader::skipLine()
{
    for (;;) {
        const char* start = m_buffer.data() + m_begin;
        if (const char* nl = findNewline(start, m_filled - m_begin)) {
            m_begin = static_cast<std::size_t>(nl - m_buffer.data()) + 1;
            ++m_lineNumber;
            return true;
        }
        m_begin = m_filled; // the scanned part of a line being skipped is not needed again
        if (!fill())
            return false;
    }
}

bool SourceLineReader::line(std::uint32_t number, std::string_view& text)
{
    if (number < m_lineNumber) {
        m_error = QStringLiteral("%1: line %2 asked for after line %3").arg(m_path).arg(number).arg(m_lineNumber);
        return false;
    }
    while (m_lineNumber < number) {
        if (!skipLine()) {
            if (m_error.isEmpty())
                m_error = QStringLiteral("%1 has fewer lines than when it was read (line %2 is missing)")
                              .arg(m_path)
                              .arg(number);
            return false;
        }
    }
    std::size_t scanFrom = m_begin;
    for (;;) {
        if (const char* nl = findNewline(m_buffer.data() + scanFrom, m_filled - scanFrom)) {
            const char* start = m_buffer.data() + m_begin;
            text = std::string_view(start, static_cast<std::size_t>(nl - start));
            return true;
        }
        const std::size_t scanned = m_filled - m_begin;
        if (!fill()) {
            if (m_filled > m_begin) { // the last line of a file that does not end with '\n'
                text = std::string_view(m_buffer.data() + m_begin, m_filled - m_begin);
                return true;
            }
            if (m_error.isEmpty())
                m_error = QStringLiteral("%1 has fewer lines than when it was read (line %2 is missing)")
                              .arg(m_path)
                              .arg(number);
            return false;
        }
        scanFrom = m_begin + scanned;
    }
}

} // namespace clv
