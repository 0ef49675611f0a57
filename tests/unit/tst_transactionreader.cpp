// Transaction tables through the real reader (SPEC §11): the CDNOW files as they are, each
// layout, each reason a row is rejected for, and the same events however the reading is
// cut up.
#include "TestSupport.h"

#include "io/ColumnSelection.h"
#include "io/PayloadHash.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <set>

using namespace clv;

namespace {

const QString kMaster = QStringLiteral(CLV_TEST_DATA_DIR "/cdnow/CDNOW_master.txt");
const QString kSample = QStringLiteral(CLV_TEST_DATA_DIR "/cdnow/CDNOW_sample.txt");
constexpr TimeMicros kDay = kSecondsPerDay * kMicrosPerSecond;

ReaderOptions tableOptions(const char* columns = nullptr)
{
    ReaderOptions options;
    options.transactions = TransactionOptions{};
    if (columns)
        options.transactions->columns = parseColumnSelection(columns).selection;
    return options;
}

ReadResult readTable(const std::string& text, const ReaderOptions& options = tableOptions())
{
    return EventReader(options).readText(text, QStringLiteral("t.csv"));
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// What a CDNOW file holds, read here without the reader: the lines split at blanks, the
// amounts summed as cents from their digits.
struct CdnowFacts {
    qint64 rows = 0;
    std::set<QByteArray> customers;
    Cents cents = 0;
};

CdnowFacts cdnowFacts(const QString& path, int idField, int amountField, bool header)
{
    CdnowFacts facts;
    const QList<QByteArray> lines = readAll(path).split('\n');
    for (qsizetype i = header ? 1 : 0; i < lines.size(); ++i) {
        const QList<QByteArray> fields = lines[i].simplified().split(' ');
        if (fields.size() <= amountField)
            continue;
        ++facts.rows;
        facts.customers.insert(fields[idField]);
        const QList<QByteArray> dollarsAndCents = fields[amountField].split('.');
        facts.cents += dollarsAndCents[0].toLongLong() * 100
            + dollarsAndCents.value(1).leftJustified(2, '0').toLongLong();
    }
    return facts;
}

// The purchases (ORDER events) of a read, in input order, without where they came from.
struct Purchase {
    std::string customer;
    TimeMicros time;
    Cents cents;
    bool operator==(const Purchase&) const = default;
};

std::vector<Purchase> purchasesOf(const EventStore& events)
{
    std::vector<Purchase> list;
    for (std::size_t i = 0; i < events.size(); ++i)
        if (events.type(i) == EventType::Order)
            list.push_back({std::string(events.customerId(events.customer(i))), events.time(i), events.amountCents(i)});
    return list;
}

// The ltv table as text, customer by customer, for comparing two runs.
QStringList ltvRows(const ResultTables& t)
{
    QStringList rows;
    for (const LtvRow& row : t.ltv)
        rows << QStringLiteral("%1 %2 %3 %4 %5")
                    .arg(QString::fromStdString(std::string(t.events->customerId(row.customer))))
                    .arg(row.ltv, 0, 'g', 17)
                    .arg(row.visits)
                    .arg(row.orders)
                    .arg(row.totalCents);
    return rows;
}

} // namespace

class TestTransactionReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // A row makes two events, the row's first and second record: the duplicate filter tells
    // them apart by that place, as it does the records of a line holding a JSON array.
    void testPayloadHashesOfARowAreItsTwoRecords()
    {
        ReaderOptions options = tableOptions();
        options.payloadHashes = true;
        const ReadResult r = readTable("customer,date,amount\nc1,1997-01-01,5.00\nbad row\nc2,1997-01-02,6.00\n",
                                       options);
        QCOMPARE(r.events->size(), 4u);
        const std::vector<std::uint64_t> expected = {payloadHash("c1,1997-01-01,5.00", 0),
                                                     payloadHash("c1,1997-01-01,5.00", 1),
                                                     payloadHash("c2,1997-01-02,6.00", 0),
                                                     payloadHash("c2,1997-01-02,6.00", 1)};
        QVERIFY(r.payloadHashes == expected);
    }

