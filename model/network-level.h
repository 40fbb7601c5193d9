/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_NETWORK_LEVEL_H
#define MICROSCOPE_NETWORK_LEVEL_H

#include <array>
#include <cstdint>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The four network levels at which traffic is decomposed and resources are allocated
 * (Microscope paper, Sec. 6.4): the antennas themselves, then Mobile Edge Computing (MEC)
 * facilities, C-RAN datacenters and core datacenters, each serving a cluster of antennas.
 */
enum class NetworkLevel : uint8_t
{
    ANTENNA = 0,
    MEC = 1,
    CRAN = 2,
    CORE = 3,
};

/// Number of network levels.
constexpr uint32_t N_NETWORK_LEVELS = 4;

/// All levels, from the radio access up to the core.
constexpr std::array<NetworkLevel, N_NETWORK_LEVELS> ALL_NETWORK_LEVELS = {NetworkLevel::ANTENNA,
                                                                           NetworkLevel::MEC,
                                                                           NetworkLevel::CRAN,
                                                                           NetworkLevel::CORE};

/**
 * \param level a level.
 * \return its lower-case name: "antenna", "mec", "cran" or "core".
 */
std::string NetworkLevelName(NetworkLevel level);

/**
 * \param name "antenna", "mec", "cran" or "core" (case-insensitive; "c-ran" is accepted).
 * \return the level.
 * \throw InputError if the name is none of them.
 */
NetworkLevel NetworkLevelFromName(const std::string& name);

/**
 * \param level a level.
 * \return its index, 0 (antenna) to 3 (core).
 */
constexpr uint32_t
NetworkLevelIndex(NetworkLevel level)
{
    return static_cast<uint32_t>(level);
}

/**
 * \param os a stream.
 * \param level a level.
 * \return the stream, after writing the level's name.
 */
std::ostream& operator<<(std::ostream& os, NetworkLevel level);

} // namespace ns3

#endif /* MICROSCOPE_NETWORK_LEVEL_H */
