#include "partition/PartitionMerge.h"

#include "export/OutputExporter.h"
#include "export/TableCsv.h"
#include "export/WriteFully.h"
#include "partition/PartialRows.h"
#include "partition/PartitionAnalysis.h"
#include "partition/PartitionFacts.h"
#include "partition/PartitionFormat.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <queue>

namespace clv {

using partition::BinaryReader;

namespace {

struct PartialIndex {
    QString dir;
    std::vector<std::string> ids; // ascending
    std::vector<std::uint32_t> visitRows;
    std::vector<std::uint32_t> weeklyRows;
    std::vector<std::pair<double, std::uint32_t>> ltv; // LTV, place in ids; in ltv.csv order
};

bool loadPartial(const QString& dir, int k, PartialIndex& index, MergeResult& result)
{
    index.dir = dir;
    QFile reportFile(QDir(dir).filePath(kPartialReportFile));
    if (!reportFile.open(QIODevice::ReadOnly)) {
        result.error = QStringLiteral("partition %1 has not been analysed: %2 is missing (run clv-etl "
                                      "--from-partition on it first)")
                           .arg(k)
                           .arg(reportFile.fileName());
        return false;
    }
    const QJsonObject report = QJsonDocument::fromJson(reportFile.readAll()).object();
    if (report.value("partition").toInt(-1) != k
        || report.value("format_version").toInt() != static_cast<int>(partition::kFormatVersion)) {
        result.error
            = QStringLiteral("%1 does not belong to partition %2 of this run").arg(reportFile.fileName()).arg(k);
        return false;
    }
    result.analyseMs += report.value("analyse_ms").toInteger();
    BinaryReader in(QDir(dir).filePath(kPartialIndexFile));
    std::uint32_t version = 0, part = 0, customers = 0;
    if (!in.open() || !in.expectMagic(kPartialIndexMagic) || !in.getU32(version) || !in.getU32(part)
        || !in.getU32(customers)) {
        result.error = in.error();
        return false;
    }
    if (version != partition::kFormatVersion || part != static_cast<std::uint32_t>(k)) {
        result.error = QStringLiteral("%1 does not belong to partition %2 of this run").arg(in.fileName()).arg(k);
        return false;
    }
    index.ids.resize(customers);
    index.visitRows.resize(customers);
    index.weeklyRows.resize(customers);
    index.ltv.resize(customers);
    for (std::uint32_t c = 0; c < customers; ++c)
        if (!in.getBytes(index.ids[c]) || !in.getU32(index.visitRows[c]) || !in.getU32(index.weeklyRows[c])) {
            result.error = in.error();
            return false;
        }
    for (auto& [ltv, place] : index.ltv)
        if (!in.getF64(ltv) || !in.getU32(place) || place >= customers) {
            result.error = in.error().isEmpty() ? QStringLiteral("%1 is damaged").arg(in.fileName()) : in.error();
            return false;
        }
    result.counts.customers += customers;
    for (std::uint32_t c = 0; c < customers; ++c) {
        result.counts.visitsRows += index.visitRows[c];
        result.counts.weeklyRows += index.weeklyRows[c];
    }
    return true;
}

// The visits or weekly table: customers in ascending id order across all partitions.
bool mergeByCustomer(const std::vector<PartialIndex>& parts, bool visits, QIODevice& out, QString* error)
{
    std::vector<std::unique_ptr<PartialRows>> rows;
    for (const PartialIndex& p : parts) {
        rows.push_back(
            std::make_unique<PartialRows>(QDir(p.dir).filePath(visits ? kPartialVisitsFile : kPartialWeeklyFile)));
        if (!rows.back()->open(error))
            return false;
    }
    // (partition, next customer place); the smallest id on top.
    auto later = [&parts](const std::pair<std::size_t, std::size_t>& a, const std::pair<std::size_t, std::size_t>& b) {
        return parts[a.first].ids[a.second] > parts[b.first].ids[b.second];
    };
    std::priority_queue<std::pair<std::size_t, std::size_t>, std::vector<std::pair<std::size_t, std::size_t>>,
                        decltype(later)>
        heads(later);
    for (std::size_t k = 0; k < parts.size(); ++k)
        if (!parts[k].ids.empty())
            heads.push({k, 0});
    std::string text = visits ? kVisitsHeader : kWeeklyHeader;
    while (!heads.empty()) {
        const auto [k, c] = heads.top();
        heads.pop();
        const std::uint32_t count = visits ? parts[k].visitRows[c] : parts[k].weeklyRows[c];
        if (!rows[k]->copyRows(count, text, error))
            return false;
        if (c + 1 < parts[k].ids.size())
            heads.push({k, c + 1});
        if (text.size() > (1u << 20)) {
            if (!writeFully(out, text.data(), static_cast<qint64>(text.size())))
                return false;
            text.clear();
        }
    }
    return writeFully(out, text.data(), static_cast<qint64>(text.size()));
}

// The ltv table: LTV descending, then customer id ascending, as the single run's stable sort.
bool mergeByLtv(const std::vector<PartialIndex>& parts, long long limit, QIODevice& out, QString* error)
{
    std::vector<std::unique_ptr<PartialRows>> rows;
    for (const PartialIndex& p : parts) {
        rows.push_back(std::make_unique<PartialRows>(QDir(p.dir).filePath(kPartialLtvFile)));
        if (!rows.back()->open(error))
            return false;
    }
    auto later = [&parts](const std::pair<std::size_t, std::size_t>& a, const std::pair<std::size_t, std::size_t>& b) {
        const auto& [ltvA, placeA] = parts[a.first].ltv[a.second];
        const auto& [ltvB, placeB] = parts[b.first].ltv[b.second];
        if (ltvA != ltvB)
            return ltvA < ltvB;
        return parts[a.first].ids[placeA] > parts[b.first].ids[placeB];
    };
    std::priority_queue<std::pair<std::size_t, std::size_t>, std::vector<std::pair<std::size_t, std::size_t>>,
                        decltype(later)>
        heads(later);
    for (std::size_t k = 0; k < parts.size(); ++k)
        if (!parts[k].ltv.empty())
            heads.push({k, 0});
    std::string text = kLtvHeader;
    for (long long written = 0; !heads.empty() && (limit < 0 || written < limit); ++written) {
        const auto [k, r] = heads.top();
        heads.pop();
        if (!rows[k]->copyRows(1, text, error))
            return false;
        if (r + 1 < parts[k].ltv.size())
            heads.push({k, r + 1});
        if (text.size() > (1u << 20)) {
            if (!writeFully(out, text.data(), static_cast<qint64>(text.size())))
                return false;
            text.clear();
        }
    }
    return writeFully(out, text.data(), static_cast<qint64>(text.size()));
}

bool copyFile(const QString& path, QIODevice& out, QString* error)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, in.errorString());
        return false;
    }
    while (!in.atEnd()) {
        const QByteArray block = in.read(1 << 20);
        if (!writeFully(out, block))
            return false;
    }
    return true;
}

} // namespace

