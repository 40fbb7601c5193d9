/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the weighted Weiszfeld placement: against a brute-force grid search, the paper's
 * volume weights, zero weights and the guard for iterates that land on a station.
 */

#include "ns3/input-error.h"
#include "ns3/random-variable-stream.h"
#include "ns3/test.h"
#include "ns3/weiszfeld-placement.h"

#include <cmath>
#include <limits>

using namespace ns3;

namespace
{

/// Planar weighted sum of distances, written independently of the class.
double
F(const std::vector<Vector>& a, const std::vector<double>& w, double x, double y)
{
    double f = 0;
    for (size_t i = 0; i < a.size(); ++i)
    {
        f += w[i] * std::sqrt((a[i].x - x) * (a[i].x - x) + (a[i].y - y) * (a[i].y - y));
    }
    return f;
}

/// Brute force: a 2 m grid over the bounding box, then 0.05 m steps within 4 m of the best.
Vector
BruteForce(const std::vector<Vector>& a, const std::vector<double>& w)
{
    double x0 = a[0].x;
    double x1 = a[0].x;
    double y0 = a[0].y;
    double y1 = a[0].y;
    for (const auto& p : a)
    {
        x0 = std::min(x0, p.x);
        x1 = std::max(x1, p.x);
        y0 = std::min(y0, p.y);
        y1 = std::max(y1, p.y);
    }
    double best = std::numeric_limits<double>::infinity();
    Vector arg;
    for (double x = x0; x <= x1; x += 2.0)
    {
        for (double y = y0; y <= y1; y += 2.0)
        {
            const double f = F(a, w, x, y);
            if (f < best)
            {
                best = f;
                arg = Vector(x, y, 0);
            }
        }
    }
    const Vector c = arg;
    for (double x = c.x - 4; x <= c.x + 4; x += 0.05)
    {
        for (double y = c.y - 4; y <= c.y + 4; y += 0.05)
        {
            const double f = F(a, w, x, y);
            if (f < best)
            {
                best = f;
                arg = Vector(x, y, 0);
            }
        }
    }
    return arg;
}

double
Planar(const Vector& a, const Vector& b)
{
    return std::hypot(a.x - b.x, a.y - b.y);
}

} // namespace

/**
 * \ingroup microscope-tests
 * Weiszfeld against brute force on random zones.
 */
class WeiszfeldBruteForceTestCase : public TestCase
{
public:
    WeiszfeldBruteForceTestCase()
        : TestCase("Weiszfeld point within 1 m of a brute-force grid search")
    {
    }

private:
    void DoRun() override
    {
        auto u = CreateObject<UniformRandomVariable>();
        u->SetStream(42);
        auto placement = CreateObject<WeiszfeldPlacement>();
        for (int trial = 0; trial < 4; ++trial)
        {
            std::vector<Vector> a;
            std::vector<double> volumes;
            for (int i = 0; i < 12; ++i)
            {
                a.emplace_back(u->GetValue(0, 400), u->GetValue(0, 400), 0);
                volumes.push_back(u->GetValue(10, 1000));
            }
            const auto w = WeiszfeldPlacement::VolumeWeights(volumes);
            WeiszfeldResult r = placement->Place(a, w);
            const Vector bf = BruteForce(a, w);
            NS_TEST_ASSERT_MSG_EQ(r.converged, true, "converged");
            NS_TEST_ASSERT_MSG_LT(Planar(r.position, bf),
                                  1.0,
                                  "trial " << trial << ": within 1 m of brute force");
            NS_TEST_ASSERT_MSG_LT_OR_EQ(r.objective,
                                        F(a, w, bf.x, bf.y) + 1e-6,
                                        "no worse than brute force");
            NS_TEST_ASSERT_MSG_EQ_TOL(r.objective,
                                      F(a, w, r.position.x, r.position.y),
                                      1e-6,
                                      "objective reported");
        }
    }
};

/**
 * \ingroup microscope-tests
 * The paper's weights and the handling of equal volumes and zero weights.
 */
