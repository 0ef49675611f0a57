#include "io/EventTime.h"

#include <QTest>

#include <cstdio>

using namespace clv;

class TestEventTime : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testAcceptedSeparatorsAndZones_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("expectedMicros");
        // 2017-01-06T12:45:52Z = 1483706752 s since the epoch.
        QTest::newRow("T and Z") << "2017-01-06T12:45:52Z" << qint64(1483706752) * 1000000;
        QTest::newRow("lower t") << "2017-01-06t12:45:52Z" << qint64(1483706752) * 1000000;
        QTest::newRow("space") << "2017-01-06 12:45:52Z" << qint64(1483706752) * 1000000;
        QTest::newRow("colon, as the challenge wrote it")
            << "2017-01-06:12:45:52.041Z" << qint64(1483706752) * 1000000 + 41000;
        QTest::newRow("positive offset folds to UTC") << "2017-01-06T14:45:52+02:00" << qint64(1483706752) * 1000000;
        QTest::newRow("negative offset folds to UTC") << "2017-01-06T07:15:52-05:30" << qint64(1483706752) * 1000000;
        QTest::newRow("microseconds kept, more dropped")
            << "2017-01-06T12:45:52.1234567Z" << qint64(1483706752) * 1000000 + 123456;
        QTest::newRow("leap day") << "2016-02-29T00:00:00Z" << qint64(1456704000) * 1000000;
        QTest::newRow("before the epoch") << "1969-12-31T23:59:59.5Z" << qint64(-500000);
    }
    void testAcceptedSeparatorsAndZones()
    {
        QFETCH(QString, text);
        QFETCH(qint64, expectedMicros);
        const auto parsed = parseEventTime(text.toStdString());
        QVERIFY2(parsed.time.has_value(), parsed.error.c_str());
        QCOMPARE(*parsed.time, expectedMicros);
    }

    void testRejectedTimes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reasonPart");
        QTest::newRow("no seconds (challenge sample)") << "2017-01-06:12:46.384Z"
                                                       << "lacks seconds";
        QTest::newRow("dotted seconds (challenge sample)") << "2017-01-06:12:55.55.555Z"
                                                           << "lacks seconds";
        QTest::newRow("month 13") << "2017-13-06T12:00:00Z"
                                  << "month 13";
        QTest::newRow("February 30") << "2017-02-30T12:00:00Z"
                                     << "day 30";
        QTest::newRow("February 29 of a common year") << "2017-02-29T12:00:00Z"
                                                      << "day 29";
        QTest::newRow("hour 25") << "2017-01-06T25:00:00Z"
                                 << "clock time";
        QTest::newRow("minute 60") << "2017-01-06T12:60:00Z"
                                   << "clock time";
        QTest::newRow("no zone") << "2017-01-06T12:00:00"
                                 << "zone missing";
        QTest::newRow("bad offset") << "2017-01-06T12:00:00+2:00"
                                    << "offset";
        QTest::newRow("trailing text") << "2017-01-06T12:00:00Zjunk"
                                       << "after the time zone";
        QTest::newRow("empty fraction") << "2017-01-06T12:00:00.Z"
                                        << "no digits";
        QTest::newRow("wrong separator") << "2017-01-06X12:00:00Z"
                                         << "separated";
        QTest::newRow("not a date") << "yesterday"
                                    << "YYYY-MM-DD";
        QTest::newRow("empty") << ""
                               << "YYYY-MM-DD";
    }
    void testRejectedTimes()
    {
        QFETCH(QString, text);
        QFETCH(QString, reasonPart);
        const auto parsed = parseEventTime(text.toStdString());
        QVERIFY(!parsed.time.has_value());
        QVERIFY2(QString::fromStdString(parsed.error).contains(reasonPart), parsed.error.c_str());
    }

    // YYYY-MM-DDTHH:MM:SS.mmmZ, nearly every event's shape, is read at fixed places; it must
    // come to what the general reading makes of the same time written another way, and leave
    // impossible dates and times to it, with its reasons.
    void testCommonShapeReadsAsTheGeneralForm()
    {
        const std::int64_t first = daysFromCivil(1899, 12, 25);
        for (std::int64_t day = first; day <= daysFromCivil(2101, 1, 5); day += 3) {
            int year = 0;
            unsigned month = 0, dayOfMonth = 0;
            civilFromDays(day, year, month, dayOfMonth);
            const auto step = static_cast<int>(day - first);
            const int second = step * 7919 % 86400;
            char common[64];
            char general[64];
            std::snprintf(common, sizeof common, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", year, month, dayOfMonth,
                          second / 3600, second / 60 % 60, second % 60, step % 1000);
            std::snprintf(general, sizeof general, "%04d-%02u-%02ut%02d:%02d:%02d.%03d+00:00", year, month, dayOfMonth,
                          second / 3600, second / 60 % 60, second % 60, step % 1000);
            const EventTimeParse a = parseEventTime(common);
            const EventTimeParse b = parseEventTime(general);
            QVERIFY2(a.time && a.time == b.time, common);
        }
        for (const char* impossible :
             {"2023-02-29T00:00:00.000Z", "2024-13-01T00:00:00.000Z", "2024-00-01T00:00:00.000Z",
              "2024-04-31T00:00:00.000Z", "2024-01-00T00:00:00.000Z", "2024-01-01T24:00:00.000Z",
              "2024-01-01T00:60:00.000Z", "2024-01-01T00:00:60.000Z", "2024-01-01T00:00:0x.000Z",
              "2024-01-01T00:00:00.00xZ"}) {
            const EventTimeParse parsed = parseEventTime(impossible);
            QVERIFY2(!parsed.time && !parsed.error.empty(), impossible);
        }
        QCOMPARE(parseEventTime("2024-02-29T23:59:59.999Z").time.value(),
                 parseEventTime("2024-03-01T00:00:00.999+00:00").time.value() - 1000000);
    }

    void testCivilDaysRoundTrip()
    {
        for (std::int64_t days = -800000; days <= 800000; days += 997) {
            int y = 0;
            unsigned m = 0, d = 0;
            civilFromDays(days, y, m, d);
            QCOMPARE(daysFromCivil(y, m, d), days);
        }
        QCOMPARE(weekdayFromDays(daysFromCivil(2017, 2, 12)), 0); // a Sunday
        QCOMPARE(weekdayFromDays(daysFromCivil(2017, 2, 18)), 6); // a Saturday
    }

    void testFormatEventTimeIsIsoUtcWithMilliseconds()
    {
        const auto parsed = parseEventTime("2017-02-23T16:59:24.755Z");
        QCOMPARE(formatEventTime(*parsed.time), std::string("2017-02-23T16:59:24.755Z"));
    }
};

QTEST_APPLESS_MAIN(TestEventTime)
#include "tst_eventtime.moc"
