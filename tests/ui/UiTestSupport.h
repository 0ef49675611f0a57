#pragma once

// Helpers for driving the real window offscreen: answering the dialogs that the File menu
// opens (window-modal, with open(), so they are found among the window's children), and
// isolating QSettings in a temporary folder.

#include <QApplication>
#include <QDialog>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace clv::test {

// The shown child of `parent` named `name` (closed dialogs linger until deleted later).
template <class T>
T* shownChild(const QObject& parent, const QString& name)
{
    for (T* child : parent.findChildren<T*>(name))
        if (child->isVisible())
            return child;
    return nullptr;
}

// Chooses `paths` in an open file dialog (files, or one folder) and presses its OK button.
inline bool answerFileDialog(QFileDialog* dialog, const QStringList& paths)
{
    if (!dialog || !dialog->isVisible())
        return false;
    if (dialog->fileMode() == QFileDialog::Directory) {
        const QFileInfo folder(paths.first());
        dialog->setDirectory(folder.absolutePath());
        dialog->selectFile(folder.fileName());
    } else if (paths.size() == 1) {
        dialog->selectFile(paths.first());
    } else {
        dialog->setDirectory(QFileInfo(paths.first()).absolutePath());
        QStringList quoted;
        for (const QString& p : paths)
            quoted << QLatin1Char('"') + QFileInfo(p).fileName() + QLatin1Char('"');
        dialog->selectFile(quoted.join(QLatin1Char(' ')));
    }
    return QMetaObject::invokeMethod(dialog, "accept");
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

// The window's parts, found as a user's eye would: by the object names the window gives them.
template <class T>
T* part(const QObject& window, const char* name)
{
    return window.findChild<T*>(QLatin1String(name));
}

} // namespace clv::test
