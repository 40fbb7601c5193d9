/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the minimum-displacement grid mapping: assignment optimality against brute force
 * (the dense, warm-started and auction solvers), against each other and by LP duality on
 * larger problems, grid design, one-to-one mapping, displacement statistics, the automatic
 * kappa (auction against dense) and the CSV.
 */

#include "ns3/core-module.h"
#include "ns3/grid-mapper.h"
#include "ns3/input-error.h"
#include "ns3/linear-assignment-solver.h"
#include "ns3/metro-layout-generator.h"
#include "ns3/test.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <limits>
#include <numeric>
#include <set>

using namespace ns3;

/**
 * \ingroup microscope-tests
 * The assignment solvers are optimal: brute force over all injections for n <= 8.
 */
class AssignmentBruteForceTestCase : public TestCase
{
public:
    AssignmentBruteForceTestCase()
        : TestCase("Linear assignment (dense, warm start, auction) equals brute force for n <= 8")
    {
    }

private:
    void DoRun() override
    {
        Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
        u->SetStream(42);
        for (uint32_t n = 1; n <= 8; ++n)
        {
            for (uint32_t extra : {0U, 2U})
            {
                const uint32_t m = std::min(n + extra, 8U);
                if (m < n)
                {
                    continue;
                }
                for (int trial = 0; trial < 3; ++trial)
                {
                    std::vector<double> cost(n * m);
                    for (auto& c : cost)
                    {
                        // Integer-valued costs make ties likely: a harder case.
                        c = trial == 0 ? std::floor(u->GetValue(0, 5)) : u->GetValue(-10, 10);
                    }
                    auto a = LinearAssignmentSolver::Solve(cost, n, m);
                    std::set<uint32_t> used(a.begin(), a.end());
                    NS_TEST_ASSERT_MSG_EQ(used.size(), n, "one column per row");
                    // Warm start from zero duals and from arbitrary ones, and the auction.
                    std::vector<double> v0;
                    const auto w0 = LinearAssignmentSolver::SolveWarm(cost, n, m, v0);
                    std::vector<double> vr(m);
                    for (auto& x : vr)
                    {
                        x = u->GetValue(-20, 20);
                    }
                    const auto wr = LinearAssignmentSolver::SolveWarm(cost, n, m, vr);
                    std::vector<double> va;
                    const auto au = LinearAssignmentSolver::SolveAuction(cost, n, m, 10.0, va);
                    for (const auto* other : {&w0, &wr, &au})
                    {
                        std::set<uint32_t> otherUsed(other->begin(), other->end());
                        NS_TEST_ASSERT_MSG_EQ(otherUsed.size(), n, "one column per row");
                    }
                    NS_TEST_ASSERT_MSG_LT_OR_EQ(
                        LinearAssignmentSolver::CertificateViolation(cost, n, m, au, va),
                        1e-9,
                        "the auction's duals prove its assignment optimal");
                    // Brute force: every ordered choice of n columns out of m.
                    std::vector<uint32_t> cols(m);
                    std::iota(cols.begin(), cols.end(), 0U);
                    double best = std::numeric_limits<double>::infinity();
                    do
                    {
                        double c = 0;
                        for (uint32_t r = 0; r < n; ++r)
                        {
                            c += cost[r * m + cols[r]];
                        }
                        best = std::min(best, c);
                    } while (std::next_permutation(cols.begin(), cols.end()));
                    NS_TEST_ASSERT_MSG_EQ_TOL(LinearAssignmentSolver::Cost(cost, m, a),
                                              best,
                                              1e-9,
                                              "optimal for n = " << n << ", m = " << m);
                    NS_TEST_ASSERT_MSG_EQ_TOL(LinearAssignmentSolver::Cost(cost, m, w0),
                                              best,
                                              1e-9,
                                              "warm start from zero duals optimal");
                    NS_TEST_ASSERT_MSG_EQ_TOL(LinearAssignmentSolver::Cost(cost, m, wr),
                                              best,
                                              1e-9,
                                              "warm start from arbitrary duals optimal");
                    NS_TEST_ASSERT_MSG_EQ_TOL(LinearAssignmentSolver::Cost(cost, m, au),
                                              best,
                                              1e-9,
                                              "auction optimal for n = " << n << ", m = " << m);
                }
            }
        }
        bool threw = false;
        try
        {
            LinearAssignmentSolver::Solve(std::vector<double>(6, 1.0), 3, 2);
        }
        catch (const InputError&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "fewer columns than rows refused");
        auto refuses = [](const std::function<void()>& call)
        {
            try
            {
                call();
            }
            catch (const InputError&)
            {
                return true;
            }
            return false;
        };
        std::vector<double> wrongSize(3, 0.0);
        NS_TEST_ASSERT_MSG_EQ(
            refuses(
                [&]() {
                    LinearAssignmentSolver::SolveWarm(std::vector<double>(4, 1.0), 2, 2, wrongSize);
                }),
            true,
            "starting duals of the wrong size refused");
        std::vector<double> v;
        NS_TEST_ASSERT_MSG_EQ(
            refuses(
                [&]() {
                    LinearAssignmentSolver::SolveAuction(std::vector<double>(4, 1.0), 2, 2, 0.0, v);
                }),
            true,
            "a zero cost scale refused");
        NS_TEST_ASSERT_MSG_EQ(refuses(
                                  [&]()
                                  {
                                      std::vector<double> cost(4, 1.0);
                                      cost[3] = std::numeric_limits<double>::quiet_NaN();
                                      LinearAssignmentSolver::SolveAuction(cost, 2, 2, 1.0, v);
                                  }),
                              true,
                              "a NaN cost refused");
    }
};

