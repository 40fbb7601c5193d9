/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_WEISZFELD_PLACEMENT_H
#define MICROSCOPE_WEISZFELD_PLACEMENT_H

#include "ns3/object.h"
#include "ns3/traced-callback.h"
#include "ns3/vector.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Outcome of one weighted Weber-point search.
 */
struct WeiszfeldResult
{
    Vector position;        //!< the datacenter position (metres)
    double objective{0};    //!< sum_i w_i ||position - a_i||
    uint32_t iterations{0}; //!< iterations run
    bool converged{false};  //!< step below Tolerance (or optimal at a station) before the cap
    bool atStation{false};  //!< the optimum is a station's position
};

/**
 * \ingroup microscope
 * \brief Places a zone's datacenter at the weighted Weber point of its stations (second paper,
 * Sec. IV-A), found with Weiszfeld's iteration.
 *
 * Minimises F(y) = sum_i w_i ||y - a_i|| over the plane, starting at the weighted centroid and
 * iterating y <- sum_i (w_i a_i / ||y - a_i||) / sum_i (w_i / ||y - a_i||) until a step is
 * shorter than Tolerance or MaxIterations is reached. Stations of zero weight do not take part.
 *
 * Guard: the plain iteration divides by zero when y lands on a station. Within
 * CoincidenceDistance of a station j (weight eta, summed over stations at that spot), the
 * Vardi-Zhang modification (PNAS 2000) is used: with R = sum_{i != j} w_i (a_i - y)/||a_i - y||
 * and r = ||R||, the station is the optimum if r <= eta; otherwise
 * y <- (1 - eta/r) T(y) + (eta/r) y, where T leaves station j out. This keeps the descent
 * property and lets the iterate leave a station that is not optimal.
 */
class WeiszfeldPlacement : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    WeiszfeldPlacement();
    ~WeiszfeldPlacement() override;

    /**
     * TracedCallback signature for a finished placement.
     * \param position the datacenter position.
     * \param iterations the iterations used.
     */
    typedef void (*PlacementTracedCallback)(Vector position, uint32_t iterations);

    /**
     * The paper's weights from the stations' traffic volumes: w = (v - min v)/(max v - min v).
     * When every volume is equal (one station, or no traffic) every weight is 1, so the
     * datacenter goes to the unweighted geometric median. The least-loaded station gets weight
     * 0 and does not pull.
     * \param volumes the stations' volumes.
     * \return the weights, in [0, 1].
     * \throw InputError if a volume is not finite.
     */
    static std::vector<double> VolumeWeights(const std::vector<double>& volumes);

    /**
     * \param points the stations' positions (metres).
     * \param weights non-negative weights, one per station, at least one positive.
     * \return the weighted Weber point.
     * \throw InputError on empty input, mismatched sizes, or bad weights.
     */
    WeiszfeldResult Place(const std::vector<Vector>& points, const std::vector<double>& weights);

    /**
     * \param points the stations' positions.
     * \param weights their weights.
     * \param y a candidate position.
     * \return sum_i w_i ||y - a_i|| (planar).
     */
    static double Objective(const std::vector<Vector>& points,
                            const std::vector<double>& weights,
                            const Vector& y);

private:
    double m_tolerance;       //!< convergence step (m)
    uint32_t m_maxIterations; //!< iteration cap
    double m_coincidence;     //!< distance under which the iterate is at a station (m)
    TracedCallback<Vector, uint32_t> m_placedTrace; //!< finished placements
};

} // namespace ns3

#endif /* MICROSCOPE_WEISZFELD_PLACEMENT_H */
