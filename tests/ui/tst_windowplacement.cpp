// Where the main window opens without a saved geometry: its preferred size where the screen
// has room, nine tenths of the screen where it has not, centred either way.
#include "WindowPlacement.h"

#include <QTest>

using namespace clv;

class TestWindowPlacement : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testPreferredSizeFitsTheScreenAndIsCentred_data()
    {
        QTest::addColumn<QRect>("available");
        QTest::addColumn<QRect>("expected");
        QTest::newRow("full HD: the preferred size") << QRect(0, 0, 1920, 1040) << QRect(320, 120, 1280, 800);
        QTest::newRow("1366x768 laptop: narrower and lower") << QRect(0, 0, 1366, 728) << QRect(68, 36, 1229, 655);
        QTest::newRow("small: nine tenths both ways") << QRect(0, 0, 800, 600) << QRect(40, 30, 720, 540);
        QTest::newRow("tall portrait screen: full width only where it fits")
            << QRect(0, 0, 1080, 1880) << QRect(54, 540, 972, 800);
        QTest::newRow("second screen, right of the first, below a top panel")
            << QRect(1920, 32, 1024, 736) << QRect(1971, 69, 921, 662);
    }
    void testPreferredSizeFitsTheScreenAndIsCentred()
    {
        QFETCH(QRect, available);
        QFETCH(QRect, expected);
        const QRect geometry = initialWindowGeometry(QSize(1280, 800), available);
        QCOMPARE(geometry, expected);
        QVERIFY(available.contains(geometry));
    }
};

QTEST_GUILESS_MAIN(TestWindowPlacement)
#include "tst_windowplacement.moc"
