/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_INPUT_ERROR_H
#define MICROSCOPE_INPUT_ERROR_H

#include <cstdint>
#include <stdexcept>
#include <string>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Bad input: a file, a line of a file, a command-line flag or an attribute value.
 *
 * The module's loaders and builders throw it rather than aborting, so that tests can check the
 * message and programs can exit cleanly: the examples catch it in main(), print what() to
 * stderr and return a non-zero status before any result file is completed.
 */
class InputError : public std::runtime_error
{
public:
    /**
     * \param message the whole message.
     */
    explicit InputError(const std::string& message);

    /**
     * \param file the file's path.
     * \param line the 1-based line number.
     * \param message what is wrong there.
     * \return an error reading "<file>:<line>: <message>".
     */
    static InputError AtLine(const std::string& file, uint64_t line, const std::string& message);

    /**
     * \param file the file's path.
     * \param message what is wrong with it.
     * \return an error reading "<file>: <message>".
     */
    static InputError InFile(const std::string& file, const std::string& message);

    /**
     * \param name the attribute or command-line flag.
     * \param message what is wrong with its value.
     * \return an error reading "<name>: <message>".
     */
    static InputError ForAttribute(const std::string& name, const std::string& message);
};

} // namespace ns3

#endif /* MICROSCOPE_INPUT_ERROR_H */
