/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_ZONE_PROFILER_H
#define MICROSCOPE_ZONE_PROFILER_H

#include "hourly-volume.h"
#include "zone-profile.h"

#include "ns3/object.h"

#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Builds each zone's hourly profiles: per day type and hour of the day, the mean, the
 * standard deviation, the maximum, mean + 1 std, mean + 2 std and P_h, the share of the days
 * whose volume at that hour stayed at or below mean + 1 std (second paper, Sec. III-C).
 *
 * The standard deviation is the sample one (divisor n - 1) unless UnbiasedStd is false
 * (divisor n); with a single day it is 0. "At or below" allows a relative slack of 1e-12 so
 * that a constant series gives P_h = 1.
 */
class ZoneProfiler : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    ZoneProfiler();
    ~ZoneProfiler() override;

    /**
     * \param values the volumes of one hour of the day on each day of one type.
     * \return their statistics (all zero if there is no value).
     */
    HourStatistics ComputeHour(const std::vector<double>& values) const;

    /**
     * \param zones hourly volume per zone, with day types set.
     * \return one profile per zone (row).
     */
    std::vector<ZoneProfile> Compute(const HourlyVolume& zones) const;

    /**
     * Write the profiles as CSV `zone,day_type,hour,days,mean_mb,std_mb,max_mb,mean_1std_mb,
     * mean_2std_mb,p_1std,p_2std` (atomically).
     * \param path the file.
     * \param profiles the profiles.
     */
    static void WriteCsv(const std::string& path, const std::vector<ZoneProfile>& profiles);

    /**
     * Write the same CSV to a stream.
     * \param out the stream.
     * \param profiles the data.
     */
    static void WriteCsv(std::ostream& out, const std::vector<ZoneProfile>& profiles);

private:
    bool m_unbiased; //!< sample (n - 1) or population (n) standard deviation
};

} // namespace ns3

#endif /* MICROSCOPE_ZONE_PROFILER_H */
