#include "TestSupport.h"

#include "io/ByteClasses.h"
#include "io/EventFields.h"
#include "io/EventLineParser.h"

#include <QTest>

using namespace clv;

namespace {
// What a parser made of a line, in words: its count, then each outcome in order.
struct OutcomeSink final : RecordSink {
    std::string text;
    void accept(const EventView& e) override
    {
        text += "accepted " + std::to_string(int(e.type)) + "/" + std::to_string(int(e.verb))
            + " key=" + std::string(e.key) + " customer=" + std::string(e.customerId)
            + " time=" + std::to_string(e.time) + " cents=" + std::to_string(e.amountCents);
        for (int d = 0; d < 3; ++d)
            text += e.hasDetail[d] ? " [" + std::string(e.detail[d]) + "]" : " -";
        text += '\n';
    }
    void reject(std::string reason) override { text += "rejected " + reason + '\n'; }
};

std::string outcomes(EventLineParser& parser, std::string_view line)
{
    OutcomeSink sink;
    const int records = parser.parseLine(line, sink);
    return std::to_string(records) + '\n' + sink.text;
}

struct CollectingSink final : RecordSink {
    std::vector<EventRecord> accepted;
    std::vector<std::string> rejected;
    void accept(const EventView& e) override { accepted.push_back(e.record()); }
    void reject(std::string reason) override { rejected.push_back(std::move(reason)); }
};
} // namespace

class TestEventLineParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testEachTypeIsAccepted()
    {
        EventLineParser parser;
        CollectingSink sink;
        parser.parseLine(test::customerLine("c1", "2017-01-06T12:00:00Z"), sink);
        parser.parseLine(test::visitLine("c1", "2017-01-06T12:01:00Z"), sink);
        parser.parseLine(test::imageLine("c1", "2017-01-06T12:02:00Z"), sink);
        parser.parseLine(test::orderLine("c1", "2017-01-06T12:03:00Z", "o1", "12.34 USD"), sink);
        QCOMPARE(sink.rejected.size(), 0u);
        QCOMPARE(sink.accepted.size(), 4u);
        QCOMPARE(sink.accepted[0].customerId, std::string("c1"));
        QCOMPARE(sink.accepted[0].detail[0], std::string("Smith"));
        QCOMPARE(sink.accepted[2].detail[1], std::string("EOS 80D"));
        QCOMPARE(sink.accepted[3].type, EventType::Order);
        QCOMPARE(sink.accepted[3].amountCents, Cents(1234));
        QCOMPARE(sink.accepted[3].customerId, std::string("c1"));
    }

    void testEscapedStringsAreDecoded()
    {
        EventLineParser parser;
        CollectingSink sink;
        parser.parseLine(
            "{\"type\":\"CUSTOMER\",\"verb\":\"NEW\",\"key\":\"c\\u0031\",\"event_time\":\"2017-01-06T12:00:00Z\","
            "\"last_name\":\"O\\\"Brien\"}",
            sink);
        QCOMPARE(sink.accepted.size(), 1u);
        QCOMPARE(sink.accepted[0].key, std::string("c1"));
        QCOMPARE(sink.accepted[0].detail[0], std::string("O\"Brien"));
    }

    void testRejectionReasons_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("reason");
        QTest::newRow("order lacks customer_id")
            << R"({"type":"ORDER","verb":"NEW","key":"o1","event_time":"2017-01-06T12:00:00Z","total_amount":"1.00 USD"})"
            << "ORDER event lacks customer_id";
        QTest::newRow("invalid JSON with offset") << R"({"type": "ORDER", "verb" "NEW"})"
                                                  << "invalid JSON (offset 25)";
        QTest::newRow("unknown type")
            << R"({"type":"TELEPORT","verb":"NEW","key":"k","event_time":"2017-01-06T12:00:00Z"})"
            << "unknown event type TELEPORT";
        QTest::newRow("lacks type") << R"({"verb":"NEW","key":"k"})"
                                    << "event lacks type";
        QTest::newRow("type not a string") << R"({"type":7})"
                                           << "event type must be a string, not a number";
        QTest::newRow("bad verb")
            << R"({"type":"IMAGE","verb":"NEW","key":"k","event_time":"2017-01-06T12:00:00Z","customer_id":"c"})"
            << "IMAGE event has unsupported verb NEW (expected UPLOAD)";
        QTest::newRow("lacks verb") << R"({"type":"CUSTOMER","key":"k","event_time":"2017-01-06T12:00:00Z"})"
                                    << "CUSTOMER event lacks verb";
        QTest::newRow("lacks key") << R"({"type":"CUSTOMER","verb":"NEW","event_time":"2017-01-06T12:00:00Z"})"
                                   << "CUSTOMER event lacks key";
        QTest::newRow("empty key") << R"({"type":"CUSTOMER","verb":"NEW","key":"","event_time":"2017-01-06T12:00:00Z"})"
                                   << "CUSTOMER event has an empty key";
        QTest::newRow("lacks event_time") << R"({"type":"CUSTOMER","verb":"NEW","key":"k"})"
                                          << "CUSTOMER event lacks event_time";
        QTest::newRow("number where a string belongs")
            << R"({"type":"SITE_VISIT","verb":"NEW","key":"p","event_time":"2017-01-06T12:00:00Z","customer_id":12})"
            << "SITE_VISIT event member customer_id must be a string, not a number";
        QTest::newRow("amount as a number")
            << R"({"type":"ORDER","verb":"NEW","key":"o","event_time":"2017-01-06T12:00:00Z","customer_id":"c","total_amount":12.5})"
            << "member total_amount must be a string, not a number";
        QTest::newRow("other currency")
            << R"({"type":"ORDER","verb":"NEW","key":"o","event_time":"2017-01-06T12:00:00Z","customer_id":"c","total_amount":"3.00 EUR"})"
            << "unsupported currency EUR";
        QTest::newRow("bad time")
            << R"({"type":"CUSTOMER","verb":"NEW","key":"k","event_time":"2017-01-06:12:46.384Z"})"
            << "invalid event_time \"2017-01-06:12:46.384Z\"";
        QTest::newRow("optional detail of the wrong kind")
            << R"({"type":"CUSTOMER","verb":"NEW","key":"k","event_time":"2017-01-06T12:00:00Z","last_name":["x"]})"
            << "member last_name must be a string, not an array";
        QTest::newRow("tags not an object")
            << R"({"type":"SITE_VISIT","verb":"NEW","key":"p","event_time":"2017-01-06T12:00:00Z","customer_id":"c","tags":"x"})"
            << "tags must be an object or an array";
        QTest::newRow("not an object") << "42"
                                       << "not a JSON object";
        QTest::newRow("string line") << "\"hello\""
                                     << "not a JSON object";
        QTest::newRow("empty array") << "[]"
                                     << "empty JSON array";
        QTest::newRow("trailing text") << R"({"type":"CUSTOMER"} x)"
                                       << "unexpected text after the value";
        QTest::newRow("NUL byte") << QString::fromLatin1("{\"type\":\"CUS\0TOMER\"}", 20) << "invalid JSON";
        QTest::newRow("deep nesting") << QString(5000, '[') + QString(5000, ']') << "invalid JSON";
    }
    void testRejectionReasons()
    {
        QFETCH(QString, line);
        QFETCH(QString, reason);
        EventLineParser parser;
        CollectingSink sink;
        const std::string text = line.toStdString();
        QCOMPARE(parser.parseLine(text, sink), 1);
        QCOMPARE(sink.accepted.size(), 0u);
        QCOMPARE(sink.rejected.size(), 1u);
        QVERIFY2(QString::fromStdString(sink.rejected[0]).contains(reason), sink.rejected[0].c_str());
    }

    void testInvalidUtf8IsRejected()
    {
        EventLineParser parser;
        CollectingSink sink;
        const std::string line
            = "{\"type\":\"CUSTOMER\",\"verb\":\"NEW\",\"key\":\"\xff\xfe\",\"event_time\":\"2017-01-06T12:00:00Z\"}";
        parser.parseLine(line, sink);
        QCOMPARE(sink.rejected.size(), 1u);
        QVERIFY(QString::fromStdString(sink.rejected[0]).startsWith("invalid JSON"));
    }

    void testOneLineArrayGivesOneRecordPerElement()
    {
        EventLineParser parser;
        CollectingSink sink;
        // Appended, not "[" + ...: GCC 12 warns falsely (-Wrestrict) on that concatenation.
        const std::string line = std::string(1, '[')
                                     .append(test::customerLine("c1", "2017-01-06T12:00:00Z"))
                                     .append(", 5, ")
                                     .append(test::visitLine("c1", "2017-01-06T12:00:00Z"))
                                     .append("]");
        QCOMPARE(parser.parseLine(line, sink), 3);
        QCOMPARE(sink.accepted.size(), 2u);
        QCOMPARE(sink.rejected.size(), 1u);
        QCOMPARE(sink.rejected[0], std::string("element 2: not a JSON object"));
    }

    void testParserIsReusableAfterAnError()
    {
        EventLineParser parser;
        CollectingSink sink;
        parser.parseLine("{\"type\": [1, 2", sink);
        parser.parseLine(test::customerLine("c1", "2017-01-06T12:00:00Z"), sink);
        QCOMPARE(sink.rejected.size(), 1u);
        QCOMPARE(sink.accepted.size(), 1u);
    }

    void testEveryMemberNameIsKnownByItsOwnName()
    {
        for (int f = 0; f < static_cast<int>(EventField::Other); ++f) {
            const auto field = static_cast<EventField>(f);
            const std::string name(eventFieldName(field));
            QCOMPARE(eventFieldFromName(name), field);
            QCOMPARE(eventFieldFromName(name.substr(1)), EventField::Other);
            QCOMPARE(eventFieldFromName(name + "x"), EventField::Other);
            std::string changed = name;
            changed.front() = 'X'; // not "X" + ...: GCC 12 warns falsely (-Wrestrict) on that
            QCOMPARE(eventFieldFromName(changed), EventField::Other);
        }
    }

    // The plain scan reads most lines instead of Boost.JSON; whatever a line holds, the two
    // must come to the same records and the same reasons. Lines near the plain form, each
    // with a byte taken out, a byte put in, or a byte replaced, at every place.
    void testPlainScanAgreesWithTheFullParser()
    {
        const std::vector<std::string> seeds = {
            test::customerLine("c1", "2017-01-06T12:00:00Z"),
            test::visitLine("c1", "2017-01-06T12:01:00.5+01:00"),
            test::imageLine("c1", "2017-01-06T12:02:00Z"),
            test::orderLine("c1", "2017-01-06T12:03:00Z", "o1", "12.34 USD"),
            R"( {"type": "SITE_VISIT", "verb": "NEW", "key": "p", "event_time": "2017-01-06 12:00:00Z", "customer_id": "c",)"
            R"( "tags": {"a": ["b", {"c": null}], "d": true}, "type": "SITE_VISIT", "x": [[], {}, false]} )",
            R"({"type":"CUSTOMER","verb":"UPDATE","key":"k","event_time":"2017-01-06T12:00:00Z","last_name":null,)"
            // Not a raw string: moc misreads a backslash in one.
            "\"adr_city\":\"A\\\"B\",\"adr_state\":\"\\u00e9\"}",
            R"({"type":"ORDER","verb":"NEW","key":"o","event_time":"2017-01-06T12:00:00Z","customer_id":"c",)"
            R"("total_amount":"1.5 USD","n":-1.5e3})",
            "{\"type\":\"IMAGE\",\"verb\":\"UPLOAD\",\"key\":\"\xc3\xa9\",\"customer_id\":\"c\",\"event_time\":"
            "\"2017-01-06T12:00:00Z\",\"camera_make\":\"\x7f\"}",
            R"({})",
            R"({"type":{"type":"ORDER"},"verb":[],"key":true})",
        };
        const std::string inserts = std::string("\"\\{}[]:, \t\r\n0aetfnu\x01\x7f\x80\xff", 25);
        EventLineParser plain;
        EventLineParser full(EventLineParser::Reading::FullParserOnly);
        int lines = 0;
        QString firstDifference;
        auto check = [&](const std::string& line) {
            ++lines;
            const std::string expected = outcomes(full, line);
            const std::string got = outcomes(plain, line);
            if (got != expected && firstDifference.isEmpty())
                firstDifference = QStringLiteral("line %1\nfull parser:\n%2plain scan:\n%3")
                                      .arg(QString::fromStdString(line), QString::fromStdString(expected),
                                           QString::fromStdString(got));
        };
        for (const std::string& seed : seeds) {
            check(seed);
            for (std::size_t at = 0; at <= seed.size(); ++at) {
                if (at < seed.size())
                    check(std::string(seed).erase(at, 1));
                for (char c : inserts) {
                    check(std::string(seed).insert(at, 1, c));
                    if (at < seed.size())
                        check(std::string(seed).replace(at, 1, 1, c));
                }
            }
        }
        QVERIFY2(firstDifference.isEmpty(), qPrintable(firstDifference));
        QVERIFY(lines > 60000);
    }

    // The plain scan classifies 64 bytes at once with SSE2 where there is SSE2, and with
    // ordinary integers elsewhere: both must say the same of every byte at every place.
    void testByteClassesAreTheSameEitherWay()
    {
        char block[64];
        for (int value = 0; value < 256; ++value) {
            for (int at = 0; at < 64; ++at) {
                for (int i = 0; i < 64; ++i)
                    block[i] = "a\"b c{}\x7f\\\x80"[(value + i) % 11];
                block[at] = static_cast<char>(value);
                const ByteClasses fast = classifyBytes(block);
                const ByteClasses portable = classifyBytesPortable(block);
                QCOMPARE(fast.quotes, portable.quotes);
                QCOMPARE(fast.odd, portable.odd);
                const bool odd = value < 0x20 || value >= 0x80 || value == '\\';
                QCOMPARE(bool(portable.odd & (std::uint64_t(1) << at)), odd);
                QCOMPARE(bool(portable.quotes & (std::uint64_t(1) << at)), value == '"');
            }
        }
    }

    void testUnknownMembersAreIgnored()
    {
        EventLineParser parser;
        CollectingSink sink;
        parser.parseLine(
            R"({"type":"CUSTOMER","verb":"NEW","key":"k","event_time":"2017-01-06T12:00:00Z","extra":{"type":"X","deep":[{"verb":1}]}})",
            sink);
        QCOMPARE(sink.rejected.size(), 0u);
        QCOMPARE(sink.accepted.size(), 1u);
        QCOMPARE(sink.accepted[0].type, EventType::Customer);
    }
};

QTEST_APPLESS_MAIN(TestEventLineParser)
#include "tst_eventlineparser.moc"
