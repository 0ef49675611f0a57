#include "store/RowFeed.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

using namespace clv;

// insertRows on a real SQLite file (the PostgreSQL path is exercised by tst_postgresstore,
// which saves results through it on a real server).
class TestRowFeed : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QSqlDatabase m_db;
    int m_file = 0;

    // A row's values, as the tests feed them and read them back.
    static std::int64_t numberOf(std::size_t row) { return (static_cast<std::int64_t>(row) - 500) * 1'000'003'001; }
    static std::string textOf(std::size_t row) { return row % 5 == 0 ? std::string() : "é-" + std::to_string(row); }

    RowFeed sampleFeed(std::size_t rows, std::vector<std::string>& texts) const
    {
        texts.clear();
        for (std::size_t row = 0; row < rows; ++row)
            texts.push_back(textOf(row));
        return RowFeed{QStringLiteral("t"),
                       {"row_no", "n", "r", "s"},
                       rows,
                       [&texts](std::size_t row, RowValues& values) {
                           values.integer(0, static_cast<std::int64_t>(row) + 1);
                           values.integer(1, numberOf(row));
                           if (row % 1000 == 3)
                               values.real(2, std::numeric_limits<double>::quiet_NaN());
                           else
                               values.real(2, double(row) / 7.0);
                           if (row % 2 == 1)
                               values.null(3);
                           else
                               values.text(3, texts[row]);
                       },
                       {}};
    }

    qint64 count(const QString& table)
    {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table)) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

