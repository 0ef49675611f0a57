#include "ConsoleReport.h"

#include <cstdio>

void printErr(const QString& text)
{
    std::fputs(qPrintable(text + QLatin1Char('\n')), stderr);
}

bool reportRead(const clv::ReadResult& read, bool saySkipped)
{
    for (const QString& problem : read.inputProblems)
        printErr(QStringLiteral("clv-etl: %1").arg(problem));
    // Folder entries left out of the run are worth a word, but no failure.
    if (saySkipped)
        for (const clv::SkippedInput& s : read.skippedInputs)
            printErr(QStringLiteral("clv-etl: %1").arg(s.message()));
    if (!read.stoppedStrict)
        return true;
    const clv::Rejection& r = read.rejections.front();
    printErr(QStringLiteral("clv-etl: %1:%2: %3 (stopped: --strict)")
                 .arg(read.files[r.file].display)
                 .arg(r.line)
                 .arg(QString::fromStdString(r.reason)));
    return false;
}
