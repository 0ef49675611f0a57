#include "io/InputCollector.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QSet>

#include <algorithm>

namespace clv {

bool isEventFileName(const QString& fileName)
{
    static const QStringList kSuffixes = {".txt", ".json", ".jsonl", ".ndjson"};
    return std::any_of(kSuffixes.begin(), kSuffixes.end(),
                       [&](const QString& s) { return fileName.endsWith(s, Qt::CaseInsensitive); });
}

CollectedInputs collectInputs(const QStringList& inputs, bool recursive)
{
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
            QStringList found;
            QDirIterator it(info.absoluteFilePath(), QDir::Files | QDir::Readable,
                            recursive ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags);
            while (it.hasNext()) {
                const QString path = it.next();
                if (isEventFileName(path))
                    found << path;
            }
            std::sort(found.begin(), found.end());
            if (found.isEmpty())
                result.problems << QStringLiteral("%1: folder holds no event files (*.txt, *.json, *.jsonl, *.ndjson)")
                                       .arg(input);
            const QDir base(info.absoluteFilePath());
            for (const QString& path : found)
                add(QFileInfo(path), QDir(input).filePath(base.relativeFilePath(path)));
        } else if (!info.isReadable()) {
            result.problems << QStringLiteral("%1: not readable").arg(input);
        } else {
            add(info, input);
        }
    }
    return result;
}

} // namespace clv
