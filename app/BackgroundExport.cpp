#include "BackgroundExport.h"

#include "util/BackgroundPriority.h"

#include <QThread>
#include <QtConcurrent>

BackgroundExport::BackgroundExport(const clv::ExportRequest& request) : m_request(request)
{
    m_writer.setMaxThreadCount(1);
    m_formatters.setMaxThreadCount(QThread::idealThreadCount());
    m_request.pool = &m_formatters;
    m_request.control = &m_stop;
}

BackgroundExport::~BackgroundExport()
{
    m_stop.cancel();
    m_written.waitForFinished();
}

void BackgroundExport::start(const std::shared_ptr<const clv::ResultTables>& tables)
{
    if (m_export || !tables)
        return;
    clv::runAtBackgroundPriority(m_writer);
    clv::runAtBackgroundPriority(m_formatters);
    m_tables = tables;
    m_export = std::make_unique<clv::StagedExport>(m_request, *m_tables);
    m_written = QtConcurrent::run(&m_writer, [this] { return m_export->writeTables(); });
}

clv::ExportResult BackgroundExport::commit(const clv::ReadResult& read, const clv::StageTimings& timings)
{
    m_written.waitForFinished();
    return m_export->commit(read, timings);
}
