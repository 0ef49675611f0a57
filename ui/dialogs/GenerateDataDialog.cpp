#include "dialogs/GenerateDataDialog.h"

#include "dialogs/BtydParametersBox.h"
#include "dialogs/MessageText.h"
#include "generate/BtydModeScenario.h"
#include "generate/RealisticModeScenario.h"
#include "generate/SeedModeScenario.h"
#include "generate/WordLists.h"
#include "util/JobControl.h"
#include "widgets/ProgressValue.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QSaveFile>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <limits>
#include <optional>

namespace clv {

namespace {

constexpr int kProgressSteps = 1000;

// The spin boxes accept more than the generator does, so that FakeDataGenerator::validate
// stays the one judge of what is usable and its message reaches the user.
constexpr int kMostCustomers = 99'999'999;
constexpr int kMostDaysOrWeeks = 99'999;
constexpr int kMostPerCustomer = 99'999;

QSpinBox* makeSpin(QWidget* parent, const char* name, int low, int high, const QString& toolTip)
{
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(QLatin1String(name));
    spin->setRange(low, high);
    spin->setGroupSeparatorShown(true);
    spin->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    spin->setFixedWidth(150);
    spin->setToolTip(toolTip);
    return spin;
}

QString humanSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

GeneratorMode modeNamed(const QString& name)
{
    if (name == QLatin1String("realistic"))
        return GeneratorMode::Realistic;
    if (name == QLatin1String("btyd"))
        return GeneratorMode::Btyd;
    return GeneratorMode::Seed;
}

// A transaction table is not an event file: it gets a name of its own.
QString defaultOutputFile(const QString& baseFolder, GeneratorMode mode)
{
    return QDir(baseFolder)
        .filePath(mode == GeneratorMode::Btyd ? QStringLiteral("data/input/transactions.csv")
                                              : QStringLiteral("data/input/input.txt"));
}

} // namespace

GenerateDataDialog::GenerateDataDialog(const QString& baseFolder, QWidget* parent)
    : QDialog(parent), m_baseFolder(baseFolder)
{
    setObjectName(QStringLiteral("generateDataDialog"));
    setWindowTitle(tr("Generate Fake Data"));
    buildForm();

    const GeneratorOptions defaults;
    m_customers->setValue(defaults.customers);
    m_days->setValue(defaults.days);
    m_maxEvents->setValue(defaults.maxEvents);
    m_weeks->setValue(defaults.weeks);
    m_maxVisits->setValue(defaults.maxVisits);
    m_seed->setText(QString::number(defaults.seed));
    m_badLines->setValue(defaults.badLines);
    m_output->setText(defaultOutputFile(baseFolder, GeneratorMode::Seed));

    connect(m_mode, &QComboBox::currentIndexChanged, this, &GenerateDataDialog::changeMode);
    for (QSpinBox* spin : {m_customers, m_days, m_maxEvents, m_weeks, m_maxVisits, m_badLines})
        connect(spin, &QSpinBox::valueChanged, this, &GenerateDataDialog::updateEstimate);
    connect(m_btyd, &BtydParametersBox::changed, this, &GenerateDataDialog::updateEstimate);
    connect(m_browse, &QPushButton::clicked, this, &GenerateDataDialog::browseForOutput);
    connect(m_output, &QLineEdit::textChanged, this, &GenerateDataDialog::noteExistingOutput);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &GenerateDataDialog::startGeneration);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &GenerateDataDialog::reject);
    m_jobs.setProgressHandler([this](const QString&, double fraction) {
        setProgressValue(*m_progress, static_cast<int>(fraction * kProgressSteps));
    });

    updateModeFields();
    updateEstimate();
    noteExistingOutput();
}

// A file still being written is cancelled (the generator then leaves the previous file as it
// was); nothing waits for it.
GenerateDataDialog::~GenerateDataDialog()
{
    m_jobs.supersede();
}

