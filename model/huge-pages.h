/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_HUGE_PAGES_H
#define MICROSCOPE_HUGE_PAGES_H

#include <algorithm>
#include <cstddef>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * Ask the kernel to back a buffer with transparent huge pages (Linux's madvise(MADV_HUGEPAGE)
 * on the buffer's 2 MiB-aligned interior; nothing elsewhere, or for buffers under 4 MiB). Call
 * it before the buffer is first written: touching fresh memory then costs one page fault per
 * 2 MiB instead of one per 4 KiB, which matters on virtual machines where a fault is
 * expensive. It changes no value, only how the memory is mapped; it is only advice, and a
 * kernel with transparent huge pages off ignores it.
 * \param data the buffer.
 * \param bytes its size in bytes.
 */
void AdviseHugePages(void* data, size_t bytes);

/**
 * Give a vector room for n elements, backed by huge pages where the kernel allows (see
 * AdviseHugePages()), without writing them; a later assign() or resize() up to n then fills
 * that memory without reallocating. The vector's contents are dropped.
 * \param v the vector.
 * \param n the elements to make room for.
 */
template <typename T>
void
ReserveHugePages(std::vector<T>& v, size_t n)
{
    if (v.capacity() < n)
    {
        std::vector<T>().swap(v);
        v.reserve(n);
        AdviseHugePages(v.data(), n * sizeof(T));
    }
    v.clear();
}

/**
 * Append n value-initialised elements to a vector that grows to a large size in steps (a
 * store of rows, for example), reallocating geometrically into memory advised as in
 * ReserveHugePages().
 * \param v the vector.
 * \param n the elements to append.
 * \return the first appended element.
 */
template <typename T>
T*
AppendHugePages(std::vector<T>& v, size_t n)
{
    const size_t size = v.size();
    if (size + n > v.capacity())
    {
        constexpr size_t MIN_BYTES = size_t{8} << 20;
        size_t capacity = std::max(2 * v.capacity(), MIN_BYTES / sizeof(T));
        capacity = std::max(capacity, size + n);
        std::vector<T> grown;
        grown.reserve(capacity);
        AdviseHugePages(grown.data(), capacity * sizeof(T));
        grown.insert(grown.end(), v.begin(), v.end());
        v.swap(grown);
    }
    v.resize(size + n);
    return v.data() + size;
}

} // namespace ns3

#endif /* MICROSCOPE_HUGE_PAGES_H */
