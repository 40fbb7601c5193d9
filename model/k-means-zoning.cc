/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "k-means-zoning.h"

#include "atomic-file-writer.h"
#include "input-error.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("KMeansZoning");

NS_OBJECT_ENSURE_REGISTERED(KMeansZoning);

TypeId
KMeansZoning::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::KMeansZoning")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<KMeansZoning>()
            .AddAttribute("MinK",
                          "Smallest number of zones of the elbow curve.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&KMeansZoning::m_minK),
                          MakeUintegerChecker<uint32_t>(1, 100000))
            .AddAttribute("MaxK",
                          "Largest number of zones of the elbow curve (capped at the number of "
                          "stations).",
                          UintegerValue(40),
                          MakeUintegerAccessor(&KMeansZoning::m_maxK),
                          MakeUintegerChecker<uint32_t>(1, 100000))
            .AddAttribute("MaxIterations",
                          "Cap on Lloyd iterations per restart.",
                          UintegerValue(300),
                          MakeUintegerAccessor(&KMeansZoning::m_maxIterations),
                          MakeUintegerChecker<uint32_t>(1, 1000000))
            .AddAttribute("Restarts",
                          "Number of k-means++ starts; the one with the smallest summed squared "
                          "distance is kept.",
                          UintegerValue(5),
                          MakeUintegerAccessor(&KMeansZoning::m_restarts),
                          MakeUintegerChecker<uint32_t>(1, 1000))
            .AddAttribute("ElbowThreshold",
                          "Elbow rule: the smallest k after which the distortion falls by at "
                          "most this share of its whole fall over the curve.",
                          DoubleValue(0.01),
                          MakeDoubleAccessor(&KMeansZoning::m_elbowThreshold),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddTraceSource("Elbow",
                            "A point of the elbow curve was computed: k, O and d = O / k.",
                            MakeTraceSourceAccessor(&KMeansZoning::m_elbowTrace),
                            "ns3::KMeansZoning::ElbowTracedCallback");
    return tid;
}

KMeansZoning::KMeansZoning()
    : m_minK(1),
      m_maxK(40),
      m_maxIterations(300),
      m_restarts(5),
      m_elbowThreshold(0.01),
      m_stream(-1)
{
    NS_LOG_FUNCTION(this);
    m_uniform = CreateObject<UniformRandomVariable>();
}

KMeansZoning::~KMeansZoning()
{
    NS_LOG_FUNCTION(this);
}

int64_t
KMeansZoning::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_stream = stream;
    m_uniform->SetStream(stream);
    return 1;
}

namespace
{

/// Squared planar distance.
inline double
SquaredDistance(const Vector& a, const Vector& b)
{
    const double dx = a.x - b.x;
    const double dy = a.y - b.y;
    return dx * dx + dy * dy;
}

/// Nearest centroid (lowest index on ties) and its squared distance.
inline uint32_t
Nearest(const Vector& p, const std::vector<Vector>& centroids, double& d2)
{
    uint32_t arg = 0;
    d2 = std::numeric_limits<double>::infinity();
    for (uint32_t c = 0; c < centroids.size(); ++c)
    {
        const double d = SquaredDistance(p, centroids[c]);
        if (d < d2)
        {
            d2 = d;
            arg = c;
        }
    }
    return arg;
}

} // namespace

