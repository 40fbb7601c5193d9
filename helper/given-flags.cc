/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "given-flags.h"

#include "ns3/global-value.h"
#include "ns3/input-error.h"

#include <algorithm>

namespace ns3
{

GivenFlags::GivenFlags(int argc, char* argv[])
    : GivenFlags(std::vector<std::string>(argv + std::min(argc, 1), argv + std::max(argc, 0)))
{
}

GivenFlags::GivenFlags(const std::vector<std::string>& args)
{
    for (const auto& arg : args)
    {
        if (arg == "--")
        {
            break;
        }
        std::string name;
        if (arg.rfind("--", 0) == 0)
        {
            name = arg.substr(2);
        }
        else if (arg.rfind('-', 0) == 0)
        {
            name = arg.substr(1);
        }
        else
        {
            continue;
        }
        name = name.substr(0, name.find('='));
        if (!name.empty())
        {
            m_names.push_back(name);
        }
    }
}

bool
GivenFlags::Has(const std::string& name) const
{
    return std::find(m_names.begin(), m_names.end(), name) != m_names.end();
}

const std::vector<std::string>&
GivenFlags::GetNames() const
{
    return m_names;
}

void
GivenFlags::Reject(const std::vector<std::string>& names, const std::string& why) const
{
    for (const auto& given : m_names)
    {
        if (std::find(names.begin(), names.end(), given) != names.end())
        {
            throw InputError::ForAttribute("--" + given, "has no effect " + why);
        }
    }
}

void
GivenFlags::RejectAllExcept(const std::vector<std::string>& allowed, const std::string& why) const
{
    for (const auto& given : m_names)
    {
        if (std::find(allowed.begin(), allowed.end(), given) == allowed.end() && !IsNs3Flag(given))
        {
            throw InputError::ForAttribute("--" + given, "has no effect " + why);
        }
    }
}

uint32_t
GivenFlags::Warn(const std::string& program,
                 const std::vector<std::string>& names,
                 const std::string& why,
                 std::ostream& os) const
{
    uint32_t n = 0;
    for (const auto& given : m_names)
    {
        if (std::find(names.begin(), names.end(), given) != names.end() &&
            m_warned.insert(given).second)
        {
            os << program << ": warning: --" << given << " has no effect " << why << std::endl;
            ++n;
        }
    }
    return n;
}

bool
GivenFlags::IsNs3Flag(const std::string& name)
{
    if (name.find("::") != std::string::npos || name.rfind("Print", 0) == 0 || name == "help")
    {
        return true;
    }
    for (auto it = GlobalValue::Begin(); it != GlobalValue::End(); ++it)
    {
        if ((*it)->GetName() == name)
        {
            return true;
        }
    }
    return false;
}

} // namespace ns3
