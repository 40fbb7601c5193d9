/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "level-names.h"

#include "ns3/network-level.h"

std::string
LevelNames()
{
    std::string names;
    for (auto level : ns3::ALL_NETWORK_LEVELS)
    {
        names += (names.empty() ? "" : " ") + ns3::NetworkLevelName(level);
    }
    return names;
}
