#pragma once

// Helpers for driving the real window offscreen: answering the modal dialogs that the
// File menu opens, and isolating QSettings in a temporary folder.

#include <QApplication>
#include <QDialog>
#include <QFileDialog>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

namespace clv::test {

// Calls `answer` with the next modal dialog of type T once it is shown.
template <class T>
void whenModal(std::function<void(T*)> answer, int timeoutMs = 10000)
{
    auto* timer = new QTimer;
    auto waited = std::make_shared<int>(0);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, [timer, answer, waited, timeoutMs] {
        *waited += 20;
        if (auto* dialog = qobject_cast<T*>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            answer(dialog);
        } else if (*waited > timeoutMs) {
            timer->stop();
            timer->deleteLater();
        }
    });
    timer->start();
}

// Answers the next file dialog with `paths` (files, or one folder).
inline void answerFileDialog(const QStringList& paths)
{
    whenModal<QFileDialog>([paths](QFileDialog* dialog) {
        QStringList quoted;
        for (const QString& p : paths)
            quoted << QLatin1Char('"') + p + QLatin1Char('"');
        if (dialog->fileMode() == QFileDialog::Directory)
            dialog->setDirectory(paths.first());
        dialog->selectFile(paths.size() == 1 ? paths.first() : quoted.join(QLatin1Char(' ')));
        dialog->accept();
    });
}

// Points QSettings at a folder of its own for the test's life.
inline void isolateSettings(const QTemporaryDir& dir)
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("CLV Studio Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("clv-studio-tests"));
}

} // namespace clv::test
