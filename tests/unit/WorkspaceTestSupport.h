#pragma once

// Helpers of tst_workspace: run clv-etl, write and read files, and turn result tables into
// the CSV text the exporter writes, so that runs are compared byte for byte.

#include "TestSupport.h"

#include "etl/Analysis.h"
#include "export/TableCsv.h"
#include "generate/FakeDataGenerator.h"
#include "store/Workspace.h"
#include "store/WorkspaceSchema.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

namespace clv::test {

inline const QString kSeedInput = QStringLiteral(CLV_TEST_DATA_DIR "/seed/input.txt");
inline const QString kChallengeInput = QStringLiteral(CLV_TEST_DATA_DIR "/seed/challenge-sample-events.txt");
// What a workspace one schema newer than this program's is refused with.
inline const QString kNewerMessage = QStringLiteral("this workspace was made by a newer CLV Studio (schema %1, "
                                                    "this program reads up to %2)")
                                         .arg(WorkspaceSchema::kCurrentVersion + 1)
                                         .arg(WorkspaceSchema::kCurrentVersion);

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

inline Run runEtl(const QStringList& arguments)
{
    QProcess p;
    p.start(QStringLiteral(CLV_ETL_BINARY), arguments);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

// The staging files of a new workspace being built at `path` (TARGET.saving-PID-XXXXXX and
// their companions), by full path.
inline QStringList stagingFilesOf(const QString& path)
{
    const QFileInfo target(path);
    QStringList found;
    for (const QString& entry : target.absoluteDir().entryList({target.fileName() + ".saving*"}, QDir::Files))
        found << target.absoluteDir().filePath(entry);
    return found;
}

inline QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// The three tables as the exporter writes them, plus the names the ltv table carries.
struct TablesText {
    QByteArray visits, weekly, ltv, names;
    friend bool operator==(const TablesText&, const TablesText&) = default;
};

inline TablesText textOf(const ResultTables& tables)
{
    TablesText text;
    QBuffer buffer;
    const auto write = [&](QByteArray& into, auto writer) {
        buffer.setData(QByteArray());
        buffer.open(QIODevice::WriteOnly);
        writer(buffer);
        buffer.close();
        into = buffer.data();
    };
    write(text.visits, [&](QIODevice& d) { writeVisitsCsv(tables, d); });
    write(text.weekly, [&](QIODevice& d) { writeWeeklyCsv(tables, d); });
    write(text.ltv, [&](QIODevice& d) { writeLtvCsv(tables, d); });
    const EventStore& events = *tables.events;
    for (const LtvRow& row : tables.ltv) {
        text.names += QByteArray::fromStdString(std::string(events.customerId(row.customer)));
        for (std::uint32_t id : {row.lastName, row.city, row.state})
            text.names += ',' + QByteArray::fromStdString(std::string(events.detailText(id)));
        text.names += '\n';
    }
    return text;
}

// Every event's fields as text, one line each: equal for two stores whatever their ids.
inline QByteArray eventsText(const EventStore& events)
{
    QByteArray text;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const SourceRef source = events.source(i);
        text += QByteArray::number(int(events.type(i))) + ',' + QByteArray::number(int(events.verb(i))) + ','
            + QByteArray::fromStdString(std::string(events.customerId(events.customer(i)))) + ','
            + QByteArray::number(qint64(events.time(i))) + ',' + QByteArray::number(qint64(events.amountCents(i))) + ','
            + QByteArray::fromStdString(std::string(events.key(i))) + ',' + QByteArray::number(source.file) + ','
            + QByteArray::number(source.line);
        for (int d = 0; d < EventStore::kDetailCount; ++d) {
            const std::uint32_t id = events.detail(i, d);
            text += ','
                + (id == StringPool::kAbsent ? QByteArray("-")
                                             : QByteArray::fromStdString(std::string(events.detailText(id))));
        }
        text += '\n';
    }
    return text;
}

inline QByteArray rejectedText(const ReadResult& read)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    writeRejectedCsv(read, buffer);
    return buffer.data();
}

inline AnalysisOutcome batch(const QStringList& inputs, bool dropDuplicates, Parameters parameters = {})
{
    AnalysisRequest request;
    request.inputs = inputs;
    request.parameters = parameters;
    request.dropExactDuplicates = dropDuplicates;
    return runAnalysis(request);
}

// Loads everything stored, analyses it and saves the results, as clv-etl --workspace does.
inline std::shared_ptr<const ResultTables> analyseAndSave(Workspace& workspace, Parameters parameters = {})
{
    QString error;
    const std::shared_ptr<ReadResult> read = workspace.loadEvents(nullptr, &error);
    if (!read)
        qWarning("loadEvents: %s", qPrintable(error));
    if (!read)
        return nullptr;
    auto tables = Pipeline(parameters).run(read->events);
    if (!workspace.saveResults(*tables, &error)) {
        qWarning("saveResults: %s", qPrintable(error));
        return nullptr;
    }
    return tables;
}

// The seed input cut in two files: its repeated CUSTOMER records fall on both sides.
inline QStringList splitSeed(const QTemporaryDir& dir)
{
    const QList<QByteArray> lines = readAll(kSeedInput).split('\n');
    const qsizetype half = lines.size() / 2;
    writeFile(dir.filePath("first-half.jsonl"), lines.mid(0, half).join('\n') + '\n');
    writeFile(dir.filePath("second-half.jsonl"), lines.mid(half).join('\n'));
    return {dir.filePath("first-half.jsonl"), dir.filePath("second-half.jsonl")};
}

// A realistic fake event file, made with the project's generator.
inline bool generateEvents(const QString& path, int customers)
{
    QString error;
    const auto words = WordLists::load(QStringLiteral(CLV_SOURCE_DATA_DIR "/words"), &error);
    QFile file(path);
    if (!words || !file.open(QIODevice::WriteOnly))
        return false;
    GeneratorOptions options;
    options.mode = GeneratorMode::Realistic;
    options.customers = customers;
    return FakeDataGenerator(options, *words).write(file).ok();
}

// A connection of the test's own, to change a workspace file behind the program's back.
template <typename Work>
inline void withRawConnection(const QString& path, Work work)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        work(db);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
}

} // namespace clv::test
