#include "partition/PartialRows.h"

namespace clv {

bool PartialRows::open(QString* error)
{
    if (!m_file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    std::string header;
    return copyRows(1, header, error);
}

bool PartialRows::fill()
{
    m_buffer.erase(0, m_pos);
    m_pos = 0;
    constexpr std::size_t kStep = 1u << 20;
    const std::size_t had = m_buffer.size();
    m_buffer.resize(had + kStep);
    const qint64 got = m_file.read(m_buffer.data() + had, static_cast<qint64>(kStep));
    m_buffer.resize(had + static_cast<std::size_t>(std::max<qint64>(got, 0)));
    return got > 0;
}

bool PartialRows::copyRows(std::size_t count, std::string& out, QString* error)
{
    bool quoted = false;
    std::size_t scan = m_pos;
    while (count > 0) {
        if (scan == m_buffer.size()) {
            const std::size_t consumed = scan - m_pos;
            if (!fill()) {
                *error = QStringLiteral("%1 ends before all its rows (the partition's files do not agree)")
                             .arg(m_file.fileName());
                return false;
            }
            scan = m_pos + consumed;
            continue;
        }
        const char c = m_buffer[scan++];
        if (c == '"')
            quoted = !quoted;
        else if (c == '\n' && !quoted) {
            --count;
            if (count == 0 || scan - m_pos > (1u << 20)) {
                out.append(m_buffer, m_pos, scan - m_pos);
                m_pos = scan;
            }
        }
    }
    return true;
}

} // namespace clv
