#pragma once

#include "io/EventReader.h"

#include <functional>

namespace clv {

// Reads event files as EventReader does, but a segment of whole lines at a time, handing
// each segment's events to `sink` before the next is read: memory follows the segment, not
// the file. Each line of a JSON-lines file stands alone, so the segments give the same
// events, rejections (with the file's line numbers) and counts as one read. A file laid out
// as a JSON array, one element per line, is read whole: its first line decides how the
// others are read. Returns false when the run must stop (a strict rejection, or `sink`
// refused); `result` then holds what was read up to there, without events. Compressed
// files (gzip, zstd) are decoded as they are read, as the reader does. Compressed
// files (gzip, zstd) are decoded as they are read, as the reader does.
bool readInSegments(const QStringList& inputs, const ReaderOptions& options, std::size_t segmentBytes,
                    const std::function<bool(const EventStore&)>& sink, ReadResult& result);

} // namespace clv
