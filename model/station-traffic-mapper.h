/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_STATION_TRAFFIC_MAPPER_H
#define MICROSCOPE_STATION_TRAFFIC_MAPPER_H

#include "hourly-volume.h"

#include "ns3/object.h"
#include "ns3/vector.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Gives each base station the traffic of the grid squares it covers.
 *
 * A square belongs to the station nearest to its centre (a Voronoi partition of the plane by
 * the stations; ties go to the lower station index), and a station's hourly volume is the sum
 * of its squares'. Squares farther than MaxDistance from every station are dropped (and
 * counted). Stations that cover no square keep zero traffic.
 */
class StationTrafficMapper : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    StationTrafficMapper();
    ~StationTrafficMapper() override;

    /**
     * \param squares hourly volume per square, with the squares' centres as positions.
     * \param stations the stations' positions in metres.
     * \return hourly volume per station, with the stations' positions and the squares' days
     *         and day types.
     * \throw InputError if there is no station.
     */
    HourlyVolume Map(const HourlyVolume& squares, const std::vector<Vector>& stations);

    /// \return for each square of the last Map(), its station, or -1 if dropped.
    const std::vector<int64_t>& GetAssignment() const;

    /// \return the number of squares dropped by the last Map().
    uint32_t GetNDropped() const;

private:
    double m_maxDistance;              //!< metres (0 = no limit)
    std::vector<int64_t> m_assignment; //!< square -> station
    uint32_t m_dropped;                //!< squares dropped
};

} // namespace ns3

#endif /* MICROSCOPE_STATION_TRAFFIC_MAPPER_H */
