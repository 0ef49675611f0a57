#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace clv {

struct CameraModel {
    QString make;
    QString model;
};

// The vocabulary of the fake-data generator, read from plain-text lists in one folder
// (UTF-8, one entry per line, blank lines ignored): last_names.txt, cities.txt, states.txt
// and cameras.txt (`make<TAB>model`). Shipped in data/words so that users can edit them.
class WordLists {
public:
    static std::optional<WordLists> load(const QString& directory, QString* error);

    // The first folder that exists among: $CLV_DATA_DIR/words, <bin>/../share/clv-studio/words,
    // <bin>/../data/words and the source tree's data/words. Empty when none exists.
    static QString defaultDirectory();

    const QStringList& lastNames() const { return m_lastNames; }
    const QStringList& cities() const { return m_cities; }
    const QStringList& states() const { return m_states; }
    const QList<CameraModel>& cameras() const { return m_cameras; }

private:
    QStringList m_lastNames;
    QStringList m_cities;
    QStringList m_states;
    QList<CameraModel> m_cameras;
};

} // namespace clv
