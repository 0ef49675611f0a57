#include "util/MallocTuning.h"

#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>
#include <vector>

namespace clv {

std::string tunedMallocTunables(const char* current, ProgramLife life)
{
    std::vector<const char*> settings = {"glibc.malloc.hugetlb=1", "glibc.malloc.arena_max=1"};
    if (life == ProgramLife::EndsWithItsWork)
        settings.insert(settings.end(),
                        {"glibc.malloc.mmap_threshold=33554432", "glibc.malloc.trim_threshold=1073741824"});
    std::string value = current ? std::string(current) : std::string();
    bool added = false;
    for (const char* setting : settings) {
        const std::string name(setting, std::strchr(setting, '=') + 1);
        // The user's own choice stands; a name is matched whole, at the start or after a colon.
        if (value.rfind(name, 0) == 0 || value.find(':' + name) != std::string::npos)
            continue;
        if (!value.empty())
            value += ':';
        value += setting;
        added = true;
    }
    return added ? value : std::string();
}

void tuneMallocForLargeBuffers(char* argv[], ProgramLife life)
{
    const char* off = std::getenv("CLV_PLAIN_MALLOC");
    if (off && std::strcmp(off, "0") != 0)
        return;
    const std::string value = tunedMallocTunables(std::getenv("GLIBC_TUNABLES"), life);
    if (value.empty() || setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0)
        return;
    // Started again under the program's own path: the kernel names a process after the file
    // it executes, and "/proc/self/exe" would make it "exe" in ps, top and the desktop's task
    // lists. The link is the way back when the file has since been replaced or removed.
    char path[4096];
    const ssize_t length = readlink("/proc/self/exe", path, sizeof path - 1);
    if (length > 0) {
        path[length] = '\0';
        execv(path, argv);
    }
    execv("/proc/self/exe", argv);
    // Not started again (no /proc, say): run on with malloc's defaults.
}

} // namespace clv
