#pragma once

// A folder of event files beside entries that are named like event files but cannot be read
// as one — real ones, made with mkfifo(3) and symlink(2) — for the tests of what a run says
// about them (the collector, run.json, clv-etl, the window).

#include "TestSupport.h"

#include <QDir>
#include <QFile>

#include <sys/stat.h>
#include <unistd.h>

namespace clv::test {

// In `folder`: good.jsonl (one site visit of customer "c"), fifo.jsonl (a FIFO), broken.jsonl
// (a link to nothing), loop-a.jsonl and loop-b.jsonl (links to each other), and a FIFO named
// pipe, which is no event file and is passed over in silence. False if one could not be made.
inline bool makeFolderWithUnreadableEntries(const QString& folder)
{
    QFile good(QDir(folder).filePath(QStringLiteral("good.jsonl")));
    if (!good.open(QIODevice::WriteOnly)
        || good.write(QByteArray::fromStdString(visitLine("c", "2017-01-06T12:01:00Z") + "\n")) < 0)
        return false;
    good.close();
    auto at = [&](const char* name) { return QFile::encodeName(QDir(folder).filePath(QLatin1String(name))); };
    return ::mkfifo(at("fifo.jsonl").constData(), 0644) == 0 && ::mkfifo(at("pipe").constData(), 0644) == 0
        && ::symlink("nowhere.jsonl", at("broken.jsonl").constData()) == 0
        && ::symlink("loop-b.jsonl", at("loop-a.jsonl").constData()) == 0
        && ::symlink("loop-a.jsonl", at("loop-b.jsonl").constData()) == 0;
}

// A copy of good.jsonl in `folder` that nobody but root may read (locked.jsonl); empty if it
// could not be made. unlockFile() gives the permissions back, so that the folder can go.
inline QString addLockedFile(const QString& folder)
{
    QString locked = QDir(folder).filePath(QStringLiteral("locked.jsonl"));
    if (!QFile::copy(QDir(folder).filePath(QStringLiteral("good.jsonl")), locked)
        || !QFile::setPermissions(locked, QFileDevice::Permissions()))
        return {};
    return locked;
}

inline void unlockFile(const QString& path)
{
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

// What a run says of those entries, in name order: "NAME: skipped, REASON".
inline QStringList unreadableEntryMessages(const QString& folderAsNamed)
{
    QStringList messages;
    const QDir dir(folderAsNamed);
    messages << dir.filePath(QStringLiteral("broken.jsonl")) + QStringLiteral(": skipped, a broken link");
    messages << dir.filePath(QStringLiteral("fifo.jsonl")) + QStringLiteral(": skipped, not a regular file (a FIFO)");
    messages << dir.filePath(QStringLiteral("loop-a.jsonl")) + QStringLiteral(": skipped, a link loop");
    messages << dir.filePath(QStringLiteral("loop-b.jsonl")) + QStringLiteral(": skipped, a link loop");
    return messages;
}

} // namespace clv::test
