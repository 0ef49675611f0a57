#include "generate/FakeDataGenerator.h"
#include "generate/WordLists.h"
#include "util/JobControl.h"

#include <QBuffer>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <boost/json.hpp>

#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace clv;

Q_DECLARE_METATYPE(clv::GeneratorOptions)

namespace {

constexpr qint64 kMillisPerDay = 86'400'000;

// One generated line as the tests see it: its text, and its fields when it is a usable event.
struct Line {
    QByteArray raw;
    std::optional<boost::json::object> event;
    QString type() const { return field("type"); }
    QString verb() const { return field("verb"); }
    QString key() const { return field("key"); }
    QString customer() const { return type() == QLatin1String("CUSTOMER") ? key() : field("customer_id"); }
    qint64 timeMs() const { return QDateTime::fromString(field("event_time"), Qt::ISODateWithMs).toMSecsSinceEpoch(); }
    QString field(const char* name) const
    {
        const boost::json::value* value = event ? event->if_contains(name) : nullptr;
        if (!value || !value->is_string())
            return {};
        const boost::json::string& text = value->get_string();
        return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
    }
    qint64 cents() const
    {
        const QString amount = field("total_amount").chopped(4);
        return qRound64(amount.toDouble() * 100);
    }
};

// What a strict reader would accept: a JSON object of a known type with the seed's fields,
// an exact ISO time with milliseconds and Z, a 12-hex-digit key, and a USD amount for orders.
bool isUsableEvent(const boost::json::object& event)
{
    static const QRegularExpression timePattern(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));
    static const QRegularExpression keyPattern(QStringLiteral("^[0-9a-f]{12}$"));
    static const QRegularExpression amountPattern(QStringLiteral("^\\d+\\.\\d\\d USD$"));
    Line line{{}, event};
    const QString type = line.type();
    const QString verb = line.verb();
    const bool knownVerb = (type == QLatin1String("CUSTOMER")
                            && (verb == QLatin1String("NEW") || verb == QLatin1String("UPDATE")))
        || (type == QLatin1String("SITE_VISIT") && verb == QLatin1String("NEW"))
        || (type == QLatin1String("IMAGE") && verb == QLatin1String("UPLOAD"))
        || (type == QLatin1String("ORDER") && (verb == QLatin1String("NEW") || verb == QLatin1String("UPDATE")));
    if (!knownVerb || !timePattern.match(line.field("event_time")).hasMatch()
        || !QDateTime::fromString(line.field("event_time"), Qt::ISODateWithMs).isValid()
        || !keyPattern.match(line.key()).hasMatch())
        return false;
    if (type != QLatin1String("CUSTOMER") && !keyPattern.match(line.field("customer_id")).hasMatch())
        return false;
    return type != QLatin1String("ORDER") || amountPattern.match(line.field("total_amount")).hasMatch();
}

std::vector<Line> splitLines(const QByteArray& bytes)
{
    std::vector<Line> lines;
    for (const QByteArray& raw : bytes.split('\n')) {
        if (raw.isEmpty())
            continue;
        Line line{raw, std::nullopt};
        boost::system::error_code error;
        const boost::json::value value = boost::json::parse(
            boost::json::string_view(raw.constData(), size_t(raw.size())), error);
        if (!error && value.is_object() && isUsableEvent(value.get_object()))
            line.event = value.get_object();
        lines.push_back(std::move(line));
    }
    return lines;
}

std::vector<std::string> fieldNames(const boost::json::object& event)
{
    std::vector<std::string> names;
    for (const auto& member : event)
        names.emplace_back(member.key());
    return names;
}

// Refuses every write, as a full disk does.
class FullDevice : public QIODevice {
public:
    FullDevice() { open(QIODevice::WriteOnly); }
protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char*, qint64) override
    {
        setErrorString(QStringLiteral("No space left on device"));
        return -1;
    }
};

} // namespace

class TestFakeDataGenerator : public QObject {
    Q_OBJECT

private:
    WordLists m_words;

