#include "export/OutputSet.h"

#ifdef __linux__
#include <fcntl.h>
#endif

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

namespace clv {

PendingOutputSet::PendingOutputSet(const QString& directory, int expectedFiles, const JobControl* control,
                                   const QString& stage)
    : m_directory(directory), m_expectedFiles(expectedFiles), m_control(control), m_stage(stage)
{
}

PendingOutputSet::~PendingOutputSet()
{
    m_files.clear(); // an uncommitted QSaveFile discards its temporary file
    if (m_madeFrom.isEmpty() || m_committed)
        return;
    // The folders write() made, innermost first, up to the outermost; rmdir() leaves a folder
    // that is not empty, and the ones above it.
    QString folder = QDir::cleanPath(QDir(m_directory).absolutePath());
    while (QDir().rmdir(folder) && folder != m_madeFrom)
        folder = QFileInfo(folder).path();
}

bool PendingOutputSet::write(const std::vector<NamedOutput>& outputs)
{
    if (!m_failure.ok())
        return false;
    QDir dir(m_directory);
    if (!dir.exists()) {
        QString outermost = QDir::cleanPath(dir.absolutePath());
        for (QString parent = QFileInfo(outermost).path(); parent != outermost && !QFileInfo::exists(parent);
             parent = QFileInfo(parent).path())
            outermost = parent;
        if (!QDir().mkpath(m_directory)) {
            m_failure.error = QStringLiteral("cannot create the output folder %1").arg(m_directory);
            return false;
        }
        m_madeFrom = outermost;
    }
    for (const NamedOutput& output : outputs) {
        if (m_control && m_control->isCancelled())
            return failCancelled(dir);
        if (m_control)
            m_control->report(m_stage, double(m_files.size()) / double(std::max(m_expectedFiles, 1)));
        auto file = std::make_unique<QSaveFile>(dir.absoluteFilePath(output.name));
        if (!file->open(QIODevice::WriteOnly)) {
            m_failure.error = QStringLiteral("cannot write %1: %2").arg(file->fileName(), file->errorString());
            return false;
        }
        // Flushed here, so that a full disk shows now, while every earlier file is still a
        // temporary one, and not when the files are being put in place.
        if (!output.write(*file) || !file->flush()) {
            if (m_control && m_control->isCancelled()) // stopped within the file
                return failCancelled(dir);
            m_failure.error = QStringLiteral("writing %1 failed: %2").arg(file->fileName(), file->errorString());
            return false;
        }
#ifdef __linux__
        // The file goes to the disk while the next one is formatted, so that the sync before
        // it is put in place has little left to wait for (a batch run of the benchmark file,
        // four alternated pairs: 1.17-1.19 s against 1.21-1.25 s).
        ::sync_file_range(file->handle(), 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
        m_files.push_back(std::move(file));
    }
    return true;
}

bool PendingOutputSet::failCancelled(const QDir& dir)
{
    m_failure.cancelled = true;
    m_failure.error = QStringLiteral("the export was cancelled; the files in %1 are unchanged")
                          .arg(QDir::toNativeSeparators(dir.absolutePath()));
    return false;
}

OutputSetResult PendingOutputSet::commit()
{
    if (!m_failure.ok())
        return m_failure;
    m_committed = true;
    OutputSetResult result;
    for (auto& file : m_files) {
        if (!file->commit()) {
            result.error = QStringLiteral("could not put %1 in place: %2").arg(file->fileName(), file->errorString());
            return result;
        }
        result.written << file->fileName();
    }
    m_files.clear();
    return result;
}

OutputSetResult writeOutputSet(const QString& directory, const std::vector<NamedOutput>& outputs,
                               const JobControl* control, const QString& stage)
{
    PendingOutputSet set(directory, static_cast<int>(outputs.size()), control, stage);
    if (!set.write(outputs))
        return set.failure();
    return set.commit();
}

} // namespace clv
