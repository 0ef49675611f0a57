#pragma once

#include "io/Compression.h"
#include "util/BoundedQueue.h"

#include <QString>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

class QIODevice;

namespace clv {

// A run of decoded bytes, handed from the decoding thread to the reader and back.
struct DecodedBlock {
    std::vector<char> bytes;
    std::size_t size = 0; // bytes of `bytes` that hold data
};

// Decodes a compressed file on a thread of its own while the reader takes what it has
// decoded. A compressed stream cannot be cut into pieces that workers decode side by side,
// so one thread decodes and the reader's workers parse what it hands over. A fixed set of
// blocks goes round between the two (decoded → read → free to decode into again), so the
// decoder runs at most that many blocks ahead and memory stays bounded whatever the file's
// size. The thread is not taken from the compute pool: parsing waits on that pool, and a
// pool of one thread would then wait on itself.
class DecompressionPump {
public:
    // `file` is open and its first bytes, `prefix`, already read from it. The pump reads
    // the file from its own thread from now on; nothing else may touch it until the pump
    // is destroyed.
    // `blockBytes`: the decoded bytes one block holds (small ones cross many block
    // boundaries in tests).
    static constexpr std::size_t kBlockBytes = 4u << 20;
    DecompressionPump(QIODevice& file, std::string prefix, Compression compression,
                      std::size_t blockBytes = kBlockBytes);
    ~DecompressionPump();
    DecompressionPump(const DecompressionPump&) = delete;
    DecompressionPump& operator=(const DecompressionPump&) = delete;

    // The next decoded block, waiting for it; nothing once the stream has ended or failed.
    std::optional<DecodedBlock> next();
    // Gives a block back once its bytes have been taken.
    void recycle(DecodedBlock block);
    // Once next() gave nothing: empty when the stream ended whole, else what went wrong and
    // where, in plain words.
    QString failure() const { return m_failure; }
    // Bytes of the file read so far (the compressed bytes).
    qint64 fileBytesRead() const { return m_fileBytesRead.load(std::memory_order_relaxed); }

private:
    void run();
    bool fillBlock(DecodedBlock& block, class StreamDecoder& decoder);
    bool readInput();

    QIODevice& m_file;
    const Compression m_compression;
    std::string m_input; // compressed bytes read and not yet decoded, from m_inputPos
    std::size_t m_inputPos = 0;
    bool m_inputEnded = false;
    qint64 m_consumed = 0; // compressed bytes the decoder has taken
    std::atomic<qint64> m_fileBytesRead{0};
    std::atomic<bool> m_stopping{false};
    QString m_failure; // written by the decoding thread before it closes m_decoded
    BoundedQueue<DecodedBlock> m_decoded;
    BoundedQueue<DecodedBlock> m_free;
    std::thread m_thread;
};

} // namespace clv
