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
    // Both return the list as it now is: reading it back at once would wait for the settings
    // writer's thread, which holds the settings file while it writes it (SettingsWriter.h).
    static QList<RecentEntry> add(const RecentEntry& entry);
    static QList<RecentEntry> clear();
};

} // namespace clv
