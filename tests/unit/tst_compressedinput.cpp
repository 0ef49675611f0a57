// Compressed event files (gzip, zstd) read as they are: the same tables as the plain file,
// and a damaged archive reported with how far it got, keeping what was read before.
#include "TestSupport.h"

#include "Compress.h"
#include "etl/Analysis.h"
#include "export/OutputExporter.h"
#include "io/TransactionPreview.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace clv;
using test::Packing;

namespace {

const QString kSeedInput = QStringLiteral(CLV_TEST_DATA_DIR "/seed/input.txt");
const QString kChallengeSample = QStringLiteral(CLV_TEST_DATA_DIR "/seed/challenge-sample-events.txt");
const QString kCdnowSample = QStringLiteral(CLV_TEST_DATA_DIR "/cdnow/CDNOW_sample.txt");

// Runs the analysis on `inputs` (named relative to `folder`, so that every message and key
// that names a file names it the same way) and writes the outputs into `folder`/out.
// Returns the output files by name, run.json left out: it holds timings and sizes.
std::map<QString, QByteArray> analyseAndExport(const QString& folder, const QStringList& inputs,
                                               ReaderOptions reader = {}, QStringList* problems = nullptr)
{
    const QString previous = QDir::currentPath();
    QDir::setCurrent(folder);
    AnalysisRequest request;
    request.inputs = inputs;
    request.reader = std::move(reader);
    const AnalysisOutcome outcome = runAnalysis(request);
    std::map<QString, QByteArray> files;
    if (outcome.tables) {
        ExportRequest exportRequest;
        exportRequest.directory = QStringLiteral("out");
        exportRequest.topN = 3;
        exportRequest.timings = outcome.timings;
        const ExportResult exported = exportOutputs(exportRequest, outcome.read, *outcome.tables);
        for (const QString& path : exported.written)
            if (!path.endsWith(QStringLiteral("run.json")))
                files[QFileInfo(path).fileName()] = test::readFile(path);
    }
    if (problems)
        *problems = outcome.read.inputProblems;
    QDir::setCurrent(previous);
    return files;
}

QByteArray packed(const QString& packing, const QByteArray& text)
{
    // Members and frames cut mid-line, where no line boundary helps the reader.
    const std::vector<qsizetype> cuts{text.size() / 3 + 7, 2 * text.size() / 3 + 11};
    if (packing == "gzip")
        return test::pack(Packing::Gzip, text);
    if (packing == "zstd")
        return test::pack(Packing::Zstd, text);
    if (packing == "gzip, three members")
        return test::pack(Packing::Gzip, text, cuts);
    return test::pack(Packing::Zstd, text, cuts);
}

// The seed input repeated: larger than the decoder's blocks and the reader's steps.
QByteArray repeatedSeed(int times)
{
    QByteArray seed = test::readFile(kSeedInput);
    if (!seed.endsWith('\n'))
        seed += '\n'; // else each copy's last line would run into the next one's first
    QByteArray text;
    for (int i = 0; i < times; ++i)
        text += seed;
    return text;
}

// Visits by many customers to many pages, no two lines alike: the compressors find no long
// repeats, so the compressed bytes follow the text evenly (a cut at half the archive falls
// near half the text).
QByteArray variedEvents(int count)
{
    std::vector<std::string> lines;
    lines.reserve(static_cast<std::size_t>(count));
    std::uint32_t state = 12345;
    // Appended, not "c" + text: GCC 12 warns falsely (-Wrestrict) on operator+ with a literal.
    auto draw = [&state](std::string prefix) {
        state = state * 1664525u + 1013904223u;
        return prefix.append(std::to_string(state >> 8));
    };
    for (int i = 0; i < count; ++i)
        lines.push_back(test::visitLine(draw("c"), "2017-02-13T10:00:00Z", draw("page-")));
    return QByteArray::fromStdString(test::joinLines(lines));
}

ReadResult readFiles(const QStringList& inputs, const ReaderOptions& options = {})
{
    return EventReader(options).read(inputs);
}

} // namespace

