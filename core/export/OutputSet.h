#pragma once

#include "util/JobControl.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

class QIODevice;

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

// Writes files that belong together into `directory` (created when missing): every file goes
// to a temporary file first and all are put in place only when every one was written whole,
// so a failed or cancelled run leaves the previous files as they were. `control` is asked
// between files and told the share of files written under `stage`.
OutputSetResult writeOutputSet(const QString& directory, const std::vector<NamedOutput>& outputs,
                               const JobControl* control = nullptr, const QString& stage = QStringLiteral("Exporting"));

} // namespace clv
