/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_MILAN_GRID_H
#define MICROSCOPE_MILAN_GRID_H

#include "geo-projection.h"

#include "ns3/object.h"
#include "ns3/vector.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The square cells of the Telecom Italia Milan grid (Barlacchi et al., Scientific Data
 * 2015): their ids, centres in metres and the projection from longitude/latitude.
 *
 * Positions are metres east (x) and north (y) of the grid's south-west corner (local
 * equirectangular projection, GeoProjection). Two sources:
 * - LoadGeoJson(): the `milano-grid.geojson` FeatureCollection, one Polygon feature per cell
 *   with the id in `properties.cellId`; a cell's centre is the mean of its ring's vertices and
 *   the reference point is the south-west corner of the bounding box of all vertices;
 * - UseRegularGrid() (and the default when no file was loaded): Rows x Columns squares of
 *   CellSize metres, the south-west corner at (OriginLongitude, OriginLatitude). Square id
 *   `row * Columns + col + 1`, col counted eastwards from the west edge and row northwards from
 *   the south edge (or southwards from the north edge if FirstRowNorth). The default origin is
 *   the approximate south-west corner of the Milan grid; prefer the GeoJSON when you have it.
 */
class MilanGrid : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    MilanGrid();
    ~MilanGrid() override;

    /**
     * Load the cells from a GeoJSON FeatureCollection. Rows x Columns ids must each appear
     * exactly once.
     * \param path the file.
     * \throw InputError naming the file (and the JSON line or feature) on bad input.
     */
    void LoadGeoJson(const std::string& path);

    /// Build the regular grid from the attributes (drops a loaded GeoJSON).
    void UseRegularGrid();

    /// \return true if the cells came from a GeoJSON file.
    bool IsFromGeoJson() const;

    /// \return the number of squares, Rows x Columns.
    uint32_t GetNSquares() const;

    /**
     * \param squareId a square id, 1..GetNSquares().
     * \return its centre in metres.
     */
    Vector GetCentre(uint32_t squareId) const;

    /// \return the centres of all squares, element i for square id i + 1.
    std::vector<Vector> GetCentres() const;

    /**
     * \param lon longitude in degrees.
     * \param lat latitude in degrees.
     * \return the position in the grid's metric frame.
     */
    Vector Project(double lon, double lat) const;

    /**
     * \param position a position in metres.
     * \param margin metres added around the grid's bounding box.
     * \return true if the position lies in the grid's bounding box grown by margin.
     */
    bool Contains(const Vector& position, double margin = 0) const;

    /// \return the projection in use.
    GeoProjection GetProjection() const;

private:
    /// Build the regular grid if nothing was loaded.
    void EnsureBuilt() const;

    uint32_t m_rows;      //!< rows of squares
    uint32_t m_columns;   //!< columns of squares
    double m_cellSize;    //!< side of a regular square (m)
    double m_originLon;   //!< south-west corner longitude (regular grid)
    double m_originLat;   //!< south-west corner latitude (regular grid)
    bool m_firstRowNorth; //!< whether ids start on the north edge (regular grid)

    mutable bool m_built;                  //!< whether the centres exist
    mutable bool m_fromGeoJson;            //!< whether they came from a file
    mutable GeoProjection m_projection;    //!< lon/lat to metres
    mutable std::vector<Vector> m_centres; //!< centre of square id i+1
    mutable Vector m_min;                  //!< bounding box, south-west (m)
    mutable Vector m_max;                  //!< bounding box, north-east (m)
};

} // namespace ns3

#endif /* MICROSCOPE_MILAN_GRID_H */
