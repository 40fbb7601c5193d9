/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "input-error.h"

namespace ns3
{

InputError::InputError(const std::string& message)
    : std::runtime_error(message)
{
}

InputError
InputError::AtLine(const std::string& file, uint64_t line, const std::string& message)
{
    return InputError(file + ":" + std::to_string(line) + ": " + message);
}

InputError
InputError::InFile(const std::string& file, const std::string& message)
{
    return InputError(file + ": " + message);
}

InputError
InputError::ForAttribute(const std::string& name, const std::string& message)
{
    return InputError(name + ": " + message);
}

} // namespace ns3
