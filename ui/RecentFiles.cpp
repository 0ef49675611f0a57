#include "RecentFiles.h"

#include "AppSettings.h"

namespace clv {

QList<QStringList> RecentFiles::load()
{
    return AppSettings().recentInputs();
}

void RecentFiles::add(const QStringList& inputs)
{
    QList<QStringList> entries = load();
    entries.removeAll(inputs);
    entries.prepend(inputs);
    AppSettings().setRecentInputs(entries.mid(0, kMaxEntries));
}

void RecentFiles::clear()
{
    AppSettings().clearRecentInputs();
}

} // namespace clv