/**
 * \ingroup microscope-tests
 * Beyond brute force: on geometric problems of a few hundred rows (points to a contracted
 * grid, the mapping's structure) the auction and the dense solver reach the same total, and
 * the auction's duals prove optimality by LP duality; the check itself fails on a worse
 * assignment.
 */
class AssignmentLargeTestCase : public TestCase
{
public:
    AssignmentLargeTestCase()
        : TestCase("Auction equals the dense solver on 300-node problems; LP duality certifies it")
    {
    }

private:
    void DoRun() override
    {
        Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
        u->SetStream(7);
        for (uint32_t trial = 0; trial < 4; ++trial)
        {
            const uint32_t n = 300;
            const uint32_t cols = 18;
            const uint32_t rows = trial % 2 == 0 ? 17 : 20; // 306 or 360 points
            const uint32_t m = rows * cols;
            // Clustered points (squared uniforms pile up near the origin's corner) against a
            // grid contracted by 0.2 to 1.0.
            std::vector<double> px(n);
            std::vector<double> py(n);
            for (uint32_t i = 0; i < n; ++i)
            {
                const double a = u->GetValue(0, 1);
                const double b = u->GetValue(0, 1);
                px[i] = 1000 * a * a;
                py[i] = 1000 * b * b * b;
            }
            const double kappa = 0.2 + 0.8 * trial / 3.0;
            std::vector<double> cost(static_cast<size_t>(n) * m);
            for (uint32_t i = 0; i < n; ++i)
            {
                for (uint32_t j = 0; j < m; ++j)
                {
                    const double gx = 500 + kappa * ((j % cols + 0.5) * 1000 / cols - 500);
                    const double gy = 500 + kappa * ((j / cols + 0.5) * 1000 / rows - 500);
                    cost[static_cast<size_t>(i) * m + j] = std::hypot(px[i] - gx, py[i] - gy);
                }
            }
            const auto dense = LinearAssignmentSolver::Solve(cost, n, m);
            std::vector<double> v;
            const auto auction = LinearAssignmentSolver::SolveAuction(cost, n, m, 2000.0, v);
            const double denseTotal = LinearAssignmentSolver::Cost(cost, m, dense);
            const double auctionTotal = LinearAssignmentSolver::Cost(cost, m, auction);
            NS_TEST_ASSERT_MSG_EQ_TOL(auctionTotal,
                                      denseTotal,
                                      1e-9 * denseTotal,
                                      "same optimum, trial " << trial);
            std::set<uint32_t> used(auction.begin(), auction.end());
            NS_TEST_ASSERT_MSG_EQ(used.size(), n, "one to one");
            const double violation =
                LinearAssignmentSolver::CertificateViolation(cost, n, m, auction, v);
            NS_TEST_ASSERT_MSG_LT_OR_EQ(violation, 1e-6, "duals certify optimality");
            // The check can fail: two rows swapped make a worse assignment, which no duals
            // certify (here the auction's).
            std::vector<uint32_t> worse = auction;
            uint32_t a = 0;
            uint32_t b = 1;
            for (uint32_t i = 1; i < n; ++i)
            {
                const double delta = cost[static_cast<size_t>(0) * m + auction[i]] +
                                     cost[static_cast<size_t>(i) * m + auction[0]] -
                                     cost[static_cast<size_t>(0) * m + auction[0]] -
                                     cost[static_cast<size_t>(i) * m + auction[i]];
                if (delta > 1.0)
                {
                    b = i;
                    break;
                }
            }
            std::swap(worse[a], worse[b]);
            NS_TEST_ASSERT_MSG_GT(
                LinearAssignmentSolver::CertificateViolation(cost, n, m, worse, v),
                0.5,
                "a worse assignment is not certified");
        }
    }
};

