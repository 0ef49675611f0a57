#pragma once

#include <memory>

class QSettings;

namespace clv {

// Finishes a QSettings object on a thread of its own: its pending changes are written there,
// then it is deleted. QSettings writes its file through QSaveFile, which syncs it to disk, and
// with the disk busy (a workspace or output files being written) that held the window's
// thread for up to 50 ms when a file was opened and the recent-files list saved. Other
// QSettings objects of the process see the changes at once (they share the file's cached
// contents); the file on disk follows a moment later, and at the latest when the application
// object is destroyed. Without an application object the settings are written at once, here.
void finishSettingsInBackground(std::unique_ptr<QSettings> settings);

} // namespace clv
