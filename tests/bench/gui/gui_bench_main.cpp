// clv-gui-bench: how long the desktop window takes to show the LTV table for an event file,
// and the longest time its event loop stood still in three situations: while the file
// loads (until every tab has its table), while switching through every tab, and while the
// LTV table is sorted by each of its columns.
//
//   QT_QPA_PLATFORM=offscreen build/tests/bench/gui/clv-gui-bench FILE [--repeat N] [--explain]
#include "FirstPaint.h"
#include "MainWindow.h"
#include "StallMeter.h"
#include "models/TableModel.h"
#include "pages/TablePage.h"
#include "session/AnalysisSession.h"
#include "util/MallocTuning.h"
#include "widgets/ResultTableView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHeaderView>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using clv::bench::FirstPaint;
using clv::bench::runFor;
using clv::bench::StallMeter;
using clv::bench::TimedApplication;

int main(int argc, char* argv[])
{
    clv::tuneMallocForLargeBuffers(argv, clv::ProgramLife::Interactive); // as the application does
    TimedApplication app(argc, argv);
    QStringList args = QApplication::arguments().mid(1);
    if (const qsizetype i = args.indexOf(QStringLiteral("--explain")); i >= 0) {
        app.explain = true;
        args.remove(i);
    }
    int repeat = 1;
    if (const qsizetype i = args.indexOf(QStringLiteral("--repeat")); i >= 0 && i + 1 < args.size()) {
        repeat = std::max(1, args.at(i + 1).toInt());
        args.remove(i, 2);
    }
    if (args.size() != 1) {
        std::fprintf(stderr, "usage: clv-gui-bench FILE [--repeat N]\n");
        return 1;
    }
    QCoreApplication::setOrganizationName(QStringLiteral("CLV Studio Bench"));

    double bestSeconds = 1e9;
    qint64 worstLoad = 0;
    qint64 worstTabs = 0;
    qint64 worstSort = 0;
    qint64 worstCpu = 0; // the window's own work in its longest stall, any situation
    for (int run = 0; run < repeat; ++run) {
        clv::MainWindow window;
        window.show();
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("tabs"));
        auto* ltv = window.findChild<clv::TablePage*>(QStringLiteral("ltvPage"));
        auto* session = window.findChild<clv::AnalysisSession*>();
        tabs->setCurrentWidget(ltv);
        // The window's first layout and paint are not part of loading a file: they come first.
        runFor(200);

        StallMeter meter;
        QObject::connect(session, &clv::AnalysisSession::resultsChanged,
                         [&] { std::printf("  results ready %.3f s after the start\n", meter.elapsedNs() / 1e9); });
        QEventLoop loop;
        double seconds = 0;
        // Shown means painted: the clock stops when the view has drawn its first rows. The meter
        // stays on until every tab has its table too.
        bool allShown = false;
        const FirstPaint shown(ltv->view(), [&] {
            seconds = meter.elapsedNs() / 1e9;
            if (allShown)
                loop.quit();
        });
        QObject::connect(&window, &clv::MainWindow::resultsShown, &loop, [&] {
            allShown = true;
            if (seconds > 0)
                loop.quit();
        });
        QObject::connect(session, &clv::AnalysisSession::failed, &loop, [&](const QString& message) {
            std::fprintf(stderr, "failed: %s\n", qPrintable(message));
            loop.exit(1);
        });
        QTimer::singleShot(0, [&] {
            meter.start();
            // A workspace is opened as File ▸ Open Workspace… opens it: its stored events are
            // loaded and analysed, no JSON is read.
            if (args.size() == 1 && args.front().endsWith(QLatin1String(".clvdb")))
                session->openWorkspace(args.front());
            else
                window.openInputs(args);
        });
        if (loop.exec() != 0)
            return 2;
        runFor(300); // whatever the results left queued
        const qint64 load = meter.stop();
        worstCpu = std::max(worstCpu, meter.longestCpu());
        std::printf("run %d: LTV table shown in %.3f s (%lld customers); longest stall while loading %lld ms (cpu %lld "
                    "ms)\n",
                    run + 1, seconds, static_cast<long long>(ltv->model()->sourceRowCount()),
                    static_cast<long long>(load), static_cast<long long>(meter.longestCpu()));
        meter.printStalls();
        app.printSlowest(meter.startedAt());

        // Every tab in turn, each shown and painted, twice round. Chosen from within the event
        // loop, as a click on a tab is, so that --explain times the switch as a handler.
        meter.start();
        for (int round = 0; round < 2; ++round) {
            for (int i = 0; i < tabs->count(); ++i) {
                QTimer::singleShot(0, tabs, [tabs, i] { tabs->setCurrentIndex(i); });
                runFor(150);
            }
        }
        const qint64 switching = meter.stop();
        worstCpu = std::max(worstCpu, meter.longestCpu());
        std::printf("  longest stall while switching tabs %lld ms (cpu %lld ms)\n", static_cast<long long>(switching),
                    static_cast<long long>(meter.longestCpu()));
        meter.printStalls();
        app.printSlowest(meter.startedAt());

        // The LTV table sorted by each column, both ways, as a header click does.
        tabs->setCurrentWidget(ltv);
        runFor(100);
        meter.start();
        QHeaderView* header = ltv->view()->horizontalHeader();
        for (int column = 0; column < ltv->model()->columnCount(); ++column) {
            for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                header->setSortIndicator(column, order);
                QEventLoop sorted;
                QTimer::singleShot(10000, &sorted, &QEventLoop::quit);
                auto* model = qobject_cast<clv::TableModel*>(ltv->model());
                if (model->isReordering()) {
                    QObject::connect(model, &clv::TableModel::reorderingChanged, &sorted, [&](bool busy) {
                        if (!busy)
                            sorted.quit();
                    });
                    sorted.exec();
                }
                runFor(30);
            }
        }
        const qint64 sorting = meter.stop();
        worstCpu = std::max(worstCpu, meter.longestCpu());
        std::printf("  longest stall while sorting the LTV table %lld ms (cpu %lld ms)\n",
                    static_cast<long long>(sorting), static_cast<long long>(meter.longestCpu()));
        meter.printStalls();
        app.printSlowest(meter.startedAt());

        bestSeconds = std::min(bestSeconds, seconds);
        worstLoad = std::max(worstLoad, load);
        worstTabs = std::max(worstTabs, switching);
        worstSort = std::max(worstSort, sorting);
    }
    std::printf("gui: best %.3f s, longest stall %lld ms (loading %lld, tabs %lld, sorting %lld; the window's own "
                "work at most %lld ms of a stall)\n",
                bestSeconds, static_cast<long long>(std::max({worstLoad, worstTabs, worstSort})),
                static_cast<long long>(worstLoad), static_cast<long long>(worstTabs), static_cast<long long>(worstSort),
                static_cast<long long>(worstCpu));
    return 0;
}
