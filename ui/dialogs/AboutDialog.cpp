#include "dialogs/AboutDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

#include <boost/version.hpp>

namespace clv {

namespace {

// "1_81" as Boost spells its version, in the usual dotted form.
QString boostVersion()
{
    return QStringLiteral(BOOST_LIB_VERSION).replace(QLatin1Char('_'), QLatin1Char('.'));
}

} // namespace

QString AboutDialog::aboutText()
{
    // The project has not declared a licence of its own (there is no licence file, and the
    // Debian package's fields name none): say so rather than invent one. Qt's modules are
    // under the LGPL v3, except Qt Charts, which Debian ships under the GPL v3.
    return tr("<h3>CLV Studio %1</h3>"
              "<p>Customer lifetime value from web-site event logs.</p>"
              "<p>Qt %2 (built with Qt %3)<br>Boost %4</p>"
              "<p><b>Licences</b><br>"
              "CLV Studio: no licence has been declared for it yet.<br>"
              "Qt: GNU Lesser General Public License v3 (LGPLv3)<br>"
              "Qt Charts: GNU General Public License v3 (GPLv3)<br>"
              "Boost: Boost Software License 1.0</p>")
        .arg(QStringLiteral(CLV_VERSION), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
             boostVersion());
}

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About CLV Studio"));
    auto* text = new QLabel(aboutText(), this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setTextFormat(Qt::RichText);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(buttons);
    layout->setSizeConstraint(QLayout::SetFixedSize); // as large as the text, no more
}

} // namespace clv
