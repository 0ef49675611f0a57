#include "dialogs/TransactionImportDialog.h"

#include "dialogs/MessageText.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace clv {

namespace {

const char* const kComboNames[3] = {"idColumnCombo", "dateColumnCombo", "amountColumnCombo"};

QString utf8(const std::string& text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString separatorText(FieldSeparator separator)
{
    switch (separator) {
    case FieldSeparator::Comma: return QObject::tr("comma-separated (CSV)");
    case FieldSeparator::Tab: return QObject::tr("tab-separated (TSV)");
    case FieldSeparator::Blanks: return QObject::tr("separated by blanks (whitespace)");
    }
    return {};
}

QString roleText(int role)
{
    static const char* const kRoles[3] = {QT_TR_NOOP("customer id"), QT_TR_NOOP("date"), QT_TR_NOOP("amount")};
    return QObject::tr(kRoles[role]);
}

} // namespace

TransactionImportDialog::TransactionImportDialog(const QStringList& files, QWidget* parent)
    : QDialog(parent), m_files(files), m_read(previewTransactionFile(files.value(0))), m_format(new QLabel(this)),
      m_table(new QTableWidget(this)), m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Open Transactions"));
    setObjectName(QStringLiteral("transactionImportDialog"));
    auto* layout = new QVBoxLayout(this);

    QString fileText = tr("<b>%1</b>").arg(QDir::toNativeSeparators(files.value(0)).toHtmlEscaped());
    if (files.size() > 1)
        fileText += tr(" and %n more file(s), read with the same columns", nullptr, static_cast<int>(files.size() - 1));
    auto* fileLabel = new QLabel(fileText, this);
    fileLabel->setObjectName(QStringLiteral("fileLabel"));
    fileLabel->setWordWrap(true);
    layout->addWidget(fileLabel);
    m_format->setObjectName(QStringLiteral("formatLabel"));
    layout->addWidget(m_format);

