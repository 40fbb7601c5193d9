/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Small helpers shared by the test suites: reading and writing whole files, and the message of
 * an InputError. One definition for all suites, so that the suites can also be compiled as one
 * unity translation unit (CMakeLists.txt, MICROSCOPE_UNITY_BUILD).
 */

#ifndef MICROSCOPE_TEST_FILES_H
#define MICROSCOPE_TEST_FILES_H

#include "ns3/input-error.h"

#include <fstream>
#include <functional>
#include <iterator>
#include <string>

namespace ns3
{
namespace microscope_test
{

/**
 * \param path a file.
 * \return its bytes ("" if it cannot be read).
 */
inline std::string
ReadAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/**
 * \param path a file to write (replaced).
 * \param text its content.
 */
inline void
WriteFile(const std::string& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary);
    out << text;
}

/**
 * \param f an action that should throw an InputError.
 * \return the message, or "" if nothing was thrown.
 */
inline std::string
ErrorOf(const std::function<void()>& f)
{
    try
    {
        f();
    }
    catch (const InputError& e)
    {
        return e.what();
    }
    return "";
}

} // namespace microscope_test
} // namespace ns3

#endif // MICROSCOPE_TEST_FILES_H