void GenerateDataDialog::buildForm()
{
    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("modeCombo"));
    m_mode->addItem(tr("Seed: the seed generator's shape"), QStringLiteral("seed"));
    m_mode->addItem(tr("Realistic: clustered visits over many weeks"), QStringLiteral("realistic"));
    m_mode->addItem(tr("Buy 'til you die: purchases from BG/NBD and Gamma-Gamma"), QStringLiteral("btyd"));
    m_mode->setToolTip(tr("Seed imitates the reference generator: per customer, rounds of a customer record, a site "
                          "visit, an image upload and an order, each on a random day.\nRealistic makes visits with "
                          "uploads and orders minutes apart, order updates, many weeks, and scales to millions of "
                          "events.\nBuy 'til you die writes purchases (customer_id,date,amount) simulated from the "
                          "models the predictions fit, with the parameters given."));

    const GeneratorOptions defaults;
    m_customers = makeSpin(this, "customersSpin", 0, kMostCustomers, tr("How many customers to invent."));
    m_days = makeSpin(this, "daysSpin", 0, kMostDaysOrWeeks,
                      tr("Seed mode: every event falls on a random whole day within the last N days before %1.")
                          .arg(defaults.end.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))));
    m_maxEvents = makeSpin(this, "maxEventsSpin", 0, kMostPerCustomer,
                           tr("Seed mode: each customer gets 1 to N rounds (customer record, site visit, image "
                              "upload, order); four events per round."));
    m_weeks = makeSpin(this, "weeksSpin", 0, kMostDaysOrWeeks,
                       tr("Realistic and buy 'til you die modes: weeks of activity, starting on %1.")
                           .arg(defaults.start.toString(Qt::ISODate)));
    m_maxVisits = makeSpin(this, "maxVisitsSpin", 0, kMostPerCustomer,
                           tr("Realistic mode: customers make (N + 1) / 2 visits on average, at most 4N; each at a "
                              "rate of their own, and some leave after an order."));
    m_btyd = new BtydParametersBox(this);
    // A line edit, not a spin box: seeds are 64-bit, as clv-etl generate --seed takes them.
    m_seed = new QLineEdit(this);
    m_seed->setObjectName(QStringLiteral("seedEdit"));
    m_seed->setMaximumWidth(
        m_seed->fontMetrics().horizontalAdvance(QString(22, QLatin1Char('9')))); // 20 digits and margins
    m_seed->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,20}")), m_seed));
    m_seed->setToolTip(tr("The same seed and settings give the same file, byte for byte (0 to %1).")
                           .arg(std::numeric_limits<quint64>::max()));
    m_badLines = makeSpin(this, "badLinesSpin", 0, kMostCustomers,
                          tr("Malformed lines to mix in (truncated JSON, unknown types, times without seconds, "
                             "invalid UTF-8…), to try how a run reports problems. The good lines stay the same."));

    m_estimate = new QLabel(this);
    m_estimate->setObjectName(QStringLiteral("estimateLabel"));
    m_estimate->setEnabled(false);

    m_output = new QLineEdit(this);
    m_output->setObjectName(QStringLiteral("outputEdit"));
    m_output->setMinimumWidth(320);
    m_output->setToolTip(tr("The file to write; missing folders are created. A file already there is replaced only "
                            "once the new one is complete, and stays as it was on cancel or error."));
    m_browse = new QPushButton(tr("Browse…"), this);
    m_browse->setObjectName(QStringLiteral("browseButton"));
    m_browse->setToolTip(tr("Choose the output file."));
    auto* outputRow = new QHBoxLayout;
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(m_browse);

    m_openWhenDone = new QCheckBox(tr("Open when done"), this);
    m_openWhenDone->setObjectName(QStringLiteral("openWhenDoneCheck"));
    m_openWhenDone->setChecked(true);
    m_openWhenDone->setToolTip(tr("Read the new file and analyse it as soon as it is written (event files; a "
                                  "transaction table is left for the models)."));

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setRange(0, kProgressSteps);
    setProgressValue(*m_progress, 0);
    m_progress->setTextVisible(false);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setMinimumHeight(m_status->fontMetrics().lineSpacing() * 2);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    m_buttons = new QDialogButtonBox(this);
    m_generate = m_buttons->addButton(tr("Generate"), QDialogButtonBox::AcceptRole);
    m_generate->setObjectName(QStringLiteral("generateButton"));
    m_generate->setDefault(true);
    m_cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));

    m_form = new QFormLayout;
    m_form->addRow(tr("&Mode:"), m_mode);
    m_form->addRow(tr("&Customers:"), m_customers);
    m_form->addRow(tr("&Days:"), m_days);
    m_form->addRow(tr("Max &events per customer:"), m_maxEvents);
    m_form->addRow(tr("&Weeks:"), m_weeks);
    m_form->addRow(tr("Max &visits per customer:"), m_maxVisits);
    m_form->addRow(m_btyd);
    m_form->addRow(tr("Random &seed:"), m_seed);
    m_form->addRow(tr("Malformed &lines:"), m_badLines);
    m_form->addRow(QString(), m_estimate);
    auto* outputLabel = new QLabel(tr("&Output file:"), this);
    outputLabel->setBuddy(m_output);
    m_form->addRow(outputLabel, outputRow);
    m_form->addRow(QString(), m_openWhenDone);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addSpacing(6);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    m_inputs = {m_mode, m_customers, m_days,      m_maxEvents, m_weeks,  m_maxVisits,   m_btyd,
                m_seed, m_badLines,  outputLabel, m_output,    m_browse, m_openWhenDone};
}