    void testCdnowMasterReadsAsItIs()
    {
        const ReadResult r = EventReader(tableOptions()).read({kMaster});
        QVERIFY2(r.inputProblems.isEmpty(), qPrintable(r.inputProblems.join('\n')));
        QVERIFY(r.rejections.empty());
        const CdnowFacts facts = cdnowFacts(kMaster, 0, 3, true);
        QCOMPARE(facts.rows, qint64(69659)); // as the data's provenance says
        const FileStats s = r.totals();
        QCOMPARE(s.accepted, facts.rows);
        QCOMPARE(s.records, facts.rows);
        QCOMPARE(s.lines, facts.rows); // the header is no record
        QCOMPARE(r.events->size(), std::size_t(2 * facts.rows));
        QCOMPARE(std::size_t(r.events->customerIdCount() - 1), facts.customers.size());
        QCOMPARE(facts.customers.size(), std::size_t(23570));
        QCOMPARE(r.events->source(0).line, 2u); // line 1 is the header

        Cents cents = 0;
        const auto& times = r.events->timeColumn();
        for (std::size_t i = 0; i < r.events->size(); ++i)
            cents += r.events->amountCents(i);
        QCOMPARE(cents, facts.cents);
        QCOMPARE(*std::min_element(times.begin(), times.end()), daysFromCivil(1997, 1, 1) * kDay);
        QCOMPARE(*std::max_element(times.begin(), times.end()), daysFromCivil(1998, 6, 30) * kDay);
    }

    void testCdnowSampleNeedsItsColumnsNamed()
    {
        const ReadResult r = EventReader(tableOptions("1,3,5")).read({kSample});
        QVERIFY2(r.inputProblems.isEmpty(), qPrintable(r.inputProblems.join('\n')));
        QVERIFY(r.rejections.empty());
        QCOMPARE(r.totals().accepted, qint64(6919));
        QCOMPARE(r.events->customerIdCount() - 1, 2357u);
        const CdnowFacts facts = cdnowFacts(kSample, 0, 4, false);
        const std::vector<Purchase> purchases = purchasesOf(*r.events);
        Cents cents = 0;
        for (const Purchase& p : purchases)
            cents += p.cents;
        QCOMPARE(cents, facts.cents);
        QCOMPARE(purchases.front(), (Purchase{"00004", daysFromCivil(1997, 1, 1) * kDay, 2933}));

        // Five columns and no header: which is which is the user's to say, once for the file.
        const ReadResult unnamed = EventReader(tableOptions()).read({kSample});
        QCOMPARE(unnamed.inputProblems.size(), 1);
        QVERIFY2(unnamed.inputProblems[0].contains("CDNOW_sample.txt: the table has no header and 5 columns"),
                 qPrintable(unnamed.inputProblems[0]));
        QVERIFY(unnamed.rejections.empty());
        QCOMPARE(unnamed.events->size(), 0u);
    }

    void testEveryLayoutGivesTheSamePurchases_data()
    {
        QTest::addColumn<QByteArray>("table");
        QTest::addColumn<QString>("columns");
        QTest::newRow("csv, event names") << QByteArray("customer_id,event_time,total_amount\n"
                                                        "a,1997-01-01T00:00:00Z,1.50\nb,1997-01-02T00:00:00Z,2\n")
                                          << "";
        QTest::newRow("csv, short names") << QByteArray("id,date,amount\na,19970101,1.5\nb,19970102,2.00\n") << "";
        QTest::newRow("csv, capitalised") << QByteArray("Id,Date,Price\na,1997-01-01,1.50 USD\nb,1997-01-02,2\n") << "";
        QTest::newRow("csv, other order")
            << QByteArray("dollar_value,time,customer\n1.50,19970101,a\n2,19970102,b\n") << "";
        QTest::newRow("tsv") << QByteArray("customer\tdate\tamount\na\t19970101\t1.50\nb\t19970102\t2\n") << "";
        QTest::newRow("blanks, CDNOW style")
            << QByteArray(" customer_id  date number_of_cds  dollar_value\r\n a 19970101  1   1.50\r\n"
                          " b 19970102  3    2.00\r\n")
            << "";
        QTest::newRow("blanks, USD as a field")
            << QByteArray("id date amount\na 19970101 1.50 USD\nb 19970102 2\n") << "";
        QTest::newRow("no header, three columns") << QByteArray("a,19970101,1.50\nb,19970102,2\n") << "";
        QTest::newRow("no header, numbered") << QByteArray("x a 19970101 1.50\nx b 19970102 2\n") << "2,3,4";
        QTest::newRow("quoted") << QByteArray("\"id\",\"date\",\"amount\"\r\n\"a\",\"19970101\",\"1.50\"\r\n"
                                              "b,  \"1997-01-02\" , 2\r\n")
                                << "";
        QTest::newRow("BOM and blank lines") << QByteArray("\xEF\xBB\xBF\n\nid,date,amount\n\na,19970101,1.50\n\n"
                                                           "b,19970102,2")
                                             << "";
    }
    void testEveryLayoutGivesTheSamePurchases()
    {
        QFETCH(QByteArray, table);
        QFETCH(QString, columns);
        const QByteArray selection = columns.toUtf8();
        const ReadResult r = readTable(table.toStdString(),
                                       tableOptions(columns.isEmpty() ? nullptr : selection.constData()));
        QVERIFY2(r.inputProblems.isEmpty(), qPrintable(r.inputProblems.join('\n')));
        QVERIFY2(r.rejections.empty(), r.rejections.empty() ? "" : r.rejections[0].reason.c_str());
        const std::vector<Purchase> expected = {{"a", daysFromCivil(1997, 1, 1) * kDay, 150},
                                                {"b", daysFromCivil(1997, 1, 2) * kDay, 200}};
        QCOMPARE(purchasesOf(*r.events), expected);
        QCOMPARE(r.totals().lines, qint64(2));
        QCOMPARE(r.totals().accepted, qint64(2));
    }

