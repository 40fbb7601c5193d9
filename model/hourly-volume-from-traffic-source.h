/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_HOURLY_VOLUME_FROM_TRAFFIC_SOURCE_H
#define MICROSCOPE_HOURLY_VOLUME_FROM_TRAFFIC_SOURCE_H

#include "civil-date.h"
#include "hourly-volume.h"
#include "traffic-source.h"

#include "ns3/object.h"
#include "ns3/vector.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Turns any TrafficSource (per-service demand in Mbps per slot) into the zone
 * pipeline's HourlyVolume (MB per antenna and hour).
 *
 * An antenna's hourly volume is the sum over the hour's slots and over all services of
 * `demand [Mbps] * slot duration [s] / 8` (1 MB = 8 Mb). Only whole days are converted. The day
 * types come from the source's TrafficCalendar (so the profiles separate the same holidays
 * the generator used); the dates only label the days and start at StartDate.
 */
class HourlyVolumeFromTrafficSource : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    HourlyVolumeFromTrafficSource();
    ~HourlyVolumeFromTrafficSource() override;

    /**
     * Read the source slot by slot and sum it into hours.
     * \param source the traffic source.
     * \param positions the antennas' positions in metres, one per source antenna.
     * \return the hourly volumes, with positions, dates and the calendar's day types.
     * \throw InputError if the positions do not match the antennas, the slot duration does
     *        not divide an hour, the source gives less than a day, or StartDate is invalid.
     */
    HourlyVolume Convert(Ptr<TrafficSource> source, const std::vector<Vector>& positions) const;

private:
    std::string m_startDate; //!< date of day 0
    uint32_t m_days;         //!< days to convert (0 = all whole days)
};

} // namespace ns3

#endif /* MICROSCOPE_HOURLY_VOLUME_FROM_TRAFFIC_SOURCE_H */
