#include "export/OutputSet.h"

#include <QDir>
#include <QSaveFile>

#include <memory>

namespace clv {

OutputSetResult writeOutputSet(const QString& directory, const std::vector<NamedOutput>& outputs,
                               const JobControl* control, const QString& stage)
{
    OutputSetResult result;
    QDir dir(directory);
    if (!dir.exists() && !QDir().mkpath(directory)) {
        result.error = QStringLiteral("cannot create the output folder %1").arg(directory);
        return result;
    }
    std::vector<std::unique_ptr<QSaveFile>> files;
    for (const NamedOutput& output : outputs) {
        if (control && control->isCancelled()) {
            result.cancelled = true;
            result.error = QStringLiteral("the export was cancelled; the files in %1 are unchanged")
                               .arg(QDir::toNativeSeparators(dir.absolutePath()));
            return result;
        }
        if (control)
            control->report(stage, double(files.size()) / double(outputs.size()));
        auto file = std::make_unique<QSaveFile>(dir.absoluteFilePath(output.name));
        if (!file->open(QIODevice::WriteOnly)) {
            result.error = QStringLiteral("cannot write %1: %2").arg(file->fileName(), file->errorString());
            return result; // the unique_ptrs discard every temporary file
        }
        // Flushed here, so that a full disk shows now, while every earlier file is still a
        // temporary one, and not when the files are being put in place.
        if (!output.write(*file) || !file->flush()) {
            result.error = QStringLiteral("writing %1 failed: %2").arg(file->fileName(), file->errorString());
            return result;
        }
        files.push_back(std::move(file));
    }
    for (auto& file : files) {
        if (!file->commit()) {
            result.error = QStringLiteral("could not put %1 in place: %2").arg(file->fileName(), file->errorString());
            return result;
        }
        result.written << file->fileName();
    }
    return result;
}

} // namespace clv
