/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_ZONE_PROFILE_H
#define MICROSCOPE_ZONE_PROFILE_H

#include "traffic-calendar.h"

#include <array>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Statistics of one hour of the day over the days of one type.
 */
struct HourStatistics
{
    uint32_t days{0};       //!< number of days
    double mean{0};         //!< mean volume (MB)
    double std{0};          //!< standard deviation (MB)
    double max{0};          //!< largest volume (MB)
    double meanPlus1Std{0}; //!< mean + 1 std (MB)
    double meanPlus2Std{0}; //!< mean + 2 std (MB)
    double pWithin1Std{0};  //!< P_h: share of days at or below mean + 1 std
    double pWithin2Std{0};  //!< share of days at or below mean + 2 std
};

/**
 * \ingroup microscope
 * \brief A zone's hourly profiles, holidays and workdays apart (second paper, Sec. III-C).
 */
struct ZoneProfile
{
    uint32_t zone{0}; //!< zone index
    /// Statistics per day type (index: DayType value) and hour of the day (24 entries).
    std::array<std::vector<HourStatistics>, 2> hours;

    /**
     * \param type a day type.
     * \param hour an hour of the day, 0..23.
     * \return its statistics.
     */
    const HourStatistics& Get(DayType type, uint32_t hour) const
    {
        return hours[static_cast<size_t>(type)].at(hour);
    }
};

} // namespace ns3

#endif /* MICROSCOPE_ZONE_PROFILE_H */
