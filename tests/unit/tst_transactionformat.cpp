// The parts a transaction table is read with, one by one: --columns, the fields of a line,
// the layout decided from the first line, and the table's dates and amounts.
#include "io/ColumnSelection.h"
#include "io/EventTime.h"
#include "io/FieldCursor.h"
#include "io/MoneyAmount.h"
#include "io/TransactionFormat.h"

#include <QTest>

#include <string>
#include <vector>

using namespace clv;

namespace {

QStringList fieldsOf(const std::string& line, FieldSeparator separator, QString* error = nullptr)
{
    QStringList fields;
    FieldCursor cursor(line, separator);
    std::string_view field;
    while (cursor.next(field))
        fields << QString::fromUtf8(field.data(), static_cast<qsizetype>(field.size()));
    if (error)
        *error = cursor.error() ? QString::fromLatin1(cursor.error()) : QString();
    return fields;
}

TransactionOptions withColumns(const char* columns)
{
    TransactionOptions options;
    options.columns = parseColumnSelection(columns).selection;
    return options;
}

constexpr TimeMicros kDay = kSecondsPerDay * kMicrosPerSecond;

} // namespace

class TestTransactionFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testColumnSelectionTakesNamesAndNumbers()
    {
        const ColumnSelectionParse numbers = parseColumnSelection("1,3,5");
        QVERIFY2(numbers.selection, numbers.error.c_str());
        QCOMPARE(numbers.selection->id.number, 1);
        QCOMPARE(numbers.selection->date.number, 3);
        QCOMPARE(numbers.selection->amount.number, 5);
        const ColumnSelectionParse names = parseColumnSelection(" customer , Date,2");
        QVERIFY2(names.selection, names.error.c_str());
        QCOMPARE(names.selection->id.name, std::string("customer"));
        QCOMPARE(names.selection->date.name, std::string("Date"));
        QCOMPARE(names.selection->amount.number, 2);
        QVERIFY(names.selection->id.byName());
        QVERIFY(!names.selection->amount.byName());
    }

    void testBadColumnSelectionsSayWhy_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("two columns") << "1,2"
                                     << "give three columns, ID,DATE,AMOUNT (names or 1-based numbers), not 2";
        QTest::newRow("four columns") << "1,2,3,4"
                                      << "not 4";
        QTest::newRow("nothing") << ""
                                 << "the id column is missing";
        QTest::newRow("empty date") << "id,,amount"
                                    << "the date column is missing";
        QTest::newRow("column 0") << "0,1,2"
                                  << "column numbers start at 1";
        QTest::newRow("beyond any table") << "1,2,99999999999"
                                          << "is beyond 10000";
        QTest::newRow("same number twice") << "1,1,2"
                                           << "the id and the date cannot be the same column (1)";
        QTest::newRow("same name in another case") << "id,date,DATE"
                                                   << "the date and the amount cannot be the same column";
    }
    void testBadColumnSelectionsSayWhy()
    {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        const ColumnSelectionParse parsed = parseColumnSelection(text.toStdString());
        QVERIFY(!parsed.selection);
        QVERIFY2(QString::fromStdString(parsed.error).contains(reason), parsed.error.c_str());
    }

    void testSeparatorIsGuessedTabThenCommaThenBlanks()
    {
        QCOMPARE(guessFieldSeparator("a\tb,c\td"), FieldSeparator::Tab);
        QCOMPARE(guessFieldSeparator("a,b c,d"), FieldSeparator::Comma);
        QCOMPARE(guessFieldSeparator("   00001 19970101  1   11.77\r"), FieldSeparator::Blanks);
    }

    void testFieldsOfEachSeparator()
    {
        QCOMPARE(fieldsOf(" a , b ,c,\r", FieldSeparator::Comma), (QStringList{"a", "b", "c", ""}));
        QCOMPARE(fieldsOf("a b\t c\t\t\r", FieldSeparator::Tab), (QStringList{"a b", "c", "", ""}));
        QCOMPARE(fieldsOf("   00001 19970101  1   11.77\r", FieldSeparator::Blanks),
                 (QStringList{"00001", "19970101", "1", "11.77"}));
        QCOMPARE(fieldsOf(" \r", FieldSeparator::Blanks), QStringList{});
    }

    void testQuotedFieldsHoldSeparatorsAndDoubledQuotes()
    {
        QCOMPARE(fieldsOf("\"Smith, J\", \"say \"\"hi\"\"\",\"\"  ,x\"y", FieldSeparator::Comma),
                 (QStringList{"Smith, J", "say \"hi\"", "", "x\"y"}));
        QCOMPARE(fieldsOf("\"a\tb\"\tc", FieldSeparator::Tab), (QStringList{"a\tb", "c"}));
        // Blank-separated tables know no quoting.
        QCOMPARE(fieldsOf("\"a b\"", FieldSeparator::Blanks), (QStringList{"\"a", "b\""}));
    }

    void testBrokenQuotesStopTheLine()
    {
        QString error;
        QCOMPARE(fieldsOf("a,\"b,c", FieldSeparator::Comma, &error), QStringList{"a"});
        QCOMPARE(error, QStringLiteral("a quoted field is not closed"));
        QCOMPARE(fieldsOf("\"b\"x,c", FieldSeparator::Comma, &error), QStringList{});
        QCOMPARE(error, QStringLiteral("text follows a quoted field's closing quote"));
    }

    void testHeaderNamesFindTheColumns_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<int>("id");
        QTest::addColumn<int>("date");
        QTest::addColumn<int>("amount");
        QTest::newRow("event style") << "customer_id,event_time,total_amount" << 0 << 1 << 2;
        QTest::newRow("short names") << "id,date,amount" << 0 << 1 << 2;
        QTest::newRow("capitalised") << "Id,Date,Price" << 0 << 1 << 2;
        QTest::newRow("CDNOW master") << " customer_id  date number_of_cds  dollar_value\r" << 0 << 1 << 3;
        QTest::newRow("other order, upper case") << "AMOUNT\tCUSTOMER\tTIME" << 1 << 2 << 0;
        QTest::newRow("the customer's id before an order id") << "id,customer_id,date,price" << 1 << 2 << 3;
    }
    void testHeaderNamesFindTheColumns()
    {
        QFETCH(QString, header);
        QFETCH(int, id);
        QFETCH(int, date);
        QFETCH(int, amount);
        const TransactionLayoutParse parsed = detectTransactionLayout(header.toStdString(), {});
        QVERIFY2(parsed.layout, parsed.problem.c_str());
        QCOMPARE(parsed.layout->idColumn, id);
        QCOMPARE(parsed.layout->dateColumn, date);
        QCOMPARE(parsed.layout->amountColumn, amount);
        QVERIFY(parsed.layout->hasHeader());
    }

    void testFirstRowOfThreeColumnsNeedsNoHeader()
    {
        const TransactionLayoutParse parsed = detectTransactionLayout("c1,1997-01-01,3.50", {});
        QVERIFY2(parsed.layout, parsed.problem.c_str());
        QVERIFY(!parsed.layout->hasHeader());
        QCOMPARE(parsed.layout->dateColumn, 1);
    }

    // With numbered columns the first line is a header only when neither its date nor its
    // amount can be read: a first row with one bad value stays a row, to be rejected.
    void testNumberedColumnsTellAHeaderFromARow()
    {
        const auto header = detectTransactionLayout("who when what much", withColumns("1,2,4"));
        QVERIFY(header.layout && header.layout->headerFields == 4);
        const auto row = detectTransactionLayout("00004 0001 19970101 2 29.33", withColumns("1,3,5"));
        QVERIFY(row.layout && !row.layout->hasHeader());
        QCOMPARE(row.layout->amountColumn, 4);
        const auto badDate = detectTransactionLayout("c1 19971301 2.00", withColumns("1,2,3"));
        QVERIFY(badDate.layout && !badDate.layout->hasHeader());
    }

    void testNamedColumnsAreLookedUpInTheHeader()
    {
        const auto parsed = detectTransactionLayout("Day,Who,Total,Note", withColumns("who,DAY,3"));
        QVERIFY2(parsed.layout, parsed.problem.c_str());
        QCOMPARE(parsed.layout->idColumn, 1);
        QCOMPARE(parsed.layout->dateColumn, 0);
        QCOMPARE(parsed.layout->amountColumn, 2);
        QCOMPARE(parsed.layout->headerFields, 4);
    }

    void testTablesThatCannotBeReadSayWhy_data()
    {
        QTest::addColumn<QString>("firstLine");
        QTest::addColumn<QString>("columns");
        QTest::addColumn<QString>("problem");
        QTest::newRow("no amount name") << "customer_id,date,quantity"
                                        << ""
                                        << "the header names no column for the amount (total_amount, amount, "
                                           "dollar_value or price)";
        QTest::newRow("summary, not purchases") << "ID,x,t_x,T,zbar"
                                                << ""
                                                << "no column for the date (event_time, date or time), nor the amount";
        QTest::newRow("unknown names") << "a,b,c"
                                       << ""
                                       << "the first line names no id, date and amount columns (its columns: \"a\"";
        QTest::newRow("CDNOW sample, columns not given") << "00004 0001 19970101 2 29.33"
                                                         << ""
                                                         << "no header and 5 columns";
        QTest::newRow("named column missing") << "id,date,amount"
                                              << "id,date,price"
                                              << "the header has no column \"price\" for the amount";
        QTest::newRow("number beyond the header") << "who,when,much"
                                                  << "who,when,4"
                                                  << "the amount column, 4, is beyond the header's 3 columns";
        QTest::newRow("a name and a number for one column") << "who,when,much"
                                                            << "who,1,much"
                                                            << "the id and the date are the same column (1)";
        QTest::newRow("broken header") << "\"id,date,amount"
                                       << ""
                                       << "cannot be split into fields: a quoted field is not closed";
    }
    void testTablesThatCannotBeReadSayWhy()
    {
        QFETCH(QString, firstLine);
        QFETCH(QString, columns);
        QFETCH(QString, problem);
        const TransactionOptions options = columns.isEmpty() ? TransactionOptions{}
                                                             : withColumns(columns.toStdString().c_str());
        const TransactionLayoutParse parsed = detectTransactionLayout(firstLine.toStdString(), options);
        QVERIFY(!parsed.layout);
        QVERIFY2(QString::fromStdString(parsed.problem).contains(problem), parsed.problem.c_str());
    }

    void testDatesBecomeMidnightUtcOrTheirTime_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("micros");
        const auto newYear1997 = qint64(daysFromCivil(1997, 1, 1) * kDay);
        QTest::newRow("YYYYMMDD") << "19970101" << newYear1997;
        QTest::newRow("YYYY-MM-DD") << "1997-01-01" << newYear1997;
        QTest::newRow("leap day") << "19960229" << qint64(daysFromCivil(1996, 2, 29) * kDay);
        QTest::newRow("date-time") << "1997-01-01T10:20:30Z" << newYear1997 + (10 * 3600 + 20 * 60 + 30) * 1000000LL;
        QTest::newRow("date-time with offset") << "1997-01-01 02:00:00+02:00" << newYear1997;
    }
    void testDatesBecomeMidnightUtcOrTheirTime()
    {
        QFETCH(QString, text);
        QFETCH(qint64, micros);
        const EventTimeParse parsed = parseDateOrEventTime(text.toStdString());
        QVERIFY2(parsed.time, parsed.error.c_str());
        QCOMPARE(*parsed.time, micros);
    }

    void testImpossibleAndUnreadableDates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("month 13") << "19971301"
                                  << "month 13 does not exist";
        QTest::newRow("February 29 of 1997") << "1997-02-29"
                                             << "day 29 does not exist in that month";
        QTest::newRow("day first") << "01/02/1997"
                                   << "date is not YYYYMMDD, YYYY-MM-DD or a date and time";
        QTest::newRow("seven digits") << "1997011"
                                      << "date is not YYYYMMDD";
        QTest::newRow("date-time without seconds") << "1997-01-01T10:20Z"
                                                   << "time lacks seconds";
        QTest::newRow("trailing text") << "1997-01-01x"
                                       << "date and time must be separated";
    }
    void testImpossibleAndUnreadableDates()
    {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        const EventTimeParse parsed = parseDateOrEventTime(text.toStdString());
        QVERIFY(!parsed.time);
        QVERIFY2(QString::fromStdString(parsed.error).contains(reason), parsed.error.c_str());
    }

    void testPlainAmounts()
    {
        QCOMPARE(parsePlainAmount("29.33").cents, std::optional<Cents>(2933));
        QCOMPARE(parsePlainAmount("0").cents, std::optional<Cents>(0));
        QCOMPARE(parsePlainAmount("7.5 USD").cents, std::optional<Cents>(750));
        QCOMPARE(parsePlainAmount("1.005").error, std::string("amount has more than 2 decimals"));
        QCOMPARE(parsePlainAmount("-2").error, std::string("amount is negative"));
        QCOMPARE(parsePlainAmount("7.5 EUR").error, std::string("unsupported currency EUR"));
        QCOMPARE(parsePlainAmount("$7").error, std::string("amount must start with a number, like \"12.34\""));
        // The event files' rule is unchanged: there a currency is required.
        QVERIFY(!parseMoneyAmount("7.5").cents);
        QCOMPARE(parseMoneyAmount("-1 USD").error, std::string("total_amount is negative"));
    }
};

QTEST_APPLESS_MAIN(TestTransactionFormat)
#include "tst_transactionformat.moc"
