/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_GEO_PROJECTION_H
#define MICROSCOPE_GEO_PROJECTION_H

#include "ns3/vector.h"

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Local equirectangular projection of longitude/latitude to metres around a reference
 * point: x = R (lon - lon0) cos(lat0), y = R (lat - lat0), with R = 6,371,008.8 m.
 *
 * At city scale (the Milan grid spans 23.5 km) the distortion is below 0.1 %.
 */
class GeoProjection
{
public:
    /// Mean Earth radius in metres (IUGG).
    static constexpr double EARTH_RADIUS_M = 6371008.8;

    /// Reference at longitude 0, latitude 0.
    GeoProjection();

    /**
     * \param lon0 reference longitude in degrees.
     * \param lat0 reference latitude in degrees.
     */
    GeoProjection(double lon0, double lat0);

    /**
     * \param lon longitude in degrees.
     * \param lat latitude in degrees.
     * \return the position in metres east (x) and north (y) of the reference.
     */
    Vector Project(double lon, double lat) const;

    /**
     * \param position metres east (x) and north (y) of the reference.
     * \param lon receives the longitude in degrees.
     * \param lat receives the latitude in degrees.
     */
    void Unproject(const Vector& position, double& lon, double& lat) const;

    /// \return the reference longitude in degrees.
    double GetReferenceLongitude() const;

    /// \return the reference latitude in degrees.
    double GetReferenceLatitude() const;

private:
    double m_lon0;   //!< reference longitude (degrees)
    double m_lat0;   //!< reference latitude (degrees)
    double m_cosLat; //!< cos(lat0)
};

} // namespace ns3

#endif /* MICROSCOPE_GEO_PROJECTION_H */
