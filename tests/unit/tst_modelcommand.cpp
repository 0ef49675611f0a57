// `clv-etl model` as a user runs it: the real binary on real files, its four outputs and
// its exit codes.
#include "TestSupport.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace clv;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runModel(QStringList arguments)
{
    arguments.prepend(QStringLiteral("model"));
    QProcess p;
    p.start(QStringLiteral(CLV_ETL_BINARY), arguments);
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

const QString kCdnowSummary = QStringLiteral(CLV_TEST_DATA_DIR "/cdnow/cdnow_customers_summary_with_transactions.csv");

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

QStringList keysOf(const QJsonObject& o)
{
    QStringList keys = o.keys();
    keys.sort();
    return keys;
}

} // namespace

class TestModelCommand : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testSummaryGivesThePublishedEstimates()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("out");
        const Run run = runModel({"--summary", kCdnowSummary, "--models", "bgnbd,pnbd,mbgnbd,gg", "-o", out});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject fit = readJson(out + "/model_fit.json");
        QCOMPARE(fit.value("customers").toInt(), 2357);
        QCOMPARE(fit.value("repeat_customers").toInt(), 946);
        QCOMPARE(fit.value("unit").toString(), QStringLiteral("week"));
        QVERIFY(fit.value("calibration_end").isNull());
        const QJsonObject models = fit.value("models").toObject();
        QCOMPARE(keysOf(models), (QStringList{"bgnbd", "gg", "mbgnbd", "pnbd"}));
        const QJsonObject bg = models.value("bgnbd").toObject();
        for (const char* key : {"params", "std_errors", "log_likelihood", "aic", "bic", "iterations", "converged"})
            QVERIFY2(bg.contains(key), key);
        QCOMPARE(keysOf(bg.value("params").toObject()), (QStringList{"a", "alpha", "b", "r"}));
        QCOMPARE(keysOf(models.value("pnbd").toObject().value("params").toObject()),
                 (QStringList{"alpha", "beta", "r", "s"}));
        QCOMPARE(keysOf(models.value("gg").toObject().value("params").toObject()), (QStringList{"gamma", "p", "q"}));
        QVERIFY(bg.value("converged").toBool());
        const QJsonObject p = bg.value("params").toObject();
        QCOMPARE(QString::number(p.value("r").toDouble(), 'f', 3), QStringLiteral("0.243"));
        QCOMPARE(QString::number(p.value("alpha").toDouble(), 'f', 3), QStringLiteral("4.414"));
        QCOMPARE(QString::number(p.value("a").toDouble(), 'f', 3), QStringLiteral("0.793"));
        QCOMPARE(QString::number(p.value("b").toDouble(), 'f', 3), QStringLiteral("2.426"));
        QCOMPARE(QString::number(bg.value("log_likelihood").toDouble(), 'f', 1), QStringLiteral("-9582.4"));

        QString header;
        const test::CsvRows predictions = test::readCsv(out + "/customer_predictions.csv", &header);
        QCOMPARE(header,
                 QStringLiteral("customer_id,x,t_x,T,monetary,p_alive,expected_purchases,expected_spend,clv,"
                                "x_holdout,spend_holdout"));
        QCOMPARE(predictions.size(), std::size_t(2357));
        for (const auto& row : predictions) {
            const double alive = std::stod(row[5]);
            QVERIFY(alive > 0 && alive <= 1);
            QVERIFY(std::stod(row[8]) >= 0);
        }
        const test::CsvRows tracking = test::readCsv(out + "/model_tracking.csv", &header);
        QCOMPARE(header,
                 QStringLiteral("period,actual_cumulative,bgnbd_expected_cumulative,pnbd_expected_cumulative,"
                                "mbgnbd_expected_cumulative"));
        QCOMPARE(tracking.size(), std::size_t(39)); // T runs to 38.86 weeks
        const test::CsvRows holdout = test::readCsv(out + "/model_holdout.csv", &header);
        QCOMPARE(holdout.size(), std::size_t(8));
        QCOMPARE(holdout.back().front(), std::string("7+"));
    }

    void testEventInputsWithHoldout()
    {
        // 400 customers, each with a pace of their own and a chance of their own to stop
        // buying after each purchase: data the models can fit.
        QTemporaryDir dir;
        std::vector<std::string> lines;
        unsigned scatter = 12345;
        const auto next = [&scatter](unsigned range) {
            scatter = scatter * 1103515245u + 12345u;
            return int((scatter >> 16) % range);
        };
        for (int c = 0; c < 400; ++c) {
            const QString id = QStringLiteral("c%1").arg(c);
            const int pace = 5 + next(60);
            const int stopChance = 5 + next(60); // per cent
            int day = next(40);
            for (int k = 0; k == 0 || next(100) >= stopChance; ++k) {
                const QString date = QDate(2024, 1, 1).addDays(day).toString(Qt::ISODate);
                lines.push_back(test::orderLine(id.toStdString(), date.toStdString() + "T10:00:00.000Z",
                                                QStringLiteral("%1-%2").arg(id).arg(k).toStdString(), "12.50 USD"));
                day += 1 + next(unsigned(pace));
            }
        }
        QFile file(dir.filePath("events.jsonl"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(test::joinLines(lines)));
        file.close();
        const QString out = dir.filePath("out");
        const Run run = runModel({file.fileName(), "--calibration-end", "2024-04-30", "--holdout-end", "2024-07-31",
                                  "--models", "bgnbd", "-o", out});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject fit = readJson(out + "/model_fit.json");
        QCOMPARE(fit.value("calibration_end").toString(), QStringLiteral("2024-04-30"));
        QCOMPARE(fit.value("holdout_end").toString(), QStringLiteral("2024-07-31"));
        QVERIFY(fit.value("customers").toInt() > 300);
        const QJsonObject holdout
            = fit.value("models").toObject().value("bgnbd").toObject().value("holdout").toObject();
        QVERIFY(holdout.contains("mae"));
        QVERIFY(holdout.value("actual_total").toDouble() > 0);
        for (const char* name :
             {"model_fit.json", "customer_predictions.csv", "model_tracking.csv", "model_holdout.csv", "rejected.csv"})
            QVERIFY2(QFile::exists(out + "/" + name), name);
    }

    void testTransactionTable()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("out");
        const Run run = runModel({"--transactions", "--columns", "1,3,5", "--calibration-end", "1997-09-30",
                                  QStringLiteral(CLV_TEST_DATA_DIR "/cdnow/CDNOW_sample.txt"), "-o", out});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(test::readCsv(out + "/customer_predictions.csv").size(), std::size_t(2357));
        const QJsonObject fit = readJson(out + "/model_fit.json");
        QCOMPARE(fit.value("calibration_end").toString(), QStringLiteral("1997-09-30"));
        const QJsonObject p = fit.value("models").toObject().value("bgnbd").toObject().value("params").toObject();
        QCOMPARE(QString::number(p.value("b").toDouble(), 'f', 3), QStringLiteral("2.426"));
        QCOMPARE(runModel(
                     {"--columns", "1,3,5", QStringLiteral(CLV_TEST_DATA_DIR "/cdnow/CDNOW_sample.txt"), "-o", out})
                     .exitCode,
                 1);
        const Run wrongColumn = runModel({"--transactions", "--columns", "99,3,5",
                                          QStringLiteral(CLV_TEST_DATA_DIR "/cdnow/CDNOW_sample.txt"), "-o", out});
        QCOMPARE(wrongColumn.exitCode, 2);
        QVERIFY2(wrongColumn.err.contains("6919 rejected") && wrongColumn.err.contains("the id is column 99"),
                 qPrintable(wrongColumn.err));
        QCOMPARE(runModel({"--transactions", "--columns", "1,3",
                           QStringLiteral(CLV_TEST_DATA_DIR "/cdnow/CDNOW_sample.txt"), "-o", out})
                     .exitCode,
                 1);
    }

    void testRecoversTheParametersOfGeneratedPurchases()
    {
        // clv-etl generate --mode btyd, then clv-etl model on its table: the parameters the
        // data were drawn from, within sampling error (4 standard errors) and the 5 % that
        // whole days cost (purchases on one day are one, times are counted in days).
        QTemporaryDir dir;
        const QString table = dir.filePath("btyd.csv");
        QProcess generate;
        generate.start(QStringLiteral(CLV_ETL_BINARY),
                       {"generate", "--mode", "btyd",    "--customers", "30000", "--weeks", "78",  "--seed", "5",
                        "--r",      "0.5",    "--alpha", "6",           "--a",   "0.7",     "--b", "3",      "--p",
                        "6",        "--q",    "4",       "--gamma",     "20",    "-o",      table});
        QVERIFY(generate.waitForFinished(120000));
        QCOMPARE(generate.exitCode(), 0);
        const QString out = dir.filePath("out");
        const Run run = runModel(
            {"--transactions", "--calibration-end", "2024-10-05", "--models", "bgnbd,gg", table, "-o", out});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject models = readJson(out + "/model_fit.json").value("models").toObject();
        const auto check = [&](const char* model, const char* name, double truth) {
            const QJsonObject m = models.value(model).toObject();
            const double estimate = m.value("params").toObject().value(name).toDouble();
            const double error = m.value("std_errors").toObject().value(name).toDouble();
            return std::abs(estimate - truth) <= 4 * error + 0.05 * truth;
        };
        QVERIFY(check("bgnbd", "r", 0.5));
        QVERIFY(check("bgnbd", "alpha", 6));
        QVERIFY(check("bgnbd", "a", 0.7));
        QVERIFY(check("bgnbd", "b", 3));
        QVERIFY(check("gg", "p", 6));
        QVERIFY(check("gg", "q", 4));
        QVERIFY(check("gg", "gamma", 20));

        // The predictions file, written in slices formatted side by side: every customer once,
        // in the summary's order (by id).
        const test::CsvRows rows = test::readCsv(out + "/customer_predictions.csv");
        QCOMPARE(qint64(rows.size()), readJson(out + "/model_fit.json").value("customers").toInteger());
        QVERIFY(rows.size() > 16 * 4096 / 4);
        for (std::size_t i = 1; i < rows.size(); ++i)
            QVERIFY2(rows[i - 1][0] < rows[i][0], rows[i][0].c_str());
    }

    void testAModelThatCannotBeFittedLeavesTheOthers()
    {
        // Every mean spend 0: Gamma-Gamma has nothing to fit, BG/NBD is still written.
        QTemporaryDir dir;
        QFile in(kCdnowSummary);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray text = in.readLine();
        while (!in.atEnd()) {
            QList<QByteArray> fields = in.readLine().trimmed().split(',');
            fields.last() = "0";
            text += fields.join(',') + "\n";
        }
        QFile out(dir.filePath("summary.csv"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
        out.close();
        const Run run = runModel({"--summary", out.fileName(), "--models", "bgnbd,gg", "-o", dir.filePath("out")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains("Gamma-Gamma: too few repeat customers with a spend"), qPrintable(run.err));
        const QJsonObject models = readJson(dir.filePath("out/model_fit.json")).value("models").toObject();
        QVERIFY(models.value("bgnbd").toObject().value("converged").toBool());
        QVERIFY(!models.value("gg").toObject().value("converged").toBool());
        QVERIFY(!models.value("gg").toObject().contains("params"));
    }

    void testExitCodes()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("out");
        QCOMPARE(runModel({"--summary", kCdnowSummary, "--models", "bgnbd,nbd", "-o", out}).exitCode, 1);
        QCOMPARE(runModel({"--summary", kCdnowSummary, "--models", "gg", "--predict-with", "gg", "-o", out}).exitCode,
                 1);
        QCOMPARE(runModel({"--summary", kCdnowSummary, "--horizon", "-3", "-o", out}).exitCode, 1);
        QCOMPARE(runModel({"--summary", kCdnowSummary, "--calibration-end", "1997-09-30", "-o", out}).exitCode, 1);
        QCOMPARE(
            runModel({"x.jsonl", "--calibration-end", "1997-09-30", "--holdout-end", "1997-09-01", "-o", out}).exitCode,
            1);
        QCOMPARE(runModel({"x.jsonl", "--calibration-end", "30/09/1997", "-o", out}).exitCode, 1);
        QCOMPARE(runModel({"-o", out}).exitCode, 1);
        const Run missing = runModel({"--summary", dir.filePath("missing.csv"), "-o", out});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("cannot read"));
        QVERIFY(!QDir(out).exists());
    }

    void testTrackingOfAnImplausibleSpan()
    {
        // A summary whose T spans millions of weeks: the fit and predictions are written, the
        // day-by-day tracking is left out with a word, instead of a run that never ends.
        QTemporaryDir dir;
        QFile in(kCdnowSummary);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray text = in.readAll();
        if (!text.endsWith('\n'))
            text += "\r\n";
        text += "999999,2,1,3000000,5\r\n";
        QFile summary(dir.filePath("summary.csv"));
        QVERIFY(summary.open(QIODevice::WriteOnly));
        summary.write(text);
        summary.close();
        const Run run = runModel({"--summary", summary.fileName(), "--models", "gg", "-o", dir.filePath("out")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains("tracking left out"), qPrintable(run.err));
        QCOMPARE(test::readCsv(dir.filePath("out/model_tracking.csv")).size(), std::size_t(0));
    }

    void testUnwritableOutputFolder()
    {
        // A folder below a plain file cannot be made, root or not.
        QTemporaryDir dir;
        QFile blocker(dir.filePath("file"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const Run run = runModel({"--summary", kCdnowSummary, "-o", dir.filePath("file/out")});
        QCOMPARE(run.exitCode, 3);
        QVERIFY(run.err.contains("cannot create the output folder"));
    }

    void testPreviousOutputsSurviveAFailedRun()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("out");
        QCOMPARE(runModel({"--summary", kCdnowSummary, "-o", out, "--quiet"}).exitCode, 0);
        QFile fit(out + "/model_fit.json");
        QVERIFY(fit.open(QIODevice::ReadOnly));
        const QByteArray before = fit.readAll();
        fit.close();
        // The predictions file replaced by a folder: that one file cannot be written.
        QVERIFY(QFile::remove(out + "/customer_predictions.csv"));
        QVERIFY(QDir(out).mkdir("customer_predictions.csv"));
        QCOMPARE(runModel({"--summary", kCdnowSummary, "--models", "bgnbd", "-o", out, "--quiet"}).exitCode, 3);
        QVERIFY(fit.open(QIODevice::ReadOnly));
        QCOMPARE(fit.readAll(), before);
    }
};

QTEST_GUILESS_MAIN(TestModelCommand)
#include "tst_modelcommand.moc"
