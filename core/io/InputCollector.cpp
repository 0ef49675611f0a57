#include "io/InputCollector.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <algorithm>
#include <cerrno>
#include <sys/stat.h>

namespace clv {

namespace {

QString specialFileKind(mode_t mode)
{
    if (S_ISFIFO(mode))
        return QStringLiteral("a FIFO");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return QStringLiteral("a device");
    return QStringLiteral("neither file nor folder");
}

// Why a folder's entry named like an event file cannot be read as one; empty when it can.
// Reading a FIFO would wait for a writer that may never come, so its type is asked first.
QString skipReason(const QString& path)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat target {};
    if (::stat(native.constData(), &target) != 0) {
        if (errno == ELOOP)
            return QStringLiteral("a link loop");
        struct stat link {};
        if (::lstat(native.constData(), &link) == 0 && S_ISLNK(link.st_mode))
            return QStringLiteral("a broken link");
        return QStringLiteral("not readable");
    }
    if (!S_ISREG(target.st_mode))
        return QStringLiteral("not a regular file (%1)").arg(specialFileKind(target.st_mode));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("not readable");
    return {};
}

// A compressed file keeps its plain name and adds the compressor's suffix (events.jsonl.gz):
// a folder collects it as that plain name would be. (Whether it is compressed is decided by
// its bytes when it is read.)
bool hasSuffixOf(const QString& fileName, const QStringList& suffixes)
{
    static const QStringList kCompressed = {".gz", ".zst"};
    QStringView name(fileName);
    for (const QString& c : kCompressed) {
        if (name.endsWith(c, Qt::CaseInsensitive)) {
            name.chop(c.size());
            break;
        }
    }
    return std::any_of(suffixes.begin(), suffixes.end(),
                       [&](const QString& s) { return name.endsWith(s, Qt::CaseInsensitive); });
}

} // namespace

QString SkippedInput::message() const
{
    return QStringLiteral("%1: skipped, %2").arg(path, reason);
}

bool isEventFileName(const QString& fileName)
{
    static const QStringList kSuffixes = {".txt", ".json", ".jsonl", ".ndjson"};
    return hasSuffixOf(fileName, kSuffixes);
}

bool isTransactionTableName(const QString& fileName)
{
    static const QStringList kSuffixes = {".csv", ".tsv", ".txt"};
    return hasSuffixOf(fileName, kSuffixes);
}

CollectedInputs collectInputs(const QStringList& inputs, bool recursive, InputKind kind)
{
    const bool tables = kind == InputKind::TransactionTables;
    const QString filesOfKind = tables ? QStringLiteral("transaction tables") : QStringLiteral("event files");
    CollectedInputs result;
    QSet<QString> seen;
    auto add = [&](const QFileInfo& info, const QString& display) {
        const QString path = info.absoluteFilePath();
        if (seen.contains(path))
            return;
        seen.insert(path);
        result.files.push_back({path, display, info.size()});
    };

    for (const QString& input : inputs) {
        const QFileInfo info(input);
        if (!info.exists()) {
            result.problems << QStringLiteral("%1: no such file or folder").arg(input);
        } else if (info.isDir()) {
            // System: FIFOs, sockets and broken links are listed too, so that they can be
            // named as skipped instead of vanishing without a word.
            QStringList found;
            QDirIterator it(info.absoluteFilePath(), QDir::Files | QDir::System,
                            recursive ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags);
            while (it.hasNext()) {
                const QString path = it.next();
                if (tables ? isTransactionTableName(path) : isEventFileName(path))
                    found << path;
            }
            std::sort(found.begin(), found.end());
            const QDir base(info.absoluteFilePath());
            const std::size_t skippedBefore = result.skipped.size();
            qsizetype readable = 0;
            for (const QString& path : found) {
                const QString display = QDir(input).filePath(base.relativeFilePath(path));
                if (const QString reason = skipReason(path); !reason.isEmpty()) {
                    result.skipped.push_back({display, reason});
                } else {
                    add(QFileInfo(path), display);
                    ++readable;
                }
            }
            if (readable == 0)
                result.problems << (result.skipped.size() > skippedBefore
                                        ? QStringLiteral("%1: folder holds no readable %2").arg(input, filesOfKind)
                                        : QStringLiteral("%1: folder holds no %2 (%3)")
                                              .arg(input, filesOfKind,
                                                   tables ? QStringLiteral("*.csv, *.tsv, *.txt, also .gz or .zst")
                                                          : QStringLiteral(
                                                              "*.txt, *.json, *.jsonl, *.ndjson, also .gz or .zst")));
        } else if (!info.isReadable()) {
            result.problems << QStringLiteral("%1: not readable").arg(input);
        } else {
            add(info, input);
        }
    }
    return result;
}

} // namespace clv