MergeResult mergePartitions(const QString& directory, const QString& outputDir)
{
    MergeResult result;
    QElapsedTimer clock;
    clock.start();
    const std::optional<PartitionFacts> facts = PartitionFacts::load(directory, &result.error);
    if (!facts)
        return result;
    std::vector<PartialIndex> parts(static_cast<std::size_t>(facts->partitions));
    for (int k = 0; k < facts->partitions; ++k) {
        const QString dir = QDir(directory).filePath(partition::partitionDirName(k) + QLatin1Char('/')
                                                     + partition::kPartialDir);
        if (!loadPartial(dir, k, parts[static_cast<std::size_t>(k)], result))
            return result;
    }
    StageTimings timings = facts->timings;
    timings.append({QStringLiteral("analyse"), result.analyseMs});
    QString mergeError;
    std::vector<NamedOutput> outputs = {
        {kVisitsFile, [&](QIODevice& d) { return mergeByCustomer(parts, true, d, &mergeError); }},
        {kWeeklyFile, [&](QIODevice& d) { return mergeByCustomer(parts, false, d, &mergeError); }},
        {kLtvFile, [&](QIODevice& d) { return mergeByLtv(parts, -1, d, &mergeError); }},
        {kRejectedFile,
         [&](QIODevice& d) { return copyFile(QDir(directory).filePath(kRejectedFile), d, &mergeError); }},
    };
    if (facts->topN > 0)
        outputs.push_back({kTopFile, [&](QIODevice& d) { return mergeByLtv(parts, facts->topN, d, &mergeError); }});
    outputs.push_back({kRunReportFile, [&](QIODevice& d) {
                           StageTimings all = timings;
                           all.append({QStringLiteral("merge"), clock.elapsed()});
                           return writeFully(d, runReportJson(facts->parameters, facts->read, result.counts, all));
                       }});
    const OutputSetResult written = writeOutputSet(outputDir, outputs);
    if (!written.ok())
        result.error = mergeError.isEmpty() ? written.error : mergeError;
    result.written = written.written;
    return result;
}

} // namespace clv
