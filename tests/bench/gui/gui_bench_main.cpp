// clv-gui-bench: how long the desktop window takes to show the LTV table for an event file,
// and the longest time its event loop stood still in three situations: while the file
// loads (until every tab has its table), while switching through every tab, and while the
// LTV table is sorted by each of its columns.
//
//   QT_QPA_PLATFORM=offscreen build/tests/bench/gui/clv-gui-bench FILE [--repeat N] [--explain]
#include "MainWindow.h"
#include "models/TableModel.h"
#include "pages/TablePage.h"
#include "session/AnalysisSession.h"
#include "widgets/ResultTableView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHeaderView>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace {

// Times each event the window handles, so that a stall can be told apart from the machine
// being busy: --explain prints the slowest handlers, by receiver and event type.
class TimedApplication : public QApplication {
public:
    using QApplication::QApplication;
    bool explain = false;

    bool notify(QObject* receiver, QEvent* event) override
    {
        if (!explain || m_depth > 0)
            return QApplication::notify(receiver, event);
        ++m_depth;
        QElapsedTimer clock;
        clock.start();
        const QString what = QStringLiteral("%1 \"%2\" event %3")
                                 .arg(QLatin1String(receiver->metaObject()->className()), receiver->objectName())
                                 .arg(int(event->type()));
        const bool done = QApplication::notify(receiver, event);
        const qint64 ms = clock.elapsed();
        --m_depth;
        if (ms > 8)
            m_slow.append({ms, what});
        return done;
    }
    void printSlowest()
    {
        std::sort(m_slow.begin(), m_slow.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        for (int i = 0; i < std::min<qsizetype>(m_slow.size(), 12); ++i)
            std::printf("    handler %lld ms: %s\n", static_cast<long long>(m_slow[i].first),
                        qPrintable(m_slow[i].second));
        m_slow.clear();
    }

private:
    int m_depth = 0;
    QList<QPair<qint64, QString>> m_slow;
};

// A timer that should fire every 2 ms: any longer gap is the event loop standing still.
class StallMeter {
public:
    StallMeter()
    {
        m_ticker.setInterval(2);
        QObject::connect(&m_ticker, &QTimer::timeout, [this] {
            const qint64 gap = m_sinceTick.restart();
            m_longest = std::max(m_longest, gap);
            if (gap > 16)
                m_stalls.append({m_clock.elapsed(), gap});
        });
    }
    void start()
    {
        m_longest = 0;
        m_stalls.clear();
        m_clock.start();
        m_sinceTick.start();
        m_ticker.start();
    }
    qint64 stop()
    {
        m_ticker.stop();
        return m_longest;
    }
    void printStalls() const
    {
        for (const auto& [at, gap] : m_stalls)
            std::printf("    stall of %lld ms ending %.3f s after the start\n", static_cast<long long>(gap),
                        at / 1000.0);
    }
    qint64 elapsedNs() const { return m_clock.nsecsElapsed(); }

private:
    QTimer m_ticker;
    QElapsedTimer m_sinceTick;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
    QList<QPair<qint64, qint64>> m_stalls;
};

// Lets the event loop run for `ms` (paints and queued work included).
void runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char* argv[])
{
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
    for (int run = 0; run < repeat; ++run) {
        clv::MainWindow window;
        window.show();
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("tabs"));
        auto* ltv = window.findChild<clv::TablePage*>(QStringLiteral("ltvPage"));
        auto* session = window.findChild<clv::AnalysisSession*>();
        tabs->setCurrentWidget(ltv);

        StallMeter meter;
        QObject::connect(session, &clv::AnalysisSession::resultsChanged,
                         [&] { std::printf("  results ready %.3f s after the start\n", meter.elapsedNs() / 1e9); });
        QEventLoop loop;
        double seconds = 0;
        QObject::connect(ltv->model(), &QAbstractItemModel::modelReset, &loop, [&] {
            if (ltv->model()->rowCount() == 0 || seconds > 0)
                return;
            // Shown means painted: let the view draw the first rows before stopping the clock.
            ltv->view()->viewport()->repaint();
            seconds = meter.elapsedNs() / 1e9;
        });
        // Keep the meter on until every tab has its table.
        QObject::connect(&window, &clv::MainWindow::resultsShown, &loop, [&] {
            if (seconds > 0)
                loop.quit();
        });
        QObject::connect(session, &clv::AnalysisSession::failed, &loop, [&](const QString& message) {
            std::fprintf(stderr, "failed: %s\n", qPrintable(message));
            loop.exit(1);
        });
        QTimer::singleShot(0, [&] {
            meter.start();
            window.openInputs(args);
        });
        if (loop.exec() != 0)
            return 2;
        runFor(300); // whatever the results left queued
        const qint64 load = meter.stop();
        std::printf("run %d: LTV table shown in %.3f s (%d customers); longest stall while loading %lld ms\n", run + 1,
                    seconds, ltv->model()->rowCount(), static_cast<long long>(load));
        meter.printStalls();
        app.printSlowest();

        // Every tab in turn, each shown and painted, twice round.
        meter.start();
        for (int round = 0; round < 2; ++round) {
            for (int i = 0; i < tabs->count(); ++i) {
                tabs->setCurrentIndex(i);
                runFor(150);
            }
        }
        const qint64 switching = meter.stop();
        std::printf("  longest stall while switching tabs %lld ms\n", static_cast<long long>(switching));
        meter.printStalls();
        app.printSlowest();

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
        std::printf("  longest stall while sorting the LTV table %lld ms\n", static_cast<long long>(sorting));
        meter.printStalls();
        app.printSlowest();

        bestSeconds = std::min(bestSeconds, seconds);
        worstLoad = std::max(worstLoad, load);
        worstTabs = std::max(worstTabs, switching);
        worstSort = std::max(worstSort, sorting);
    }
    std::printf("gui: best %.3f s, longest stall %lld ms (loading %lld, tabs %lld, sorting %lld)\n", bestSeconds,
                static_cast<long long>(std::max({worstLoad, worstTabs, worstSort})), static_cast<long long>(worstLoad),
                static_cast<long long>(worstTabs), static_cast<long long>(worstSort));
    return 0;
}
