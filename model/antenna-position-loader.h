/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_ANTENNA_POSITION_LOADER_H
#define MICROSCOPE_ANTENNA_POSITION_LOADER_H

#include "ns3/vector.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Reads antenna positions from a CSV file, in local metres or in WGS84 degrees.
 *
 * The first non-comment line is the header, either `id,x_m,y_m` (positions in metres in any
 * planar frame) or `id,lat,lon` (WGS84 latitude and longitude in decimal degrees). Each
 * following line is one antenna. Lines starting with '#' and blank lines are skipped.
 *
 * Geographic positions are projected to local metres about their centroid (the mean latitude
 * phi0 and mean longitude lambda0) with an equirectangular projection on the local tangent
 * plane of the WGS84 ellipsoid:
 *
 *     x = N(phi0) cos(phi0) (lambda - lambda0),   y = M(phi0) (phi - phi0)   (angles in rad)
 *
 * where M and N are the meridional and prime-vertical radii of curvature at phi0. Distances
 * along the axes are exact at the centroid's latitude; east-west distances at a point
 * dy metres north or south of it are off by a relative tan(phi0) * dy / 6.4e6 (0.16 % at
 * 10 km and 45 degrees), and distances across the whole area are off by less than that plus
 * a term of order (extent / 6.4e6)^2. This is ample for a metropolitan area (tens of km);
 * the loader logs a warning when the positions span more than 200 km. Longitudes are not
 * unwrapped across the antimeridian.
 */
class AntennaPositionLoader
{
public:
    /**
     * Load a position file.
     * \param path the CSV file.
     * \param positions receives the positions in metres (z = 0), in file order.
     * \param ids receives the antenna identifiers, in file order.
     * \throw InputError naming the file and line on a missing or unknown header, rows with
     *        too few or too many fields, empty ids, non-numeric, NaN or infinite coordinates,
     *        latitudes outside [-90, 90] or longitudes outside [-180, 180], a duplicate id or
     *        a duplicate position (naming both lines), or a file without data rows.
     */
    static void Load(const std::string& path,
                     std::vector<Vector>& positions,
                     std::vector<std::string>& ids);

    /**
     * Project a geographic position to local metres (see the class description).
     * \param latDeg latitude in degrees.
     * \param lonDeg longitude in degrees.
     * \param lat0Deg latitude of the projection centre in degrees.
     * \param lon0Deg longitude of the projection centre in degrees.
     * \return x (east) and y (north) in metres, z = 0.
     */
    static Vector Project(double latDeg, double lonDeg, double lat0Deg, double lon0Deg);
};

} // namespace ns3

#endif /* MICROSCOPE_ANTENNA_POSITION_LOADER_H */
