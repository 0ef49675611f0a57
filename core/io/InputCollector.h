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

// A folder's entry that is named like an event file but cannot be read as one, and why:
// "not a regular file (a FIFO)", "a broken link", "a link loop", "not readable". The
// other files of the folder are read all the same.
struct SkippedInput {
    QString path; // as InputFile::display
    QString reason;
    // "data/x.jsonl: skipped, a broken link"
    QString message() const;
};

struct CollectedInputs {
    std::vector<InputFile> files;
    QStringList problems;              // inputs that do not exist or cannot be read, in plain words
    std::vector<SkippedInput> skipped; // folder entries left out, in name order
};

// What a run reads, which decides the files a folder contributes.
enum class InputKind {
    EventFiles,        // *.txt, *.json, *.jsonl, *.ndjson (and each + .gz or .zst)
    TransactionTables, // *.csv, *.tsv, *.txt (and each + .gz or .zst)
};

// Turns the files and folders a user named into the list of files to read: a folder
// contributes its files of that kind sorted by name (its sub-folders too when `recursive`).
// The same file named twice is read once. A folder's entry that cannot be read (a FIFO, a
// broken or looping link, no read permission) is listed in `skipped`; a file named on its own
// is read as it is (a named pipe works).
CollectedInputs collectInputs(const QStringList& inputs, bool recursive, InputKind kind = InputKind::EventFiles);

bool isEventFileName(const QString& fileName);
bool isTransactionTableName(const QString& fileName);

} // namespace clv
