// The Generate Fake Data dialog driven through its widgets: what it writes, that a run is
// reproducible, that problems are shown in the dialog, and that Cancel leaves nothing behind.
#include "dialogs/GenerateDataDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QGroupBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace clv;

namespace {

constexpr int kGenerateTimeoutMs = 60000;

struct SeedRun {
    int customers = 20;
    int maxEvents = 1; // one round per customer: exactly four events each
    int seed = 7;
    int badLines = 0;
};

template <class T>
T* field(QWidget& dialog, const char* name)
{
    auto* widget = dialog.findChild<T*>(QLatin1String(name));
    if (!widget)
        qFatal("the dialog has no %s", name);
    return widget;
}

void typeOutputFile(GenerateDataDialog& dialog, const QString& path)
{
    auto* edit = field<QLineEdit>(dialog, "outputEdit");
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, path);
}

void chooseMode(GenerateDataDialog& dialog, const QString& mode)
{
    auto* combo = field<QComboBox>(dialog, "modeCombo");
    combo->setCurrentIndex(combo->findData(mode));
}

void fillSeedRun(GenerateDataDialog& dialog, const SeedRun& run, const QString& output)
{
    chooseMode(dialog, QStringLiteral("seed"));
    field<QSpinBox>(dialog, "customersSpin")->setValue(run.customers);
    field<QSpinBox>(dialog, "maxEventsSpin")->setValue(run.maxEvents);
    field<QSpinBox>(dialog, "daysSpin")->setValue(14);
    field<QLineEdit>(dialog, "seedEdit")->setText(QString::number(run.seed));
    field<QSpinBox>(dialog, "badLinesSpin")->setValue(run.badLines);
    typeOutputFile(dialog, output);
}

void pressGenerate(GenerateDataDialog& dialog)
{
    QTest::mouseClick(field<QPushButton>(dialog, "generateButton"), Qt::LeftButton);
}

void pressCancel(GenerateDataDialog& dialog)
{
    QTest::mouseClick(field<QPushButton>(dialog, "cancelButton"), Qt::LeftButton);
}

bool isIdle(GenerateDataDialog& dialog)
{
    return field<QPushButton>(dialog, "generateButton")->isEnabled();
}

QString statusText(GenerateDataDialog& dialog)
{
    return field<QLabel>(dialog, "statusLabel")->text();
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QList<QByteArray> nonEmptyLines(const QByteArray& bytes)
{
    QList<QByteArray> lines = bytes.split('\n');
    lines.removeAll(QByteArray());
    return lines;
}

// Generates with `run` into `output` and returns the written bytes; empty on failure.
QByteArray generateSeedRun(const QString& baseFolder, const SeedRun& run, const QString& output)
{
    GenerateDataDialog dialog(baseFolder);
    dialog.show();
    fillSeedRun(dialog, run, output);
    QSignalSpy generated(&dialog, &GenerateDataDialog::generated);
    pressGenerate(dialog);
    if (!generated.wait(kGenerateTimeoutMs))
        return {};
    return readAll(output);
}

} // namespace

class TestGenerateDataDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testDefaultOutputIsInputTxtUnderTheBaseFolder()
    {
        QTemporaryDir base;
        GenerateDataDialog dialog(base.path());
        QCOMPARE(dialog.outputFile(), QDir(base.path()).filePath(QStringLiteral("data/input/input.txt")));
        QVERIFY(dialog.openWhenDone());
        QVERIFY(field<QCheckBox>(dialog, "openWhenDoneCheck")->isChecked());
        QCOMPARE(dialog.options().mode, GeneratorMode::Seed);
        QCOMPARE(dialog.options().customers, GeneratorOptions().customers);
    }

    void testRelativeOutputIsTakenFromTheBaseFolder()
    {
        QTemporaryDir base;
        GenerateDataDialog dialog(base.path());
        typeOutputFile(dialog, QStringLiteral("more/events.txt"));
        QCOMPARE(dialog.outputFile(), QDir(base.path()).filePath(QStringLiteral("more/events.txt")));
    }

    void testSeedTakesEvery64BitValueAndRefusesMore()
    {
        QTemporaryDir base;
        GenerateDataDialog dialog(base.path());
        dialog.show();
        auto* seed = field<QLineEdit>(dialog, "seedEdit");
        seed->clear();
        QTest::keyClicks(seed, QStringLiteral("18446744073709551615x-1")); // letters and signs are not taken
        QCOMPARE(seed->text(), QStringLiteral("18446744073709551615"));
        QCOMPARE(dialog.options().seed, std::numeric_limits<quint64>::max());

        seed->setText(QStringLiteral("18446744073709551616"));
        typeOutputFile(dialog, QStringLiteral("out.jsonl"));
        QSignalSpy generated(&dialog, &GenerateDataDialog::generated);
        pressGenerate(dialog);
        QVERIFY(statusText(dialog).contains(QStringLiteral("whole number from 0 to 18446744073709551615")));
        QTest::qWait(50);
        QCOMPARE(generated.count(), 0);
        QVERIFY(!QFileInfo::exists(QDir(base.path()).filePath(QStringLiteral("out.jsonl"))));
    }

    void testModeEnablesOnlyTheFieldsThatApply()
    {
        QTemporaryDir base;
        GenerateDataDialog dialog(base.path());
        dialog.show();
        chooseMode(dialog, QStringLiteral("seed"));
        QVERIFY(field<QSpinBox>(dialog, "daysSpin")->isEnabled());
        QVERIFY(field<QSpinBox>(dialog, "maxEventsSpin")->isEnabled());
        QVERIFY(!field<QSpinBox>(dialog, "weeksSpin")->isEnabled());
        QVERIFY(!field<QSpinBox>(dialog, "maxVisitsSpin")->isEnabled());

        chooseMode(dialog, QStringLiteral("realistic"));
        QCOMPARE(dialog.options().mode, GeneratorMode::Realistic);
        QVERIFY(!field<QSpinBox>(dialog, "daysSpin")->isEnabled());
        QVERIFY(!field<QSpinBox>(dialog, "maxEventsSpin")->isEnabled());
        QVERIFY(field<QSpinBox>(dialog, "weeksSpin")->isEnabled());
        QVERIFY(field<QSpinBox>(dialog, "maxVisitsSpin")->isEnabled());
    }

    void testFieldsReachTheOptions()
    {
        QTemporaryDir base;
        GenerateDataDialog dialog(base.path());
        dialog.show();
        chooseMode(dialog, QStringLiteral("realistic"));
        auto* customers = field<QSpinBox>(dialog, "customersSpin");
        customers->selectAll();
        QTest::keyClicks(customers, QStringLiteral("1234"));
        field<QSpinBox>(dialog, "weeksSpin")->setValue(8);
        field<QSpinBox>(dialog, "maxVisitsSpin")->setValue(3);
        field<QLineEdit>(dialog, "seedEdit")->setText(QStringLiteral("99"));
        field<QSpinBox>(dialog, "badLinesSpin")->setValue(5);
        field<QCheckBox>(dialog, "openWhenDoneCheck")->setChecked(false);
        const GeneratorOptions options = dialog.options();
        QCOMPARE(options.customers, 1234);
        QCOMPARE(options.weeks, 8);
        QCOMPARE(options.maxVisits, 3);
        QCOMPARE(options.seed, quint64(99));
        QCOMPARE(options.badLines, 5);
        QVERIFY(!dialog.openWhenDone());
    }

    void testBtydModeShowsItsParametersOnlyThere()
    {
        QTemporaryDir base;
        GenerateDataDialog dialog(base.path());
        dialog.show();
        auto* group = field<QGroupBox>(dialog, "btydGroup");
        QVERIFY(!group->isVisible());
        chooseMode(dialog, QStringLiteral("realistic"));
        QVERIFY(!group->isVisible());

        chooseMode(dialog, QStringLiteral("btyd"));
        QCOMPARE(dialog.options().mode, GeneratorMode::Btyd);
        QVERIFY(group->isVisible());
        QVERIFY(field<QDoubleSpinBox>(dialog, "alphaSpin")->isVisible());
        QVERIFY(field<QSpinBox>(dialog, "weeksSpin")->isEnabled());
        QVERIFY(!field<QSpinBox>(dialog, "maxVisitsSpin")->isEnabled());
        QVERIFY(!field<QSpinBox>(dialog, "daysSpin")->isEnabled());
        QVERIFY(!field<QSpinBox>(dialog, "maxEventsSpin")->isEnabled());
        // The window reads event files: a transaction table is not opened as one.
        QVERIFY(!field<QCheckBox>(dialog, "openWhenDoneCheck")->isEnabled());
        QVERIFY(!dialog.openWhenDone());
        QVERIFY2(field<QLabel>(dialog, "estimateLabel")->text().contains(QStringLiteral("purchases")),
                 qPrintable(field<QLabel>(dialog, "estimateLabel")->text()));

        chooseMode(dialog, QStringLiteral("seed"));
        QVERIFY(!group->isVisible());
        QVERIFY(dialog.openWhenDone());
    }

    void testBtydFieldsReachTheOptions()
    {
        QTemporaryDir base;
        GenerateDataDialog dialog(base.path());
        dialog.show();
        chooseMode(dialog, QStringLiteral("btyd"));
        const BtydParameters defaults;
        QCOMPARE(dialog.options().btyd.r, defaults.r);
        QCOMPARE(dialog.options().btyd.gamma, defaults.gamma);
        QCOMPARE(dialog.options().cohortWeeks, GeneratorOptions().cohortWeeks);

        const std::pair<const char*, double> values[] = {{"rSpin", 0.5},     {"alphaSpin", 3.25}, {"aSpin", 1.1},
                                                         {"bSpin", 4.0},     {"pSpin", 5.5},      {"qSpin", 2.5},
                                                         {"gammaSpin", 20.0}};
        for (const auto& [name, value] : values)
            field<QDoubleSpinBox>(dialog, name)->setValue(value);
        auto* cohort = field<QSpinBox>(dialog, "cohortWeeksSpin");
        cohort->selectAll();
        QTest::keyClicks(cohort, QStringLiteral("8"));
        field<QSpinBox>(dialog, "weeksSpin")->setValue(39);
        const GeneratorOptions options = dialog.options();
        QCOMPARE(options.btyd.r, 0.5);
        QCOMPARE(options.btyd.alpha, 3.25);
        QCOMPARE(options.btyd.a, 1.1);
        QCOMPARE(options.btyd.b, 4.0);
        QCOMPARE(options.btyd.p, 5.5);
        QCOMPARE(options.btyd.q, 2.5);
        QCOMPARE(options.btyd.gamma, 20.0);
        QCOMPARE(options.cohortWeeks, 8);
        QCOMPARE(options.weeks, 39);
    }

    // The default file follows the mode, so that a transaction table does not land where the
    // event file goes; a file the user chose stays.
    void testBtydDefaultOutputIsTransactionsCsv()
    {
        QTemporaryDir base;
        GenerateDataDialog dialog(base.path());
        dialog.show();
        chooseMode(dialog, QStringLiteral("btyd"));
        QCOMPARE(dialog.outputFile(), QDir(base.path()).filePath(QStringLiteral("data/input/transactions.csv")));
        chooseMode(dialog, QStringLiteral("realistic"));
        QCOMPARE(dialog.outputFile(), QDir(base.path()).filePath(QStringLiteral("data/input/input.txt")));
        typeOutputFile(dialog, QStringLiteral("mine.txt"));
        chooseMode(dialog, QStringLiteral("btyd"));
        QCOMPARE(dialog.outputFile(), QDir(base.path()).filePath(QStringLiteral("mine.txt")));
    }

    void testBtydRunWritesATransactionTable()
    {
        QTemporaryDir base;
        const QString output = base.filePath(QStringLiteral("purchases.csv"));
        GenerateDataDialog dialog(base.path());
        dialog.show();
        chooseMode(dialog, QStringLiteral("btyd"));
        field<QSpinBox>(dialog, "customersSpin")->setValue(200);
        field<QSpinBox>(dialog, "weeksSpin")->setValue(39);
        field<QLineEdit>(dialog, "seedEdit")->setText(QStringLiteral("3"));
        typeOutputFile(dialog, output);
        QSignalSpy generated(&dialog, &GenerateDataDialog::generated);
        pressGenerate(dialog);
        QVERIFY(generated.wait(kGenerateTimeoutMs));

        const QList<QByteArray> lines = nonEmptyLines(readAll(output));
        QCOMPARE(lines.first(), QByteArray("customer_id,date,amount"));
        QVERIFY(lines.size() > 200);
        QCOMPARE(generated[0][1].toLongLong(), qint64(lines.size() - 1));
        QCOMPARE(generated[0][2].toBool(), false);
        QVERIFY2(statusText(dialog).startsWith(
                     QStringLiteral("Wrote %1 purchases").arg(QLocale().toString(lines.size() - 1))),
                 qPrintable(statusText(dialog)));
        static const QRegularExpression row(QStringLiteral("^\\d+,\\d{4}-\\d\\d-\\d\\d,\\d+\\.\\d\\d$"));
        for (qsizetype i = 1; i < lines.size(); ++i)
            QVERIFY2(row.match(QString::fromLatin1(lines[i])).hasMatch(), lines[i].constData());
    }

    void testBtydParameterOfZeroIsShownAndNothingIsWritten()
    {
        QTemporaryDir base;
        GenerateDataDialog dialog(base.path());
        dialog.show();
        chooseMode(dialog, QStringLiteral("btyd"));
        field<QDoubleSpinBox>(dialog, "alphaSpin")->setValue(0);
        QVERIFY(field<QLabel>(dialog, "estimateLabel")->text().isEmpty());
        QSignalSpy generated(&dialog, &GenerateDataDialog::generated);
        pressGenerate(dialog);
        QTest::qWait(100);
        QCOMPARE(statusText(dialog), QStringLiteral("Alpha must be greater than 0."));
        QVERIFY(generated.isEmpty());
        QVERIFY(dialog.isVisible());
        QVERIFY(QDir(base.path()).isEmpty());
    }

    void testSmallSeedRunWritesFourJsonEventsPerCustomer()
    {
        QTemporaryDir base;
        const QString output = QDir(base.path()).filePath(QStringLiteral("nested/folder/events.txt"));
        GenerateDataDialog dialog(base.path());
        dialog.show();
        fillSeedRun(dialog, SeedRun{}, output);
        field<QCheckBox>(dialog, "openWhenDoneCheck")->setChecked(false);
        QSignalSpy generated(&dialog, &GenerateDataDialog::generated);
        pressGenerate(dialog);
        QVERIFY(generated.wait(kGenerateTimeoutMs));

        QCOMPARE(generated.size(), 1);
        QCOMPARE(generated[0][0].toString(), output);
        QCOMPARE(generated[0][1].toLongLong(), qint64(20 * 4));
        QCOMPARE(generated[0][2].toBool(), false);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.isVisible());

        const QList<QByteArray> lines = nonEmptyLines(readAll(output));
        QCOMPARE(lines.size(), 20 * 4);
        for (const QByteArray& line : lines) {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(line, &error);
            QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
            QVERIFY2(document.isObject() && document.object().contains(QStringLiteral("type")), line.constData());
        }
        QCOMPARE(QDir(QFileInfo(output).absolutePath()).entryList(QDir::Files),
                 QStringList{QStringLiteral("events.txt")});
    }

    void testSameOptionsGiveIdenticalBytes()
    {
        QTemporaryDir base;
        const SeedRun run{30, 5, 42, 0};
        const QByteArray first = generateSeedRun(base.path(), run, base.filePath(QStringLiteral("first.txt")));
        const QByteArray second = generateSeedRun(base.path(), run, base.filePath(QStringLiteral("second.txt")));
        QVERIFY(!first.isEmpty());
        QCOMPARE(second, first);

        SeedRun otherSeed = run;
        otherSeed.seed = 43;
        const QByteArray third = generateSeedRun(base.path(), otherSeed, base.filePath(QStringLiteral("third.txt")));
        QVERIFY(!third.isEmpty());
        QVERIFY(third != first);
    }

    void testBadLinesAreAddedToTheSameGoodLines()
    {
        QTemporaryDir base;
        const QByteArray clean = generateSeedRun(base.path(), SeedRun{10, 1, 3, 0},
                                                 base.filePath(QStringLiteral("clean.txt")));
        const QByteArray dirty = generateSeedRun(base.path(), SeedRun{10, 1, 3, 3},
                                                 base.filePath(QStringLiteral("dirty.txt")));
        QCOMPARE(nonEmptyLines(clean).size(), 40);
        QCOMPARE(nonEmptyLines(dirty).size(), 43);
    }

    void testZeroCustomersIsShownAndNothingIsWritten()
    {
        QTemporaryDir base;
        const QString output = base.filePath(QStringLiteral("data/input/input.txt"));
        GenerateDataDialog dialog(base.path());
        dialog.show();
        fillSeedRun(dialog, SeedRun{0, 5, 1, 0}, output);
        QSignalSpy generated(&dialog, &GenerateDataDialog::generated);
        pressGenerate(dialog);
        QTest::qWait(100);

        QVERIFY2(statusText(dialog).contains(QStringLiteral("ustomers must be at least 1")),
                 qPrintable(statusText(dialog)));
        QVERIFY(field<QLabel>(dialog, "statusLabel")->property("problem").toBool());
        QVERIFY(generated.isEmpty());
        QVERIFY(dialog.isVisible());
        QVERIFY(isIdle(dialog));
        QVERIFY(!QFileInfo::exists(output));
        QVERIFY(QDir(base.path()).isEmpty());
    }

    void testEmptyOutputPathIsShown()
    {
        QTemporaryDir base;
        GenerateDataDialog dialog(base.path());
        dialog.show();
        typeOutputFile(dialog, QString());
        pressGenerate(dialog);
        QVERIFY2(statusText(dialog).contains(QStringLiteral("output file")), qPrintable(statusText(dialog)));
        QVERIFY(dialog.isVisible());
    }

    void testFolderAsOutputIsShownAndTheDialogStaysOpen()
    {
        QTemporaryDir base;
        GenerateDataDialog dialog(base.path());
        dialog.show();
        fillSeedRun(dialog, SeedRun{}, base.path());
        QSignalSpy generated(&dialog, &GenerateDataDialog::generated);
        pressGenerate(dialog);
        QTest::qWait(100);
        QVERIFY2(statusText(dialog).contains(QStringLiteral("folder")), qPrintable(statusText(dialog)));
        QVERIFY(generated.isEmpty());
        QVERIFY(dialog.isVisible());
        QVERIFY(QDir(base.path()).isEmpty());
    }

    void testUnwritableFolderIsShownAndTheDialogStaysOpen()
    {
        // A regular file where a folder should be: no folder can be created under it, even as root.
        QTemporaryDir base;
        const QString blocker = base.filePath(QStringLiteral("blocker"));
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        GenerateDataDialog dialog(base.path());
        dialog.show();
        fillSeedRun(dialog, SeedRun{}, blocker + QStringLiteral("/sub/events.txt"));
        QSignalSpy generated(&dialog, &GenerateDataDialog::generated);
        pressGenerate(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(isIdle(dialog), kGenerateTimeoutMs);

        QVERIFY2(statusText(dialog).startsWith(QStringLiteral("Could not")), qPrintable(statusText(dialog)));
        QVERIFY(field<QLabel>(dialog, "statusLabel")->property("problem").toBool());
        QVERIFY(generated.isEmpty());
        QVERIFY(dialog.isVisible());
        QVERIFY(field<QSpinBox>(dialog, "customersSpin")->isEnabled());
        QCOMPARE(QDir(base.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("blocker")});
    }

    void testCancellingALargeRunLeavesNoFile()
    {
        QTemporaryDir base;
        const QString folder = base.filePath(QStringLiteral("out"));
        QVERIFY(QDir().mkpath(folder));
        const QString output = QDir(folder).filePath(QStringLiteral("large.txt"));
        GenerateDataDialog dialog(base.path());
        dialog.show();
        startLargeRun(dialog, output);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(!field<QSpinBox>(dialog, "customersSpin")->isEnabled());
        QVERIFY(!field<QLineEdit>(dialog, "outputEdit")->isEnabled());
        QSignalSpy generated(&dialog, &GenerateDataDialog::generated);
        pressCancel(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(isIdle(dialog), kGenerateTimeoutMs);

        QVERIFY(generated.isEmpty());
        QVERIFY(dialog.isVisible()); // the first Cancel stops the run, not the dialog
        QVERIFY2(statusText(dialog).startsWith(QStringLiteral("Cancelled")), qPrintable(statusText(dialog)));
        QVERIFY(field<QSpinBox>(dialog, "customersSpin")->isEnabled());
        QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());

        pressCancel(dialog);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!dialog.isVisible());
    }

    void testCancelKeepsThePreviousFileWhole()
    {
        QTemporaryDir base;
        const QString output = base.filePath(QStringLiteral("input.txt"));
        const QByteArray previous = "{\"type\":\"CUSTOMER\",\"verb\":\"NEW\",\"key\":\"kept\"}\n";
        QFile file(output);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(previous);
        file.close();

        GenerateDataDialog dialog(base.path());
        dialog.show();
        startLargeRun(dialog, output);
        if (QTest::currentTestFailed())
            return;
        pressCancel(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(isIdle(dialog), kGenerateTimeoutMs);

        QCOMPARE(readAll(output), previous);
        QCOMPARE(QDir(base.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("input.txt")});
    }

    void testClosingTheDialogWhileRunningCancelsTheRun()
    {
        QTemporaryDir base;
        const QString output = base.filePath(QStringLiteral("large.txt"));
        {
            GenerateDataDialog dialog(base.path());
            dialog.show();
            startLargeRun(dialog, output);
        }
        QCOMPARE(QDir(base.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
    }

private:
    // Starts a realistic run big enough to take seconds, and waits until it has made progress.
    static void startLargeRun(GenerateDataDialog& dialog, const QString& output)
    {
        chooseMode(dialog, QStringLiteral("realistic"));
        field<QSpinBox>(dialog, "customersSpin")->setValue(300000);
        field<QSpinBox>(dialog, "weeksSpin")->setValue(52);
        field<QSpinBox>(dialog, "maxVisitsSpin")->setValue(12);
        typeOutputFile(dialog, output);
        pressGenerate(dialog);
        QVERIFY(!isIdle(dialog));
        QTRY_VERIFY_WITH_TIMEOUT(field<QProgressBar>(dialog, "progressBar")->value() > 0, kGenerateTimeoutMs);
        QVERIFY(!isIdle(dialog));
    }
};

QTEST_MAIN(TestGenerateDataDialog)
#include "tst_generatedatadialog.moc"