class TestCompressedInput : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testCompressedFilesGiveByteIdenticalOutputs_data()
    {
        QTest::addColumn<QString>("packing");
        QTest::addColumn<int>("repeats");
        for (const char* packing : {"gzip", "zstd", "gzip, three members", "zstd, three frames"}) {
            QTest::newRow(packing) << QString::fromLatin1(packing) << 1;
            QTest::addRow("%s, 60 × seed", packing) << QString::fromLatin1(packing) << 60;
        }
    }

    // The compressed copies carry the plain files' names (a gzip file named .txt is still
    // decoded), so that rejected.csv, which names files, must match byte for byte too.
    void testCompressedFilesGiveByteIdenticalOutputs()
    {
        QFETCH(QString, packing);
        QFETCH(int, repeats);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath("plain") && QDir(dir.path()).mkpath("packed"));
        const QByteArray seed = repeatedSeed(repeats);
        const QByteArray challenge = test::readFile(kChallengeSample);
        for (const auto& [name, text] : {std::pair{"input.txt", seed}, std::pair{"challenge.txt", challenge}}) {
            QVERIFY(test::writeFile(dir.filePath(QStringLiteral("plain/") + name), text));
            const QByteArray bytes = packed(packing, text);
            QVERIFY(!bytes.isEmpty() && bytes != text);
            QVERIFY(test::writeFile(dir.filePath(QStringLiteral("packed/") + name), bytes));
        }
        ReaderOptions reader;
        reader.pieceBytes = 64u << 10; // many steps and pieces, as a large file has
        const QStringList inputs{"input.txt", "challenge.txt"};
        QStringList plainProblems;
        QStringList packedProblems;
        const auto plain = analyseAndExport(dir.filePath("plain"), inputs, reader, &plainProblems);
        const auto fromPacked = analyseAndExport(dir.filePath("packed"), inputs, reader, &packedProblems);
        QVERIFY(plain.count("output_ltv_final.txt") && plain.count("rejected.csv"));
        QVERIFY(plain.at("rejected.csv").count('\n') > 1); // the challenge sample's rejections are compared too
        QCOMPARE(packedProblems, plainProblems);
        QCOMPARE(fromPacked.size(), plain.size());
        for (const auto& [name, bytes] : plain)
            QVERIFY2(fromPacked.at(name) == bytes, qPrintable(name));
    }

    // SPEC §11: transaction tables share the reader; their order keys name file and line.
    void testCompressedTransactionTableGivesTheSameOutputs()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath("plain") && QDir(dir.path()).mkpath("packed"));
        const QByteArray table = test::readFile(kCdnowSample);
        QVERIFY(test::writeFile(dir.filePath("plain/cdnow.txt"), table));
        QVERIFY(test::writeFile(dir.filePath("packed/cdnow.txt"), test::pack(Packing::Zstd, table)));
        ReaderOptions reader;
        reader.transactions = TransactionOptions{};
        reader.transactions->columns = parseColumnSelection("1,3,5").selection;
        const auto plain = analyseAndExport(dir.filePath("plain"), {"cdnow.txt"}, reader);
        const auto fromPacked = analyseAndExport(dir.filePath("packed"), {"cdnow.txt"}, reader);
        QVERIFY(plain.count("output_t1.txt") && plain.at("output_t1.txt").count('\n') > 6919);
        QCOMPARE(fromPacked.size(), plain.size());
        for (const auto& [name, bytes] : plain)
            QVERIFY2(fromPacked.at(name) == bytes, qPrintable(name));
    }

    // The window previews a table before it is read: a compressed one by its text.
    void testCompressedTableIsPreviewedByItsText()
    {
        QTemporaryDir dir;
        const QByteArray table = test::readFile(kCdnowSample);
        QVERIFY(test::writeFile(dir.filePath("cdnow.txt.gz"), test::pack(Packing::Gzip, table)));
        const TransactionPreviewRead plain = previewTransactionFile(kCdnowSample);
        const TransactionPreviewRead packedPreview = previewTransactionFile(dir.filePath("cdnow.txt.gz"));
        QVERIFY2(plain.preview && packedPreview.preview, qPrintable(packedPreview.error));
        QCOMPARE(packedPreview.preview->firstLine, plain.preview->firstLine);
        QCOMPARE(packedPreview.preview->columnCount, 5);
        QCOMPARE(packedPreview.preview->rows.size(), plain.preview->rows.size());
        for (std::size_t i = 0; i < plain.preview->rows.size(); ++i) {
            QCOMPARE(packedPreview.preview->rows[i].line, plain.preview->rows[i].line);
            QVERIFY(packedPreview.preview->rows[i].fields == plain.preview->rows[i].fields);
        }
    }

    void testTruncatedArchiveKeepsTheLinesBeforeAndSaysHowFar_data()
    {
        QTest::addColumn<int>("packing");
        QTest::newRow("gzip") << int(Packing::Gzip);
        QTest::newRow("zstd") << int(Packing::Zstd);
    }

    void testTruncatedArchiveKeepsTheLinesBeforeAndSaysHowFar()
    {
        QFETCH(int, packing);
        QTemporaryDir dir;
        const QByteArray text = variedEvents(20000);
        const qsizetype totalLines = text.count('\n');
        const QByteArray whole = test::pack(Packing(packing), text);
        const QByteArray cut = whole.left(whole.size() / 2);
        const QString path = dir.filePath("events.jsonl.gz");
        QVERIFY(test::writeFile(path, cut));

        const ReadResult read = readFiles({path});
        QCOMPARE(read.inputProblems.size(), 1);
        const QString problem = read.inputProblems.front();
        const QString format = packing == int(Packing::Gzip) ? "gzip" : "zstd";
        QVERIFY2(problem.startsWith(path + ": " + format + " data cut short: the file ends after "
                                    + QString::number(cut.size()) + " bytes"),
                 qPrintable(problem));
        // The lines before the cut are all there, parsed as the plain file's first lines are.
        const qint64 lines = read.fileStats.front().lines;
        QVERIFY2(problem.endsWith(QStringLiteral("; the %1 lines before it were read and are kept").arg(lines)),
                 qPrintable(problem));
        QVERIFY2(lines > totalLines / 4 && lines < totalLines, qPrintable(QString::number(lines)));
        qsizetype end = 0;
        for (qint64 i = 0; i < lines; ++i)
            end = text.indexOf('\n', end) + 1;
        const ReadResult prefix = EventReader().readText(
            std::string_view(text.constData(), static_cast<std::size_t>(end)), path);
        QCOMPARE(read.totals().accepted, prefix.totals().accepted);
        QCOMPARE(read.rejections.size(), prefix.rejections.size());
        QCOMPARE(read.events->size(), prefix.events->size());
    }

    void testCorruptArchiveIsReportedWithItsPosition_data()
    {
        QTest::addColumn<int>("packing");
        QTest::newRow("gzip") << int(Packing::Gzip);
        QTest::newRow("zstd") << int(Packing::Zstd);
    }

    // A flipped byte is found where the format can find it: at once (an invalid code), or
    // at the member's or frame's checksum. Either way the file is named with the place.
    void testCorruptArchiveIsReportedWithItsPosition()
    {
        QFETCH(int, packing);
        QTemporaryDir dir;
        const QByteArray text = variedEvents(20000);
        QByteArray bytes = test::pack(Packing(packing), text);
        bytes[bytes.size() * 3 / 5] = static_cast<char>(bytes[bytes.size() * 3 / 5] ^ 0x5a);
        const QString path = dir.filePath("events.jsonl.zst");
        QVERIFY(test::writeFile(path, bytes));

        const ReadResult read = readFiles({path});
        QCOMPARE(read.inputProblems.size(), 1);
        const QString format = packing == int(Packing::Gzip) ? "gzip" : "zstd";
        const QRegularExpression said("^" + QRegularExpression::escape(path) + ": " + format
                                      + " data damaged near byte (\\d+) of the file \\(.+\\); the (\\d+) lines before "
                                        "it were read and are kept$");
        const QRegularExpressionMatch match = said.match(read.inputProblems.front());
        QVERIFY2(match.hasMatch(), qPrintable(read.inputProblems.front()));
        QVERIFY(match.captured(1).toLongLong() <= bytes.size());
        QCOMPARE(match.captured(2).toLongLong(), read.fileStats.front().lines);
        QVERIFY(read.fileStats.front().lines < text.count('\n'));
    }

    void testPlainFileNamedGzIsReadAsPlain()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("input.jsonl.gz");
        QVERIFY(QFile::copy(kSeedInput, path));
        const ReadResult read = readFiles({path});
        QVERIFY2(read.inputProblems.isEmpty(), qPrintable(read.inputProblems.join('\n')));
        QCOMPARE(read.totals().accepted, readFiles({kSeedInput}).totals().accepted);
        QCOMPARE(read.bytesRead, QFileInfo(path).size());
    }

    void testEmptyArchivesAndEmptyFilesReadAsEmpty()
    {
        QTemporaryDir dir;
        QVERIFY(test::writeFile(dir.filePath("empty.jsonl.gz"), test::gzipMember({})));
        QVERIFY(test::writeFile(dir.filePath("empty.jsonl.zst"), test::zstdFrame({})));
        QVERIFY(test::writeFile(dir.filePath("zero-bytes.jsonl.gz"), {}));
        const ReadResult read = readFiles({dir.path()});
        QVERIFY2(read.inputProblems.isEmpty(), qPrintable(read.inputProblems.join('\n')));
        QCOMPARE(read.files.size(), 3u);
        QCOMPARE(read.totals().lines, 0);
        QCOMPARE(read.events->size(), 0u);
    }

    // A folder collects *.jsonl.gz, *.json.zst, *.txt.gz … as it collects their plain names,
    // in name order; the compressed and plain files count their lines alike.
    void testFolderMixesPlainAndCompressedFiles()
    {
        QTemporaryDir dir;
        const QByteArray seed = test::readFile(kSeedInput);
        const QByteArray challenge = test::readFile(kChallengeSample);
        QVERIFY(test::writeFile(dir.filePath("a.jsonl"), seed));
        QVERIFY(test::writeFile(dir.filePath("b.jsonl.gz"), test::pack(Packing::Gzip, challenge)));
        QVERIFY(test::writeFile(dir.filePath("c.json.zst"), test::pack(Packing::Zstd, seed)));
        QVERIFY(test::writeFile(dir.filePath("d.txt.GZ"), test::pack(Packing::Gzip, challenge)));
        QVERIFY(test::writeFile(dir.filePath("notes.gz"), test::pack(Packing::Gzip, seed))); // no event name inside
        QVERIFY(test::writeFile(dir.filePath("orders.csv.gz"), test::pack(Packing::Gzip, seed))); // a table's name

        const ReadResult read = readFiles({dir.path()});
        QVERIFY2(read.inputProblems.isEmpty(), qPrintable(read.inputProblems.join('\n')));
        QStringList names;
        for (const InputFile& f : read.files)
            names << QFileInfo(f.path).fileName();
        QCOMPARE(names, (QStringList{"a.jsonl", "b.jsonl.gz", "c.json.zst", "d.txt.GZ"}));

        const ReadResult plainSeed = readFiles({kSeedInput});
        const ReadResult plainChallenge = readFiles({kChallengeSample});
        QVERIFY(!plainChallenge.rejections.empty());
        for (std::uint32_t file : {0u, 2u})
            QCOMPARE(read.fileStats[file].accepted, plainSeed.totals().accepted);
        for (std::uint32_t file : {1u, 3u}) {
            QCOMPARE(read.fileStats[file].accepted, plainChallenge.totals().accepted);
            QCOMPARE(read.fileStats[file].rejected, plainChallenge.totals().rejected);
        }
        // Rejections keep the plain file's line numbers and reasons.
        std::vector<std::pair<std::uint32_t, std::string>> fromB;
        for (const Rejection& r : read.rejections)
            if (r.file == 1)
                fromB.emplace_back(r.line, r.reason);
        std::vector<std::pair<std::uint32_t, std::string>> fromPlain;
        for (const Rejection& r : plainChallenge.rejections)
            fromPlain.emplace_back(r.line, r.reason);
        QVERIFY(fromB == fromPlain);

        const CollectedInputs tables = collectInputs({dir.path()}, false, InputKind::TransactionTables);
        QCOMPARE(tables.files.size(), 2u); // d.txt.GZ and orders.csv.gz
    }

    // --strict stops at the first rejection: the decoding thread is stopped with it.
    void testStrictStopEndsTheDecoding()
    {
        QTemporaryDir dir;
        QByteArray text = test::readFile(kChallengeSample) + repeatedSeed(40);
        const QString path = dir.filePath("events.jsonl.gz");
        QVERIFY(test::writeFile(path, test::pack(Packing::Gzip, text)));
        ReaderOptions options;
        options.strict = true;
        const ReadResult read = readFiles({path}, options);
        QVERIFY(read.stoppedStrict);
        QCOMPARE(read.rejections.front().line, readFiles({kChallengeSample}, options).rejections.front().line);
    }
};

QTEST_GUILESS_MAIN(TestCompressedInput)
#include "tst_compressedinput.moc"
