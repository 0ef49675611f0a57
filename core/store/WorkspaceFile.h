#pragma once

#include <QString>

namespace clv {

// A workspace file as a whole: copied, staged and put in place. SQLite keeps a file's latest
// commits in FILE-wal (and its lock state in FILE-shm) until the last connection closes, so
// a workspace is never copied or replaced as a plain file.

// Writes a consistent copy of the workspace at `from` to the new file `to` (SQLite's VACUUM
// INTO), whatever another reader (a paged table) holds open.
bool copyWorkspaceSnapshot(const QString& from, const QString& to, QString* error);

// Puts the complete workspace file `from` in place at `to`, replacing what is there together
// with its -wal and -shm files: a -wal left beside a new file would be replayed onto it. No
// connection may be open on either file.
bool replaceWorkspaceFile(const QString& from, const QString& to, QString* error);

// A new workspace built beside its target (TARGET.saving-PID-XXXXXX) and put in place only when
// complete: a failed or cancelled save leaves whatever was at the target untouched. What is
// not committed is removed with the staging. Open path() with WorkspaceOpenMode::Staging.
class StagedWorkspaceFile {
public:
    explicit StagedWorkspaceFile(QString target);
    ~StagedWorkspaceFile();
    StagedWorkspaceFile(const StagedWorkspaceFile&) = delete;
    StagedWorkspaceFile& operator=(const StagedWorkspaceFile&) = delete;

    // Where to build the new workspace. What killed builds of the same target left is removed
    // first; another running program's build is left alone.
    const QString& path() const { return m_path; }
    const QString& target() const { return m_target; }
    // Syncs the staged file to the disk and replaces the target with it. No connection may be
    // open on either.
    bool commit(QString* error);

private:
    void removeStaged() const;

    QString m_target;
    QString m_path;
    bool m_committed = false;
};

} // namespace clv
