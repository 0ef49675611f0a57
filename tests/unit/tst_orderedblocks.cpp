#include "export/OrderedBlocks.h"

#include <QBuffer>
#include <QTest>
#include <QThreadPool>

#include <atomic>
#include <string>

using namespace clv;

namespace {

// Accepts `capacity` bytes, then refuses every write, as a full disk does.
class FillingDevice final : public QIODevice {
public:
    explicit FillingDevice(qint64 capacity) : m_capacity(capacity) { open(QIODevice::WriteOnly); }
    qint64 written = 0;

protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char*, qint64 size) override
    {
        if (written >= m_capacity)
            return -1;
        const qint64 n = std::min(size, m_capacity - written);
        written += n;
        return n;
    }

private:
    qint64 m_capacity;
};

std::string rowText(std::size_t row)
{
    return std::to_string(row) + '\n';
}

} // namespace

class TestOrderedBlocks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testRowsComeOutInOrderWhateverTheWorkersAndBlocks_data()
    {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("blockRows");
        QTest::newRow("one worker") << 1 << 1000 << 7;
        QTest::newRow("three workers, many blocks") << 3 << 10007 << 13;
        QTest::newRow("fewer rows than a block") << 2 << 5 << 100;
        QTest::newRow("no rows") << 2 << 0 << 10;
        QTest::newRow("one row a block") << 4 << 300 << 1;
    }
    void testRowsComeOutInOrderWhateverTheWorkersAndBlocks()
    {
        QFETCH(int, threads);
        QFETCH(int, rows);
        QFETCH(int, blockRows);
        QThreadPool pool;
        pool.setMaxThreadCount(threads);
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        const bool ok = writeOrderedBlocks(
            buffer, std::size_t(rows), &pool,
            [](std::size_t begin, std::size_t end, std::string& text) {
                for (std::size_t row = begin; row < end; ++row)
                    text += rowText(row);
            },
            std::size_t(blockRows));
        QVERIFY(ok);
        std::string expected;
        for (int row = 0; row < rows; ++row)
            expected += rowText(std::size_t(row));
        QCOMPARE(buffer.data().toStdString(), expected);
    }

    void testRefusedWriteStopsFormattingAndFails()
    {
        QThreadPool pool;
        pool.setMaxThreadCount(2);
        FillingDevice device(100);
        std::atomic<int> blocksFormatted{0};
        const bool ok = writeOrderedBlocks(
            device, 100000, &pool,
            [&](std::size_t begin, std::size_t end, std::string& text) {
                ++blocksFormatted;
                for (std::size_t row = begin; row < end; ++row)
                    text += rowText(row);
            },
            10);
        QVERIFY(!ok);
        QCOMPARE(device.written, qint64(100));
        // The blocks under way when the write failed are finished, and no more are started: a
        // handful of the 10,000.
        QVERIFY2(blocksFormatted.load() < 16, qPrintable(QString::number(blocksFormatted.load())));
    }

    // A cancel stops the writing before the next block: what is under way is finished, no more
    // is started, and the call fails.
    void testCancelStopsBeforeTheNextBlock()
    {
        QThreadPool pool;
        pool.setMaxThreadCount(2);
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        JobControl control;
        std::atomic<int> blocksFormatted{0};
        const bool ok = writeOrderedBlocks(
            buffer, 100000, &pool,
            [&](std::size_t begin, std::size_t end, std::string& text) {
                if (++blocksFormatted == 3)
                    control.cancel();
                for (std::size_t row = begin; row < end; ++row)
                    text += rowText(row);
            },
            10, &control);
        QVERIFY(!ok);
        QVERIFY2(buffer.size() < qint64(3 * 10 * rowText(99999).size()), qPrintable(QString::number(buffer.size())));
        QVERIFY2(blocksFormatted.load() < 16, qPrintable(QString::number(blocksFormatted.load())));
    }
};

QTEST_APPLESS_MAIN(TestOrderedBlocks)
#include "tst_orderedblocks.moc"