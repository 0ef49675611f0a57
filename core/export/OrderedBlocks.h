#pragma once

#include "util/JobControl.h"

#include <QIODevice>

#include <functional>
#include <string>

class QThreadPool;

namespace clv {

// Appends the text of rows [begin, end) to `text`.
using RowFormatter = std::function<void(std::size_t begin, std::size_t end, std::string& text)>;

// Writes a table of `rows` rows to `out`: the rows are formatted in blocks on `pool`'s
// workers and the blocks written in order by the calling thread, which writes one block
// while the workers format the next ones (two a worker ahead), so that neither waits for
// the other. The few blocks in flight reuse their text buffers. Returns false when the
// device refuses a write (with its errorString()) or when `control` was cancelled (asked
// before each block is written); the formatting under way is waited for.
bool writeOrderedBlocks(QIODevice& out, std::size_t rows, QThreadPool* pool, const RowFormatter& format,
                        std::size_t blockRows = std::size_t(1) << 16, const JobControl* control = nullptr);

} // namespace clv