KMeansResult
KMeansZoning::Cluster(const std::vector<Vector>& points, uint32_t k)
{
    NS_LOG_FUNCTION(this << points.size() << k);
    const uint32_t n = static_cast<uint32_t>(points.size());
    if (k < 1 || k > n)
    {
        throw InputError::ForAttribute("zones",
                                       "k = " + std::to_string(k) + " must lie in 1.." +
                                           std::to_string(n) + " (the number of stations)");
    }
    if (m_stream >= 0)
    {
        m_uniform->SetStream(m_stream);
    }
    KMeansResult best;
    best.sumSquared = std::numeric_limits<double>::infinity();
    std::vector<double> d2(n);
    for (uint32_t restart = 0; restart < m_restarts; ++restart)
    {
        // k-means++ seeding.
        std::vector<Vector> centroids;
        centroids.reserve(k);
        uint32_t first =
            std::min<uint32_t>(n - 1, static_cast<uint32_t>(m_uniform->GetValue() * n));
        centroids.push_back(points[first]);
        for (uint32_t i = 0; i < n; ++i)
        {
            d2[i] = SquaredDistance(points[i], centroids[0]);
        }
        while (centroids.size() < k)
        {
            double total = 0;
            for (double v : d2)
            {
                total += v;
            }
            uint32_t pick = 0;
            if (total <= 0)
            {
                // Every point sits on a centroid already: take the first point not yet used.
                pick = static_cast<uint32_t>(centroids.size()) % n;
            }
            else
            {
                const double target = m_uniform->GetValue() * total;
                double acc = 0;
                pick = n - 1;
                for (uint32_t i = 0; i < n; ++i)
                {
                    acc += d2[i];
                    if (acc > target && d2[i] > 0)
                    {
                        pick = i;
                        break;
                    }
                }
            }
            centroids.push_back(points[pick]);
            for (uint32_t i = 0; i < n; ++i)
            {
                d2[i] = std::min(d2[i], SquaredDistance(points[i], centroids.back()));
            }
        }
        // Lloyd iterations.
        std::vector<uint32_t> assignment(n, UINT32_MAX);
        uint32_t iterations = 0;
        bool changed = true;
        while (changed && iterations < m_maxIterations)
        {
            ++iterations;
            changed = false;
            for (uint32_t i = 0; i < n; ++i)
            {
                const uint32_t c = Nearest(points[i], centroids, d2[i]);
                if (c != assignment[i])
                {
                    assignment[i] = c;
                    changed = true;
                }
            }
            std::vector<double> sx(k, 0.0);
            std::vector<double> sy(k, 0.0);
            std::vector<uint32_t> count(k, 0);
            for (uint32_t i = 0; i < n; ++i)
            {
                sx[assignment[i]] += points[i].x;
                sy[assignment[i]] += points[i].y;
                ++count[assignment[i]];
            }
            for (uint32_t c = 0; c < k; ++c)
            {
                if (count[c] > 0)
                {
                    centroids[c] = Vector(sx[c] / count[c], sy[c] / count[c], 0);
                }
                else
                {
                    // Re-seed an emptied zone at the point farthest from its centroid.
                    uint32_t far = 0;
                    for (uint32_t i = 1; i < n; ++i)
                    {
                        if (d2[i] > d2[far])
                        {
                            far = i;
                        }
                    }
                    centroids[c] = points[far];
                    d2[far] = 0;
                    changed = true;
                }
            }
        }
        double sse = 0;
        for (uint32_t i = 0; i < n; ++i)
        {
            assignment[i] = Nearest(points[i], centroids, d2[i]);
            sse += d2[i];
        }
        NS_LOG_LOGIC("k " << k << " restart " << restart << " SSE " << sse << " after "
                          << iterations << " iterations");
        if (sse < best.sumSquared)
        {
            best.k = k;
            best.centroids = centroids;
            best.assignment = assignment;
            best.sumSquared = sse;
            best.iterations = iterations;
        }
    }
    // Relabel the zones in the order of their lowest station index.
    std::vector<uint32_t> label(k, UINT32_MAX);
    uint32_t next = 0;
    for (uint32_t i = 0; i < n; ++i)
    {
        if (label[best.assignment[i]] == UINT32_MAX)
        {
            label[best.assignment[i]] = next++;
        }
    }
    for (uint32_t c = 0; c < k; ++c)
    {
        if (label[c] == UINT32_MAX)
        {
            label[c] = next++; // an empty zone (only with duplicate points) goes last
        }
    }
    std::vector<Vector> centroids(k);
    for (uint32_t c = 0; c < k; ++c)
    {
        centroids[label[c]] = best.centroids[c];
    }
    best.centroids = centroids;
    best.sizes.assign(k, 0);
    best.sumDistance = 0;
    for (uint32_t i = 0; i < n; ++i)
    {
        best.assignment[i] = label[best.assignment[i]];
        ++best.sizes[best.assignment[i]];
        best.sumDistance +=
            std::sqrt(SquaredDistance(points[i], best.centroids[best.assignment[i]]));
    }
    best.distortion = best.sumDistance / k;
    return best;
}