    void testQuotedIdKeepsItsCommaAndQuotes()
    {
        const ReadResult r = readTable("id,date,amount\n\"Smith, \"\"J\"\"\",19970101,1\n");
        QCOMPARE(purchasesOf(*r.events).at(0).customer, std::string("Smith, \"J\""));
    }

    void testDateTimesKeepTheirTime()
    {
        const ReadResult r = readTable("id,date,amount\na,1997-01-01 10:20:30+01:00,1\n");
        QCOMPARE(purchasesOf(*r.events).at(0).time,
                 daysFromCivil(1997, 1, 1) * kDay + (9 * 3600 + 20 * 60 + 30) * 1000000LL);
    }

    void testEachUnusableRowIsRejectedWithItsLineAndReason_data()
    {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QString>("reason");
        QTest::newRow("too few fields") << QByteArray("c,19970101") << "the row has 2 fields, the header 3";
        QTest::newRow("too many fields") << QByteArray("c,19970101,1,2") << "the row has 4 fields, the header 3";
        QTest::newRow("empty id") << QByteArray(" ,19970101,1.00") << "the customer id is empty";
        QTest::newRow("id not UTF-8") << QByteArray("\xff\xfe,19970101,1.00") << "the customer id is not valid UTF-8";
        QTest::newRow("empty date") << QByteArray("c,,1.00") << "the date is empty";
        QTest::newRow("unreadable date") << QByteArray(
            "c,01/02/1997,1.00") << "invalid date \"01/02/1997\": date is not YYYYMMDD, YYYY-MM-DD or a date and time";
        QTest::newRow("impossible date") << QByteArray("c,19970230,1.00")
                                         << "invalid date \"19970230\": day 30 does not exist in that month";
        QTest::newRow("month 13") << QByteArray("c,1997-13-01,1.00") << "month 13 does not exist";
        QTest::newRow("empty amount") << QByteArray("c,19970101,") << "the amount is empty";
        QTest::newRow("negative amount") << QByteArray("c,19970101,-1.00")
                                         << "invalid amount \"-1.00\": amount is negative";
        QTest::newRow("amount not a number") << QByteArray("c,19970101,ten") << "amount must start with a number";
        QTest::newRow("three decimals") << QByteArray("c,19970101,1.005") << "amount has more than 2 decimals";
        QTest::newRow("too large") << QByteArray("c,19970101,1234567890123456") << "amount is too large";
        QTest::newRow("other currency") << QByteArray("c,19970101,1.00 EUR") << "unsupported currency EUR";
        QTest::newRow("broken quote") << QByteArray("\"c,19970101,1.00")
                                      << "the row cannot be split into fields: a quoted field is not closed";
    }
    void testEachUnusableRowIsRejectedWithItsLineAndReason()
    {
        QFETCH(QByteArray, row);
        QFETCH(QString, reason);
        const std::string text = "id,date,amount\r\ngood,19970101,1\r\n\r\n" + row.toStdString()
            + "\r\nok,19970102,2\r\n";
        const ReadResult r = readTable(text);
        QVERIFY(r.inputProblems.isEmpty());
        QCOMPARE(r.rejections.size(), 1u);
        QCOMPARE(r.rejections[0].line, 4u);
        QVERIFY2(QString::fromStdString(r.rejections[0].reason).contains(reason), r.rejections[0].reason.c_str());
        QCOMPARE(r.rejections[0].raw, row.toStdString() + "\r");
        const FileStats s = r.totals();
        QCOMPARE(s.accepted, qint64(2));
        QCOMPARE(s.rejected, qint64(1));
        QCOMPARE(s.accepted + s.rejected, s.lines);
        QCOMPARE(r.events->source(2).line, 5u);
    }

