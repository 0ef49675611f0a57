#include "store/BlockCompression.h"

#include <zstd.h>

namespace clv {

namespace {

constexpr int kLevel = 1;

} // namespace

QByteArray compressBlock(std::string_view raw)
{
    QByteArray frame(static_cast<qsizetype>(ZSTD_compressBound(raw.size())), Qt::Uninitialized);
    const std::size_t size = ZSTD_compress(frame.data(), static_cast<std::size_t>(frame.size()), raw.data(), raw.size(),
                                           kLevel);
    // With a buffer of ZSTD_compressBound bytes compression cannot fail but for lack of memory.
    Q_ASSERT(!ZSTD_isError(size));
    frame.truncate(static_cast<qsizetype>(size));
    return frame;
}

bool decompressBlock(QByteArrayView frame, std::string& raw, std::size_t limit, QString* error)
{
    auto fail = [&](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), static_cast<std::size_t>(frame.size()));
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN)
        return fail(QStringLiteral("a stored block is not a zstd frame"));
    if (size > limit)
        return fail(QStringLiteral("a stored block claims %1 bytes, more than a block can hold").arg(size));
    raw.resize(static_cast<std::size_t>(size));
    const std::size_t got = ZSTD_decompress(raw.data(), raw.size(), frame.data(),
                                            static_cast<std::size_t>(frame.size()));
    if (ZSTD_isError(got))
        return fail(QStringLiteral("a stored block cannot be unpacked: %1").arg(QLatin1String(ZSTD_getErrorName(got))));
    if (got != raw.size())
        return fail(QStringLiteral("a stored block is shorter than it says"));
    return true;
}

} // namespace clv
