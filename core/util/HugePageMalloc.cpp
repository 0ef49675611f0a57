#include "util/HugePageMalloc.h"

#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>

namespace clv {

void useHugePagesForLargeAllocations(char* argv[])
{
    constexpr char kTunable[] = "glibc.malloc.hugetlb";
    const char* off = std::getenv("CLV_NO_HUGE_PAGES");
    if (off && std::strcmp(off, "0") != 0)
        return;
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    if (tunables && std::strstr(tunables, kTunable))
        return;
    std::string value = tunables && *tunables ? std::string(tunables) + ':' : std::string();
    value += std::string(kTunable) + "=1";
    if (setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0)
        return;
    execv("/proc/self/exe", argv);
    // Not started again (no /proc, say): run on with ordinary pages.
}

} // namespace clv
