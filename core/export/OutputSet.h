#pragma once

#include "util/JobControl.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

class QDir;
class QIODevice;
class QSaveFile;

namespace clv {

// One file of a set of outputs: its name in the folder and what writes its bytes.
struct NamedOutput {
    QString name;
    std::function<bool(QIODevice&)> write; // false: failed, with the device's errorString()
};

struct OutputSetResult {
    QStringList written; // absolute paths
    QString error;       // plain words; empty on success
    bool cancelled = false;
    bool ok() const { return error.isEmpty(); }
};

// Files that belong together, written into `directory` (created when missing) in steps: each
// file goes to a temporary file, and commit() puts them all in place once every one was
// written whole. A failed or cancelled run, or one never committed, leaves the previous files
// as they were: the temporary files go with this object, and the folders it made with them.
// The steps may run on different threads, one after another. `control` is asked between files
// (and, by the writers that take it, within them) and told the share of the `expectedFiles`
// written under `stage`.
class PendingOutputSet {
public:
    PendingOutputSet(const QString& directory, int expectedFiles, const JobControl* control = nullptr,
                     const QString& stage = QStringLiteral("Exporting"));
    ~PendingOutputSet();
    PendingOutputSet(const PendingOutputSet&) = delete;
    PendingOutputSet& operator=(const PendingOutputSet&) = delete;

    // Writes `outputs` to temporary files. False when one failed or the control cancelled, or
    // an earlier step had failed; failure() then says what.
    bool write(const std::vector<NamedOutput>& outputs);
    // Puts every file written in place, unless a step failed.
    OutputSetResult commit();
    const OutputSetResult& failure() const { return m_failure; }

private:
    bool failCancelled(const QDir& dir);

    QString m_directory;
    int m_expectedFiles;
    const JobControl* m_control;
    QString m_stage;
    std::vector<std::unique_ptr<QSaveFile>> m_files;
    OutputSetResult m_failure;
    QString m_madeFrom; // the outermost folder write() made, if it made any
    bool m_committed = false;
};

// The files of a PendingOutputSet written and put in place in one go.
OutputSetResult writeOutputSet(const QString& directory, const std::vector<NamedOutput>& outputs,
                               const JobControl* control = nullptr, const QString& stage = QStringLiteral("Exporting"));

} // namespace clv