/**
 * \ingroup microscope-tests
 * Grid design, one-to-one mapping, statistics, kappa and CSV.
 */
class GridMapperTestCase : public TestCase
{
public:
    GridMapperTestCase()
        : TestCase("Grid mapping: 33 x 24 for 792 antennas, one-to-one, statistics, kappa, CSV")
    {
    }

private:
    void DoRun() override
    {
        Ptr<MetroLayoutGenerator> layout = CreateObject<MetroLayoutGenerator>();
        layout->AssignStreams(1);
        const auto positions = layout->Generate(); // 792 antennas, 16 x 22 km region
        Ptr<GridMapper> mapper = CreateObject<GridMapper>();
        mapper->SetAttribute("Kappa", DoubleValue(0.25));
        mapper->Map(positions);
        NS_TEST_ASSERT_MSG_EQ(mapper->GetRows(), 33, "rows as in the paper");
        NS_TEST_ASSERT_MSG_EQ(mapper->GetCols(), 24, "columns as in the paper");
        std::set<uint32_t> cells(mapper->GetCells().begin(), mapper->GetCells().end());
        NS_TEST_ASSERT_MSG_EQ(cells.size(), 792, "one node per grid point");
        double total = 0;
        double largest = 0;
        for (uint32_t i = 0; i < positions.size(); ++i)
        {
            auto [row, col] = mapper->GetCell(i);
            NS_TEST_ASSERT_MSG_LT(row, 33, "row in range");
            Vector g = mapper->GetGridPoint(row, col);
            const double d = std::hypot(positions[i].x - g.x, positions[i].y - g.y);
            NS_TEST_ASSERT_MSG_EQ_TOL(mapper->GetDisplacement(i), d, 1e-9, "displacement");
            total += d;
            largest = std::max(largest, d);
        }
        NS_TEST_ASSERT_MSG_EQ_TOL(mapper->GetMeanDisplacement(), total / 792, 1e-6, "mean");
        NS_TEST_ASSERT_MSG_EQ_TOL(mapper->GetMaxDisplacement(), largest, 1e-9, "max");
        const double fixedTotal = mapper->GetTotalDisplacement();
        // No single swap of two nodes' cells lowers the total (a consequence of optimality).
        const auto& c = mapper->GetCells();
        for (uint32_t i = 0; i < 60; ++i)
        {
            const uint32_t j = (i * 131 + 7) % 792;
            auto gi = mapper->GetGridPoint(c[j] / 24, c[j] % 24);
            auto gj = mapper->GetGridPoint(c[i] / 24, c[i] % 24);
            const double swapped = std::hypot(positions[i].x - gi.x, positions[i].y - gi.y) +
                                   std::hypot(positions[j].x - gj.x, positions[j].y - gj.y);
            NS_TEST_ASSERT_MSG_GT_OR_EQ(swapped + 1e-6,
                                        mapper->GetDisplacement(i) + mapper->GetDisplacement(j),
                                        "swap does not improve");
        }
        // Automatic kappa: never worse than the paper's 0.25.
        mapper->SetAttribute("Kappa", DoubleValue(-1));
        mapper->Map(positions);
        NS_TEST_ASSERT_MSG_LT_OR_EQ(mapper->GetTotalDisplacement(),
                                    fixedTotal + 1e-6,
                                    "automatic kappa at least as good as 0.25");
        NS_TEST_ASSERT_MSG_EQ_TOL(mapper->EvaluateKappa(mapper->GetKappa()),
                                  mapper->GetTotalDisplacement(),
                                  1e-6,
                                  "kappa reproducible");
        // The auction (default) and the dense solver of earlier versions: the same mapping at
        // the paper's kappa on 792 antennas.
        {
            Ptr<GridMapper> dense = CreateObject<GridMapper>();
            dense->SetAttribute("Kappa", DoubleValue(0.25));
            dense->SetAttribute("Solver", StringValue("dense"));
            dense->Map(positions);
            NS_TEST_ASSERT_MSG_EQ_TOL(dense->GetTotalDisplacement(),
                                      fixedTotal,
                                      1e-9 * fixedTotal,
                                      "auction and dense agree at kappa 0.25");
        }

        // Scatter / gather round trip.
        std::vector<double> values(792);
        for (uint32_t i = 0; i < 792; ++i)
        {
            values[i] = i + 0.5;
        }
        std::vector<float> grid(33 * 24);
        mapper->Scatter(values.data(), grid.data());
        std::vector<double> back(792);
        mapper->Gather(grid.data(), back.data());
        NS_TEST_ASSERT_MSG_EQ((back == values), true, "scatter/gather round trip");

        // CSV.
        const std::string path = CreateTempDirFilename("mapping.csv");
        mapper->WriteCsv(path, "antenna", false);
        mapper->WriteCsv(path, "antenna", true);
        std::ifstream in(path);
        std::string header;
        std::getline(in, header);
        NS_TEST_ASSERT_MSG_EQ(header,
                              "level,node,x_m,y_m,row,col,grid_x_m,grid_y_m,displacement_m",
                              "CSV header");
        uint32_t lines = 0;
        std::string line;
        while (std::getline(in, line))
        {
            ++lines;
        }
        NS_TEST_ASSERT_MSG_EQ(lines, 2 * 792, "appended rows");

        // Small and degenerate sets: 10 core datacenters, 1 node, collinear nodes.
        std::vector<Vector> ten(positions.begin(), positions.begin() + 10);
        mapper->Map(ten);
        NS_TEST_ASSERT_MSG_GT_OR_EQ(mapper->GetRows() * mapper->GetCols(), 10U, "10 nodes fit");
        mapper->Map({Vector(5, 5, 0)});
        NS_TEST_ASSERT_MSG_EQ(mapper->GetRows() * mapper->GetCols(), 1U, "one node, one cell");
        mapper->Map({Vector(0, 0, 0), Vector(100, 0, 0), Vector(300, 0, 0)});
        NS_TEST_ASSERT_MSG_EQ(mapper->GetRows(), 1U, "collinear along x: one row");
        NS_TEST_ASSERT_MSG_EQ(mapper->GetCell(2).second, 2U, "order along the line kept");
    }
};

