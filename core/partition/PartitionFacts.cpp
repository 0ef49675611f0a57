#include "partition/PartitionFacts.h"

#include "partition/PartitionFormat.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace clv {

QByteArray PartitionFacts::toJson() const
{
    QJsonArray files;
    for (std::size_t i = 0; i < read.files.size(); ++i) {
        const FileStats& s = read.fileStats[i];
        files.append(QJsonObject{{"path", read.files[i].path},
                                 {"display", read.files[i].display},
                                 {"bytes", read.files[i].bytes},
                                 {"lines", s.lines},
                                 {"records", s.records},
                                 {"accepted", s.accepted},
                                 {"rejected", s.rejected}});
    }
    QJsonArray skipped;
    for (const SkippedInput& s : read.skippedInputs)
        skipped.append(QJsonObject{{"path", s.path}, {"reason", s.reason}});
    QJsonArray timingList;
    for (const auto& [stage, ms] : timings)
        timingList.append(QJsonArray{stage, ms});
    QJsonObject root{
        {"format", "clv-partitions"},
        {"format_version", formatVersion},
        {"partitions", partitions},
        {"events", events},
        {"last_day_of_data", lastDayOfData ? QJsonValue(qint64(*lastDayOfData)) : QJsonValue()},
        {"parameters",
         QJsonObject{{"formula", formulaName(parameters.formula)},
                     {"session_gap_seconds", parameters.sessionGapSeconds},
                     {"week_start", weekStartName(parameters.weekStart)},
                     {"lifespan_years", parameters.lifespanYears},
                     {"top", parameters.topX}}},
        {"top_n", topN},
        {"csv_safe", csvSafe},
        {"drop_duplicates", dropDuplicates},
        {"duplicates_dropped", duplicatesDropped},
        {"inputs", files},
        {"input_problems", QJsonArray::fromStringList(read.inputProblems)},
        {"skipped_inputs", skipped},
        {"bytes_read", read.bytesRead},
        {"timings_ms", timingList},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<PartitionFacts> PartitionFacts::load(const QString& directory, QString* error)
{
    const QString path = QDir(directory).filePath(partition::kFactsFile);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2 (is %3 the folder written by clv-etl partition?)")
                     .arg(path, file.errorString(), directory);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonObject root = doc.object();
    if (doc.isNull() || root.value("format").toString() != QLatin1String("clv-partitions")) {
        *error = QStringLiteral("%1 is not the facts file of a partitioned run").arg(path);
        return std::nullopt;
    }
    PartitionFacts f;
    f.formatVersion = root.value("format_version").toInt();
    if (f.formatVersion != static_cast<int>(partition::kFormatVersion)) {
        *error = QStringLiteral("%1 has partition format version %2; this clv-etl reads version %3")
                     .arg(path)
                     .arg(f.formatVersion)
                     .arg(partition::kFormatVersion);
        return std::nullopt;
    }
    f.partitions = root.value("partitions").toInt();
    f.events = root.value("events").toInteger();
    if (root.value("last_day_of_data").isDouble())
        f.lastDayOfData = root.value("last_day_of_data").toInteger();
    const QJsonObject p = root.value("parameters").toObject();
    const auto formula = formulaFromName(p.value("formula").toString());
    const auto weekStart = weekStartFromName(p.value("week_start").toString());
    if (f.partitions < 1 || f.partitions > partition::kMaxPartitions || !formula || !weekStart) {
        *error = QStringLiteral("%1 is damaged (partitions or parameters)").arg(path);
        return std::nullopt;
    }
    f.parameters.formula = *formula;
    f.parameters.weekStart = *weekStart;
    f.parameters.sessionGapSeconds = p.value("session_gap_seconds").toInt();
    f.parameters.lifespanYears = p.value("lifespan_years").toDouble();
    f.parameters.topX = p.value("top").toInt();
    f.topN = root.value("top_n").toInteger();
    f.csvSafe = root.value("csv_safe").toBool();
    f.dropDuplicates = root.value("drop_duplicates").toBool();
    f.duplicatesDropped = root.value("duplicates_dropped").toInteger();
    for (const QJsonValue& v : root.value("inputs").toArray()) {
        const QJsonObject o = v.toObject();
        f.read.files.push_back(
            {o.value("path").toString(), o.value("display").toString(), o.value("bytes").toInteger()});
        f.read.fileStats.push_back({o.value("lines").toInteger(), o.value("records").toInteger(),
                                    o.value("accepted").toInteger(), o.value("rejected").toInteger()});
    }
    for (const QJsonValue& v : root.value("input_problems").toArray())
        f.read.inputProblems << v.toString();
    for (const QJsonValue& v : root.value("skipped_inputs").toArray())
        f.read.skippedInputs.push_back(
            {v.toObject().value("path").toString(), v.toObject().value("reason").toString()});
    f.read.bytesRead = root.value("bytes_read").toInteger();
    for (const QJsonValue& v : root.value("timings_ms").toArray())
        f.timings.append({v.toArray().at(0).toString(), v.toArray().at(1).toInteger()});
    return f;
}

} // namespace clv
