#include "RecentFiles.h"

#include <QSettings>
#include <QVariant>

namespace clv {

namespace {
const QString kKey = QStringLiteral("recent/inputs");
}

QList<QStringList> RecentFiles::load()
{
    QList<QStringList> entries;
    for (const QVariant& v : QSettings().value(kKey).toList())
        if (const QStringList inputs = v.toStringList(); !inputs.isEmpty())
            entries << inputs;
    return entries;
}

void RecentFiles::add(const QStringList& inputs)
{
    QList<QStringList> entries = load();
    entries.removeAll(inputs);
    entries.prepend(inputs);
    QVariantList stored;
    for (int i = 0; i < entries.size() && i < kMaxEntries; ++i)
        stored << QVariant(entries[i]);
    QSettings().setValue(kKey, stored);
}

void RecentFiles::clear()
{
    QSettings().remove(kKey);
}

} // namespace clv
