/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_K_MEANS_ZONING_H
#define MICROSCOPE_K_MEANS_ZONING_H

#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"
#include "ns3/vector.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The zones found by K-means for one k.
 */
struct KMeansResult
{
    uint32_t k{0};                    //!< number of zones
    std::vector<Vector> centroids;    //!< centroid of each zone (metres)
    std::vector<uint32_t> assignment; //!< zone of each point
    std::vector<uint32_t> sizes;      //!< points per zone
    double sumDistance{0};            //!< O: summed distance of the points to their centroid
    double sumSquared{0};             //!< summed squared distance (what Lloyd minimises)
    double distortion{0};             //!< d = O / k
    uint32_t iterations{0};           //!< Lloyd iterations of the kept restart
};

/**
 * \ingroup microscope
 * \brief One point of the elbow curve.
 */
struct ElbowPoint
{
    uint32_t k{0};         //!< number of zones
    double sumDistance{0}; //!< O
    double distortion{0};  //!< d = O / k
};

/**
 * \ingroup microscope
 * \brief Splits base stations into zones with K-means (second paper, Sec. III) and chooses k
 * by the elbow of the distortion d = O / k.
 *
 * Lloyd's algorithm on the stations' (x, y) positions, started Restarts times from k-means++
 * seeds (Arthur and Vassilvitskii, 2007) drawn from an ns-3 random stream; the restart with the
 * smallest summed squared distance is kept. An emptied zone is re-seeded at the point farthest
 * from its centroid. Zones are numbered in the order of their lowest station index, so the
 * labels do not depend on the seeding order. When AssignStreams() was called, every Cluster()
 * call restarts the stream, so the result for a given k does not depend on which other k were
 * tried before.
 *
 * Elbow rule: over the curve d(k), k = MinK..MaxK, choose the smallest k after which d falls
 * by less than ElbowThreshold times its whole fall: d(k) - min_{k' > k} d(k') <=
 * ElbowThreshold * (d(MinK) - min_k d(k)). This reads the paper's "beyond 20, d does not
 * decrease significantly".
 */
class KMeansZoning : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    KMeansZoning();
    ~KMeansZoning() override;

    /**
     * TracedCallback signature for a point of the elbow curve.
     * \param k the number of zones.
     * \param sumDistance O.
     * \param distortion d = O / k.
     */
    typedef void (*ElbowTracedCallback)(uint32_t k, double sumDistance, double distortion);

    /**
     * \param points the stations' positions in metres.
     * \param k the number of zones, 1..points.size().
     * \return the zones.
     * \throw InputError if k is out of range.
     */
    KMeansResult Cluster(const std::vector<Vector>& points, uint32_t k);

    /**
     * \param points the stations' positions.
     * \return d(k) for k = MinK..min(MaxK, points.size()).
     * \throw InputError if there is no point or MinK > MaxK.
     */
    std::vector<ElbowPoint> ComputeElbowCurve(const std::vector<Vector>& points);

    /**
     * \param curve an elbow curve, k increasing.
     * \param threshold the ElbowThreshold.
     * \return the chosen k (the curve's only k if it has one point).
     * \throw InputError if the curve is empty.
     */
    static uint32_t ChooseElbow(const std::vector<ElbowPoint>& curve, double threshold);

    /**
     * Compute the elbow curve, choose k and return the zones for it.
     * \param points the stations' positions.
     * \param curve receives the elbow curve.
     * \return the zones for the chosen k.
     */
    KMeansResult ClusterAuto(const std::vector<Vector>& points, std::vector<ElbowPoint>& curve);

    /**
     * Write the elbow curve as CSV `k,sum_distance_m,distortion_m` (atomically).
     * \param path the file.
     * \param curve the curve.
     */
    static void WriteElbowCsv(const std::string& path, const std::vector<ElbowPoint>& curve);

    /**
     * Write the same CSV to a stream.
     * \param out the stream.
     * \param curve the data.
     */
    static void WriteElbowCsv(std::ostream& out, const std::vector<ElbowPoint>& curve);

    /**
     * Assign a fixed random stream to the k-means++ seeding.
     * \param stream the first stream index to use.
     * \return the number of streams used (1).
     */
    int64_t AssignStreams(int64_t stream);

private:
    uint32_t m_minK;                                       //!< smallest k of the elbow curve
    uint32_t m_maxK;                                       //!< largest k of the elbow curve
    uint32_t m_maxIterations;                              //!< Lloyd iteration cap
    uint32_t m_restarts;                                   //!< k-means++ restarts
    double m_elbowThreshold;                               //!< elbow rule threshold
    int64_t m_stream;                                      //!< assigned stream, -1 if none
    Ptr<UniformRandomVariable> m_uniform;                  //!< seeding draws
    TracedCallback<uint32_t, double, double> m_elbowTrace; //!< elbow points
};

} // namespace ns3

#endif /* MICROSCOPE_K_MEANS_ZONING_H */
