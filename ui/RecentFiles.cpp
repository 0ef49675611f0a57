#include "RecentFiles.h"

#include "AppSettings.h"

namespace clv {

QList<RecentEntry> RecentFiles::load()
{
    return AppSettings().recentInputs();
}

// The same files opened again, as events or as tables, are one entry: the latest way wins.
void RecentFiles::add(const RecentEntry& entry)
{
    QList<RecentEntry> entries = load();
    entries.removeIf([&](const RecentEntry& e) { return e.inputs == entry.inputs; });
    entries.prepend(entry);
    AppSettings().setRecentInputs(entries.mid(0, kMaxEntries));
}

void RecentFiles::clear()
{
    AppSettings().clearRecentInputs();
}

} // namespace clv
