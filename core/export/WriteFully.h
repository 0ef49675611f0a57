#pragma once

#include <QIODevice>

namespace clv {

// Writes all `size` bytes, or returns false with the device's errorString() naming why.
// A file write can be short (a disk filling up, a file size limit): Qt then reports the
// bytes written and no error. Writing the rest once more makes the system say why it cannot
// ("No space left on device"), which a user needs far more than "Unknown error".
bool writeFully(QIODevice& out, const char* data, qint64 size);

inline bool writeFully(QIODevice& out, const QByteArray& bytes)
{
    return writeFully(out, bytes.constData(), bytes.size());
}

} // namespace clv
