// A progress report sets the bar's value at once and leaves its drawing to the window's next
// frame: QProgressBar::setValue alone paints inside the call.
#include "widgets/ProgressValue.h"

#include <QProgressBar>
#include <QTest>
#include <QWidget>

using namespace clv;

namespace {

// Counts the paint events a widget receives.
class PaintCounter : public QObject {
public:
    int paints = 0;
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

class TestProgressValue : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testValueNowPaintWithTheNextFrame()
    {
        QProgressBar bar;
        bar.setRange(0, 1000);
        bar.setTextVisible(false);
        bar.resize(180, 20);
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        PaintCounter counter;
        bar.installEventFilter(&counter);

        // What the helper avoids: Qt's own setValue paints before it returns.
        bar.setValue(500);
        QCOMPARE(counter.paints, 1);

        counter.paints = 0;
        setProgressValue(bar, 700);
        QCOMPARE(bar.value(), 700);
        QCOMPARE(counter.paints, 0);
        QVERIFY(bar.updatesEnabled());
        QTRY_COMPARE(counter.paints, 1);

        // The same value again is no change at all.
        counter.paints = 0;
        setProgressValue(bar, 700);
        QTest::qWait(50);
        QCOMPARE(counter.paints, 0);
    }

    void testABarWithUpdatesOffKeepsThemOff()
    {
        QProgressBar bar;
        bar.setUpdatesEnabled(false);
        setProgressValue(bar, 10);
        QCOMPARE(bar.value(), 10);
        QVERIFY(!bar.updatesEnabled());
    }

    // Updates turned off by a parent: the bar follows the parent when it turns them on again,
    // and paints the value it was given meanwhile.
    void testUpdatesOffInAParentAreTheParentsToTurnOn()
    {
        QWidget parent;
        auto* bar = new QProgressBar(&parent);
        bar->setRange(0, 1000);
        bar->setTextVisible(false);
        bar->resize(180, 20);
        parent.resize(200, 40);
        parent.show();
        QVERIFY(QTest::qWaitForWindowExposed(&parent));
        PaintCounter counter;
        bar->installEventFilter(&counter);

        parent.setUpdatesEnabled(false);
        setProgressValue(*bar, 400);
        QCOMPARE(bar->value(), 400);
        QVERIFY(!bar->testAttribute(Qt::WA_ForceUpdatesDisabled));
        parent.setUpdatesEnabled(true);
        QVERIFY(bar->updatesEnabled());
        QTRY_VERIFY(counter.paints > 0);
    }
};

QTEST_MAIN(TestProgressValue)
#include "tst_progressvalue.moc"
