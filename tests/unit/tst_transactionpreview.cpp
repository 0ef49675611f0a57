// The preview File ▸ Open Transactions shows before a table is read: its first rows as the
// reader splits them, the separator and header found, and the columns chosen for the user.
#include "io/EventReader.h"
#include "io/TransactionPreview.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <string>
#include <vector>

using namespace clv;

namespace {

const QString kCdnowSample = QStringLiteral(CLV_TEST_DATA_DIR "/cdnow/CDNOW_sample.txt");
const QString kSeedEvents = QStringLiteral(CLV_TEST_DATA_DIR "/seed/input.txt");

TransactionPreview previewOf(const std::string& text)
{
    const TransactionPreviewRead read = previewTransactionText(text);
    if (!read.preview)
        qFatal("no preview: %s", qPrintable(read.error));
    return *read.preview;
}

std::vector<std::string> strings(std::initializer_list<const char*> items)
{
    return {items.begin(), items.end()};
}

// The lines of a real file, split by runs of blanks: the file's own layout, read without the
// code under test.
QList<QStringList> blankSeparatedLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        qFatal("cannot read %s", qPrintable(path));
    QList<QStringList> lines;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (!line.isEmpty())
            lines << line.split(QRegularExpression(QStringLiteral("\\s+")));
    }
    return lines;
}

QStringList qfields(const std::vector<std::string>& fields)
{
    QStringList list;
    for (const std::string& f : fields)
        list << QString::fromStdString(f);
    return list;
}

} // namespace

