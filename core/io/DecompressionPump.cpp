#include "io/DecompressionPump.h"

#include "io/StreamDecoder.h"

#include <QIODevice>

namespace clv {

namespace {

// Four blocks of 4 MiB: the reader asks for 16 MiB or more at a time, and while it copies
// one block out the decoder fills the others.
constexpr std::size_t kBlockCount = 4;
constexpr std::size_t kInputBytes = 1u << 20;

} // namespace

DecompressionPump::DecompressionPump(QIODevice& file, std::string prefix, Compression compression,
                                     std::size_t blockBytes)
    : m_file(file), m_compression(compression), m_input(std::move(prefix)), m_decoded(kBlockCount), m_free(kBlockCount)
{
    m_fileBytesRead = static_cast<qint64>(m_input.size());
    for (std::size_t i = 0; i < kBlockCount; ++i)
        m_free.push(DecodedBlock{std::vector<char>(blockBytes), 0});
    m_thread = std::thread([this] { run(); });
}

DecompressionPump::~DecompressionPump()
{
    // The reader may stop early (cancelled, --strict): the decoder must not wait for blocks
    // that will never come back.
    m_stopping = true;
    m_free.close();
    m_decoded.close();
    m_thread.join();
}

std::optional<DecodedBlock> DecompressionPump::next()
{
    return m_decoded.pop();
}

void DecompressionPump::recycle(DecodedBlock block)
{
    block.size = 0;
    m_free.push(std::move(block));
}

void DecompressionPump::run()
{
    const std::unique_ptr<StreamDecoder> decoder = makeStreamDecoder(m_compression);
    while (!m_stopping) {
        std::optional<DecodedBlock> block = m_free.pop();
        if (!block)
            break;
        const bool more = fillBlock(*block, *decoder);
        if (block->size > 0 && !m_decoded.push(std::move(*block)))
            break;
        if (!more)
            break;
    }
    m_decoded.close();
}

// Reads the next piece of the file; false at its end or when the read fails (m_failure).
bool DecompressionPump::readInput()
{
    m_input.erase(0, m_inputPos);
    m_inputPos = 0;
    const std::size_t kept = m_input.size();
    m_input.resize(kept + kInputBytes);
    const qint64 got = m_file.read(m_input.data() + kept, static_cast<qint64>(kInputBytes));
    m_input.resize(kept + static_cast<std::size_t>(std::max<qint64>(got, 0)));
    if (got < 0) {
        m_failure
            = QStringLiteral("read failed after %1 bytes: %2").arg(m_fileBytesRead.load()).arg(m_file.errorString());
        return false;
    }
    if (got == 0) {
        m_inputEnded = true;
        return false;
    }
    m_fileBytesRead += got;
    return true;
}

// Fills `block` with decoded bytes. False when the stream is over: ended whole, or failed
// (m_failure says how). The block holds what was decoded before the end either way.
bool DecompressionPump::fillBlock(DecodedBlock& block, StreamDecoder& decoder)
{
    const QString format = QString::fromLatin1(compressionName(m_compression));
    bool wantInput = false;
    while (block.size < block.bytes.size() && !m_stopping) {
        if ((wantInput || m_inputPos == m_input.size()) && !m_inputEnded) {
            if (!readInput() && !m_failure.isEmpty())
                return false;
            wantInput = false;
        }
        const std::string_view input = std::string_view(m_input).substr(m_inputPos);
        DecodeProgress progress;
        std::string error;
        const bool ok = decoder.decode(input, std::span(block.bytes).subspan(block.size), progress, error);
        m_inputPos += progress.consumed;
        m_consumed += static_cast<qint64>(progress.consumed);
        block.size += progress.produced;
        if (!ok) {
            m_failure = QStringLiteral("%1 data damaged near byte %2 of the file (%3)")
                            .arg(format)
                            .arg(m_consumed)
                            .arg(QString::fromStdString(error));
            return false;
        }
        if (progress.consumed > 0 || progress.produced > 0)
            continue;
        if (!m_inputEnded) {
            wantInput = true; // the decoder holds a partial unit and needs what follows
            continue;
        }
        if (!decoder.atBoundary()) {
            m_failure = QStringLiteral("%1 data cut short: the file ends after %2 bytes, inside a %1 %3")
                            .arg(format)
                            .arg(m_consumed)
                            .arg(m_compression == Compression::Gzip ? QStringLiteral("member")
                                                                    : QStringLiteral("frame"));
        } else if (m_inputPos < m_input.size()) {
            m_failure = QStringLiteral("%1 data damaged near byte %2 of the file (it can go no further)")
                            .arg(format)
                            .arg(m_consumed);
        }
        return false;
    }
    return !m_stopping;
}

} // namespace clv
