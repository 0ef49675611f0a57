#pragma once

// A PostgreSQL server of the test's own: initdb into a scratch folder, pg_ctl start on a free
// port of 127.0.0.1 with trust authentication there, stopped and removed when the fixture
// ends. The server refuses to run as root, so a test run by root runs the server's programs
// as the `postgres` user, in a scratch folder that user owns.

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace clv::test {

class PostgresServer {
public:
    static constexpr char kUser[] = "clv";

    // Where initdb and pg_ctl are (Debian keeps them out of PATH, one folder per version).
    static QString binaryFolder()
    {
        QDir versions(QStringLiteral("/usr/lib/postgresql"));
        QStringList found = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        std::sort(found.begin(), found.end(), [](const QString& a, const QString& b) { return a.toInt() > b.toInt(); });
        for (const QString& version : found)
            if (QFileInfo::exists(versions.filePath(version + QStringLiteral("/bin/pg_ctl"))))
                return versions.filePath(version + QStringLiteral("/bin"));
        const QString initdb = QStandardPaths::findExecutable(QStringLiteral("initdb"));
        return initdb.isEmpty() ? QString() : QFileInfo(initdb).absolutePath();
    }

    // Empty when the server runs; else why not (the test skips only when no binaries exist).
    QString start()
    {
        m_bin = binaryFolder();
        if (m_bin.isEmpty())
            return QStringLiteral("no PostgreSQL server binaries");
        if (!m_dir.isValid())
            return QStringLiteral("no scratch folder");
        if (::geteuid() == 0) {
            const passwd* postgres = ::getpwnam("postgres");
            if (!postgres || ::chown(qPrintable(m_dir.path()), postgres->pw_uid, postgres->pw_gid) != 0)
                return QStringLiteral("running as root, and there is no postgres user to run the server as");
            m_runAs = {QStringLiteral("runuser"), QStringLiteral("-u"), QStringLiteral("postgres"),
                       QStringLiteral("--")};
        }
        m_port = freePort();
        QString out;
        if (!run(QStringLiteral("initdb"),
                 {"-D", data(), "-A", "trust", "-U", kUser, "-E", "UTF8", "--locale=C", "--no-sync"}, &out))
            return QStringLiteral("initdb failed: ") + out;
        // fsync off: the tests kill clients, never the server.
        const QString options
            = QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off").arg(m_port).arg(m_dir.path());
        if (!run(QStringLiteral("pg_ctl"),
                 {"-D", data(), "-o", options, "-l", m_dir.filePath("server.log"), "-w", "start"}, &out))
            return QStringLiteral("pg_ctl start failed: ") + out;
        m_running = true;
        return {};
    }

    ~PostgresServer()
    {
        if (m_running)
            run(QStringLiteral("pg_ctl"), {"-D", data(), "-m", "immediate", "-w", "stop"}, nullptr);
    }

    int port() const { return m_port; }
    QString address(const QString& database) const
    {
        return QStringLiteral("postgresql://%1@127.0.0.1:%2/%3").arg(QLatin1String(kUser)).arg(m_port).arg(database);
    }

    // A Qt SQL connection of the test's own to `database` (the test removes it).
    QSqlDatabase connect(const QString& name, const QString& database = QStringLiteral("postgres")) const
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(m_port);
        db.setUserName(QLatin1String(kUser));
        db.setDatabaseName(database);
        if (!db.open())
            qWarning("connecting to the test server: %s", qPrintable(db.lastError().text()));
        return db;
    }

    bool createDatabase(const QString& database) const
    {
        bool ok = false;
        {
            QSqlDatabase db = connect(QStringLiteral("admin"));
            QSqlQuery q(db);
            ok = q.exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(database));
            if (!ok)
                qWarning("CREATE DATABASE: %s", qPrintable(q.lastError().text()));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("admin"));
        return ok;
    }

private:
    QString data() const { return m_dir.filePath(QStringLiteral("data")); }

    bool run(const QString& program, const QStringList& arguments, QString* output) const
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.setWorkingDirectory(m_dir.path());
        const QString binary = QDir(m_bin).filePath(program);
        if (m_runAs.isEmpty())
            p.start(binary, arguments);
        else
            p.start(m_runAs.front(), m_runAs.mid(1) + QStringList{binary} + arguments);
        const bool ok = p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        if (output)
            *output = QString::fromLocal8Bit(p.readAll());
        return ok;
    }

    // A port nobody listens on now: the kernel's pick for a socket bound to port 0.
    static int freePort()
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        int port = 0;
        if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0
            && ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
            port = ntohs(address.sin_port);
        ::close(fd);
        return port;
    }

    QTemporaryDir m_dir;
    QString m_bin;
    QStringList m_runAs;
    int m_port = 0;
    bool m_running = false;
};

} // namespace clv::test
