// The workspace's event blocks (schema 6): the varints they are written in, events, payload
// hashes and schema 5's raw lines that come back exactly as they went in, and damaged blocks that are refused with a
// message instead of being read past their end.

#include "WorkspaceTestSupport.h"

#include "io/EventReader.h"
#include "store/BlockCompression.h"
#include "store/ByteCoding.h"
#include "store/EventBlockCodec.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace clv;
using namespace clv::test;

namespace {

// Every row of `store` through blocks of at most `perBlock` events into a new store.
EventStore roundTrip(const EventStore& store, std::size_t perBlock)
{
    EventStore copy;
    for (std::size_t from = 0; from < store.size(); from += perBlock) {
        const std::size_t count = std::min(perBlock, store.size() - from);
        const QByteArray block = EventBlockCodec::encodeEvents(store, from, count);
        std::string raw;
        EventColumns columns;
        QString error;
        if (!EventBlockCodec::decodeEvents(block, raw, columns, &error))
            qFatal("a fresh block does not decode: %s", qPrintable(error));
        copy.appendColumns(columns, 7);
    }
    return copy;
}

void compareStores(const EventStore& expected, const EventStore& actual)
{
    QCOMPARE(actual.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const EventRecord a = actual.record(i);
        const EventRecord e = expected.record(i);
        QCOMPARE(a.type, e.type);
        QCOMPARE(a.verb, e.verb);
        QCOMPARE(a.key, e.key);
        QCOMPARE(a.customerId, e.customerId);
        QCOMPARE(a.time, e.time);
        QCOMPARE(a.amountCents, e.amountCents);
        for (int d = 0; d < EventStore::kDetailCount; ++d) {
            QCOMPARE(a.hasDetail[d], e.hasDetail[d]);
            QCOMPARE(a.detail[d], e.detail[d]);
        }
        QCOMPARE(actual.source(i).line, expected.source(i).line);
        QCOMPARE(actual.source(i).file, 7u);
    }
}

} // namespace