class WeiszfeldWeightsTestCase : public TestCase
{
public:
    WeiszfeldWeightsTestCase()
        : TestCase("Volume weights (v - min) over (max - min), equal volumes, zero weights")
    {
    }

private:
    void DoRun() override
    {
        auto w = WeiszfeldPlacement::VolumeWeights({10, 20, 30, 15});
        NS_TEST_ASSERT_MSG_EQ_TOL(w[0], 0.0, 1e-15, "min gets 0");
        NS_TEST_ASSERT_MSG_EQ_TOL(w[1], 0.5, 1e-15, "middle");
        NS_TEST_ASSERT_MSG_EQ_TOL(w[2], 1.0, 1e-15, "max gets 1");
        NS_TEST_ASSERT_MSG_EQ_TOL(w[3], 0.25, 1e-15, "quarter");
        auto equal = WeiszfeldPlacement::VolumeWeights({7, 7, 7});
        NS_TEST_ASSERT_MSG_EQ((equal[0] == 1.0 && equal[1] == 1.0 && equal[2] == 1.0),
                              true,
                              "equal volumes: all weights 1 (geometric median)");
        NS_TEST_ASSERT_MSG_EQ(WeiszfeldPlacement::VolumeWeights({0})[0], 1.0, "single station");

        auto placement = CreateObject<WeiszfeldPlacement>();
        // Equal weights on a square's corners: the centre.
        std::vector<Vector> sq = {Vector(0, 0, 0),
                                  Vector(100, 0, 0),
                                  Vector(100, 100, 0),
                                  Vector(0, 100, 0)};
        WeiszfeldResult r = placement->Place(sq, {1, 1, 1, 1});
        NS_TEST_ASSERT_MSG_LT(Planar(r.position, Vector(50, 50, 0)), 1e-3, "square centre");
        // A zero-weight station far away does not pull.
        auto far = sq;
        far.emplace_back(10000, 10000, 0);
        WeiszfeldResult r0 = placement->Place(far, {1, 1, 1, 1, 0});
        NS_TEST_ASSERT_MSG_LT(Planar(r0.position, r.position), 1e-6, "zero weight ignored");
        // Two stations: the paper's weights put the datacenter on the busier one.
        WeiszfeldResult two = placement->Place({Vector(0, 0, 0), Vector(500, 0, 0)},
                                               WeiszfeldPlacement::VolumeWeights({1, 9}));
        NS_TEST_ASSERT_MSG_LT(Planar(two.position, Vector(500, 0, 0)), 1e-9, "busier station");

        bool threw = false;
        try
        {
            placement->Place(sq, {0, 0, 0, 0});
        }
        catch (const InputError&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "all-zero weights are refused");
        threw = false;
        try
        {
            placement->Place(sq, {1, -1, 1, 1});
        }
        catch (const InputError&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "negative weights are refused");
        threw = false;
        try
        {
            placement->Place(sq, {1, 1});
        }
        catch (const InputError&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "mismatched sizes are refused");
    }
};

/**
 * \ingroup microscope-tests
 * The guard: an iterate exactly on a station, optimal or not.
 */
class WeiszfeldGuardTestCase : public TestCase
{
public:
    WeiszfeldGuardTestCase()
        : TestCase("Guard: iterate on a non-optimal station, and an optimal station")
    {
    }

private:
    void DoRun() override
    {
        auto placement = CreateObject<WeiszfeldPlacement>();
        // The weighted centroid (the start) is exactly station 0, which is not optimal: the
        // others pull it with R = (0.5, 0.5), ||R|| = 0.71 > 0.1. The plain update would divide
        // by zero there. No other station is optimal either (each is pulled harder than its
        // weight).
        std::vector<Vector> a = {Vector(0, 0, 0),
                                 Vector(100, 0, 0),
                                 Vector(0, 100, 0),
                                 Vector(-200, 0, 0),
                                 Vector(0, -200, 0)};
        std::vector<double> w = {0.1, 1, 1, 0.5, 0.5};
        double cx = 0;
        double cy = 0;
        double ws = 0;
        for (size_t i = 0; i < a.size(); ++i)
        {
            cx += w[i] * a[i].x;
            cy += w[i] * a[i].y;
            ws += w[i];
        }
        NS_TEST_ASSERT_MSG_EQ((cx / ws == 0.0 && cy / ws == 0.0),
                              true,
                              "the start sits exactly on station 0");
        WeiszfeldResult r = placement->Place(a, w);
        NS_TEST_ASSERT_MSG_EQ((std::isfinite(r.position.x) && std::isfinite(r.position.y)),
                              true,
                              "finite result");
        NS_TEST_ASSERT_MSG_EQ(r.atStation, false, "the optimum is not a station");
        const Vector bf = BruteForce(a, w);
        NS_TEST_ASSERT_MSG_LT(Planar(r.position, bf), 1.0, "within 1 m of brute force");
        NS_TEST_ASSERT_MSG_LT(r.objective, F(a, w, 0, 0) - 1.0, "left the station downhill");

        // A dominant station is the optimum: found exactly.
        std::vector<double> heavy = {5, 1, 1, 1, 1};
        WeiszfeldResult h = placement->Place(a, heavy);
        NS_TEST_ASSERT_MSG_EQ(h.atStation, true, "optimum at a station");
        NS_TEST_ASSERT_MSG_EQ((h.position.x == 0.0 && h.position.y == 0.0), true, "exactly there");
        const Vector bfh = BruteForce(a, heavy);
        NS_TEST_ASSERT_MSG_LT(Planar(h.position, bfh), 1.0, "brute force agrees");

        // Duplicate stations at one spot: their weights add up.
        std::vector<Vector> dup = {Vector(0, 0, 0), Vector(0, 0, 0), Vector(100, 0, 0)};
        WeiszfeldResult d = placement->Place(dup, {1, 1, 1.5});
        NS_TEST_ASSERT_MSG_LT(Planar(d.position, Vector(0, 0, 0)),
                              1e-9,
                              "2 at the origin beat 1.5 at 100 m");
    }
};

/**
 * \ingroup microscope-tests
 * The Weiszfeld suite.
 */
class WeiszfeldTestSuite : public TestSuite
{
public:
    WeiszfeldTestSuite()
        : TestSuite("microscope-weiszfeld", UNIT)
    {
        AddTestCase(new WeiszfeldBruteForceTestCase, TestCase::QUICK);
        AddTestCase(new WeiszfeldWeightsTestCase, TestCase::QUICK);
        AddTestCase(new WeiszfeldGuardTestCase, TestCase::QUICK);
    }
};

static WeiszfeldTestSuite g_weiszfeldTestSuite; //!< the suite
