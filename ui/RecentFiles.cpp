#include "RecentFiles.h"

#include "AppSettings.h"

namespace clv {

QList<RecentEntry> RecentFiles::load()
{
    return AppSettings().recentInputs();
}

// The same files opened again, as events or as tables, are one entry: the latest way wins.
QList<RecentEntry> RecentFiles::add(const RecentEntry& entry)
{
    AppSettings settings;
    QList<RecentEntry> entries = settings.recentInputs();
    entries.removeIf([&](const RecentEntry& e) { return e.inputs == entry.inputs; });
    entries.prepend(entry);
    entries = entries.mid(0, kMaxEntries);
    settings.setRecentInputs(entries);
    return entries;
}

QList<RecentEntry> RecentFiles::clear()
{
    AppSettings().clearRecentInputs();
    return {};
}

} // namespace clv
