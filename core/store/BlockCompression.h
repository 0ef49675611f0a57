#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <string>
#include <string_view>

namespace clv {

// One zstd frame per stored block (events or raw lines). Level 1: JSON lines shrink to about
// a seventh at some 450 MB/s per core, where higher levels gain a few percent for several
// times the time, and a save has to keep up with the reader.
QByteArray compressBlock(std::string_view raw);

// The frame's content into `raw`. False, with `error` set, for bytes that are not one whole
// frame or that would unpack to more than `limit` bytes (a damaged size field must not make
// the loader allocate gigabytes).
bool decompressBlock(QByteArrayView frame, std::string& raw, std::size_t limit, QString* error);

} // namespace clv