GeneratorOptions GenerateDataDialog::options() const
{
    GeneratorOptions options;
    options.mode = modeNamed(m_mode->currentData().toString());
    options.customers = m_customers->value();
    options.days = m_days->value();
    options.maxEvents = m_maxEvents->value();
    options.weeks = m_weeks->value();
    options.maxVisits = m_maxVisits->value();
    options.btyd = m_btyd->parameters();
    options.cohortWeeks = m_btyd->cohortWeeks();
    options.seed = m_seed->text().toULongLong(); // 0 when out of range: generate() refuses that first
    options.badLines = m_badLines->value();
    return options;
}

QString GenerateDataDialog::outputFile() const
{
    const QString text = m_output->text().trimmed();
    if (text.isEmpty())
        return {};
    return QDir::cleanPath(QDir(m_baseFolder).absoluteFilePath(QDir::fromNativeSeparators(text)));
}

bool GenerateDataDialog::openWhenDone() const
{
    return m_openWhenDone->isChecked() && options().mode != GeneratorMode::Btyd;
}

void GenerateDataDialog::setOutputFile(const QString& path)
{
    m_output->setText(QDir::toNativeSeparators(path));
}

void GenerateDataDialog::setFieldEnabled(QWidget* field, bool enabled)
{
    field->setEnabled(enabled);
    if (QWidget* label = m_form->labelForField(field))
        label->setEnabled(enabled);
}

void GenerateDataDialog::changeMode()
{
    // A default output file follows the mode; a file the user chose stays.
    const GeneratorMode mode = options().mode;
    if (outputFile() == defaultOutputFile(m_baseFolder, m_outputMode))
        setOutputFile(defaultOutputFile(m_baseFolder, mode));
    m_outputMode = mode;
    updateModeFields();
    updateEstimate();
}

void GenerateDataDialog::updateModeFields()
{
    const GeneratorMode mode = options().mode;
    const bool btydMode = mode == GeneratorMode::Btyd;
    setFieldEnabled(m_days, mode == GeneratorMode::Seed);
    setFieldEnabled(m_maxEvents, mode == GeneratorMode::Seed);
    setFieldEnabled(m_weeks, mode != GeneratorMode::Seed);
    setFieldEnabled(m_maxVisits, mode == GeneratorMode::Realistic);
    // The events of the window are read from event files; a transaction table is for the models.
    setFieldEnabled(m_openWhenDone, !btydMode);
    if (m_btyd->isVisibleTo(this) != btydMode) {
        m_btyd->setVisible(btydMode);
        if (isVisible()) {
            // The layout learns of the hidden group only when activated; then the dialog fits it.
            layout()->activate();
            adjustSize();
        }
    }
}

void GenerateDataDialog::updateEstimate()
{
    const GeneratorOptions current = options();
    if (!FakeDataGenerator::validate(current).isEmpty()) {
        m_estimate->clear();
        return;
    }
    if (current.mode == GeneratorMode::Btyd) {
        m_estimate->setText(
            tr("About %1 purchases").arg(QLocale().toString(BtydModeScenario::expectedPurchases(current))));
        return;
    }
    const qint64 events = current.mode == GeneratorMode::Seed ? SeedModeScenario::expectedEvents(current)
                                                              : RealisticModeScenario::expectedEvents(current);
    m_estimate->setText(tr("About %1 events").arg(QLocale().toString(events)));
}

void GenerateDataDialog::noteExistingOutput()
{
    if (m_jobs.isRunning())
        return;
    const QFileInfo target(outputFile());
    showStatus(target.isFile()
                   ? tr("%1 exists; generating replaces it once the new file is complete.").arg(target.fileName())
                   : QString(),
               false);
}

