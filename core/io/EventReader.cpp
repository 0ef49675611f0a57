#include "io/EventReader.h"

#include "io/FileStreamer.h"
#include "io/InputStream.h"
#include "util/ComputePool.h"

#include <QDateTime>
#include <QFileInfo>
#include <QThreadPool>

namespace clv {

FileStats ReadResult::totals() const
{
    FileStats sum;
    for (const FileStats& s : fileStats) {
        sum.lines += s.lines;
        sum.records += s.records;
        sum.accepted += s.accepted;
        sum.rejected += s.rejected;
    }
    return sum;
}

ReadResult EventReader::read(const QStringList& inputs, const JobControl* control) const
{
    ReadResult result;
    CollectedInputs collected = collectInputs(
        inputs, m_options.recursive, m_options.transactions ? InputKind::TransactionTables : InputKind::EventFiles);
    result.files = std::move(collected.files);
    result.inputProblems = std::move(collected.problems);
    result.skippedInputs = std::move(collected.skipped);
    result.fileStats.resize(result.files.size());

    QThreadPool* pool = m_options.pool ? m_options.pool : computePool();
    qint64 totalBytes = 0;
    qint64 textBytes = 0;
    for (const InputFile& f : result.files) {
        totalBytes += f.bytes;
        // Event logs and tables shrink 5 to 8 times in gzip or zstd at their default levels:
        // guessing high costs address space only, guessing low a copy of every column each
        // time they outgrow their room (measured on the zstd benchmark file: 4.9 s of reading
        // became 2.8 s).
        textBytes += compressionOfRegularFile(f.path) == Compression::None ? f.bytes : f.bytes * 10;
    }
    // Event lines are rarely under 100 bytes, a table's rows (two events each) rarely under 30:
    // reserving for that many events up front saves copying the columns as they grow; pages
    // never written cost no memory.
    const auto expected = static_cast<std::size_t>(textBytes / (m_options.transactions ? 15 : 100));
    result.events->reserve(expected);
    if (m_options.payloadHashes)
        result.payloadHashes.reserve(expected);

    for (std::uint32_t fileIndex = 0; fileIndex < result.files.size(); ++fileIndex) {
        InputStream file(result.files[fileIndex].path);
        if (!file.openFile()) {
            result.inputProblems << QStringLiteral("%1: %2").arg(result.files[fileIndex].display, file.errorString());
            continue;
        }
        // A file written to while it is read (a log still being appended to, a copy still
        // in progress) gives a mix of old and new content: what was read is kept, and the
        // user is told to read the file again.
        const QFileInfo atOpen(result.files[fileIndex].path);
        const qint64 sizeAtOpen = atOpen.size();
        const QDateTime modifiedAtOpen = atOpen.lastModified();
        const qint64 bytesBefore = result.bytesRead;
        const qsizetype problemsBefore = result.inputProblems.size();
        FileStreamer streamer(m_options, pool, result, fileIndex);
        if (!streamer.stream(&file, {}, control, totalBytes))
            break;
        const QFileInfo afterRead(result.files[fileIndex].path);
        const qint64 bytesOfFile = result.bytesRead - bytesBefore;
        // Only a regular file has a size to hold it to (a pipe has none), and a file whose
        // read failed has been reported already. (The bytes counted are the file's own, the
        // compressed ones of an archive.)
        const bool checkable = atOpen.isFile() && !file.isPipe() && result.inputProblems.size() == problemsBefore;
        const bool changed = afterRead.size() != sizeAtOpen || afterRead.lastModified() != modifiedAtOpen
            || bytesOfFile != sizeAtOpen;
        if (checkable && changed) {
            result.inputProblems << QStringLiteral(
                                        "%1 changed while it was read (%2 bytes when opened, %3 read, %4 now); "
                                        "the events read are kept — open the file again once it is complete")
                                        .arg(result.files[fileIndex].display)
                                        .arg(sizeAtOpen)
                                        .arg(bytesOfFile)
                                        .arg(afterRead.exists() ? afterRead.size() : 0);
        }
    }
    result.events->resolveCustomerIds(pool);
    return result;
}

ReadResult EventReader::readText(std::string_view text, const QString& name) const
{
    ReadResult result;
    result.files.push_back({name, name, static_cast<qint64>(text.size())});
    result.fileStats.resize(1);
    result.bytesRead = static_cast<qint64>(text.size());
    QThreadPool* pool = m_options.pool ? m_options.pool : computePool();
    FileStreamer(m_options, pool, result, 0).stream(nullptr, text, nullptr, 0);
    result.events->resolveCustomerIds(pool);
    return result;
}

} // namespace clv
