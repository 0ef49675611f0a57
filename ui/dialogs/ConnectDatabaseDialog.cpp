#include "dialogs/ConnectDatabaseDialog.h"

#include "store/WorkspaceLocation.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace clv {

namespace {
constexpr int kDefaultPort = 5432; // PostgreSQL's
} // namespace

ConnectDatabaseDialog::ConnectDatabaseDialog(QWidget* parent)
    : QDialog(parent), m_host(new QLineEdit(QStringLiteral("localhost"), this)), m_port(new QSpinBox(this)),
      m_database(new QLineEdit(this)), m_user(new QLineEdit(qEnvironmentVariable("USER"), this)),
      m_password(new QLineEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("connectDatabaseDialog"));
    setWindowTitle(tr("Connect to Database"));
    m_host->setObjectName(QStringLiteral("hostEdit"));
    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setRange(1, 65535);
    m_port->setValue(kDefaultPort);
    m_database->setObjectName(QStringLiteral("databaseEdit"));
    m_user->setObjectName(QStringLiteral("userEdit"));
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("from PGPASSWORD or ~/.pgpass"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));

    auto* note = new QLabel(tr("A workspace in a PostgreSQL database, shared by everyone who connects to it "
                               "(clv-etl --workspace postgresql://USER@HOST:PORT/DATABASE FILES creates one). The "
                               "password is used for this connection only and never saved."),
                            this);
    note->setWordWrap(true);
    auto* form = new QFormLayout(this);
    form->addRow(note);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_database, &QLineEdit::textChanged, this, &ConnectDatabaseDialog::updateOkButton);
    connect(m_host, &QLineEdit::textChanged, this, &ConnectDatabaseDialog::updateOkButton);
    connect(m_user, &QLineEdit::textChanged, this, &ConnectDatabaseDialog::updateOkButton);
    updateOkButton();
    m_database->setFocus();
}

QString ConnectDatabaseDialog::location() const
{
    const int port = m_port->value() == kDefaultPort ? 0 : m_port->value();
    const WorkspaceLocation location = WorkspaceLocation::server(m_host->text(), port, m_database->text(),
                                                                 m_user->text());
    return location.isServer() ? location.toString() : QString();
}

void ConnectDatabaseDialog::updateOkButton()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!location().isEmpty());
}

void ConnectDatabaseDialog::ask(QWidget* parent, std::function<void(const QString& location)> connectTo)
{
    auto* dialog = new ConnectDatabaseDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, dialog, [dialog, connectTo = std::move(connectTo)] {
        const QString location = dialog->location();
        rememberServerPassword(location, dialog->m_password->text());
        connectTo(location);
    });
    dialog->open();
}

} // namespace clv
