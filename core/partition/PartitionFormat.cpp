#include "partition/PartitionFormat.h"

#include "util/TextHash.h"

#include <cstring>

namespace clv::partition {

QString partitionDirName(int partition)
{
    return QStringLiteral("part-%1").arg(partition);
}

int partitionOf(std::string_view customerId, int partitions)
{
    return static_cast<int>(hashText(customerId) % static_cast<std::uint64_t>(partitions));
}

bool BinaryWriter::open()
{
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_error = QStringLiteral("cannot write %1: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    return true;
}

bool BinaryWriter::flush()
{
    if (m_buffer.empty() || !m_error.isEmpty()) {
        m_buffer.clear();
        return m_error.isEmpty();
    }
    const char* p = m_buffer.data();
    qint64 left = static_cast<qint64>(m_buffer.size());
    while (left > 0) {
        const qint64 n = m_file.write(p, left);
        if (n <= 0) {
            m_error = QStringLiteral("writing %1 failed: %2").arg(m_file.fileName(), m_file.errorString());
            break;
        }
        p += n;
        left -= n;
    }
    m_buffer.clear();
    return m_error.isEmpty();
}

bool BinaryWriter::close()
{
    flush();
    if (m_error.isEmpty() && !m_file.flush())
        m_error = QStringLiteral("writing %1 failed: %2").arg(m_file.fileName(), m_file.errorString());
    m_file.close();
    return m_error.isEmpty();
}

bool BinaryReader::open()
{
    if (!m_file.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("cannot read %1: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    return true;
}

bool BinaryReader::fill(std::size_t n)
{
    if (m_buffer.size() - m_pos >= n)
        return true;
    m_buffer.erase(0, m_pos);
    m_pos = 0;
    const std::size_t want = std::max<std::size_t>(n, 1u << 20);
    const std::size_t had = m_buffer.size();
    m_buffer.resize(had + want);
    const qint64 got = m_file.read(m_buffer.data() + had, static_cast<qint64>(want));
    m_buffer.resize(had + static_cast<std::size_t>(std::max<qint64>(got, 0)));
    return m_buffer.size() >= n;
}

bool BinaryReader::atEnd()
{
    return !fill(1);
}

bool BinaryReader::getRaw(void* p, std::size_t n)
{
    if (!fill(n)) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("%1 is cut short (the file is damaged or was not written whole)")
                          .arg(m_file.fileName());
        return false;
    }
    std::memcpy(p, m_buffer.data() + m_pos, n);
    m_pos += n;
    return true;
}

bool BinaryReader::getBytes(std::string& out, std::uint32_t maxLength)
{
    std::uint32_t length = 0;
    if (!getU32(length))
        return false;
    if (length > maxLength) {
        m_error = QStringLiteral("%1 is damaged (a length of %2 bytes)").arg(m_file.fileName()).arg(length);
        return false;
    }
    out.resize(length);
    return length == 0 || getRaw(out.data(), length);
}

bool BinaryReader::expectMagic(std::string_view magic)
{
    std::string head(magic.size(), '\0');
    if (!getRaw(head.data(), head.size()) || head != magic) {
        m_error = QStringLiteral("%1 is not a partition file of this program").arg(m_file.fileName());
        return false;
    }
    return true;
}

} // namespace clv::partition
