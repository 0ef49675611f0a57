// clv-gui-bench: how long the desktop window takes to show the LTV table for an event
// file, and the longest time its event loop stood still meanwhile.
//
//   QT_QPA_PLATFORM=offscreen build/tests/bench/gui/clv-gui-bench FILE [--repeat N]
#include "MainWindow.h"
#include "pages/TablePage.h"
#include "models/ResultTableModel.h"
#include "session/AnalysisSession.h"
#include "widgets/ResultTableView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTableView>
#include <QTimer>

#include <cstdio>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QStringList args = QApplication::arguments().mid(1);
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
    qint64 worstStallMs = 0;
    for (int run = 0; run < repeat; ++run) {
        clv::MainWindow window;
        window.show();
        clv::TablePage* ltv = window.page(QStringLiteral("LTV"));
        window.tabs()->setCurrentWidget(ltv);

        // A timer that should fire every 2 ms: any longer gap is the event loop stalling.
        QElapsedTimer sinceTick;
        qint64 longestGap = 0;
        QTimer ticker;
        ticker.setInterval(2);
        QList<QPair<qint64, qint64>> stalls; // (ms since start, gap) of gaps over 50 ms
        QElapsedTimer clock;
        QObject::connect(&ticker, &QTimer::timeout, [&] {
            const qint64 gap = sinceTick.restart();
            longestGap = std::max(longestGap, gap);
            if (gap > 50)
                stalls.append({clock.elapsed(), gap});
        });

        QObject::connect(window.session(), &clv::AnalysisSession::resultsChanged, [&] {
            std::printf("  results ready %.3f s after the start\n", clock.elapsed() / 1000.0);
        });
        QEventLoop loop;
        double seconds = 0;
        QObject::connect(ltv->model(), &QAbstractItemModel::modelReset, &loop, [&] {
            if (ltv->model()->rowCount() == 0)
                return;
            // Shown means painted: let the view draw the first rows before stopping the clock.
            QElapsedTimer paint;
            paint.start();
            ltv->view()->viewport()->repaint();
            std::printf("  painting the LTV rows took %lld ms\n", static_cast<long long>(paint.elapsed()));
            seconds = clock.nsecsElapsed() / 1e9;
        });
        // Keep the clock on the stalls until every tab has its table.
        QObject::connect(&window, &clv::MainWindow::resultsShown, &loop, [&] {
            if (seconds > 0)
                loop.quit();
        });
        QObject::connect(window.session(), &clv::AnalysisSession::failed, &loop, [&](const QString& message) {
            std::fprintf(stderr, "failed: %s\n", qPrintable(message));
            loop.exit(1);
        });
        QTimer::singleShot(0, [&] {
            sinceTick.start();
            ticker.start();
            clock.start();
            window.openInputs(args);
        });
        if (loop.exec() != 0)
            return 2;
        ticker.stop();
        const int rows = ltv->model()->rowCount();
        std::printf("run %d: LTV table shown in %.3f s (%d customers), longest event-loop stall %lld ms\n", run + 1,
                    seconds, rows, static_cast<long long>(longestGap));
        for (const auto& [at, gap] : stalls)
            std::printf("  stall of %lld ms ending %.3f s after the start\n", static_cast<long long>(gap), at / 1000.0);
        bestSeconds = std::min(bestSeconds, seconds);
        worstStallMs = std::max(worstStallMs, longestGap);
    }
    std::printf("gui: best %.3f s, longest stall %lld ms\n", bestSeconds, static_cast<long long>(worstStallMs));
    return 0;
}
