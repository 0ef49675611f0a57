#pragma once

#include "store/Workspace.h"
#include "store/WorkspaceLocation.h"

namespace clv {

// Opens the workspace a user named, file or server, with the rules of Workspace::open: a
// missing one is created (CreateIfMissing: a new file, or the tables in an empty database),
// an older schema is brought up to date, a newer one is refused. `location` is a path or a
// postgresql:// address (WorkspaceLocation). The command line and the window's jobs open
// every workspace through here.
std::unique_ptr<Workspace> openWorkspace(const QString& location, QString* error,
                                         WorkspaceOpenMode mode = WorkspaceOpenMode::CreateIfMissing,
                                         WorkspaceOpenFailure* failure = nullptr);

} // namespace clv
