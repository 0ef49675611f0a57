#include "WordLists.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

namespace clv {

namespace {

// Reads the non-blank, trimmed lines of one list; refuses an unreadable, non-UTF-8 or
// empty list, because a generator without words would write empty names.
std::optional<QStringList> readList(const QDir& directory, const QString& fileName, QString* error)
{
    const QString path = directory.filePath(fileName);
    QFile file(path);
    if (!file.exists()) {
        if (error)
            *error = QStringLiteral("word list %1 is missing").arg(QDir::toNativeSeparators(path));
        return std::nullopt;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read word list %1: %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(bytes);
    if (decoder.hasError()) {
        if (error)
            *error = QStringLiteral("word list %1 is not valid UTF-8").arg(QDir::toNativeSeparators(path));
        return std::nullopt;
    }

    QStringList entries;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines[i];
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        // A TAB is meaningful in cameras.txt, so only the line's ends are trimmed.
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        for (const QChar c : line) {
            if (c.unicode() < 0x20 && c != QLatin1Char('\t')) {
                if (error)
                    *error = QStringLiteral("%1:%2: control character in entry")
                                 .arg(QDir::toNativeSeparators(path))
                                 .arg(i + 1);
                return std::nullopt;
            }
        }
        entries.append(line);
    }
    if (entries.isEmpty()) {
        if (error)
            *error = QStringLiteral("word list %1 is empty").arg(QDir::toNativeSeparators(path));
        return std::nullopt;
    }
    return entries;
}

std::optional<QList<CameraModel>> parseCameras(const QStringList& lines, const QString& path, QString* error)
{
    QList<CameraModel> cameras;
    for (const QString& line : lines) {
        const QStringList parts = line.split(QLatin1Char('\t'));
        const bool wellFormed = parts.size() == 2 && !parts[0].trimmed().isEmpty() && !parts[1].trimmed().isEmpty();
        if (!wellFormed) {
            if (error)
                *error = QStringLiteral("%1: expected \"make<TAB>model\", got \"%2\"")
                             .arg(QDir::toNativeSeparators(path), line);
            return std::nullopt;
        }
        cameras.append({parts[0].trimmed(), parts[1].trimmed()});
    }
    return cameras;
}

} // namespace

std::optional<WordLists> WordLists::load(const QString& directory, QString* error)
{
    if (directory.isEmpty() || !QFileInfo(directory).isDir()) {
        if (error)
            *error = directory.isEmpty()
                ? QStringLiteral("no word list folder found (set CLV_DATA_DIR or pass a folder)")
                : QStringLiteral("word list folder %1 does not exist").arg(QDir::toNativeSeparators(directory));
        return std::nullopt;
    }
    const QDir dir(directory);
    WordLists words;
    auto lastNames = readList(dir, QStringLiteral("last_names.txt"), error);
    if (!lastNames)
        return std::nullopt;
    auto cities = readList(dir, QStringLiteral("cities.txt"), error);
    if (!cities)
        return std::nullopt;
    auto states = readList(dir, QStringLiteral("states.txt"), error);
    if (!states)
        return std::nullopt;
    auto cameraLines = readList(dir, QStringLiteral("cameras.txt"), error);
    if (!cameraLines)
        return std::nullopt;
    auto cameras = parseCameras(*cameraLines, dir.filePath(QStringLiteral("cameras.txt")), error);
    if (!cameras)
        return std::nullopt;

    words.m_lastNames = std::move(*lastNames);
    words.m_cities = std::move(*cities);
    words.m_states = std::move(*states);
    words.m_cameras = std::move(*cameras);
    return words;
}

QString WordLists::defaultDirectory()
{
    QStringList candidates;
    const QString fromEnvironment = qEnvironmentVariable("CLV_DATA_DIR");
    if (!fromEnvironment.isEmpty())
        candidates << fromEnvironment + QStringLiteral("/words");
    // applicationDirPath() needs an application object; tests may run without one.
    if (QCoreApplication::instance()) {
        const QString binDir = QCoreApplication::applicationDirPath();
        candidates << binDir + QStringLiteral("/../share/clv-studio/words")
                   << binDir + QStringLiteral("/../data/words");
    }
#ifdef CLV_SOURCE_DATA_DIR
    candidates << QStringLiteral(CLV_SOURCE_DATA_DIR "/words");
#endif
    for (const QString& candidate : candidates) {
        if (QFileInfo(candidate).isDir())
            return QDir::cleanPath(candidate);
    }
    return {};
}

} // namespace clv
