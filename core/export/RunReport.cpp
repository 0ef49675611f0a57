#include "export/RunReport.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace clv {

QByteArray runReportJson(const Parameters& parameters, const ReadResult& read, const ResultTables& tables,
                         const StageTimings& timings)
{
    return runReportJson(parameters, read,
                         TableCounts{static_cast<qint64>(tables.ltv.size()), static_cast<qint64>(tables.visits.size()),
                                     static_cast<qint64>(tables.weekly.size())},
                         timings);
}

QByteArray runReportJson(const Parameters& parameters, const ReadResult& read, const TableCounts& tables,
                         const StageTimings& timings)
{
    QJsonObject params{
        {"formula", formulaName(parameters.formula)},
        {"session_gap_minutes", parameters.sessionGapSeconds / 60.0},
        {"week_start", weekStartName(parameters.weekStart)},
        {"lifespan_years", parameters.lifespanYears},
        {"top", parameters.topX},
    };
    QJsonArray inputs;
    for (std::size_t i = 0; i < read.files.size(); ++i) {
        const FileStats& s = read.fileStats[i];
        inputs.append(QJsonObject{
            {"path", read.files[i].display},
            {"bytes", read.files[i].bytes},
            {"lines", s.lines},
            {"records", s.records},
            {"accepted", s.accepted},
            {"rejected", s.rejected},
        });
    }
    QJsonArray skipped;
    for (const SkippedInput& s : read.skippedInputs)
        skipped.append(QJsonObject{{"path", s.path}, {"reason", s.reason}});
    const FileStats total = read.totals();
    QJsonObject counts{
        {"lines", total.lines},
        {"records", total.records},
        {"accepted", total.accepted},
        {"rejected", total.rejected},
        {"customers", tables.customers},
        {"visits_rows", tables.visitsRows},
        {"weekly_rows", tables.weeklyRows},
        {"bytes_read", read.bytesRead},
    };
    QJsonObject stageTimes;
    qint64 totalMs = 0;
    for (const auto& [stage, ms] : timings) {
        stageTimes.insert(stage, ms);
        if (!stage.contains(QLatin1Char('.'))) // steps within a stage are part of its time
            totalMs += ms;
    }
    stageTimes.insert("total", totalMs);
    QJsonObject root{
        {"program", "clv-etl"},
        {"version", CLV_VERSION},
        {"finished_utc", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {"parameters", params},
        {"inputs", inputs},
        {"input_problems", QJsonArray::fromStringList(read.inputProblems)},
        {"skipped_inputs", skipped},
        {"counts", counts},
        {"timings_ms", stageTimes},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace clv
