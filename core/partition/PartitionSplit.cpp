#include "partition/PartitionSplit.h"

#include "etl/DuplicateFilter.h"
#include "export/OutputExporter.h"
#include "export/OutputSet.h"
#include "export/TableCsv.h"
#include "export/WriteFully.h"
#include "partition/PartitionFormat.h"
#include "partition/PartitionWriter.h"
#include "partition/SegmentedRead.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

namespace clv {

SplitOutcome splitIntoPartitions(const SplitRequest& request, const JobControl* control)
{
    SplitOutcome outcome;
    QElapsedTimer clock;
    clock.start();
    PartitionFacts& facts = outcome.facts;
    // Facts of an earlier partitioning in the folder must not pass for this one's while it is
    // being written, or if it fails.
    QFile::remove(QDir(request.directory).filePath(partition::kFactsFile));
    PartitionWriter writer(request.directory, request.partitions);
    const bool segmented = request.segmentBytes > 0 && !request.analysis.reader.transactions
        && !request.analysis.dropExactDuplicates;
    if (segmented) {
        if (!writer.open(&outcome.error))
            return outcome;
        const bool whole = readInSegments(
            request.analysis.inputs, request.analysis.reader, request.segmentBytes,
            [&](const EventStore& events) { return writer.add(events, &outcome.error); }, outcome.read);
        if (!whole && !outcome.read.stoppedStrict)
            return outcome;
        facts.timings.append({QStringLiteral("read"), clock.restart()});
        if (outcome.read.stoppedStrict || outcome.read.files.empty())
            return outcome;
        if (!writer.finish(&outcome.error))
            return outcome;
    } else {
        ReaderOptions reader = request.analysis.reader;
        reader.payloadHashes = reader.payloadHashes || request.analysis.dropExactDuplicates;
        outcome.read = EventReader(reader).read(request.analysis.inputs, control);
        facts.timings.append({QStringLiteral("read"), clock.restart()});
        if (outcome.read.cancelled) {
            outcome.cancelled = true;
            return outcome;
        }
        if (outcome.read.stoppedStrict || outcome.read.files.empty())
            return outcome;
        if (request.analysis.dropExactDuplicates) {
            QString error;
            facts.duplicatesDropped = DuplicateFilter::dropFrom(outcome.read, &error);
            facts.timings.append({QStringLiteral("duplicates"), clock.restart()});
            if (facts.duplicatesDropped < 0) {
                outcome.read.inputProblems << QStringLiteral("duplicates were not dropped: %1").arg(error);
                facts.duplicatesDropped = 0;
            }
        }
        if (!writer.open(&outcome.error) || !writer.add(*outcome.read.events, &outcome.error)
            || !writer.finish(&outcome.error))
            return outcome;
        // The partitions hold the events now: the memory goes before the partitions are analysed.
        outcome.read.events = std::make_shared<EventStore>();
    }
    facts.timings.append({QStringLiteral("partition"), clock.restart()});

    facts.formatVersion = static_cast<int>(partition::kFormatVersion);
    facts.partitions = request.partitions;
    facts.events = writer.events();
    facts.lastDayOfData = writer.lastDayOfData();
    facts.parameters = request.analysis.parameters;
    facts.topN = request.topN;
    facts.csvSafe = request.csvSafe;
    facts.dropDuplicates = request.analysis.dropExactDuplicates;
    facts.read.files = outcome.read.files;
    facts.read.fileStats = outcome.read.fileStats;
    facts.read.inputProblems = outcome.read.inputProblems;
    facts.read.skippedInputs = outcome.read.skippedInputs;
    facts.read.bytesRead = outcome.read.bytesRead;

    CsvOptions csv;
    csv.neutraliseFormulas = request.csvSafe;
    const QByteArray factsJson = facts.toJson();
    // facts.json goes in place last: a folder without it is not a finished partitioning.
    const OutputSetResult written = writeOutputSet(
        request.directory,
        {{kRejectedFile, [&](QIODevice& d) { return writeRejectedCsv(outcome.read, d, csv); }},
         {partition::kFactsFile, [&](QIODevice& d) { return writeFully(d, factsJson); }}});
    if (!written.ok())
        outcome.error = written.error;
    return outcome;
}

} // namespace clv