std::vector<ElbowPoint>
KMeansZoning::ComputeElbowCurve(const std::vector<Vector>& points)
{
    NS_LOG_FUNCTION(this << points.size());
    if (points.empty())
    {
        throw InputError("KMeansZoning: no station to cluster");
    }
    if (m_minK > m_maxK)
    {
        throw InputError::ForAttribute("MinK",
                                       "MinK (" + std::to_string(m_minK) + ") exceeds MaxK (" +
                                           std::to_string(m_maxK) + ")");
    }
    const uint32_t maxK = std::min<uint32_t>(m_maxK, static_cast<uint32_t>(points.size()));
    if (m_minK > maxK)
    {
        throw InputError::ForAttribute("MinK",
                                       "MinK (" + std::to_string(m_minK) +
                                           ") exceeds the number of stations (" +
                                           std::to_string(points.size()) + ")");
    }
    std::vector<ElbowPoint> curve;
    for (uint32_t k = m_minK; k <= maxK; ++k)
    {
        KMeansResult r = Cluster(points, k);
        curve.push_back({k, r.sumDistance, r.distortion});
        m_elbowTrace(k, r.sumDistance, r.distortion);
    }
    return curve;
}

uint32_t
KMeansZoning::ChooseElbow(const std::vector<ElbowPoint>& curve, double threshold)
{
    if (curve.empty())
    {
        throw InputError("KMeansZoning: empty elbow curve");
    }
    double lowest = curve[0].distortion;
    for (const auto& p : curve)
    {
        lowest = std::min(lowest, p.distortion);
    }
    const double fall = curve[0].distortion - lowest;
    // suffixMin[i] = min over j > i of d(j).
    std::vector<double> suffixMin(curve.size(), std::numeric_limits<double>::infinity());
    for (size_t i = curve.size() - 1; i > 0; --i)
    {
        suffixMin[i - 1] = std::min(suffixMin[i], curve[i].distortion);
    }
    for (size_t i = 0; i < curve.size(); ++i)
    {
        const double remaining =
            std::isinf(suffixMin[i]) ? 0.0 : curve[i].distortion - suffixMin[i];
        if (remaining <= threshold * fall)
        {
            return curve[i].k;
        }
    }
    return curve.back().k;
}

KMeansResult
KMeansZoning::ClusterAuto(const std::vector<Vector>& points, std::vector<ElbowPoint>& curve)
{
    NS_LOG_FUNCTION(this << points.size());
    curve = ComputeElbowCurve(points);
    const uint32_t k = ChooseElbow(curve, m_elbowThreshold);
    NS_LOG_INFO("elbow rule chose k = " << k);
    return Cluster(points, k);
}

void
KMeansZoning::WriteElbowCsv(std::ostream& out, const std::vector<ElbowPoint>& curve)
{
    out << "k,sum_distance_m,distortion_m\n" << std::fixed << std::setprecision(3);
    for (const auto& p : curve)
    {
        out << p.k << ',' << p.sumDistance << ',' << p.distortion << '\n';
    }
}

} // namespace ns3

namespace ns3
{

void
KMeansZoning::WriteElbowCsv(const std::string& path, const std::vector<ElbowPoint>& curve)
{
    AtomicFileWriter w(path);
    WriteElbowCsv(w.Stream(), curve);
    w.Commit();
}

} // namespace ns3
