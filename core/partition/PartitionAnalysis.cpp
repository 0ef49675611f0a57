#include "partition/PartitionAnalysis.h"

#include "etl/OrderLedger.h"
#include "etl/Pipeline.h"
#include "export/OutputSet.h"
#include "export/TableCsv.h"
#include "export/WriteFully.h"
#include "partition/PartitionFormat.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace clv {

using partition::BinaryReader;

namespace {

struct LoadedPartition {
    std::shared_ptr<EventStore> events = std::make_shared<EventStore>();
    std::vector<Cents> revenue;
};

bool loadEvents(const QString& dir, int k, LoadedPartition& part, QString* error)
{
    BinaryReader in(QDir(dir).filePath(partition::kEventsFile));
    std::uint32_t version = 0, index = 0, count = 0;
    if (!in.open() || !in.expectMagic(partition::kEventsMagic) || !in.getU32(version) || !in.getU32(index)
        || !in.getU32(count)) {
        *error = in.error();
        return false;
    }
    if (version != partition::kFormatVersion || index != static_cast<std::uint32_t>(k)) {
        *error = QStringLiteral("%1 is partition %2 of format version %3, not partition %4 of version %5")
                     .arg(in.fileName())
                     .arg(index)
                     .arg(version)
                     .arg(k)
                     .arg(partition::kFormatVersion);
        return false;
    }
    EventRecord record;
    while (!in.atEnd()) {
        std::uint8_t type = 0;
        if (!in.getU8(type) || !in.getI64(record.time) || !in.getBytes(record.customerId)) {
            *error = in.error();
            return false;
        }
        if (type > static_cast<std::uint8_t>(EventType::Order)) {
            *error = QStringLiteral("%1 is damaged (event type %2)").arg(in.fileName()).arg(type);
            return false;
        }
        record.type = static_cast<EventType>(type);
        part.events->append(record, SourceRef{});
    }
    return true;
}

bool loadRevenue(const QString& dir, int k, LoadedPartition& part, QString* error)
{
    BinaryReader in(QDir(dir).filePath(partition::kRevenueFile));
    std::uint32_t version = 0, index = 0;
    if (!in.open() || !in.expectMagic(partition::kRevenueMagic) || !in.getU32(version) || !in.getU32(index)) {
        *error = in.error();
        return false;
    }
    if (version != partition::kFormatVersion || index != static_cast<std::uint32_t>(k)) {
        *error = QStringLiteral("%1 does not belong to partition %2").arg(in.fileName()).arg(k);
        return false;
    }
    part.revenue.assign(part.events->size(), OrderLedger::kNoRevenue);
    while (!in.atEnd()) {
        std::uint64_t row = 0;
        Cents cents = 0;
        if (!in.getU64(row) || !in.getI64(cents)) {
            *error = in.error();
            return false;
        }
        if (row >= part.revenue.size() || part.events->type(row) != EventType::Order || cents < 0) {
            *error = QStringLiteral("%1 is damaged (row %2)").arg(in.fileName()).arg(row);
            return false;
        }
        part.revenue[row] = cents;
    }
    return true;
}

std::string indexBytes(const ResultTables& tables, int k)
{
    const EventStore& events = *tables.events;
    std::vector<std::uint32_t> placeOf(events.customerIdCount(), 0);
    std::string out(kPartialIndexMagic);
    auto putU32 = [&out](std::uint32_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); };
    putU32(partition::kFormatVersion);
    putU32(static_cast<std::uint32_t>(k));
    putU32(static_cast<std::uint32_t>(tables.ltv.size()));
    // Both tables are grouped by customer in ascending id order, every customer with rows in each.
    const VisitsTable& v = tables.visits;
    const WeeklyTable& w = tables.weekly;
    std::size_t vi = 0, wi = 0;
    std::uint32_t place = 0;
    while (vi < v.size()) {
        const std::uint32_t customer = v.customer[vi];
        std::uint32_t visitRows = 0, weeklyRows = 0;
        for (; vi < v.size() && v.customer[vi] == customer; ++vi)
            ++visitRows;
        for (; wi < w.size() && w.customer[wi] == customer; ++wi)
            ++weeklyRows;
        const std::string_view id = events.customerId(customer);
        putU32(static_cast<std::uint32_t>(id.size()));
        out.append(id);
        putU32(visitRows);
        putU32(weeklyRows);
        placeOf[customer] = place++;
    }
    for (const LtvRow& row : tables.ltv) {
        out.append(reinterpret_cast<const char*>(&row.ltv), sizeof row.ltv);
        putU32(placeOf[row.customer]);
    }
    return out;
}

} // namespace