    GeneratorOptions seedOptions() const { return GeneratorOptions{}; }
    GeneratorOptions realisticOptions() const
    {
        GeneratorOptions options;
        options.mode = GeneratorMode::Realistic;
        options.customers = 300;
        options.weeks = 8;
        return options;
    }
    QByteArray generate(const GeneratorOptions& options, GeneratorReport* report = nullptr) const
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        const GeneratorReport result = FakeDataGenerator(options, m_words).write(buffer);
        if (report)
            *report = result;
        return buffer.data();
    }

private slots:
    void initTestCase()
    {
        QString error;
        std::optional<WordLists> words = WordLists::load(QStringLiteral(CLV_SOURCE_DATA_DIR "/words"), &error);
        QVERIFY2(words, qPrintable(error));
        QCOMPARE(words->cameras().size(), 14);
        QVERIFY(words->states().contains(QStringLiteral("DC")));
        m_words = std::move(*words);
    }

    void testSameSeedGivesSameBytes_data()
    {
        QTest::addColumn<GeneratorOptions>("options");
        QTest::newRow("seed") << seedOptions();
        GeneratorOptions withBadLines = realisticOptions();
        withBadLines.badLines = 17;
        QTest::newRow("realistic with bad lines") << withBadLines;
        GeneratorOptions btyd;
        btyd.mode = GeneratorMode::Btyd;
        btyd.customers = 300;
        btyd.badLines = 5;
        QTest::newRow("btyd with bad lines") << btyd;
    }
    void testSameSeedGivesSameBytes()
    {
        QFETCH(GeneratorOptions, options);
        const QByteArray first = generate(options);
        QVERIFY(!first.isEmpty());
        QCOMPARE(generate(options), first);
    }

    void testDifferentSeedGivesDifferentBytes()
    {
        GeneratorOptions options = realisticOptions();
        const QByteArray first = generate(options);
        options.seed = 2;
        QVERIFY(generate(options) != first);
        options = seedOptions();
        const QByteArray seedFirst = generate(options);
        options.seed = 2;
        QVERIFY(generate(options) != seedFirst);
    }

    void testEveryGoodLineIsAUsableJsonObject_data()
    {
        QTest::addColumn<GeneratorOptions>("options");
        QTest::newRow("seed") << seedOptions();
        QTest::newRow("realistic") << realisticOptions();
    }
    void testEveryGoodLineIsAUsableJsonObject()
    {
        QFETCH(GeneratorOptions, options);
        GeneratorReport report;
        const QByteArray bytes = generate(options, &report);
        QVERIFY2(report.ok(), qPrintable(report.error));
        QCOMPARE(report.bytes, bytes.size());
        QVERIFY(bytes.endsWith('\n'));
        const std::vector<Line> lines = splitLines(bytes);
        QCOMPARE(qint64(lines.size()), report.events);
        for (const Line& line : lines)
            QVERIFY2(line.event, line.raw.constData());
    }

    void testSeedModeLinesHaveTheSeedsFieldOrder()
    {
        const std::map<QString, std::vector<std::string>> expected = {
            {QStringLiteral("CUSTOMER"), {"last_name", "event_time", "verb", "key", "adr_state", "adr_city", "type"}},
            {QStringLiteral("SITE_VISIT"), {"event_time", "tags", "verb", "key", "customer_id", "type"}},
            {QStringLiteral("IMAGE"),
             {"camera_make", "event_time", "camera_model", "verb", "key", "customer_id", "type"}},
            {QStringLiteral("ORDER"), {"total_amount", "event_time", "verb", "key", "customer_id", "type"}},
        };
        for (const Line& line : splitLines(generate(seedOptions()))) {
            QVERIFY(line.event);
            QVERIFY2(fieldNames(*line.event) == expected.at(line.type()), line.raw.constData());
            QVERIFY(line.raw.contains("\", \"") && !line.raw.contains("\":\""));
        }
    }

    void testSeedModeRoundsRepeatCustomerThenVisitUploadOrder()
    {
        const GeneratorOptions options = seedOptions();
        const std::vector<Line> lines = splitLines(generate(options));
        QCOMPARE(lines.size() % 4, size_t(0));
        const QStringList roundTypes = {QStringLiteral("CUSTOMER"), QStringLiteral("SITE_VISIT"),
                                        QStringLiteral("IMAGE"), QStringLiteral("ORDER")};
        std::map<QString, int> roundsPerCustomer;
        std::map<QString, QByteArray> customerRecord;
        for (size_t i = 0; i < lines.size(); i += 4) {
            const QString customer = lines[i].key();
            for (int j = 0; j < 4; ++j) {
                QCOMPARE(lines[i + j].type(), roundTypes[j]);
                QCOMPARE(lines[i + j].customer(), customer);
            }
            // The seed wrote the very same customer record again in each round.
            auto [record, inserted] = customerRecord.emplace(customer, lines[i].raw);
            if (!inserted)
                QCOMPARE(lines[i].raw, record->second);
            ++roundsPerCustomer[customer];
        }
        QCOMPARE(int(roundsPerCustomer.size()), options.customers);
        for (const auto& [customer, rounds] : roundsPerCustomer)
            QVERIFY2(rounds >= 1 && rounds <= options.maxEvents, qPrintable(customer));
    }

    void testSeedModeAmountsStayWithinTenCentsAndHundredDollars()
    {
        int orders = 0;
        for (const Line& line : splitLines(generate(seedOptions()))) {
            if (line.type() != QLatin1String("ORDER"))
                continue;
            ++orders;
            QVERIFY2(line.cents() >= 10 && line.cents() <= 10000, line.raw.constData());
        }
        QVERIFY(orders >= 50);
    }

    void testSeedModeTimesFallOnWholeDaysWithinTheLastDays()
    {
        const GeneratorOptions options = seedOptions();
        const qint64 endMs = options.end.toMSecsSinceEpoch();
        QSet<qint64> daysSeen;
        for (const Line& line : splitLines(generate(options))) {
            const qint64 beforeEnd = endMs - line.timeMs();
            // Whole days back from `end`, plus the generator clock's few milliseconds per event.
            const qint64 daysBack = (beforeEnd + kMillisPerDay - 1) / kMillisPerDay;
            QVERIFY2(daysBack >= 0 && daysBack <= options.days, line.raw.constData());
            QVERIFY2(daysBack * kMillisPerDay - beforeEnd < 60'000, line.raw.constData());
            daysSeen.insert(daysBack);
        }
        QCOMPARE(daysSeen.size(), options.days + 1);
    }

    void testRealisticModeRevisesExistingOrders()
    {
        std::map<QString, std::pair<QString, qint64>> orders; // key -> customer, cents of ORDER NEW
        int updates = 0;
        for (const Line& line : splitLines(generate(realisticOptions()))) {
            if (line.type() != QLatin1String("ORDER"))
                continue;
            if (line.verb() == QLatin1String("NEW")) {
                QVERIFY(orders.emplace(line.key(), std::pair(line.customer(), line.cents())).second);
                continue;
            }
            ++updates;
            const auto order = orders.find(line.key());
            QVERIFY2(order != orders.end(), line.raw.constData());
            QCOMPARE(line.customer(), order->second.first);
            QVERIFY(line.cents() != order->second.second);
        }
        QVERIFY(updates >= 20);
    }

    void testRealisticModeSpreadsActivityOverTheWeeks()
    {
        const GeneratorOptions options = realisticOptions();
        const qint64 startMs = QDateTime(options.start, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        QSet<qint64> weeks;
        QSet<QString> customers;
        int customerUpdates = 0;
        for (const Line& line : splitLines(generate(options))) {
            const qint64 sinceStart = line.timeMs() - startMs;
            QVERIFY2(sinceStart >= 0 && sinceStart < (qint64(options.weeks) * 7 + 2) * kMillisPerDay,
                     line.raw.constData());
            weeks.insert(sinceStart / (7 * kMillisPerDay));
            customers.insert(line.customer());
            customerUpdates += line.type() == QLatin1String("CUSTOMER") && line.verb() == QLatin1String("UPDATE");
        }
        QVERIFY(weeks.size() >= options.weeks);
        QCOMPARE(customers.size(), options.customers);
        QVERIFY(customerUpdates >= 10);
    }

    void testRealisticModeEventsFollowTheirCustomerRecordWithinAVisit()
    {
        std::map<QString, qint64> lastEventOfCustomer;
        qint64 previousTime = 0;
        for (const Line& line : splitLines(generate(realisticOptions()))) {
            // A run smaller than one planning block comes out in time order.
            QVERIFY2(line.timeMs() >= previousTime, line.raw.constData());
            previousTime = line.timeMs();
            const auto last = lastEventOfCustomer.find(line.customer());
            if (line.type() == QLatin1String("CUSTOMER") && line.verb() == QLatin1String("NEW")) {
                QVERIFY2(last == lastEventOfCustomer.end(), line.raw.constData());
                lastEventOfCustomer[line.customer()] = line.timeMs();
                continue;
            }
            QVERIFY2(last != lastEventOfCustomer.end(), line.raw.constData());
            // Uploads and orders come minutes after the visit's previous event: the same session.
            const bool followsInVisit = line.type() == QLatin1String("IMAGE") || line.type() == QLatin1String("ORDER");
            if (followsInVisit)
                QVERIFY2(line.timeMs() - last->second < 30 * 60'000, line.raw.constData());
            last->second = line.timeMs();
        }
    }

    void testBadLinesAreCountedAndUnusable()
    {
        GeneratorOptions options = realisticOptions();
        options.badLines = 40;
        GeneratorReport report;
        const QByteArray bytes = generate(options, &report);
        QVERIFY2(report.ok(), qPrintable(report.error));
        QCOMPARE(report.badLines, 40);
        qint64 good = 0;
        qint64 bad = 0;
        for (const Line& line : splitLines(bytes)) {
            if (line.event)
                ++good;
            else
                ++bad;
        }
        QCOMPARE(bad, 40);
        QCOMPARE(good, report.events);
        // Every kind shows up once N reaches the number of kinds.
        QVERIFY(bytes.contains("\"type\": \"TELEPORT\""));
        QVERIFY(bytes.contains(" EUR\""));
        QVERIFY(bytes.contains('\0'));
        QVERIFY(bytes.contains("M\xFCller"));
        QVERIFY(QRegularExpression(QStringLiteral("\"\\d{4}-\\d\\d-\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\""))
                    .match(QString::fromLatin1(bytes))
                    .hasMatch());
    }

    void testBadLinesLeaveTheGoodLinesUnchanged()
    {
        GeneratorOptions options = seedOptions();
        const QByteArray clean = generate(options);
        options.badLines = 25;
        QByteArray goodOnly;
        for (const Line& line : splitLines(generate(options))) {
            if (line.event)
                goodOnly += line.raw + '\n';
        }
        QCOMPARE(goodOnly, clean);
    }

    void testValidationGivesPlainMessages()
    {
        QCOMPARE(FakeDataGenerator::validate(seedOptions()), QString());
        QCOMPARE(FakeDataGenerator::validate(realisticOptions()), QString());
        GeneratorOptions options = seedOptions();
        options.customers = 0;
        QCOMPARE(FakeDataGenerator::validate(options), QStringLiteral("customers must be at least 1"));
        options = seedOptions();
        options.badLines = -1;
        QCOMPARE(FakeDataGenerator::validate(options), QStringLiteral("bad lines must not be negative"));
        options = seedOptions();
        options.maxEvents = 0;
        QCOMPARE(FakeDataGenerator::validate(options), QStringLiteral("max events must be at least 1"));
        options = realisticOptions();
        options.weeks = 0;
        QCOMPARE(FakeDataGenerator::validate(options), QStringLiteral("weeks must be at least 1"));
        options.weeks = 100000;
        QCOMPARE(FakeDataGenerator::validate(options), QStringLiteral("weeks must be at most 1040"));
        options = realisticOptions();
        options.days = 0; // only seed mode reads days
        QCOMPARE(FakeDataGenerator::validate(options), QString());

        GeneratorReport report;
        options.maxVisits = 0;
        QVERIFY(generate(options, &report).isEmpty());
        QCOMPARE(report.error, QStringLiteral("max visits must be at least 1"));
    }

    void testBtydValidationNamesTheParameter_data()
    {
        QTest::addColumn<QString>("parameter");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("message");
        const double infinity = std::numeric_limits<double>::infinity();
        const double notANumber = std::numeric_limits<double>::quiet_NaN();
        for (const char* name : {"r", "alpha", "a", "b", "p", "q", "gamma"}) {
            const QString parameter = QLatin1String(name);
            QTest::addRow("%s zero", name) << parameter << 0.0 << parameter + QStringLiteral(" must be greater than 0");
            QTest::addRow("%s negative", name)
                << parameter << -1.5 << parameter + QStringLiteral(" must be greater than 0");
            QTest::addRow("%s infinite", name)
                << parameter << infinity << parameter + QStringLiteral(" must be a finite number");
            QTest::addRow("%s not a number", name)
                << parameter << notANumber << parameter + QStringLiteral(" must be a finite number");
        }
    }
    void testBtydValidationNamesTheParameter()
    {
        QFETCH(QString, parameter);
        QFETCH(double, value);
        QFETCH(QString, message);
        GeneratorOptions options;
        options.mode = GeneratorMode::Btyd;
        QCOMPARE(FakeDataGenerator::validate(options), QString());
        BtydParameters& model = options.btyd;
        const std::map<QString, double*> fields = {
            {QStringLiteral("r"), &model.r},         {QStringLiteral("alpha"), &model.alpha},
            {QStringLiteral("a"), &model.a},         {QStringLiteral("b"), &model.b},
            {QStringLiteral("p"), &model.p},         {QStringLiteral("q"), &model.q},
            {QStringLiteral("gamma"), &model.gamma},
        };
        *fields.at(parameter) = value;
        QCOMPARE(FakeDataGenerator::validate(options), message);
        GeneratorReport report;
        QVERIFY(generate(options, &report).isEmpty());
        QCOMPARE(report.error, message);
    }

    void testBtydValidationOfSpanAndRate()
    {
        GeneratorOptions options;
        options.mode = GeneratorMode::Btyd;
        options.maxVisits = 0; // read by other modes only
        options.days = 0;
        QCOMPARE(FakeDataGenerator::validate(options), QString());
        options.cohortWeeks = 0;
        QCOMPARE(FakeDataGenerator::validate(options), QStringLiteral("cohort weeks must be at least 1"));
        options.cohortWeeks = 200; // more than `weeks`: clipped to the span
        QCOMPARE(FakeDataGenerator::validate(options), QString());
        options.weeks = 0;
        QCOMPARE(FakeDataGenerator::validate(options), QStringLiteral("weeks must be at least 1"));
        options.weeks = 1040;
        options.btyd.alpha = 0.01; // 24 purchases a week
        QCOMPARE(FakeDataGenerator::validate(options),
                 QStringLiteral(
                     "r / alpha × weeks (the mean purchases of a customer who never drops out) must be at most "
                     "10000"));
        options.weeks = 52;
        QCOMPARE(FakeDataGenerator::validate(options), QString());
        options.customers = 0;
        QCOMPARE(FakeDataGenerator::validate(options), QStringLiteral("customers must be at least 1"));
    }

    void testCancelStopsWithCancelledError()
    {
        JobControl control;
        control.cancel();
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        const GeneratorReport report = FakeDataGenerator(realisticOptions(), m_words).write(buffer, &control);
        QCOMPARE(report.error, QStringLiteral("cancelled"));
    }

    void testProgressEndsAtOne()
    {
        QList<double> fractions;
        JobControl control([&](const QString& stage, double fraction) {
            QCOMPARE(stage, QStringLiteral("Generating"));
            fractions.append(fraction);
        });
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(FakeDataGenerator(seedOptions(), m_words).write(buffer, &control).ok());
        QVERIFY(!fractions.isEmpty());
        QCOMPARE(fractions.constLast(), 1.0);
    }

    void testWriteFailureGivesPlainError()
    {
        FullDevice device;
        const GeneratorReport report = FakeDataGenerator(seedOptions(), m_words).write(device);
        QCOMPARE(report.error, QStringLiteral("could not write the output: No space left on device"));
    }

    void testMissingWordListIsNamedInError()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const char* name : {"last_names.txt", "cities.txt", "states.txt"}) {
            QFile file(dir.filePath(QLatin1String(name)));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("Smith\n");
        }
        QString error;
        QVERIFY(!WordLists::load(dir.path(), &error));
        QVERIFY2(error.contains(QStringLiteral("cameras.txt")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestFakeDataGenerator)
#include "tst_fakedatagenerator.moc"
