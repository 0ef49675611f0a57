#include "widgets/RawLineDialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace clv {

RawLineDialog::RawLineDialog(const QString& location, const QString& reason, const QString& raw, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Rejected line — %1").arg(location));
    auto* where = new QLabel(QStringLiteral("<b>%1</b>").arg(location.toHtmlEscaped()), this);
    auto* why = new QLabel(reason, this);
    why->setWordWrap(true);
    why->setObjectName(QStringLiteral("reasonLabel"));
    auto* text = new QPlainTextEdit(this);
    text->setObjectName(QStringLiteral("rawText"));
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setPlainText(raw);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(where);
    layout->addWidget(why);
    layout->addWidget(text);
    layout->addWidget(buttons);
    resize(720, 320);
}

} // namespace clv
