/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "weiszfeld-placement.h"

#include "input-error.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("WeiszfeldPlacement");

NS_OBJECT_ENSURE_REGISTERED(WeiszfeldPlacement);

TypeId
WeiszfeldPlacement::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::WeiszfeldPlacement")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<WeiszfeldPlacement>()
            .AddAttribute("Tolerance",
                          "Convergence: stop when an iteration moves the point less than this "
                          "(metres).",
                          DoubleValue(1e-3),
                          MakeDoubleAccessor(&WeiszfeldPlacement::m_tolerance),
                          MakeDoubleChecker<double>(1e-12, 1e6))
            .AddAttribute("MaxIterations",
                          "Cap on the number of iterations.",
                          UintegerValue(10000),
                          MakeUintegerAccessor(&WeiszfeldPlacement::m_maxIterations),
                          MakeUintegerChecker<uint32_t>(1, 100000000))
            .AddAttribute("CoincidenceDistance",
                          "An iterate closer than this (metres) to a station is treated as "
                          "sitting on it (the Vardi-Zhang guard).",
                          DoubleValue(1e-6),
                          MakeDoubleAccessor(&WeiszfeldPlacement::m_coincidence),
                          MakeDoubleChecker<double>(0.0, 1e3))
            .AddTraceSource("Placed",
                            "A datacenter was placed: its position and the iterations used.",
                            MakeTraceSourceAccessor(&WeiszfeldPlacement::m_placedTrace),
                            "ns3::WeiszfeldPlacement::PlacementTracedCallback");
    return tid;
}

WeiszfeldPlacement::WeiszfeldPlacement()
    : m_tolerance(1e-3),
      m_maxIterations(10000),
      m_coincidence(1e-6)
{
    NS_LOG_FUNCTION(this);
}

WeiszfeldPlacement::~WeiszfeldPlacement()
{
    NS_LOG_FUNCTION(this);
}

std::vector<double>
WeiszfeldPlacement::VolumeWeights(const std::vector<double>& volumes)
{
    if (volumes.empty())
    {
        return {};
    }
    for (double v : volumes)
    {
        if (!std::isfinite(v))
        {
            throw InputError("WeiszfeldPlacement: a station volume is not finite");
        }
    }
    const auto [lo, hi] = std::minmax_element(volumes.begin(), volumes.end());
    const double range = *hi - *lo;
    std::vector<double> w(volumes.size(), 1.0);
    if (range > 0)
    {
        for (size_t i = 0; i < volumes.size(); ++i)
        {
            w[i] = (volumes[i] - *lo) / range;
        }
    }
    return w;
}

double
WeiszfeldPlacement::Objective(const std::vector<Vector>& points,
                              const std::vector<double>& weights,
                              const Vector& y)
{
    double f = 0;
    for (size_t i = 0; i < points.size(); ++i)
    {
        f += weights[i] * std::hypot(points[i].x - y.x, points[i].y - y.y);
    }
    return f;
}

WeiszfeldResult
WeiszfeldPlacement::Place(const std::vector<Vector>& points, const std::vector<double>& weights)
{
    NS_LOG_FUNCTION(this << points.size());
    if (points.empty())
    {
        throw InputError("WeiszfeldPlacement: no station to place a datacenter for");
    }
    if (weights.size() != points.size())
    {
        throw InputError("WeiszfeldPlacement: " + std::to_string(weights.size()) + " weights for " +
                         std::to_string(points.size()) + " stations");
    }
    std::vector<Vector> a;
    std::vector<double> w;
    double wSum = 0;
    Vector y(0, 0, 0);
    for (size_t i = 0; i < points.size(); ++i)
    {
        if (!std::isfinite(weights[i]) || weights[i] < 0)
        {
            throw InputError("WeiszfeldPlacement: weight " + std::to_string(weights[i]) +
                             " of station " + std::to_string(i) + " is not finite and >= 0");
        }
        if (weights[i] > 0)
        {
            a.push_back(points[i]);
            w.push_back(weights[i]);
            wSum += weights[i];
            y.x += weights[i] * points[i].x;
            y.y += weights[i] * points[i].y;
        }
    }
    if (a.empty())
    {
        throw InputError("WeiszfeldPlacement: every station has weight 0");
    }
    y.x /= wSum;
    y.y /= wSum;

    WeiszfeldResult result;
    const size_t n = a.size();
    // A station is the optimum iff the others' pull on it, ||R_j||, is at most its weight
    // (the subgradient condition). Plain iterations only creep towards such an optimum, so
    // check the stations first: O(n^2), cheap at zone sizes.
    for (size_t j = 0; j < n; ++j)
    {
        double eta = 0;
        double rx = 0;
        double ry = 0;
        for (size_t i = 0; i < n; ++i)
        {
            const double dx = a[i].x - a[j].x;
            const double dy = a[i].y - a[j].y;
            const double d = std::hypot(dx, dy);
            if (d <= m_coincidence)
            {
                eta += w[i];
                continue;
            }
            rx += w[i] * dx / d;
            ry += w[i] * dy / d;
        }
        if (std::hypot(rx, ry) <= eta)
        {
            result.position = Vector(a[j].x, a[j].y, 0);
            result.objective = Objective(points, weights, result.position);
            result.converged = true;
            result.atStation = true;
            m_placedTrace(result.position, result.iterations);
            return result;
        }
    }
    for (uint32_t it = 0; it < m_maxIterations; ++it)
    {
        result.iterations = it + 1;
        // Weight sitting at y (stations within the coincidence distance) and the sums over
        // the others.
        double eta = 0;
        double sumW = 0;
        double tx = 0;
        double ty = 0;
        double rx = 0;
        double ry = 0;
        for (size_t i = 0; i < n; ++i)
        {
            const double dx = a[i].x - y.x;
            const double dy = a[i].y - y.y;
            const double d = std::hypot(dx, dy);
            if (d <= m_coincidence)
            {
                eta += w[i];
                continue;
            }
            const double q = w[i] / d;
            sumW += q;
            tx += q * a[i].x;
            ty += q * a[i].y;
            rx += q * dx;
            ry += q * dy;
        }
        if (sumW == 0)
        {
            // Every positive-weight station sits at y.
            result.converged = true;
            result.atStation = true;
            break;
        }
        Vector next(tx / sumW, ty / sumW, 0);
        if (eta > 0)
        {
            const double r = std::hypot(rx, ry);
            if (r <= eta)
            {
                // The station under y is the optimum (the pull of the others cannot
                // overcome its weight).
                result.converged = true;
                result.atStation = true;
                break;
            }
            const double s = eta / r;
            next = Vector((1 - s) * next.x + s * y.x, (1 - s) * next.y + s * y.y, 0);
        }
        const double step = std::hypot(next.x - y.x, next.y - y.y);
        y = next;
        if (step < m_tolerance)
        {
            result.converged = true;
            break;
        }
    }
    if (!result.converged)
    {
        NS_LOG_WARN("Weiszfeld did not converge within " << m_maxIterations << " iterations");
    }
    y.z = 0;
    result.position = y;
    result.objective = Objective(points, weights, y);
    m_placedTrace(y, result.iterations);
    return result;
}

} // namespace ns3
