/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "geo-projection.h"

#include <cmath>

namespace ns3
{

namespace
{
constexpr double DEG = M_PI / 180.0;
}

GeoProjection::GeoProjection()
    : GeoProjection(0, 0)
{
}

GeoProjection::GeoProjection(double lon0, double lat0)
    : m_lon0(lon0),
      m_lat0(lat0),
      m_cosLat(std::cos(lat0 * DEG))
{
}

Vector
GeoProjection::Project(double lon, double lat) const
{
    return Vector(EARTH_RADIUS_M * (lon - m_lon0) * DEG * m_cosLat,
                  EARTH_RADIUS_M * (lat - m_lat0) * DEG,
                  0);
}

void
GeoProjection::Unproject(const Vector& position, double& lon, double& lat) const
{
    lon = m_lon0 + position.x / (EARTH_RADIUS_M * m_cosLat * DEG);
    lat = m_lat0 + position.y / (EARTH_RADIUS_M * DEG);
}

double
GeoProjection::GetReferenceLongitude() const
{
    return m_lon0;
}

double
GeoProjection::GetReferenceLatitude() const
{
    return m_lat0;
}

} // namespace ns3