void GenerateDataDialog::browseForOutput()
{
    const bool btydMode = options().mode == GeneratorMode::Btyd;
    const QString chosen = QFileDialog::getSaveFileName(
        this, btydMode ? tr("Write Purchases To") : tr("Write Fake Events To"), outputFile(),
        btydMode ? tr("Transaction tables (*.csv *.txt);;All files (*)")
                 : tr("Event files (*.txt *.jsonl *.ndjson *.json);;All files (*)"));
    if (!chosen.isEmpty())
        setOutputFile(chosen);
}

void GenerateDataDialog::startGeneration()
{
    if (m_jobs.isRunning())
        return;
    bool seedOk = false;
    m_seed->text().toULongLong(&seedOk);
    if (!seedOk) {
        showStatus(tr("The random seed must be a whole number from 0 to %1.").arg(std::numeric_limits<quint64>::max()),
                   true);
        return;
    }
    const GeneratorOptions chosen = options();
    if (const QString problem = FakeDataGenerator::validate(chosen); !problem.isEmpty()) {
        showStatus(asSentence(problem), true);
        return;
    }
    const QString file = outputFile();
    if (file.isEmpty()) {
        showStatus(tr("Choose an output file."), true);
        return;
    }
    if (QFileInfo(file).isDir()) {
        showStatus(tr("%1 is a folder; choose a file name.").arg(QDir::toNativeSeparators(file)), true);
        return;
    }
    QString wordsProblem;
    std::optional<WordLists> words = WordLists::load(WordLists::defaultDirectory(), &wordsProblem);
    if (!words) {
        showStatus(tr("The word lists the generator needs were not found: %1").arg(asSentence(wordsProblem)), true);
        return;
    }

    m_runningFile = file;
    setRunning(true);
    showStatus(tr("Generating %1…").arg(QFileInfo(file).fileName()), false);
    m_jobs.start(
        [chosen, words = std::move(*words), file](const JobControl& control) mutable {
            Generation done;
            done.report = FakeDataGenerator(chosen, std::move(words)).writeFile(file, &control);
            done.cancelled = control.isCancelled();
            return done;
        },
        [this](const Generation& done) { finishGeneration(done); });
}

void GenerateDataDialog::finishGeneration(const Generation& done)
{
    const GeneratorReport& report = done.report;
    const bool cancelled = done.cancelled;
    const QString file = m_runningFile;
    setRunning(false);

    if (report.ok()) {
        setProgressValue(*m_progress, kProgressSteps);
        const QString malformed = report.badLines > 0
            ? tr(" and %1 malformed lines").arg(QLocale().toString(report.badLines))
            : QString();
        const QString written = options().mode == GeneratorMode::Btyd
            ? tr("%1 purchases").arg(QLocale().toString(report.events))
            : tr("%1 events").arg(QLocale().toString(report.events));
        showStatus(tr("Wrote %1%2 (%3) to %4.")
                       .arg(written, malformed, humanSize(report.bytes), QDir::toNativeSeparators(file)),
                   false);
        Q_EMIT generated(file, report.events, openWhenDone());
        accept();
        return;
    }
    setProgressValue(*m_progress, 0);
    if (cancelled) {
        showStatus(QFileInfo(file).isFile() ? tr("Cancelled; %1 was left as it was.").arg(QFileInfo(file).fileName())
                                            : tr("Cancelled; no file was written."),
                   false);
        return;
    }
    showStatus(asSentence(report.error), true);
}

void GenerateDataDialog::reject()
{
    if (!m_jobs.isRunning()) {
        QDialog::reject();
        return;
    }
    m_jobs.cancel();
    m_cancel->setEnabled(false);
    showStatus(tr("Cancelling…"), false);
}

void GenerateDataDialog::setRunning(bool running)
{
    for (QWidget* input : std::as_const(m_inputs))
        setFieldEnabled(input, !running);
    m_generate->setEnabled(!running);
    m_cancel->setEnabled(true);
    if (running)
        setProgressValue(*m_progress, 0);
    else
        updateModeFields();
}

void GenerateDataDialog::showStatus(const QString& text, bool problem)
{
    m_status->setText(text);
    m_status->setProperty("problem", problem);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #b3261e;") : QString());
}

} // namespace clv
