#include "store/SideFiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <cerrno>
#include <csignal>

namespace clv {

namespace {

bool processRuns(qint64 pid)
{
    // Signal 0 only asks whether the process exists; EPERM means it does, as someone else's.
    return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

} // namespace

QString sideFilePrefix(const QString& file, const QString& infix)
{
    return file + infix + QStringLiteral("%1-").arg(QCoreApplication::applicationPid());
}

void removeSideFilesOfEndedProcesses(const QString& file, const QString& infix)
{
    const QFileInfo info(file);
    const QDir folder = info.absoluteDir();
    // Anything named after the side file goes with it: SQLite's companions, and the side files
    // of a side file (a staged workspace's scratch file, FILE.saving-PID-X-scratch-PID-Y).
    const QRegularExpression tail(
        QStringLiteral("^%1(\\d+)-[A-Za-z0-9]+(-.*)?$").arg(QRegularExpression::escape(infix)));
    const QString name = info.fileName();
    for (const QString& entry : folder.entryList(QDir::Files | QDir::Hidden | QDir::System)) {
        if (!entry.startsWith(name))
            continue;
        const QRegularExpressionMatch match = tail.match(entry.mid(name.size()));
        if (match.hasMatch() && !processRuns(match.captured(1).toLongLong()))
            QFile::remove(folder.filePath(entry));
    }
}

} // namespace clv
