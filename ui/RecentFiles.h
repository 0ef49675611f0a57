#pragma once

#include "AppSettings.h"

#include <QStringList>

namespace clv {

// The recently opened inputs (each entry a file or folder, or several joined, read as events
// or as transaction tables), kept in QSettings, most recent first.
class RecentFiles {
public:
    static constexpr int kMaxEntries = 10;

    static QList<RecentEntry> load();
    static void add(const RecentEntry& entry);
    static void clear();
};

} // namespace clv
