// The seed's published tables, reproduced from the seed's input (tests/data/seed).
#include "TestSupport.h"

#include "etl/Analysis.h"
#include "export/OutputExporter.h"

#include <QTemporaryDir>
#include <QTest>

using namespace clv;

namespace {

// A CSV file's header line and its other lines, sorted: the lines exactly as written, so
// that a number must have the very digits the notebook printed.
struct Lines {
    QByteArray header;
    QList<QByteArray> rows;
};

Lines readLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = file.readAll().split('\n');
    if (!lines.isEmpty() && lines.back().isEmpty())
        lines.pop_back(); // the final line break
    Lines out;
    if (lines.isEmpty())
        return out;
    out.header = lines.takeFirst();
    out.rows = lines;
    std::sort(out.rows.begin(), out.rows.end());
    return out;
}

// Empty when the two sorted lists hold the same lines, else every line that one holds and
// the other does not.
QString lineDifference(const QList<QByteArray>& ours, const QList<QByteArray>& theirs)
{
    QList<QByteArray> onlyOurs, onlyTheirs;
    std::set_difference(ours.begin(), ours.end(), theirs.begin(), theirs.end(), std::back_inserter(onlyOurs));
    std::set_difference(theirs.begin(), theirs.end(), ours.begin(), ours.end(), std::back_inserter(onlyTheirs));
    if (onlyOurs.isEmpty() && onlyTheirs.isEmpty())
        return {};
    return QStringLiteral("%1 row(s) only in ours:\n  %2\n%3 row(s) only in the published file:\n  %4")
        .arg(onlyOurs.size())
        .arg(QString::fromUtf8(onlyOurs.join("\n  ")))
        .arg(onlyTheirs.size())
        .arg(QString::fromUtf8(onlyTheirs.join("\n  ")));
}

} // namespace

class TestGolden : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_out;
    AnalysisOutcome m_outcome;

    // Byte for byte, but for the order of the rows: Spark's order carries no meaning.
    void compareWithPublished(const char* file)
    {
        const Lines ours = readLines(m_out.filePath(file));
        const Lines theirs = readLines(QStringLiteral(CLV_TEST_DATA_DIR "/seed/") + file);
        QVERIFY(!theirs.rows.isEmpty());
        QCOMPARE(ours.header, theirs.header);
        const QString difference = lineDifference(ours.rows, theirs.rows);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }

private Q_SLOTS:
    void initTestCase()
    {
        AnalysisRequest request;
        request.inputs = {QStringLiteral(CLV_TEST_DATA_DIR "/seed/input.txt")};
        m_outcome = runAnalysis(request);
        QVERIFY(m_outcome.tables);
        ExportRequest exportRequest;
        exportRequest.directory = m_out.path();
        const ExportResult exported = exportOutputs(exportRequest, m_outcome.read, *m_outcome.tables);
        QVERIFY2(exported.ok(), qPrintable(exported.error));
    }

    void testEveryLineOfTheSeedIsAccepted()
    {
        QCOMPARE(m_outcome.read.totals().accepted, qint64(556));
        QCOMPARE(m_outcome.read.totals().rejected, qint64(0));
        QCOMPARE(m_outcome.tables->ltv.size(), 50u);
    }
    void testVisitsTableEqualsPublishedOutputT1() { compareWithPublished("output_t1.txt"); }
    void testWeeklyTableEqualsPublishedLtvSpecs() { compareWithPublished("output_ltv_specs.txt"); }
    void testLtvTableEqualsPublishedLtvFinal() { compareWithPublished("output_ltv_final.txt"); }

    void testLtvFileIsSortedDescending()
    {
        const auto rows = test::readCsv(m_out.filePath("output_ltv_final.txt"));
        for (std::size_t i = 1; i < rows.size(); ++i)
            QVERIFY(std::stod(rows[i - 1][1]) >= std::stod(rows[i][1]));
    }

    void testComparisonCanFail()
    {
        // The comparison itself must notice a last digit, a number written another way, a
        // duplicated row in place of another, and a missing row.
        const Lines published = readLines(QStringLiteral(CLV_TEST_DATA_DIR "/seed/output_ltv_final.txt"));
        QVERIFY(published.rows.contains("c670daa7e51c,23516.350000000002"));
        QVERIFY(lineDifference(published.rows, published.rows).isEmpty());
        for (const QByteArray& replacement :
             {QByteArray("c670daa7e51c,23516.35"), QByteArray("c670daa7e51c,23516.350000000002 "),
              QByteArray("c670daa7e51c,2.3516350000000002e+04"), published.rows.front()}) {
            QList<QByteArray> changed = published.rows;
            changed.replace(changed.indexOf("c670daa7e51c,23516.350000000002"), replacement);
            std::sort(changed.begin(), changed.end());
            QVERIFY2(!lineDifference(published.rows, changed).isEmpty(), replacement.constData());
        }
        QList<QByteArray> shorter = published.rows;
        shorter.pop_back();
        QVERIFY(!lineDifference(published.rows, shorter).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestGolden)
#include "tst_golden.moc"
