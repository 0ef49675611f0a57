#pragma once

#include <QFile>
#include <QString>

#include <cstdint>
#include <string>
#include <string_view>

namespace clv::partition {

// The files of a partitioned run, in its folder DIR:
//
//   DIR/facts.json           the dataset-wide values and run facts (PartitionFacts)
//   DIR/rejected.csv         the rejected lines, exactly as a single run writes them
//   DIR/part-K/events.bin    partition K's accepted events, in input order
//   DIR/part-K/revenue.bin   the order ledger's verdict for those events
//   DIR/part-K/partial/...   what `--from-partition` makes of them (PartialTables)
//
// events.bin: the 8 bytes "CLVPART\n", then u32 format version, u32 K, u32 partition count;
// then one record per event: u8 event type (0 CUSTOMER, 1 SITE_VISIT, 2 IMAGE, 3 ORDER),
// i64 event time (microseconds since 1970 UTC), u32 length and the bytes of the customer id.
// revenue.bin: "CLVREVN\n", u32 version, u32 K; then (u64 row in events.bin, i64 cents) for
// every event that carries its order's revenue, in no particular order.
// All integers little-endian. Only what the per-customer analysis needs is kept: an order's
// key and amount matter only to the ledger, which is settled before the split.
inline constexpr std::uint32_t kFormatVersion = 1;
inline constexpr std::string_view kEventsMagic = "CLVPART\n";
inline constexpr std::string_view kRevenueMagic = "CLVREVN\n";
inline constexpr std::string_view kSpillMagic = "CLVORDS\n";
inline constexpr char kFactsFile[] = "facts.json";
inline constexpr char kEventsFile[] = "events.bin";
inline constexpr char kRevenueFile[] = "revenue.bin";
inline constexpr char kPartialDir[] = "partial";
// Every partition has a file open while the input is split: kept well under the usual
// limit of 1024 open files.
inline constexpr int kMaxPartitions = 512;

QString partitionDirName(int partition);

// Which partition a customer's events go to: a hash of the id's text, the same on every
// machine, so that all events of one customer land together.
int partitionOf(std::string_view customerId, int partitions);

// Buffered little-endian writing to a file; the first failure is kept in error().
class BinaryWriter {
public:
    explicit BinaryWriter(const QString& path) : m_file(path) {}
    bool open();
    void putU8(std::uint8_t v) { m_buffer.push_back(static_cast<char>(v)); }
    void putU32(std::uint32_t v) { putRaw(&v, sizeof v); }
    void putU64(std::uint64_t v) { putRaw(&v, sizeof v); }
    void putI64(std::int64_t v) { putRaw(&v, sizeof v); }
    void putF64(double v) { putRaw(&v, sizeof v); }
    void putBytes(std::string_view bytes)
    {
        putU32(static_cast<std::uint32_t>(bytes.size()));
        m_buffer.append(bytes);
        flushIfFull();
    }
    void putMagic(std::string_view magic) { m_buffer.append(magic); }
    bool close();
    QString error() const { return m_error; }

private:
    void putRaw(const void* p, std::size_t n)
    {
        m_buffer.append(static_cast<const char*>(p), n);
        flushIfFull();
    }
    void flushIfFull()
    {
        if (m_buffer.size() >= (256u << 10))
            flush();
    }
    bool flush();

    QFile m_file;
    std::string m_buffer;
    QString m_error;
};

// Buffered reading of what BinaryWriter wrote; a short file or a bad length is an error.
class BinaryReader {
public:
    explicit BinaryReader(const QString& path) : m_file(path) {}
    bool open();
    bool atEnd();
    bool getU8(std::uint8_t& v) { return getRaw(&v, sizeof v); }
    bool getU32(std::uint32_t& v) { return getRaw(&v, sizeof v); }
    bool getU64(std::uint64_t& v) { return getRaw(&v, sizeof v); }
    bool getI64(std::int64_t& v) { return getRaw(&v, sizeof v); }
    bool getF64(double& v) { return getRaw(&v, sizeof v); }
    bool getBytes(std::string& out, std::uint32_t maxLength = 1u << 30);
    bool expectMagic(std::string_view magic);
    QString error() const { return m_error; }
    QString fileName() const { return m_file.fileName(); }

private:
    bool getRaw(void* p, std::size_t n);
    bool fill(std::size_t n);

    QFile m_file;
    std::string m_buffer;
    std::size_t m_pos = 0;
    QString m_error;
};

} // namespace clv::partition
