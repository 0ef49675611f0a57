#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace clv {

struct InputFile {
    QString path;    // absolute
    QString display; // as named by the user, or folder-relative, for messages
    qint64 bytes = 0;
};

struct CollectedInputs {
    std::vector<InputFile> files;
    QStringList problems; // inputs that do not exist or cannot be read, in plain words
};

// Turns the files and folders a user named into the list of event files to read: a folder
// contributes its *.txt, *.json, *.jsonl and *.ndjson files sorted by name (its sub-folders
// too when `recursive`). The same file named twice is read once.
CollectedInputs collectInputs(const QStringList& inputs, bool recursive);

bool isEventFileName(const QString& fileName);

} // namespace clv
