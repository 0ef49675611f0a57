// clv-gui-fit-bench: how long the desktop window takes, from pressing Fit on the Predict tab,
// to show the predictions table of a transaction table's customers, and the longest time its
// event loop stood still meanwhile (SPEC §12: within 1.5× `clv-etl model`, no stall over 16 ms).
//
//   QT_QPA_PLATFORM=offscreen build/tests/bench/gui/clv-gui-fit-bench FILE --columns COLUMNS
//       --calibration-end YYYY-MM-DD [--holdout-end YYYY-MM-DD] [--models bgnbd,pnbd,gg]
//       [--repeat N] [--explain]
#include "FirstPaint.h"
#include "MainWindow.h"
#include "StallMeter.h"
#include "pages/TablePage.h"
#include "predict/PredictSettingsPanel.h"
#include "session/PredictSession.h"
#include "util/MallocTuning.h"
#include "widgets/ResultTableView.h"

#include <QCheckBox>
#include <QCommandLineParser>
#include <QDate>
#include <QDateEdit>
#include <QPushButton>
#include <QTabWidget>

#include <cstdio>

using clv::bench::runFor;
using clv::bench::StallMeter;
using clv::bench::TimedApplication;

namespace {

template <class T>
T* part(const QObject& window, const char* name)
{
    return window.findChild<T*>(QLatin1String(name));
}

// Opens the table and waits until its purchases are gathered for the Predict tab.
bool openTable(clv::MainWindow& window, const QString& file, const QString& columns)
{
    auto* predict = part<clv::PredictSession>(window, "predictSession");
    QEventLoop loop;
    QObject::connect(predict, &clv::PredictSession::overviewChanged, &loop, [&] {
        if (predict->overview() && !predict->overview()->empty())
            loop.quit();
    });
    QTimer::singleShot(0, [&] { window.openTransactionTables({file}, columns); });
    QTimer::singleShot(600000, &loop, [&] { loop.exit(1); });
    return loop.exec() == 0;
}

} // namespace

int main(int argc, char* argv[])
{
    clv::tuneMallocForLargeBuffers(argv, clv::ProgramLife::Interactive); // as the application does
    TimedApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A transaction table."));
    const QCommandLineOption columns(QStringLiteral("columns"), QStringLiteral("Id, date, amount."),
                                     QStringLiteral("COLUMNS"), QStringLiteral("1,2,3"));
    const QCommandLineOption calibrationEnd(QStringLiteral("calibration-end"), QStringLiteral("Date."),
                                            QStringLiteral("DATE"));
    const QCommandLineOption holdoutEnd(QStringLiteral("holdout-end"), QStringLiteral("Date."), QStringLiteral("DATE"));
    const QCommandLineOption models(QStringLiteral("models"), QStringLiteral("Models."), QStringLiteral("LIST"),
                                    QStringLiteral("bgnbd,gg"));
    const QCommandLineOption repeat(QStringLiteral("repeat"), QStringLiteral("Runs."), QStringLiteral("N"),
                                    QStringLiteral("1"));
    const QCommandLineOption explain(QStringLiteral("explain"), QStringLiteral("Print the slowest handlers."));
    parser.addOptions({columns, calibrationEnd, holdoutEnd, models, repeat, explain});
    parser.process(app);
    if (parser.positionalArguments().size() != 1 || !parser.isSet(calibrationEnd)) {
        std::fprintf(stderr, "usage: clv-gui-fit-bench FILE --columns C --calibration-end DATE [...]\n");
        return 1;
    }
    app.explain = parser.isSet(explain);
    QCoreApplication::setOrganizationName(QStringLiteral("CLV Studio Bench"));
    const QStringList chosen = parser.value(models).split(QLatin1Char(','));

    double best = 1e9;
    qint64 worstStall = 0;
    for (int run = 0; run < std::max(1, parser.value(repeat).toInt()); ++run) {
        clv::MainWindow window;
        window.show();
        if (!openTable(window, parser.positionalArguments().first(), parser.value(columns))) {
            std::fprintf(stderr, "the table could not be opened\n");
            return 2;
        }
        runFor(300); // the tables' turns
        part<QTabWidget>(window, "tabs")->setCurrentWidget(part<QWidget>(window, "predictPage"));
        part<QDateEdit>(window, "calibrationEndEdit")
            ->setDate(QDate::fromString(parser.value(calibrationEnd), Qt::ISODate));
        part<QCheckBox>(window, "holdoutCheck")->setChecked(parser.isSet(holdoutEnd));
        if (parser.isSet(holdoutEnd))
            part<QDateEdit>(window, "holdoutEndEdit")
                ->setDate(QDate::fromString(parser.value(holdoutEnd), Qt::ISODate));
        for (const char* key : {"bgnbd", "pnbd", "mbgnbd", "gg"})
            part<QCheckBox>(window, (std::string("model_") + key).c_str())
                ->setChecked(chosen.contains(QLatin1String(key)));
        auto* predictions = part<clv::TablePage>(window, "predictionsPage");
        auto* predict = part<clv::PredictSession>(window, "predictSession");
        part<QTabWidget>(window, "predictViews")->setCurrentIndex(1); // the predictions table in view
        runFor(600);                                                  // past the settings' pause

        StallMeter meter;
        QEventLoop loop;
        double seconds = 0;
        const clv::bench::FirstPaint shown(predictions->view(), [&] { // shown means painted
            seconds = meter.elapsedNs() / 1e9;
            loop.quit();
        });
        QObject::connect(predict, &clv::PredictSession::failed, &loop, [&](const QString& message) {
            std::fprintf(stderr, "failed: %s\n", qPrintable(message));
            loop.exit(1);
        });
        QTimer::singleShot(0, [&] {
            meter.start();
            part<QPushButton>(window, "fitButton")->click();
        });
        if (loop.exec() != 0)
            return 2;
        runFor(500); // the charts' figures and anything else the fit left queued
        const qint64 stall = meter.stop();
        // All the customers predicted, not the first rows the view has fetched.
        std::printf("run %d: predictions of %lld customers shown %.3f s after Fit; longest stall %lld ms\n", run + 1,
                    static_cast<long long>(predictions->model()->sourceRowCount()), seconds,
                    static_cast<long long>(stall));
        meter.printStalls();
        app.printSlowest(meter.startedAt());
        best = std::min(best, seconds);
        worstStall = std::max(worstStall, stall);
    }
    std::printf("fit: best %.3f s, longest stall %lld ms\n", best, static_cast<long long>(worstStall));
    return 0;
}