    m_table->setObjectName(QStringLiteral("previewTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setToolTip(tr("Line in the file"));
    layout->addWidget(m_table, 1);

    auto* choices = new QWidget(this);
    auto* form = new QFormLayout(choices);
    form->setContentsMargins(0, 0, 0, 0);
    for (int role = 0; role < 3; ++role) {
        m_columns[role] = new QComboBox(this);
        m_columns[role]->setObjectName(QLatin1String(kComboNames[role]));
        m_columns[role]->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        static const char* const kLabels[3] = {QT_TR_NOOP("Customer id column:"), QT_TR_NOOP("Date column:"),
                                               QT_TR_NOOP("Amount column:")};
        form->addRow(tr(kLabels[role]), m_columns[role]);
        connect(m_columns[role], &QComboBox::currentIndexChanged, this, &TransactionImportDialog::updateChoice);
    }
    layout->addWidget(choices);

    m_problem->setObjectName(QStringLiteral("problemLabel"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    layout->addWidget(m_problem);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Open"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    fillPreview();
    fillColumnChoices();
    updateChoice();
    if (m_read.preview) {
        resize(760, 560);
    } else {
        // Nothing to choose from: the dialog is the file's name and why it cannot be read.
        choices->hide();
        layout->addStretch();
        resize(560, sizeHint().height());
    }
}

void TransactionImportDialog::fillPreview()
{
    if (!m_read.preview) {
        m_table->hide();
        m_format->hide();
        return;
    }
    const TransactionPreview& p = *m_read.preview;
    m_table->setColumnCount(p.columnCount);
    m_table->setRowCount(static_cast<int>(p.rows.size()));
    QStringList lines;
    for (int r = 0; r < static_cast<int>(p.rows.size()); ++r) {
        const TransactionPreview::Row& row = p.rows[static_cast<std::size_t>(r)];
        lines << QString::number(row.line);
        for (int c = 0; c < static_cast<int>(row.fields.size()); ++c)
            m_table->setItem(r, c, new QTableWidgetItem(utf8(row.fields[static_cast<std::size_t>(c)])));
    }
    m_table->setVerticalHeaderLabels(lines);
}

void TransactionImportDialog::fillColumnChoices()
{
    const bool usable = m_read.preview && m_read.preview->columnCount > 0;
    for (int role = 0; role < 3; ++role) {
        QComboBox* combo = m_columns[role];
        combo->setEnabled(usable);
        combo->addItem(tr("(choose a column)"), -1);
        if (!usable)
            continue;
        const TransactionPreview& p = *m_read.preview;
        for (int c = 0; c < p.columnCount; ++c) {
            // A header names the column; else its first value shows what it holds.
            QString text = tr("%1").arg(c + 1);
            if (p.hasHeader && static_cast<std::size_t>(c) < p.header.size())
                text += QStringLiteral(" · ") + utf8(p.header[static_cast<std::size_t>(c)]);
            else if (!p.rows.empty() && static_cast<std::size_t>(c) < p.rows.front().fields.size())
                text += tr(" (e.g. %1)").arg(utf8(p.rows.front().fields[static_cast<std::size_t>(c)]));
            combo->addItem(text, c);
        }
        if (p.columnsDetected())
            combo->setCurrentIndex(combo->findData(p.detected[static_cast<std::size_t>(role)]));
    }
}

std::array<int, 3> TransactionImportDialog::chosenColumns() const
{
    std::array<int, 3> columns{};
    for (int role = 0; role < 3; ++role)
        columns[static_cast<std::size_t>(role)] = m_columns[role]->currentData().toInt();
    return columns;
}

std::optional<TransactionOptions> TransactionImportDialog::options() const
{
    if (!m_read.preview)
        return std::nullopt;
    const std::array<int, 3> c = chosenColumns();
    if (c[0] < 0 || c[1] < 0 || c[2] < 0 || !m_read.preview->layoutWith(c[0], c[1], c[2]).layout)
        return std::nullopt;
    return transactionOptionsFor(c[0], c[1], c[2]);
}

void TransactionImportDialog::updateChoice()
{
    QPushButton* ok = m_buttons->button(QDialogButtonBox::Ok);
    if (!m_read.preview) {
        m_problem->setText(m_read.error);
        ok->setEnabled(false);
        return;
    }
    const TransactionPreview& p = *m_read.preview;
    const std::array<int, 3> c = chosenColumns();
    QString problem;
    bool header = p.hasHeader;
    if (c[0] < 0 || c[1] < 0 || c[2] < 0) {
        problem = p.columnsDetected() ? tr("Choose the customer id, date and amount columns.")
                                      : tr("The columns were not found by their names: choose which hold the "
                                           "customer id, the date and the amount.");
    } else if (c[0] == c[1] || c[0] == c[2] || c[1] == c[2]) {
        problem = tr("The customer id, date and amount must be three different columns.");
    } else if (const TransactionLayoutParse layout = p.layoutWith(c[0], c[1], c[2]); !layout.layout) {
        problem = asSentence(utf8(layout.problem));
    } else {
        header = layout.layout->hasHeader();
    }
    // The reader decides whether the first line is a header from the columns chosen (a first
    // line without a date or an amount in them): said here as it will read the file.
    m_format->setText(tr("Format: %1, %2.")
                          .arg(separatorText(p.separator),
                               header ? tr("with a header row") : tr("no header (the first line is a row)")));
    QStringList labels;
    for (int col = 0; col < p.columnCount; ++col) {
        QString label = QString::number(col + 1);
        if (p.hasHeader && static_cast<std::size_t>(col) < p.header.size())
            label += QLatin1Char('\n') + utf8(p.header[static_cast<std::size_t>(col)]);
        for (int role = 0; role < 3; ++role)
            if (c[static_cast<std::size_t>(role)] == col)
                label += QStringLiteral("\n[%1]").arg(roleText(role));
        labels << label;
    }
    m_table->setHorizontalHeaderLabels(labels);
    m_problem->setText(problem);
    ok->setEnabled(problem.isEmpty());
}

} // namespace clv
