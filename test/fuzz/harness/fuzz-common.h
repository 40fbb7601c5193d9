/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_FUZZ_COMMON_H
#define MICROSCOPE_FUZZ_COMMON_H

// Shared by the libFuzzer harnesses of test/fuzz/: the module's loaders read paths, so each
// input is written to a file of this process first.
//
// The rule every harness enforces: an input ends in a parsed result that satisfies the loader's
// documented guarantees, or in ns3::InputError. Any other exception escapes (libFuzzer reports
// it as a crash), and a broken guarantee aborts through MICROSCOPE_FUZZ_CHECK.

#include "ns3/input-error.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

namespace microscope_fuzz
{

/**
 * \param suffix the file name's ending (".csv", ".txt").
 * \return the path of this process's input file with that ending.
 */
inline std::string
InputPath(const std::string& suffix)
{
    const char* dir = std::getenv("TMPDIR");
    std::string base = dir && *dir ? dir : "/tmp";
    return base + "/microscope-fuzz-" + std::to_string(getpid()) + "-input" + suffix;
}

/**
 * Write one input to this process's file with the given ending.
 * \param data the input.
 * \param size its size.
 * \param suffix the file name's ending.
 * \return the path.
 */
inline std::string
WriteInput(const uint8_t* data, size_t size, const std::string& suffix)
{
    const std::string path = InputPath(suffix);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    out.close();
    if (!out)
    {
        std::fprintf(stderr, "fuzz harness: cannot write %s\n", path.c_str());
        std::abort();
    }
    return path;
}

/// Remove this process's input files at exit.
struct Cleanup
{
    ~Cleanup()
    {
        for (const char* suffix : {".csv", ".txt", ".json", ".out.csv"})
        {
            std::remove(InputPath(suffix).c_str());
        }
    }
};

} // namespace microscope_fuzz

/// A guarantee of the loader: abort (a crash, for libFuzzer) when it does not hold.
#define MICROSCOPE_FUZZ_CHECK(cond)                                                                \
    do                                                                                             \
    {                                                                                              \
        if (!(cond))                                                                               \
        {                                                                                          \
            std::fprintf(stderr, "%s:%d: guarantee broken: %s\n", __FILE__, __LINE__, #cond);      \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

#endif /* MICROSCOPE_FUZZ_COMMON_H */
