#include "export/OrderedBlocks.h"

#include "export/WriteFully.h"

#include <QFuture>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <vector>

namespace clv {

bool writeOrderedBlocks(QIODevice& out, std::size_t rows, QThreadPool* pool, const RowFormatter& format,
                        std::size_t blockRows, const JobControl* control)
{
    const std::size_t blocks = (rows + blockRows - 1) / blockRows;
    const std::size_t ahead = std::min<std::size_t>(blocks,
                                                    static_cast<std::size_t>(std::max(1, pool->maxThreadCount())) * 2);
    std::vector<std::string> texts(ahead);
    std::vector<QFuture<void>> formatting(ahead);
    auto start = [&](std::size_t block) {
        std::string& text = texts[block % ahead];
        formatting[block % ahead] = QtConcurrent::run(pool, [&format, &text, block, blockRows, rows] {
            text.clear(); // keeps its capacity: the next block of the slot fills the same memory
            format(block * blockRows, std::min(rows, (block + 1) * blockRows), text);
        });
    };
    for (std::size_t block = 0; block < ahead; ++block)
        start(block);
    bool ok = true;
    for (std::size_t block = 0; block < blocks; ++block) {
        QFuture<void>& done = formatting[block % ahead];
        done.waitForFinished();
        done = QFuture<void>();
        const std::string& text = texts[block % ahead];
        ok = ok && !(control && control->isCancelled())
            && writeFully(out, text.data(), static_cast<qint64>(text.size()));
        if (ok && block + ahead < blocks)
            start(block + ahead);
    }
    return ok;
}

} // namespace clv