/**
 * \ingroup microscope-tests
 * The automatic kappa search with the auction solver picks the kappa and reaches the total
 * displacement of the search with the dense solver of earlier versions (300 antennas, 12
 * assignments each).
 */
class KappaSearchSolversTestCase : public TestCase
{
public:
    KappaSearchSolversTestCase()
        : TestCase("Automatic kappa: auction and dense solvers choose the same kappa and total")
    {
    }

private:
    void DoRun() override
    {
        Ptr<MetroLayoutGenerator> layout = CreateObject<MetroLayoutGenerator>();
        layout->SetAttribute("NumAntennas", UintegerValue(300));
        layout->AssignStreams(3);
        const auto positions = layout->Generate();
        Ptr<GridMapper> fast = CreateObject<GridMapper>();
        fast->Map(positions);
        Ptr<GridMapper> dense = CreateObject<GridMapper>();
        dense->SetAttribute("Solver", StringValue("dense"));
        dense->Map(positions);
        NS_TEST_ASSERT_MSG_EQ(fast->GetNEvaluations(), 12, "the same search: 12 assignments");
        NS_TEST_ASSERT_MSG_EQ(dense->GetNEvaluations(), 12, "the same search: 12 assignments");
        NS_TEST_ASSERT_MSG_EQ_TOL(fast->GetKappa(), dense->GetKappa(), 1e-12, "same kappa");
        NS_TEST_ASSERT_MSG_EQ_TOL(fast->GetTotalDisplacement(),
                                  dense->GetTotalDisplacement(),
                                  1e-9 * dense->GetTotalDisplacement(),
                                  "same total displacement");
        // Every evaluation of the search agrees, not only the chosen one.
        for (double kappa : {0.05, 0.3, 0.9, 1.2})
        {
            const double a = fast->EvaluateKappa(kappa);
            const double d = dense->EvaluateKappa(kappa);
            NS_TEST_ASSERT_MSG_EQ_TOL(a, d, 1e-9 * d, "same optimum at kappa " << kappa);
        }
    }
};

/**
 * \ingroup microscope-tests
 * The mapping suite.
 */
class MicroscopeMappingTestSuite : public TestSuite
{
public:
    MicroscopeMappingTestSuite()
        : TestSuite("microscope-mapping", UNIT)
    {
        AddTestCase(new AssignmentBruteForceTestCase, TestCase::QUICK);
        AddTestCase(new AssignmentLargeTestCase, TestCase::QUICK);
        AddTestCase(new GridMapperTestCase, TestCase::QUICK);
        AddTestCase(new KappaSearchSolversTestCase, TestCase::QUICK);
    }
};

/// The suite's single instance.
static MicroscopeMappingTestSuite g_microscopeMappingTestSuite;
