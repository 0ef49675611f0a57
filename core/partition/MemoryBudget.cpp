#include "partition/MemoryBudget.h"

#include "partition/PartitionFormat.h"

#include <QRegularExpression>

#include <algorithm>

namespace clv {

std::optional<qint64> MemoryBudget::parseSize(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*([KMGT]?)(?:i?B)?\\s*$"),
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = pattern.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    double value = m.captured(1).toDouble();
    const QString unit = m.captured(2).toUpper();
    for (const QString& step : {QStringLiteral("K"), QStringLiteral("M"), QStringLiteral("G"), QStringLiteral("T")}) {
        if (unit.isEmpty())
            break;
        value *= 1024.0;
        if (unit == step)
            break;
    }
    if (value > 9.0e18)
        return std::nullopt;
    return static_cast<qint64>(value);
}

QString MemoryBudget::validate(qint64 limitBytes)
{
    if (limitBytes < kMinimumLimit)
        return QStringLiteral("--max-memory must be at least %1M: the program alone needs about %2M")
            .arg(kMinimumLimit >> 20)
            .arg(kProcessBytes >> 20);
    return {};
}

MemoryPlan MemoryBudget::plan(qint64 inputBytes, qint64 limitBytes)
{
    MemoryPlan plan;
    const qint64 events = inputBytes / kInputBytesPerEvent + 1;
    plan.estimatedRunBytes = kProcessBytes + events * kBytesPerEvent;
    if (plan.estimatedRunBytes <= limitBytes)
        return plan;
    plan.partitioned = true;
    // Half of what is left for the events goes to one partition's analysis; the rest is
    // slack for the allocator and the estimate's error.
    const qint64 perPartition = std::max<qint64>(1, (limitBytes - kProcessBytes) / 2);
    const qint64 needed = (events * kBytesPerEvent + perPartition - 1) / perPartition;
    plan.partitions = static_cast<int>(std::clamp<qint64>(needed, 2, partition::kMaxPartitions));
    plan.segmentBytes = static_cast<std::size_t>(
        std::clamp<qint64>((limitBytes - kProcessBytes) / 8, 1ll << 20, 64ll << 20));
    return plan;
}

} // namespace clv