private Q_SLOTS:
    void init()
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("feed"));
        m_db.setDatabaseName(m_dir.filePath(QStringLiteral("feed-%1.db").arg(++m_file)));
        QVERIFY(m_db.open());
        QSqlQuery q(m_db);
        // row_no is an ordinary column, so that the rowid says in which order the rows came.
        QVERIFY(q.exec("CREATE TABLE t (row_no INTEGER NOT NULL, n INTEGER NOT NULL, r DOUBLE PRECISION, s TEXT)"));
    }

    void cleanup()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("feed"));
    }

    // More rows than one look at the cancel flag covers (16,384); integers beyond 32 bits,
    // negative ones, reals, NaN (stored as NULL, as SQLite stores it), UTF-8 text, empty text
    // and NULL, all in the order fed.
    void testEveryRowArrivesInOrderWithItsValues()
    {
        std::vector<std::string> texts;
        const std::size_t rows = 40000;
        QVERIFY(m_db.transaction());
        QString error;
        QVERIFY2(insertRows(m_db, sampleFeed(rows, texts), QStringLiteral("saving t failed"), &error),
                 qPrintable(error));
        QVERIFY(m_db.commit());

        QSqlQuery q(m_db);
        QVERIFY(q.exec("SELECT row_no, n, r, s, typeof(s), rowid FROM t ORDER BY rowid"));
        std::size_t row = 0;
        while (q.next()) {
            QCOMPARE(q.value(0).toLongLong(), qint64(row) + 1);
            QCOMPARE(q.value(5).toLongLong(), qint64(row) + 1); // inserted in the order fed
            QCOMPARE(q.value(1).toLongLong(), numberOf(row));
            if (row % 1000 == 3)
                QVERIFY(q.value(2).isNull());
            else
                QCOMPARE(q.value(2).toDouble(), double(row) / 7.0);
            if (row % 2 == 1) {
                QCOMPARE(q.value(4).toString(), QStringLiteral("null"));
            } else {
                QCOMPARE(q.value(4).toString(), QStringLiteral("text"));
                QCOMPARE(q.value(3).toString(), QString::fromStdString(textOf(row)));
            }
            ++row;
        }
        QCOMPARE(row, rows);
    }

    // The feed exists only while it inserts: nothing of it stays in the file's schema or on
    // the connection, and the next feed (of another shape) works on the same connection.
    void testTheFeedLeavesNothingBehind()
    {
        std::vector<std::string> texts;
        QString error;
        QVERIFY(m_db.transaction());
        QVERIFY2(insertRows(m_db, sampleFeed(10, texts), QStringLiteral("saving t failed"), &error), qPrintable(error));
        QVERIFY(m_db.commit());

        QSqlQuery q(m_db);
        QVERIFY(q.exec("SELECT COUNT(*) FROM sqlite_schema WHERE name <> 't'") && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        q.finish();
        QVERIFY(!q.exec("SELECT * FROM clv_row_feed"));

        QVERIFY(q.exec("CREATE TABLE u (a TEXT NOT NULL, b INTEGER NOT NULL)"));
        const RowFeed other{QStringLiteral("u"),
                            {"b", "a"},
                            3,
                            [](std::size_t row, RowValues& values) {
                                values.integer(0, static_cast<std::int64_t>(row) * 10);
                                values.text(1, "x");
                            },
                            {}};
        QVERIFY(m_db.transaction());
        QVERIFY2(insertRows(m_db, other, QStringLiteral("saving u failed"), &error), qPrintable(error));
        QVERIFY(m_db.commit());
        QVERIFY(q.exec("SELECT group_concat(a || b, ' ') FROM u") && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("x0 x10 x20"));
    }

    // A feed that is the later part of a table reports the whole table's fraction.
    void testProgressCountsTheRowsBefore()
    {
        std::vector<std::string> texts;
        RowFeed feed = sampleFeed(40000, texts);
        feed.progress = {QStringLiteral("Saving"), 40000, 80000};
        std::vector<double> fractions;
        JobControl control([&fractions](const QString& stage, double fraction) {
            if (stage == QLatin1String("Saving"))
                fractions.push_back(fraction);
        });
        QString error;
        QVERIFY(m_db.transaction());
        QVERIFY2(insertRows(m_db, feed, QStringLiteral("saving t failed"), &error, &control), qPrintable(error));
        QVERIFY(m_db.commit());
        QCOMPARE(fractions.size(), std::size_t(3)); // rows 0, 16384 and 32768
        QCOMPARE(fractions.front(), 0.5);
        QCOMPARE(fractions.back(), (40000.0 + 32768.0) / 80000.0);
    }

    // Cancelled while inserting: "cancelled", and the rows already in go with the rollback.
    void testCancelStopsTheInsert()
    {
        std::vector<std::string> texts;
        RowFeed feed = sampleFeed(50000, texts);
        feed.progress = {QStringLiteral("Saving"), 0, 50000};
        JobControl* self = nullptr;
        JobControl control([&self](const QString&, double fraction) {
            if (fraction > 0.3)
                self->cancel();
        });
        self = &control;
        QString error;
        QVERIFY(m_db.transaction());
        QVERIFY(!insertRows(m_db, feed, QStringLiteral("saving t failed"), &error, &control));
        QCOMPARE(error, QStringLiteral("cancelled"));
        QVERIFY(m_db.rollback());
        QCOMPARE(count(QStringLiteral("t")), 0);
    }

    // A row the table refuses stops the insert with the caller's words and SQLite's reason.
    void testARefusedRowIsReported()
    {
        const RowFeed feed{QStringLiteral("t"),
                           {"row_no", "n"},
                           100,
                           [](std::size_t row, RowValues& values) {
                               values.integer(0, static_cast<std::int64_t>(row) + 1);
                               if (row == 57)
                                   values.null(1);
                               else
                                   values.integer(1, 1);
                           },
                           {}};
        QString error;
        QVERIFY(m_db.transaction());
        QVERIFY(!insertRows(m_db, feed, QStringLiteral("saving t failed"), &error));
        QVERIFY2(error.startsWith(QStringLiteral("saving t failed: ")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("NOT NULL")), qPrintable(error));
        QVERIFY(m_db.rollback());
        QCOMPARE(count(QStringLiteral("t")), 0);
    }
};

QTEST_GUILESS_MAIN(TestRowFeed)
#include "tst_rowfeed.moc"
