#include "io/InputStream.h"

#include "io/DecompressionPump.h"

#include <QFileInfo>

#include <cstring>

namespace clv {

struct InputStream::Block {
    DecodedBlock decoded;
    std::size_t taken = 0;
};

InputStream::InputStream(const QString& path) : m_file(path)
{
}

// The pump reads m_file from its thread: it goes before the file does.
InputStream::~InputStream() = default;

bool InputStream::openFile()
{
    // Unbuffered: readers ask for megabytes at a time, and a second copy through QIODevice's
    // buffer would cost as much as the read itself.
    if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        setErrorString(m_file.errorString());
        return false;
    }
    m_isPipe = m_file.isSequential();
    // A pipe may hand out fewer bytes than asked: read until the signature is complete.
    m_head.resize(kCompressionMagicBytes);
    std::size_t got = 0;
    while (got < m_head.size()) {
        const qint64 n = m_file.read(m_head.data() + got, static_cast<qint64>(m_head.size() - got));
        if (n <= 0)
            break; // a read that fails now fails again when the text is read, and is told then
        got += static_cast<std::size_t>(n);
    }
    m_head.resize(got);
    m_plainBytesRead = static_cast<qint64>(got);
    m_compression = detectCompression(m_head);
    if (m_compression != Compression::None)
        m_pump = std::make_unique<DecompressionPump>(m_file, std::move(m_head), m_compression);
    return QIODevice::open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

qint64 InputStream::fileBytesRead() const
{
    return m_pump ? m_pump->fileBytesRead() : m_plainBytesRead;
}

bool InputStream::atEnd() const
{
    if (m_pump)
        return m_decodedAll;
    return m_headPos == m_head.size() && m_file.atEnd();
}

qint64 InputStream::readData(char* data, qint64 maxSize)
{
    if (m_pump)
        return readDecoded(data, maxSize);
    qint64 delivered = 0;
    if (m_headPos < m_head.size()) {
        const std::size_t n = std::min(m_head.size() - m_headPos, static_cast<std::size_t>(maxSize));
        std::memcpy(data, m_head.data() + m_headPos, n);
        m_headPos += n;
        delivered = static_cast<qint64>(n);
    }
    if (delivered == maxSize)
        return delivered;
    const qint64 got = m_file.read(data + delivered, maxSize - delivered);
    if (got < 0) {
        setErrorString(m_file.errorString());
        return delivered > 0 ? delivered : -1;
    }
    m_plainBytesRead += got;
    return delivered + got;
}

// Fills the request whole unless the stream ends or fails first, so that the reader's steps
// stay as large as with a plain file.
qint64 InputStream::readDecoded(char* data, qint64 maxSize)
{
    qint64 delivered = 0;
    while (delivered < maxSize) {
        if (!m_block || m_block->taken == m_block->decoded.size) {
            if (m_block)
                m_pump->recycle(std::move(m_block->decoded));
            m_block.reset();
            if (m_decodedAll || m_failed)
                break;
            std::optional<DecodedBlock> next = m_pump->next();
            if (!next) {
                const QString failure = m_pump->failure();
                m_decodedAll = failure.isEmpty();
                m_failed = !m_decodedAll;
                if (m_failed)
                    setErrorString(failure);
                break;
            }
            m_block = std::make_unique<Block>(Block{std::move(*next), 0});
        }
        const std::size_t n = std::min(m_block->decoded.size - m_block->taken,
                                       static_cast<std::size_t>(maxSize - delivered));
        std::memcpy(data + delivered, m_block->decoded.bytes.data() + m_block->taken, n);
        m_block->taken += n;
        delivered += static_cast<qint64>(n);
    }
    // The bytes decoded before the damage are handed out first; the next read fails.
    return delivered == 0 && m_failed ? -1 : delivered;
}

Compression compressionOfRegularFile(const QString& path)
{
    if (!QFileInfo(path).isFile())
        return Compression::None;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return Compression::None;
    return detectCompression(file.read(kCompressionMagicBytes).toStdString());
}

} // namespace clv
