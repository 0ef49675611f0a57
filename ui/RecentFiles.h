#pragma once

#include <QStringList>

namespace clv {

// The recently opened inputs (each entry a file or folder, or several joined), kept in
// QSettings, most recent first.
class RecentFiles {
public:
    static constexpr int kMaxEntries = 10;

    static QList<QStringList> load();
    static void add(const QStringList& inputs);
    static void clear();
};

} // namespace clv
