/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "station-traffic-mapper.h"

#include "input-error.h"

#include "ns3/double.h"
#include "ns3/log.h"

#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("StationTrafficMapper");

NS_OBJECT_ENSURE_REGISTERED(StationTrafficMapper);

TypeId
StationTrafficMapper::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::StationTrafficMapper")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<StationTrafficMapper>()
            .AddAttribute("MaxDistance",
                          "Squares whose centre is farther than this (metres) from every "
                          "station are dropped; 0 = no limit.",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&StationTrafficMapper::m_maxDistance),
                          MakeDoubleChecker<double>(0.0));
    return tid;
}

StationTrafficMapper::StationTrafficMapper()
    : m_maxDistance(0),
      m_dropped(0)
{
    NS_LOG_FUNCTION(this);
}

StationTrafficMapper::~StationTrafficMapper()
{
    NS_LOG_FUNCTION(this);
}

HourlyVolume
StationTrafficMapper::Map(const HourlyVolume& squares, const std::vector<Vector>& stations)
{
    NS_LOG_FUNCTION(this << squares.GetNNodes() << stations.size());
    if (stations.empty())
    {
        throw InputError("StationTrafficMapper: no base station to give the traffic to");
    }
    const auto& centres = squares.GetPositions();
    const uint32_t nSquares = squares.GetNNodes();
    m_assignment.assign(nSquares, -1);
    m_dropped = 0;
    const double limit2 =
        m_maxDistance > 0 ? m_maxDistance * m_maxDistance : std::numeric_limits<double>::infinity();
    for (uint32_t s = 0; s < nSquares; ++s)
    {
        double best = std::numeric_limits<double>::infinity();
        int64_t arg = -1;
        for (size_t b = 0; b < stations.size(); ++b)
        {
            const double dx = stations[b].x - centres[s].x;
            const double dy = stations[b].y - centres[s].y;
            const double d2 = dx * dx + dy * dy;
            if (d2 < best)
            {
                best = d2;
                arg = static_cast<int64_t>(b);
            }
        }
        if (best <= limit2)
        {
            m_assignment[s] = arg;
        }
        else
        {
            ++m_dropped;
        }
    }
    HourlyVolume out(static_cast<uint32_t>(stations.size()), squares.GetDates());
    out.SetDayTypes(squares.GetDayTypes());
    out.SetPositions(stations);
    const uint32_t nHours = squares.GetNHours();
    for (uint32_t s = 0; s < nSquares; ++s)
    {
        if (m_assignment[s] < 0)
        {
            continue;
        }
        const uint32_t b = static_cast<uint32_t>(m_assignment[s]);
        const double* row = squares.Row(s);
        for (uint32_t h = 0; h < nHours; ++h)
        {
            out(b, h) += row[h];
        }
    }
    NS_LOG_INFO("mapped " << nSquares << " squares to " << stations.size() << " stations, "
                          << m_dropped << " dropped");
    return out;
}

const std::vector<int64_t>&
StationTrafficMapper::GetAssignment() const
{
    return m_assignment;
}

uint32_t
StationTrafficMapper::GetNDropped() const
{
    return m_dropped;
}

} // namespace ns3
