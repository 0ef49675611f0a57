#include "SettingsWriter.h"

#include <QCoreApplication>
#include <QSettings>
#include <QThread>

namespace clv {

namespace {

QThread* g_writer = nullptr;

// Run as the application object is destroyed: the writer's event loop ends, and the
// settings still waiting for deletion are deleted (and written) as its thread finishes.
void stopWriter()
{
    if (!g_writer)
        return;
    g_writer->quit();
    g_writer->wait();
    delete g_writer;
    g_writer = nullptr;
}

QThread* writer()
{
    if (!g_writer) {
        g_writer = new QThread;
        g_writer->setObjectName(QStringLiteral("clv-settings"));
        g_writer->start(QThread::LowPriority);
        qAddPostRoutine(stopWriter);
    }
    return g_writer;
}

} // namespace

void finishSettingsInBackground(std::unique_ptr<QSettings> settings)
{
    if (!settings)
        return;
    // Only the thread that owns an object may hand it to another, and only the application's
    // thread has a writer to hand it to; anywhere else it is finished at once.
    if (!QCoreApplication::instance() || QThread::currentThread() != QCoreApplication::instance()->thread())
        return;
    QSettings* handed = settings.release();
    handed->moveToThread(writer()); // its queued sync request goes along
    handed->deleteLater();
}

} // namespace clv