class TestTransactionPreview : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testCsvWithHeaderFindsTheNamedColumns()
    {
        const TransactionPreview p = previewOf("order,Date,Price,Customer\n"
                                               "o1,2020-01-02,3.50,c1\n"
                                               "o2,2020-01-03,4,c2\n");
        QCOMPARE(p.separator, FieldSeparator::Comma);
        QVERIFY(p.hasHeader);
        QCOMPARE(p.header, strings({"order", "Date", "Price", "Customer"}));
        QCOMPARE(p.detected, (std::array<int, 3>{3, 1, 2}));
        QVERIFY(p.detectionProblem.empty());
        QCOMPARE(p.rows.size(), std::size_t(2));
        QCOMPARE(p.rows[0].line, 2u);
        QCOMPARE(p.rows[1].fields, strings({"o2", "2020-01-03", "4", "c2"}));
        QCOMPARE(p.columnCount, 4);
        QVERIFY(p.looksLikeTable());
    }

    void testQuotedCsvFieldsAreSplitAsTheReaderSplitsThem()
    {
        const TransactionPreview p = previewOf("customer,date,amount\n\"Smith, J\",20200102,\"7.5 USD\"\n");
        QCOMPARE(p.rows[0].fields, strings({"Smith, J", "20200102", "7.5 USD"}));
    }

    void testTsvWithHeader()
    {
        const TransactionPreview p = previewOf("id\tevent_time\ttotal_amount\tnote\nc1\t2020-01-02\t9.99\ta, b\n");
        QCOMPARE(p.separator, FieldSeparator::Tab);
        QVERIFY(p.hasHeader);
        QCOMPARE(p.detected, (std::array<int, 3>{0, 1, 2}));
        QCOMPARE(p.rows[0].fields, strings({"c1", "2020-01-02", "9.99", "a, b"}));
    }

    void testHeaderlessThreeColumnsAreIdDateAmount()
    {
        const TransactionPreview p = previewOf("c1,2020-01-02,3.50\nc2,2020-01-05,1\n");
        QVERIFY(!p.hasHeader);
        QCOMPARE(p.detected, (std::array<int, 3>{0, 1, 2}));
        QCOMPARE(p.rows.size(), std::size_t(2));
        QCOMPARE(p.rows[0].line, 1u);
    }

    // CDNOW_master.txt names its columns (leading blanks, Windows line ends): a new user
    // opening it from the menu finds id, date and dollar value already chosen.
    void testCdnowMasterHeaderChoosesItsColumns()
    {
        const TransactionPreviewRead read = previewTransactionFile(
            QStringLiteral(CLV_TEST_DATA_DIR "/cdnow/CDNOW_master.txt"));
        QVERIFY2(read.preview, qPrintable(read.error));
        const TransactionPreview& p = *read.preview;
        QVERIFY(p.hasHeader);
        QCOMPARE(p.header, strings({"customer_id", "date", "number_of_cds", "dollar_value"}));
        QCOMPARE(p.detected, (std::array<int, 3>{0, 1, 3}));
        QCOMPARE(p.rows.front().fields, strings({"00001", "19970101", "1", "11.77"}));
        QCOMPARE(p.rows.front().line, 2u);
    }

    void testWhitespaceTableWithoutHeaderLeavesTheColumnsToTheUser()
    {
        const TransactionPreviewRead read = previewTransactionFile(kCdnowSample);
        QVERIFY2(read.preview, qPrintable(read.error));
        const TransactionPreview& p = *read.preview;
        const QList<QStringList> lines = blankSeparatedLines(kCdnowSample);
        QCOMPARE(p.separator, FieldSeparator::Blanks);
        QVERIFY(!p.hasHeader);
        QVERIFY(!p.columnsDetected());
        QVERIFY(!p.detectionProblem.empty());
        QVERIFY(p.looksLikeTable());
        QCOMPARE(p.rows.size(), std::size_t(kPreviewRows));
        QCOMPARE(p.columnCount, lines.first().size());
        for (int i = 0; i < kPreviewRows; ++i) {
            QCOMPARE(p.rows[static_cast<std::size_t>(i)].line, std::uint32_t(i + 1));
            QCOMPARE(qfields(p.rows[static_cast<std::size_t>(i)].fields), lines[i]);
        }
    }

    void testChosenColumnsReadTheWholeFileWithoutRejections()
    {
        const TransactionPreview p = *previewTransactionFile(kCdnowSample).preview;
        const TransactionLayoutParse layout = p.layoutWith(0, 2, 4);
        QVERIFY(layout.layout);
        QVERIFY(!layout.layout->hasHeader());
        ReaderOptions options;
        options.transactions = transactionOptionsFor(0, 2, 4);
        const ReadResult read = EventReader(options).read({kCdnowSample});
        QVERIFY(read.inputProblems.isEmpty());
        QCOMPARE(read.rejections.size(), std::size_t(0));
        QCOMPARE(read.events->size(), std::size_t(2 * blankSeparatedLines(kCdnowSample).size()));
    }

    void testChosenColumnsAreJudgedAsTheReaderJudgesThem()
    {
        const TransactionPreview p = previewOf("who,when,what\nc1,2020-01-02,3\n");
        QVERIFY(p.hasHeader);
        QVERIFY(!p.columnsDetected());
        QVERIFY(!p.looksLikeTable());
        QVERIFY(p.layoutWith(0, 1, 2).layout);
        QVERIFY(p.layoutWith(0, 1, 2).layout->hasHeader());
        const TransactionLayoutParse same = p.layoutWith(0, 1, 1);
        QVERIFY(!same.layout);
        QVERIFY2(QString::fromStdString(same.problem).contains(QStringLiteral("same column")), same.problem.c_str());
    }

    void testWindowsLineEndsAreNotPartOfTheLastField()
    {
        const TransactionPreview p = previewOf("id,date,amount\r\nc1,2020-01-02,3.50\r\nc2,2020-01-03,4\r\n");
        QCOMPARE(p.header, strings({"id", "date", "amount"}));
        QCOMPARE(p.detected, (std::array<int, 3>{0, 1, 2}));
        QCOMPARE(p.rows[0].fields, strings({"c1", "2020-01-02", "3.50"}));
        QCOMPARE(p.firstLine, std::string("id,date,amount"));
    }

    void testByteOrderMarkIsNotPartOfTheFirstName()
    {
        const TransactionPreview p = previewOf("\xEF\xBB\xBF"
                                               "customer,date,price\nc1,20200102,1.00\n");
        QCOMPARE(p.header.front(), std::string("customer"));
        QCOMPARE(p.detected, (std::array<int, 3>{0, 1, 2}));
    }

    void testBlankLinesAreSkippedButCounted()
    {
        const TransactionPreview p = previewOf("\n  \nid,date,amount\n\nc1,2020-01-02,3\n");
        QVERIFY(p.hasHeader);
        QCOMPARE(p.rows.size(), std::size_t(1));
        QCOMPARE(p.rows[0].line, 5u);
    }

    void testOnlyTheFirstRowsAreKept()
    {
        std::string text = "id,date,amount\n";
        for (int i = 0; i < 50; ++i) {
            text += 'c';
            text += std::to_string(i);
            text += ",2020-01-02,1\n";
        }
        QCOMPARE(previewTransactionText(text, 7).preview->rows.size(), std::size_t(7));
        QCOMPARE(previewTransactionText(text).preview->rows.back().fields[0], std::string("c19"));
    }

    void testEmptyFileIsRefused_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("no bytes") << QByteArray();
        QTest::newRow("blank lines") << QByteArray("\n \r\n\t\n");
        QTest::newRow("byte order mark only") << QByteArray("\xEF\xBB\xBF");
    }

    void testEmptyFileIsRefused()
    {
        QFETCH(QByteArray, text);
        const TransactionPreviewRead read = previewTransactionText(std::string_view(text.constData(), text.size()));
        QVERIFY(!read.preview);
        QVERIFY2(read.error.contains(QStringLiteral("empty")), qPrintable(read.error));
    }

    void testJsonEventFileIsRefused()
    {
        const TransactionPreviewRead read = previewTransactionFile(kSeedEvents);
        QVERIFY(!read.preview);
        QVERIFY2(read.error.contains(QStringLiteral("JSON events")), qPrintable(read.error));
        QVERIFY(!previewTransactionText("\n  [{\"type\": \"ORDER\"}]\n").preview);
    }

    void testUnreadableFileIsSaid()
    {
        QTemporaryDir dir;
        const TransactionPreviewRead read = previewTransactionFile(dir.filePath(QStringLiteral("missing.csv")));
        QVERIFY(!read.preview);
        QVERIFY2(read.error.startsWith(QStringLiteral("The file cannot be read")), qPrintable(read.error));
    }

    void testLargeFileIsPreviewedFromItsStart()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("big.csv")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("customer_id,event_time,amount\n");
        const QByteArray row(",2020-01-02,12.34\n");
        for (int i = 0; i < 200000; ++i) // about 4 MB: more than a preview reads
            file.write("customer" + QByteArray::number(i) + row);
        file.close();
        const TransactionPreviewRead read = previewTransactionFile(file.fileName());
        QVERIFY(read.preview);
        QCOMPARE(read.preview->rows.size(), std::size_t(kPreviewRows));
        QCOMPARE(read.preview->rows.back().fields[0], std::string("customer19"));
    }

    void testOptionsAreColumnsByNumberAsTheCommandLineGivesThem()
    {
        const TransactionOptions options = transactionOptionsFor(0, 2, 4);
        QVERIFY(options.columns);
        QCOMPARE(options.columns->id.text(), std::string("1"));
        QCOMPARE(options.columns->date.text(), std::string("3"));
        QCOMPARE(options.columns->amount.text(), std::string("5"));
    }
};

QTEST_GUILESS_MAIN(TestTransactionPreview)
#include "tst_transactionpreview.moc"
