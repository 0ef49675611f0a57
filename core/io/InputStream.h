#pragma once

#include "io/Compression.h"

#include <QFile>
#include <QIODevice>

#include <memory>
#include <string>

namespace clv {

class DecompressionPump;

// An input file's text, read from start to end, whether the file holds it plainly or
// gzip- or zstd-compressed: the file's first bytes decide, not its name. A compressed file
// is decoded as it is read (on a thread of its own, see DecompressionPump), never unpacked
// to disk. Readers take it as any sequential device:
//
//     InputStream input(path);
//     if (!input.openFile())
//         fail(input.errorString());
//     qint64 got = input.read(buffer, size); // the text; -1 when a read or the data fails
//
// A stream that stops early (a truncated or damaged archive) first hands out all it could
// decode, then fails with a message that says how far into the file it got.
class InputStream final : public QIODevice {
    Q_OBJECT
public:
    explicit InputStream(const QString& path);
    ~InputStream() override;

    // Opens the file read-only and looks at its first bytes. False when the file cannot be
    // opened (errorString() says why).
    bool openFile();

    Compression compression() const { return m_compression; }
    // Bytes of the file itself read so far: the compressed bytes of an archive.
    qint64 fileBytesRead() const;
    // Whether the file is a pipe or the like, with no size to hold the bytes read to.
    bool isPipe() const { return m_isPipe; }

    bool isSequential() const override { return true; }
    bool atEnd() const override;

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    qint64 readDecoded(char* data, qint64 maxSize);

    QFile m_file;
    Compression m_compression = Compression::None;
    bool m_isPipe = false; // asked once: the decoding thread reads m_file from then on
    std::string m_head;    // the first bytes, read to decide the format; handed out first
    std::size_t m_headPos = 0;
    qint64 m_plainBytesRead = 0;
    std::unique_ptr<DecompressionPump> m_pump;
    struct Block;
    std::unique_ptr<Block> m_block; // the decoded block being handed out
    bool m_decodedAll = false;
    bool m_failed = false;
};

// How a regular file is compressed, by its first bytes, without reading further; None for
// a pipe or the like (looking would take bytes that no one could read again).
Compression compressionOfRegularFile(const QString& path);

} // namespace clv