class TestEventBlocks : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testVarintsRoundTripAtTheirEdges()
    {
        const std::uint64_t unsignedValues[] = {0, 1, 127, 128, 16383, 16384, UINT32_MAX, UINT64_MAX};
        const std::int64_t signedValues[] = {0,
                                             -1,
                                             1,
                                             -64,
                                             64,
                                             INT32_MIN,
                                             std::numeric_limits<std::int64_t>::min(),
                                             std::numeric_limits<std::int64_t>::max()};
        ByteWriter out;
        for (std::uint64_t v : unsignedValues)
            out.varint(v);
        for (std::int64_t v : signedValues)
            out.signedVarint(v);
        out.text("héllo");
        ByteReader in(out.bytes());
        for (std::uint64_t v : unsignedValues) {
            std::uint64_t read = 0;
            QVERIFY(in.varint(read));
            QCOMPARE(read, v);
        }
        for (std::int64_t v : signedValues) {
            std::int64_t read = 0;
            QVERIFY(in.signedVarint(read));
            QCOMPARE(read, v);
        }
        std::string_view text;
        QVERIFY(in.text(text));
        QCOMPARE(QString::fromUtf8(text.data(), qsizetype(text.size())), QStringLiteral("héllo"));
        QVERIFY(in.atEnd());
        std::uint64_t past = 0;
        QVERIFY(!in.varint(past));

        // Eleven continuation bytes are no varint; a text longer than what is left is no text.
        const std::string overlong(11, '\x80');
        ByteReader tooLong(overlong);
        QVERIFY(!tooLong.varint(past));
        ByteWriter shortText;
        shortText.varint(10);
        ByteReader truncated(shortText.bytes() + "abc");
        QVERIFY(!truncated.text(text));
    }

    void testEventsComeBackExactly()
    {
        QTemporaryDir dir;
        const QString generated = dir.filePath("events.jsonl");
        QVERIFY(generateEvents(generated, 400));
        const ReadResult read = EventReader(ReaderOptions{}).read({kSeedInput, kChallengeInput, generated});
        const EventStore& store = *read.events;
        QVERIFY(store.size() > 5000);
        for (std::size_t perBlock : {std::size_t(1), std::size_t(97), EventBlockCodec::kEventsPerBlock}) {
            compareStores(store, roundTrip(store, perBlock));
            if (QTest::currentTestFailed())
                return;
        }
    }

    void testRawLinesComeBackExactly()
    {
        const std::string joined = std::string("{\"a\": 1}\n") + "\n" + "[{\"b\": \"ü\"}, {\"b\": 2}]\r\n";
        const QByteArray block = EventBlockCodec::encodeLines(joined);
        std::string text;
        std::vector<std::string_view> lines;
        QString error;
        QVERIFY2(EventBlockCodec::decodeLines(block, text, lines, &error), qPrintable(error));
        QCOMPARE(lines.size(), std::size_t(3));
        QCOMPARE(std::string(lines[0]), std::string("{\"a\": 1}"));
        QCOMPARE(std::string(lines[1]), std::string());
        QCOMPARE(std::string(lines[2]), std::string("[{\"b\": \"ü\"}, {\"b\": 2}]\r"));

        QVERIFY(!EventBlockCodec::decodeLines(EventBlockCodec::encodeLines("no end"), text, lines, &error));
        QVERIFY2(error.contains("damaged"), qPrintable(error));
    }

    void testPayloadHashesComeBackExactly()
    {
        const std::vector<std::uint64_t> hashes = {0, 1, 0x0123456789abcdefull, ~std::uint64_t(0),
                                                   0x8000000000000000ull};
        const QByteArray bytes = EventBlockCodec::encodePayloadHashes(hashes.data(), hashes.size());
        QCOMPARE(bytes.size(), qsizetype(8 * hashes.size()));
        QCOMPARE(bytes.mid(16, 8), QByteArray::fromHex("efcdab8967452301")); // least significant byte first
        std::vector<std::uint64_t> back(hashes.size());
        QString error;
        QVERIFY2(EventBlockCodec::decodePayloadHashes(bytes, back.size(), back.data(), &error), qPrintable(error));
        QVERIFY(back == hashes);

        // A block whose bytes do not hold one hash per event is damaged, either way.
        QVERIFY(!EventBlockCodec::decodePayloadHashes(bytes.chopped(1), back.size(), back.data(), &error));
        QVERIFY2(error.contains("damaged"), qPrintable(error));
        QVERIFY(!EventBlockCodec::decodePayloadHashes(bytes, back.size() - 1, back.data(), &error));
    }

    void testDamagedBlocksAreRefused()
    {
        const ReadResult read = EventReader(ReaderOptions{}).read({kSeedInput});
        const QByteArray block = EventBlockCodec::encodeEvents(*read.events, 0, read.events->size());
        std::string raw;
        QString error;
        QVERIFY(decompressBlock(block, raw, std::size_t(1) << 30, &error));

        auto decodes = [](const QByteArray& bytes, QString* why) {
            std::string unpacked;
            EventColumns columns;
            return EventBlockCodec::decodeEvents(bytes, unpacked, columns, why);
        };
        // Not a zstd frame at all, and a frame cut short.
        QVERIFY(!decodes(QByteArray("not a block"), &error));
        QVERIFY(!decodes(block.left(block.size() / 2), &error));
        QVERIFY(!error.isEmpty());
        // Every shorter body is refused: columns end early, or an index runs out of its dictionary.
        for (std::size_t size = 0; size < raw.size(); size += 1 + size / 50) {
            error.clear();
            QVERIFY2(!decodes(compressBlock(std::string_view(raw).substr(0, size)), &error),
                     qPrintable(QString::number(size)));
            QVERIFY(!error.isEmpty());
        }
        QVERIFY(!decodes(compressBlock(raw + "x"), &error));
        QVERIFY2(error.contains("trailing bytes"), qPrintable(error));
        // Bytes changed at random: refused or read as some events, but never read out of bounds.
        QRandomGenerator random(20261202);
        for (int round = 0; round < 2000; ++round) {
            std::string changed = raw;
            for (int k = 0; k < 1 + round % 4; ++k)
                changed[random.bounded(quint32(changed.size()))] = char(random.bounded(256));
            error.clear();
            if (!decodes(compressBlock(changed), &error))
                QVERIFY(!error.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestEventBlocks)
#include "tst_eventblocks.moc"
