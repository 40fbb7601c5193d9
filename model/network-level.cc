/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "network-level.h"

#include "input-error.h"

#include <algorithm>
#include <cctype>

namespace ns3
{

std::string
NetworkLevelName(NetworkLevel level)
{
    switch (level)
    {
    case NetworkLevel::ANTENNA:
        return "antenna";
    case NetworkLevel::MEC:
        return "mec";
    case NetworkLevel::CRAN:
        return "cran";
    case NetworkLevel::CORE:
        return "core";
    }
    return "unknown";
}

NetworkLevel
NetworkLevelFromName(const std::string& name)
{
    std::string lower = name;
    std::transform(lower.begin(),
                   lower.end(),
                   lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (lower == "antenna")
    {
        return NetworkLevel::ANTENNA;
    }
    if (lower == "mec")
    {
        return NetworkLevel::MEC;
    }
    if (lower == "cran" || lower == "c-ran")
    {
        return NetworkLevel::CRAN;
    }
    if (lower == "core")
    {
        return NetworkLevel::CORE;
    }
    throw InputError("unknown network level '" + name + "' (expected antenna, mec, cran or core)");
}

std::ostream&
operator<<(std::ostream& os, NetworkLevel level)
{
    return os << NetworkLevelName(level);
}

} // namespace ns3
