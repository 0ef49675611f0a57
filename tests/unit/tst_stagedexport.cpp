#include "etl/Analysis.h"
#include "export/OutputExporter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace clv;

namespace {

const QString kSampleInput = QStringLiteral(CLV_TEST_DATA_DIR "/../../data/sample/events.jsonl");

// Every file of a folder with its bytes.
QMap<QString, QByteArray> filesOf(const QString& folder)
{
    QMap<QString, QByteArray> files;
    const QDir dir(folder);
    for (const QString& name : dir.entryList(QDir::Files | QDir::Hidden | QDir::System)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            files.insert(name, file.readAll());
    }
    return files;
}

} // namespace

// The export that clv-etl --workspace writes while the workspace saves: the tables' files on
// one thread, the rest and the move into place later on another; never committed, nothing.
class TestStagedExport : public QObject {
    Q_OBJECT
private:
    AnalysisOutcome m_run;

    ExportRequest requestInto(const QString& folder) const
    {
        ExportRequest request;
        request.directory = folder;
        request.topN = 5;
        request.timings = m_run.timings;
        return request;
    }

private Q_SLOTS:
    void initTestCase()
    {
        AnalysisRequest request;
        request.inputs = {kSampleInput};
        m_run = runAnalysis(request);
        QVERIFY(m_run.tables);
        QVERIFY(!m_run.read.rejections.empty()); // the sample has bad lines: rejected.csv has rows
    }

    // Written in two steps on two threads, the files are those of a one-step export.
    void testTwoStepsOnTwoThreadsWriteWhatOneStepWrites()
    {
        QTemporaryDir dir;
        const QString once = dir.filePath("once");
        const QString staged = dir.filePath("staged");
        QVERIFY(exportOutputs(requestInto(once), m_run.read, *m_run.tables).ok());

        StagedExport exporter(requestInto(staged), *m_run.tables);
        bool tablesWritten = false;
        std::thread writer([&] { tablesWritten = exporter.writeTables(); });
        writer.join();
        QVERIFY(tablesWritten);
        QVERIFY(filesOf(staged).isEmpty()); // nothing in place before the commit
        const ExportResult result = exporter.commit(m_run.read, m_run.timings);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.written.size(), 6);

        QMap<QString, QByteArray> expected = filesOf(once);
        QMap<QString, QByteArray> got = filesOf(staged);
        QCOMPARE(got.keys(), expected.keys());
        expected.remove(QLatin1String(kRunReportFile)); // its finishing time differs
        for (auto it = expected.cbegin(); it != expected.cend(); ++it)
            QVERIFY2(got.value(it.key()) == it.value(), qPrintable(it.key()));
        QVERIFY(got.value(QLatin1String(kRunReportFile)).contains("\"accepted\""));
    }

    // Never committed (the workspace's save failed): the previous files stay as they were and
    // no temporary file is left.
    void testAnExportNeverCommittedLeavesThePreviousFiles()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("out");
        QVERIFY(QDir().mkpath(out));
        for (const char* name : {kVisitsFile, kWeeklyFile, kLtvFile, kRunReportFile}) {
            QFile file(QDir(out).filePath(QLatin1String(name)));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("from an earlier run\n");
        }
        const auto before = filesOf(out);
        {
            StagedExport exporter(requestInto(out), *m_run.tables);
            bool tablesWritten = false;
            std::thread writer([&] { tablesWritten = exporter.writeTables(); });
            writer.join();
            QVERIFY(tablesWritten);
        }
        QCOMPARE(filesOf(out), before);
    }

    // ... and the folders it made for its files go again, up to the first one it made, unless
    // something else was put in them meanwhile.
    void testAnExportNeverCommittedTakesAwayTheFoldersItMade()
    {
        QTemporaryDir dir;
        const QString deep = dir.filePath("new/a/b");
        {
            StagedExport exporter(requestInto(deep), *m_run.tables);
            QVERIFY(exporter.writeTables());
            QVERIFY(QFileInfo(deep).isDir());
        }
        QVERIFY(!QFileInfo::exists(dir.filePath("new")));
        QVERIFY(QFileInfo(dir.path()).isDir());

        {
            StagedExport exporter(requestInto(deep), *m_run.tables);
            QVERIFY(exporter.writeTables());
            QFile other(dir.filePath("new/a/notes.txt"));
            QVERIFY(other.open(QIODevice::WriteOnly));
        }
        QVERIFY(!QFileInfo::exists(deep));
        QVERIFY(QFileInfo::exists(dir.filePath("new/a/notes.txt")));
    }
};

QTEST_GUILESS_MAIN(TestStagedExport)
#include "tst_stagedexport.moc"