int partitionIndexOf(const QString& partitionDir, const PartitionFacts& facts, QString* error)
{
    const QString name = QFileInfo(QDir::cleanPath(partitionDir)).fileName();
    for (int k = 0; k < facts.partitions; ++k)
        if (name == partition::partitionDirName(k))
            return k;
    *error = QStringLiteral("%1 is not one of the %2 partition folders part-0 … part-%3")
                 .arg(partitionDir)
                 .arg(facts.partitions)
                 .arg(facts.partitions - 1);
    return -1;
}

PartialTablesResult analysePartition(const QString& partitionDir, const PartitionFacts& facts, const QString& outputDir,
                                     QThreadPool* pool)
{
    PartialTablesResult result;
    QElapsedTimer clock;
    clock.start();
    const int k = partitionIndexOf(partitionDir, facts, &result.error);
    if (k < 0)
        return result;
    LoadedPartition part;
    if (!loadEvents(partitionDir, k, part, &result.error) || !loadRevenue(partitionDir, k, part, &result.error))
        return result;
    std::shared_ptr<const ResultTables> tables;
    if (!part.events->empty()) {
        if (!facts.lastDayOfData) {
            result.error = QStringLiteral("the facts file gives no last day of data for partition %1").arg(k);
            return result;
        }
        tables
            = Pipeline(facts.parameters, pool).runResolved(part.events, std::move(part.revenue), *facts.lastDayOfData);
    } else {
        auto empty = std::make_shared<ResultTables>();
        empty->events = part.events;
        empty->parameters = facts.parameters;
        tables = empty;
    }
    result.counts = {static_cast<qint64>(tables->ltv.size()), static_cast<qint64>(tables->visits.size()),
                     static_cast<qint64>(tables->weekly.size())};
    result.analyseMs = clock.elapsed();

    CsvOptions csv;
    csv.neutraliseFormulas = facts.csvSafe;
    const QByteArray report = QJsonDocument(QJsonObject{{"format_version", int(partition::kFormatVersion)},
                                                        {"partition", k},
                                                        {"customers", result.counts.customers},
                                                        {"visits_rows", result.counts.visitsRows},
                                                        {"weekly_rows", result.counts.weeklyRows},
                                                        {"analyse_ms", result.analyseMs}})
                                  .toJson(QJsonDocument::Indented);
    const TableCsvOptions options{csv, pool, nullptr};
    const std::vector<NamedOutput> outputs = {
        {kPartialVisitsFile, [&](QIODevice& d) { return writeVisitsCsv(*tables, d, options); }},
        {kPartialWeeklyFile, [&](QIODevice& d) { return writeWeeklyCsv(*tables, d, options); }},
        {kPartialLtvFile, [&](QIODevice& d) { return writeLtvCsv(*tables, d, -1, options); }},
        {kPartialIndexFile,
         [&](QIODevice& d) { return writeFully(d, QByteArray::fromStdString(indexBytes(*tables, k))); }},
        // Written last: its presence says the partition's other files are whole.
        {kPartialReportFile, [&](QIODevice& d) { return writeFully(d, report); }},
    };
    const OutputSetResult written = writeOutputSet(outputDir, outputs);
    if (!written.ok())
        result.error = written.error;
    return result;
}

} // namespace clv
