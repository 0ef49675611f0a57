// File ▸ Connect to Database…: the dialog turns its fields into a server address without a
// password, and hands the password to the connections only.
#include "dialogs/ConnectDatabaseDialog.h"
#include "store/WorkspaceLocation.h"

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

using namespace clv;

class TestConnectDatabaseDialog : public QObject {
    Q_OBJECT

    template <class T>
    static T* field(QWidget& dialog, const char* name)
    {
        auto* widget = dialog.findChild<T*>(QLatin1String(name));
        if (!widget)
            qFatal("no %s in the dialog", name);
        return widget;
    }

private Q_SLOTS:
    void testFieldsMakeTheAddressAndThePasswordStaysOutOfIt()
    {
        QWidget parent;
        QString connected;
        ConnectDatabaseDialog::ask(&parent, [&](const QString& location) { connected = location; });
        auto* dialog = parent.findChild<ConnectDatabaseDialog*>();
        QVERIFY(dialog);
        QPushButton* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled()); // no database named yet

        field<QLineEdit>(*dialog, "hostEdit")->setText("db.example");
        field<QSpinBox>(*dialog, "portSpin")->setValue(6543);
        field<QLineEdit>(*dialog, "databaseEdit")->setText("sales");
        field<QLineEdit>(*dialog, "userEdit")->setText("ana");
        QLineEdit* password = field<QLineEdit>(*dialog, "passwordEdit");
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        password->setText("s3cr3t");
        QVERIFY(ok->isEnabled());
        ok->click();

        QCOMPARE(connected, QStringLiteral("postgresql://ana@db.example:6543/sales"));
        QVERIFY(!connected.contains("s3cr3t"));
        const WorkspaceLocation location = WorkspaceLocation::parse(connected);
        QVERIFY(location.isServer());
        QCOMPARE(location.database(), QStringLiteral("sales"));
        // The connection the window's jobs would open carries it (in memory only).
        {
            QString error;
            QSqlDatabase db = addWorkspaceConnection(location, "probe", false, &error);
            QVERIFY2(db.isValid(), qPrintable(error));
            QCOMPARE(db.password(), QStringLiteral("s3cr3t"));
            QCOMPARE(db.hostName(), QStringLiteral("db.example"));
            QCOMPARE(db.port(), 6543);
        }
        QSqlDatabase::removeDatabase("probe");
        rememberServerPassword(connected, {});
    }

    void testDefaultPortIsLeftOutOfTheAddress()
    {
        ConnectDatabaseDialog dialog;
        field<QLineEdit>(dialog, "hostEdit")->setText("db.example");
        field<QLineEdit>(dialog, "userEdit")->setText("");
        field<QLineEdit>(dialog, "databaseEdit")->setText("sales");
        QCOMPARE(dialog.location(), QStringLiteral("postgresql://db.example/sales"));
    }
};

QTEST_MAIN(TestConnectDatabaseDialog)
#include "tst_connectdatabasedialog.moc"
