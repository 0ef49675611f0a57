#pragma once

// Compressed copies of test inputs, made with zlib and libzstd as the gzip and zstd commands
// make them (a gzip member with its CRC; a zstd frame with its checksum).

#include <QByteArray>
#include <QFile>
#include <QString>

#include <zlib.h>
#include <zstd.h>

namespace clv::test {

// One gzip member holding `text`.
inline QByteArray gzipMember(const QByteArray& text)
{
    z_stream s{};
    if (deflateInit2(&s, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(static_cast<qsizetype>(deflateBound(&s, static_cast<uLong>(text.size())) + 64), '\0');
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.constData()));
    s.avail_in = static_cast<uInt>(text.size());
    s.next_out = reinterpret_cast<Bytef*>(out.data());
    s.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&s, Z_FINISH);
    out.resize(static_cast<qsizetype>(s.total_out));
    deflateEnd(&s);
    return rc == Z_STREAM_END ? out : QByteArray();
}

// One zstd frame holding `text`, with the content checksum the zstd command writes.
inline QByteArray zstdFrame(const QByteArray& text)
{
    ZSTD_CCtx* context = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, 3);
    ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1);
    QByteArray out(static_cast<qsizetype>(ZSTD_compressBound(static_cast<std::size_t>(text.size()))), '\0');
    const std::size_t size = ZSTD_compress2(context, out.data(), static_cast<std::size_t>(out.size()), text.constData(),
                                            static_cast<std::size_t>(text.size()));
    ZSTD_freeCCtx(context);
    if (ZSTD_isError(size))
        return {};
    out.resize(static_cast<qsizetype>(size));
    return out;
}

enum class Packing { Gzip, Zstd };

// `text` cut at each of `cuts` (byte offsets, ascending) and each part packed on its own,
// one after the other: several gzip members or zstd frames in one file.
inline QByteArray pack(Packing packing, const QByteArray& text, const std::vector<qsizetype>& cuts = {})
{
    QByteArray out;
    qsizetype from = 0;
    auto add = [&](qsizetype to) {
        const QByteArray part = text.mid(from, to - from);
        out += packing == Packing::Gzip ? gzipMember(part) : zstdFrame(part);
        from = to;
    };
    for (qsizetype cut : cuts)
        add(cut);
    add(text.size());
    return out;
}

inline bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

inline QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace clv::test
