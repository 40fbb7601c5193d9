/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the minimum-displacement grid mapping: assignment optimality against brute force,
 * grid design, one-to-one mapping, displacement statistics, the automatic kappa and the CSV.
 */

#include "ns3/core-module.h"
#include "ns3/grid-mapper.h"
#include "ns3/input-error.h"
#include "ns3/linear-assignment-solver.h"
#include "ns3/metro-layout-generator.h"
#include "ns3/test.h"

#include <algorithm>
#include <fstream>
#include <numeric>
#include <set>

using namespace ns3;

/**
 * \ingroup microscope-tests
 * The assignment solver is optimal: brute force over all injections for n <= 8.
 */
class AssignmentBruteForceTestCase : public TestCase
{
public:
    AssignmentBruteForceTestCase()
        : TestCase("Linear assignment equals brute force for n <= 8 (square and rectangular)")
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
 * The mapping suite.
 */
class MicroscopeMappingTestSuite : public TestSuite
{
public:
    MicroscopeMappingTestSuite()
        : TestSuite("microscope-mapping", UNIT)
    {
        AddTestCase(new AssignmentBruteForceTestCase, TestCase::QUICK);
        AddTestCase(new GridMapperTestCase, TestCase::QUICK);
    }
};

/// The suite's single instance.
static MicroscopeMappingTestSuite g_microscopeMappingTestSuite;
