#pragma once

#include <QDialog>

#include <functional>

class QDialogButtonBox;
class QLineEdit;
class QSpinBox;

namespace clv {

// File ▸ Connect to Database…: where a workspace on a PostgreSQL server is (host, port,
// database, user) and, optionally, a password. The password is handed to this process's
// connections to that server only (rememberServerPassword) and never saved; left empty,
// libpq looks in PGPASSWORD and ~/.pgpass as psql does.
class ConnectDatabaseDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConnectDatabaseDialog(QWidget* parent = nullptr);

    // The server's address as a workspace location (postgresql://USER@HOST:PORT/DATABASE).
    QString location() const;

    // Opens the dialog window-modally; when accepted, remembers the password typed for the
    // address and calls `connectTo` with it.
    static void ask(QWidget* parent, std::function<void(const QString& location)> connectTo);

private:
    void updateOkButton();

    QLineEdit* m_host;
    QSpinBox* m_port;
    QLineEdit* m_database;
    QLineEdit* m_user;
    QLineEdit* m_password;
    QDialogButtonBox* m_buttons;
};

} // namespace clv
