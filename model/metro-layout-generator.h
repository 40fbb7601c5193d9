/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_METRO_LAYOUT_GENERATOR_H
#define MICROSCOPE_METRO_LAYOUT_GENERATOR_H

#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/vector.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Synthetic antenna layout of a metropolitan area: a dense centre, a few sub-centres
 * and sparse outskirts.
 *
 * The region is a rectangle of RegionWidth x RegionHeight metres centred on the origin (the
 * city centre). Antennas are drawn from a mixture of three components:
 * - the centre: a fraction CentreFraction, isotropic Gaussian of standard deviation
 *   CentreRadius about the origin;
 * - NumSubCentres sub-centres sharing a fraction SubCentreFraction equally, each an isotropic
 *   Gaussian of standard deviation SubCentreRadius about a point at a random distance in
 *   [SubCentreDistanceMin, SubCentreDistanceMax] from the centre, at roughly evenly spread
 *   bearings;
 * - the outskirts: the rest, uniform over the rectangle.
 *
 * A draw outside the rectangle, or closer than MinSpacing to an antenna already placed, is
 * redrawn from the same component. Positions are in metres with z = 0, returned in random
 * order. All randomness comes from two ns-3 random variable streams (see AssignStreams()).
 *
 * With the defaults (792 antennas, 16 km x 22 km, the aspect ratio of the Microscope paper's
 * 33 x 24 grid) the centre antennas are about 200 m apart and the outskirt ones more than a
 * kilometre, as in the paper's Fig. 4.
 */
class MetroLayoutGenerator : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    MetroLayoutGenerator();
    ~MetroLayoutGenerator() override;

    /**
     * Draw a layout.
     * \return NumAntennas positions in metres (z = 0), no two closer than MinSpacing.
     * \throw InputError naming the attributes if they are inconsistent (fractions summing to
     *        more than 1, sub-centres that do not fit the region) or if the antennas cannot
     *        be placed at MinSpacing.
     */
    std::vector<Vector> Generate();

    /**
     * \return the centres of the sub-centres drawn by the last Generate() (empty before).
     */
    const std::vector<Vector>& GetSubCentres() const;

    /**
     * Assign fixed random variable stream numbers to the random variables used by this
     * generator.
     * \param stream first stream index to use
     * \return the number of stream indices assigned (2)
     */
    int64_t AssignStreams(int64_t stream);

protected:
    void DoDispose() override;

private:
    /**
     * Draw one point of a component until it is inside the region and far enough from the
     * antennas already placed.
     * \param component 0 = centre, 1 + i = sub-centre i, -1 = outskirts.
     * \param placed the antennas placed so far.
     * \param grid spatial hash of placed (cell index -> antenna indices).
     * \return the point.
     */
    Vector DrawPoint(int32_t component,
                     const std::vector<Vector>& placed,
                     const std::unordered_map<uint64_t, std::vector<uint32_t>>& grid) const;

    /**
     * \param cx cell column (may be -1 or one past the last).
     * \param cy cell row (may be -1 or one past the last).
     * \return the key of the cell in the spatial hash.
     */
    static uint64_t CellKey(int64_t cx, int64_t cy);

    uint32_t m_nAntennas;                 //!< number of antennas
    double m_width;                       //!< region extent along x (m)
    double m_height;                      //!< region extent along y (m)
    double m_centreFraction;              //!< share of antennas in the centre
    double m_centreRadius;                //!< standard deviation of the centre (m)
    uint32_t m_nSubCentres;               //!< number of sub-centres
    double m_subCentreFraction;           //!< share of antennas in the sub-centres together
    double m_subCentreRadius;             //!< standard deviation of a sub-centre (m)
    double m_subCentreDistMin;            //!< least distance of a sub-centre from the centre (m)
    double m_subCentreDistMax;            //!< largest distance of a sub-centre from the centre (m)
    double m_minSpacing;                  //!< least distance between two antennas (m)
    uint32_t m_maxTries;                  //!< draws per antenna before giving up
    std::vector<Vector> m_subCentres;     //!< sub-centres of the last layout
    Ptr<UniformRandomVariable> m_uniform; //!< uniform draws
    Ptr<NormalRandomVariable> m_normal;   //!< standard normal draws
};

} // namespace ns3

#endif /* MICROSCOPE_METRO_LAYOUT_GENERATOR_H */
