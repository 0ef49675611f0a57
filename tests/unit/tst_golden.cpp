// The seed's published tables, reproduced from the seed's input (tests/data/seed).
#include "etl/Analysis.h"
#include "export/OutputExporter.h"

#include "TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace clv;

class TestGolden : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_out;
    AnalysisOutcome m_outcome;

    void compareWithPublished(const char* file)
    {
        QString ourHeader, theirHeader;
        const auto ours = test::readCsv(m_out.filePath(file), &ourHeader);
        const auto theirs = test::readCsv(QStringLiteral(CLV_TEST_DATA_DIR "/seed/") + file, &theirHeader);
        QVERIFY(!theirs.empty());
        QCOMPARE(ourHeader, theirHeader);
        const QString difference = test::compareAsMultisets(ours, theirs);
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
        // The multiset comparison itself must notice a changed amount and a missing row.
        auto rows = test::readCsv(QStringLiteral(CLV_TEST_DATA_DIR "/seed/output_t1.txt"));
        auto changed = rows;
        changed[0][4] = "52.39";
        QVERIFY(!test::compareAsMultisets(rows, changed).isEmpty());
        changed = rows;
        changed.pop_back();
        QVERIFY(!test::compareAsMultisets(rows, changed).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestGolden)
#include "tst_golden.moc"
