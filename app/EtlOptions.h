#pragma once

#include "etl/Analysis.h"

#include <QCommandLineOption>
#include <QList>
#include <QString>

class QCommandLineParser;

// The options of a clv-etl run, shared by the plain run and the partitioned one's steps.
struct EtlSettings {
    clv::AnalysisRequest request;
    QString outputDir;
    long long topN = 0;
    bool quiet = false;
    bool csvSafe = false;       // neutralise would-be spreadsheet formulas in the CSVs
    QString workspace;          // --workspace or --from-workspace
    bool fromWorkspace = false; // re-run from the stored events only
    qint64 maxMemoryBytes = 0;  // > 0: stay within this much memory (--max-memory)
};

// The run's options, for a QCommandLineParser (with transactionOptions()).
QList<QCommandLineOption> etlOptions();

// Fills `settings` from the parsed options; returns an error message for a bad value.
QString readSettings(const QCommandLineParser& parser, EtlSettings& settings);