    void testNumberBeyondTheRowIsARejection()
    {
        const ReadResult r = readTable("a 19970101 1 2.50\nb 19970102 3\n", tableOptions("1,2,4"));
        QCOMPARE(r.totals().accepted, qint64(1));
        QCOMPARE(r.rejections.size(), 1u);
        QCOMPARE(r.rejections[0].line, 2u);
        QCOMPARE(r.rejections[0].reason, std::string("the row has 3 fields; the amount is column 4"));
    }

    // A first row whose date cannot be read is a bad row, not a header.
    void testBadFirstRowIsRejectedNotSkipped()
    {
        const ReadResult r = readTable("a 19971301 1.00\nb 19970102 3\n", tableOptions("1,2,3"));
        QCOMPARE(r.rejections.size(), 1u);
        QCOMPARE(r.rejections[0].line, 1u);
        QVERIFY(r.rejections[0].reason.find("month 13 does not exist") != std::string::npos);
        QCOMPARE(r.totals().lines, qint64(2));
    }

    // A header that names no amount is one problem of the file, not a rejection per row; the
    // other files of the run are read.
    void testUnreadableTableIsAnInputProblem()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("a.csv"), "customer_id,date,quantity\nc,19970101,1\nd,19970101,2\n");
        writeFile(dir.filePath("b.csv"), "customer_id,date,price\nc,19970101,1\n");
        const ReadResult r = EventReader(tableOptions()).read({dir.path()});
        QCOMPARE(r.files.size(), 2u);
        QCOMPARE(r.inputProblems.size(), 1);
        QVERIFY2(r.inputProblems[0].contains("a.csv: the header names no column for the amount"),
                 qPrintable(r.inputProblems[0]));
        QVERIFY(r.rejections.empty());
        QCOMPARE(r.fileStats[0].lines, qint64(0));
        QCOMPARE(r.fileStats[1].accepted, qint64(1));
        QCOMPARE(r.events->source(0).file, 1u);
    }

    void testColumnsByNameAndByNumberReadTheSame()
    {
        const std::string text = "Day,Note,Who,Total\n19970105,x,a,3.00\n19970101,y,b,4.25\n";
        const ReadResult byName = readTable(text, tableOptions("who,day,total"));
        const ReadResult byNumber = readTable(text, tableOptions("3,1,4"));
        QCOMPARE(purchasesOf(*byName.events).size(), 2u);
        QCOMPARE(purchasesOf(*byName.events), purchasesOf(*byNumber.events));
        QCOMPARE(purchasesOf(*byName.events)[1].cents, Cents(425));
    }

    void testFolderContributesCsvTsvAndTxtTables()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("a.csv"), "id,date,amount\na,19970101,1\n");
        writeFile(dir.filePath("b.tsv"), "id\tdate\tamount\nb\t19970101\t1\n");
        writeFile(dir.filePath("c.txt"), "c 19970101 1\n");
        writeFile(dir.filePath("d.jsonl"), "{}\n");
        const ReadResult r = EventReader(tableOptions()).read({dir.path()});
        QCOMPARE(r.files.size(), 3u);
        QCOMPARE(r.totals().accepted, qint64(3));
    }

    // Each row is one visit with one order: two rows alike are two purchases, since each
    // row's order is keyed by its own file and line.
    void testEveryRowIsAVisitWithAnOrder()
    {
        const ReadResult r = readTable("id,date,amount\na,19970101,2.50\na,19970101,2.50\na,19970201,1\n");
        QCOMPARE(r.events->size(), 6u);
        QCOMPARE(r.events->type(0), EventType::SiteVisit);
        QCOMPARE(r.events->type(1), EventType::Order);
        QCOMPARE(std::string(r.events->key(1)), std::string("t.csv:2"));
        QCOMPARE(std::string(r.events->key(3)), std::string("t.csv:3"));
        const auto t = Pipeline(Parameters{}).run(r.events);
        const LtvRow* a = test::ltvOf(*t, "a");
        QVERIFY(a);
        QCOMPARE(a->orders, 3);
        QCOMPARE(a->totalCents, Cents(600));
        QCOMPARE(a->visits, 2); // the two purchases of one day share its midnight
        QCOMPARE(t->visits.size(), 6u);
    }

    void testSplitFileAndSmallPiecesReadTheSame()
    {
        QTemporaryDir dir;
        const QByteArray sample = readAll(kSample);
        const qsizetype cut = sample.indexOf('\n', sample.size() / 2) + 1;
        writeFile(dir.filePath("1.txt"), sample.left(cut));
        writeFile(dir.filePath("2.txt"), sample.mid(cut));
        const ReaderOptions whole = tableOptions("1,3,5");
        const ReadResult one = EventReader(whole).read({kSample});
        const ReadResult two = EventReader(whole).read({dir.filePath("1.txt"), dir.filePath("2.txt")});
        QCOMPARE(two.totals().accepted, one.totals().accepted);
        QCOMPARE(purchasesOf(*two.events), purchasesOf(*one.events));
        const auto tablesOne = Pipeline(Parameters{}).run(one.events);
        const auto tablesTwo = Pipeline(Parameters{}).run(two.events);
        QCOMPARE(ltvRows(*tablesTwo), ltvRows(*tablesOne));

        QThreadPool pool;
        pool.setMaxThreadCount(3);
        ReaderOptions small = whole;
        small.pieceBytes = 61; // about two rows a piece, and lines across every step
        small.pool = &pool;
        const ReadResult cut61 = EventReader(small).read({kSample});
        QCOMPARE(cut61.events->size(), one.events->size());
        for (std::size_t i = 0; i < one.events->size(); ++i) {
            QCOMPARE(cut61.events->key(i), one.events->key(i));
            QCOMPARE(cut61.events->source(i).line, one.events->source(i).line);
        }
        QCOMPARE(purchasesOf(*cut61.events), purchasesOf(*one.events));
    }

    // The header is found after blank lines however small the steps, and rows are rejected
    // at the same lines.
    void testHeaderAfterBlankLinesInTinySteps()
    {
        std::string text(150, '\n');
        text += "id,date,amount\na,19970101,1\nb,bad,2\n";
        ReaderOptions tiny = tableOptions();
        tiny.pieceBytes = 3;
        for (const ReaderOptions& options : {tiny, tableOptions()}) {
            const ReadResult r = readTable(text, options);
            QVERIFY(r.inputProblems.isEmpty());
            QCOMPARE(r.totals().accepted, qint64(1));
            QCOMPARE(r.rejections.size(), 1u);
            QCOMPARE(r.rejections[0].line, 153u);
            QCOMPARE(std::string(r.events->key(1)), std::string("t.csv:152"));
        }
    }

    // Fuzzing finding: a first line longer than the limit was refused and the table read by
    // its next line in small steps, while in large steps that next line decided alone. A table
    // whose first line cannot be held now has no layout, in any steps.
    void testOverlongFirstLineMakesTheTableUnreadable()
    {
        const std::string text = "\n" + std::string(300, 'x') + "\nid,date,amount\na,19970101,1\n";
        ReaderOptions tiny = tableOptions();
        tiny.pieceBytes = 3;
        tiny.maxLineBytes = 200;
        ReaderOptions large = tiny;
        large.pieceBytes = 1 << 16;
        for (const ReaderOptions& options : {tiny, large}) {
            const ReadResult r = readTable(text, options);
            QCOMPARE(r.inputProblems.size(), 1);
            QVERIFY2(r.inputProblems[0].startsWith("t.csv: the table's first line (line 2) is longer than"),
                     qPrintable(r.inputProblems[0]));
            QVERIFY(r.rejections.empty());
            QCOMPARE(r.totals().lines, qint64(0));
        }
        // Once the layout is known, an over-long row is one rejected row, as an event line is.
        ReaderOptions later = large;
        const ReadResult r = readTable("id,date,amount\n" + std::string(300, 'x') + "\na,19970101,1\n", later);
        QCOMPARE(r.totals().accepted, qint64(1));
        QCOMPARE(r.rejections.size(), 1u);
        QCOMPARE(r.rejections[0].line, 2u);
    }

    void testStrictStopsAtTheFirstBadRow()
    {
        ReaderOptions options = tableOptions();
        options.strict = true;
        const ReadResult r = readTable("id,date,amount\na,19970101,1\nb,x,2\nc,y,3\n", options);
        QVERIFY(r.stoppedStrict);
        QCOMPARE(r.rejections.size(), 1u);
        QCOMPARE(r.rejections[0].line, 3u);
    }
};

QTEST_GUILESS_MAIN(TestTransactionReader)
#include "tst_transactionreader.moc"
