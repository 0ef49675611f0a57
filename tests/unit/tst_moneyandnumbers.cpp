#include "export/CsvField.h"
#include "export/NumberFormat.h"
#include "io/MoneyAmount.h"

#include <QTest>

#include <cmath>

using namespace clv;

class TestMoneyAndNumbers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testAmountsBecomeExactCents_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("cents");
        QTest::newRow("two decimals") << "12.34 USD" << qint64(1234);
        QTest::newRow("one decimal") << "12.5 USD" << qint64(1250);
        QTest::newRow("whole") << "7 USD" << qint64(700);
        QTest::newRow("zero") << "0.00 USD" << qint64(0);
        QTest::newRow("cents only") << "0.10 USD" << qint64(10);
    }
    void testAmountsBecomeExactCents()
    {
        QFETCH(QString, text);
        QFETCH(qint64, cents);
        const MoneyParse parsed = parseMoneyAmount(text.toStdString());
        QVERIFY2(parsed.cents.has_value(), parsed.error.c_str());
        QCOMPARE(*parsed.cents, cents);
    }

    void testRejectedAmounts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("other currency") << "12.34 EUR"
                                        << "unsupported currency EUR";
        QTest::newRow("three decimals") << "12.345 USD"
                                        << "more than 2 decimals";
        QTest::newRow("negative") << "-1.00 USD"
                                  << "negative";
        QTest::newRow("no currency") << "12.34"
                                     << "amount and a currency";
        QTest::newRow("empty currency") << "12.34 "
                                        << "lacks a currency";
        QTest::newRow("not a number") << "abc USD"
                                      << "start with a number";
        QTest::newRow("dot without decimals") << "12. USD"
                                              << "without decimals";
        QTest::newRow("thousands separator") << "1,234.00 USD"
                                             << "not a decimal";
        QTest::newRow("huge") << "12345678901234567890 USD"
                              << "too large";
    }
    void testRejectedAmounts()
    {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        const MoneyParse parsed = parseMoneyAmount(text.toStdString());
        QVERIFY(!parsed.cents.has_value());
        QVERIFY2(QString::fromStdString(parsed.error).contains(reason), parsed.error.c_str());
    }

    void testShortestRoundTripLikePythonRepr_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("seed ltv") << 23516.350000000002 << "23516.350000000002";
        QTest::newRow("whole number gets .0") << 52.0 << "52.0";
        QTest::newRow("zero") << 0.0 << "0.0";
        QTest::newRow("quarter") << 46.6725 << "46.6725";
        QTest::newRow("small fixed") << 0.0001 << "0.0001";
        QTest::newRow("small exponent") << 0.00001 << "1e-05";
        QTest::newRow("large fixed") << 1e15 << "1000000000000000.0";
        QTest::newRow("large exponent") << 1e16 << "1e+16";
        QTest::newRow("mantissa digits") << 1.5e17 << "1.5e+17";
        QTest::newRow("negative") << -2.5 << "-2.5";
        QTest::newRow("third") << 1.0 / 3.0 << "0.3333333333333333";
    }
    void testShortestRoundTripLikePythonRepr()
    {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(formatShortestDouble(value)), text);
    }

    void testCentsPrintAsSeedDollars()
    {
        char buf[40];
        auto fmt = [&](std::int64_t c) {
            return std::string(buf, static_cast<std::size_t>(formatCentsAsDollars(c, buf)));
        };
        QCOMPARE(fmt(5238), std::string("52.38"));
        QCOMPARE(fmt(0), std::string("0.0"));
        QCOMPARE(fmt(10), std::string("0.1"));
        QCOMPARE(fmt(10000), std::string("100.0"));
        QCOMPARE(fmt(18669), std::string("186.69"));
        QCOMPARE(fmt(1205), std::string("12.05"));
    }

    void testCentsBecomeTheDoubleOfTheirDecimalText()
    {
        // What float("12.34") is in Python: the double nearest to the decimal, rounded once.
        QVERIFY(dollarsAsDouble(1234) == 12.34);
        QVERIFY(dollarsAsDouble(5238) == 52.38);
        QVERIFY(dollarsAsDouble(0) == 0.0 && !std::signbit(dollarsAsDouble(0)));
        QVERIFY(dollarsAsDouble(1) == 0.01);
        // Beyond 2^53 cents, double(cents) / 100 rounds twice and misses by one unit.
        const Cents big = 23739688464237218; // 237396884642372.18
        QVERIFY(double(big) / 100.0 != 237396884642372.18);
        QVERIFY(dollarsAsDouble(big) == 237396884642372.18);
        QCOMPARE(formatShortestDouble(dollarsAsDouble(big)), std::string("237396884642372.2"));
        QVERIFY(dollarsAsDouble(99999999999999999) == 999999999999999.99);
    }

    void testCsvFieldsQuotedPerRfc4180()
    {
        std::string out;
        appendCsvField(out, "plain");
        out += '|';
        appendCsvField(out, "a,b");
        out += '|';
        appendCsvField(out, "say \"hi\"");
        out += '|';
        appendCsvField(out, "two\nlines");
        QCOMPARE(out, std::string("plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\""));
    }

    void testFormulaCellsNeutralisedOnlyWhenAsked_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("asIs");
        QTest::addColumn<QString>("neutralised");
        QTest::newRow("equals") << "=1+2"
                                << "=1+2"
                                << "'=1+2";
        QTest::newRow("plus") << "+1"
                              << "+1"
                              << "'+1";
        QTest::newRow("minus") << "-2+3"
                               << "-2+3"
                               << "'-2+3";
        QTest::newRow("at") << "@SUM(A1)"
                            << "@SUM(A1)"
                            << "'@SUM(A1)";
        QTest::newRow("tab") << "\tx"
                             << "\tx"
                             << "'\tx";
        QTest::newRow("carriage return") << "\rx"
                                         << "\"\rx\""
                                         << "\"'\rx\"";
        QTest::newRow("quoted formula") << "=HYPERLINK(\"http://e.invalid\",\"go\")"
                                        << "\"=HYPERLINK(\"\"http://e.invalid\"\",\"\"go\"\")\""
                                        << "\"'=HYPERLINK(\"\"http://e.invalid\"\",\"\"go\"\")\"";
        QTest::newRow("formula sign inside") << "a=b"
                                             << "a=b"
                                             << "a=b";
        QTest::newRow("plain") << "cust42"
                               << "cust42"
                               << "cust42";
        QTest::newRow("empty") << ""
                               << ""
                               << "";
    }

    void testFormulaCellsNeutralisedOnlyWhenAsked()
    {
        QFETCH(QString, field);
        QFETCH(QString, asIs);
        QFETCH(QString, neutralised);
        std::string plain;
        appendCsvField(plain, field.toStdString());
        QCOMPARE(QString::fromStdString(plain), asIs);
        std::string safe;
        appendCsvField(safe, field.toStdString(), CsvOptions{true});
        QCOMPARE(QString::fromStdString(safe), neutralised);
    }
};

QTEST_APPLESS_MAIN(TestMoneyAndNumbers)
#include "tst_moneyandnumbers.moc"
