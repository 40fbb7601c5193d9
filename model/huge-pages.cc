/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "huge-pages.h"

#include <cstdint>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace ns3
{

void
AdviseHugePages(void* data, size_t bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr uintptr_t HUGE_PAGE = uintptr_t{2} << 20;
    if (data == nullptr || bytes < 2 * HUGE_PAGE)
    {
        return;
    }
    const uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(HUGE_PAGE - 1);
    if (end > begin)
    {
        // Advice only: a failure (no transparent huge pages) leaves ordinary pages.
        madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
    }
#else
    (void)data;
    (void)bytes;
#endif
}

} // namespace ns3
