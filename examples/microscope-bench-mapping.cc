/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * microscope-bench-mapping: time of the minimum-displacement grid mapping (GridMapper: grid
 * design, kappa search, optimal one-to-one assignment) on generated metropolitan layouts, with
 * the auction solver (the default) beside the dense one of earlier versions, in one run.
 * A benchmark: it measures and prints, asserts nothing. Targets (issue 11): the automatic
 * kappa in at most 1 s at 792 antennas and 30 s at 5,000, with the dense search's total
 * displacement within 0.1 %.
 *
 * The dense automatic search takes about 4 minutes at 5,000 antennas; above --denseFullUpTo
 * antennas the dense side is one solve at the kappa the auction search chose (said in the
 * table), which checks the displacement at that kappa and times one dense solve.
 *
 *   microscope-bench-mapping [--antennas=792,5000] [--kappa=-1] [--denseFullUpTo=1000]
 *                            [--seed=1 --run=1]
 */

#include "ns3/core-module.h"
#include "ns3/grid-mapper.h"
#include "ns3/metro-layout-generator.h"
#include "ns3/scenario-flags.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// One mapping and its time.
struct Outcome
{
    Ptr<GridMapper> mapper; //!< the mapper after Map()
    double seconds;         //!< wall clock of Map()
};

/**
 * Map once.
 * \param positions the antennas.
 * \param solver "auction" or "dense".
 * \param kappa the Kappa attribute.
 * \return the mapper and the time.
 */
Outcome
MapWith(const std::vector<Vector>& positions, const std::string& solver, double kappa)
{
    Ptr<GridMapper> mapper = CreateObject<GridMapper>();
    mapper->SetAttribute("Kappa", DoubleValue(kappa));
    mapper->SetAttribute("Solver", StringValue(solver));
    const auto t0 = std::chrono::steady_clock::now();
    mapper->Map(positions);
    return {mapper, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()};
}

/**
 * Print one table row.
 * \param n antennas.
 * \param what the method.
 * \param o the outcome.
 */
void
PrintRow(uint32_t n, const std::string& what, const Outcome& o)
{
    std::printf("%8u  %3ux%-4u  %-22s  %6.4f  %6u  %15.3f  %9.1f  %9.1f  %8.3f\n",
                n,
                o.mapper->GetRows(),
                o.mapper->GetCols(),
                what.c_str(),
                o.mapper->GetKappa(),
                o.mapper->GetNEvaluations(),
                o.mapper->GetTotalDisplacement() / 1000.0,
                o.mapper->GetMeanDisplacement(),
                o.mapper->GetMaxDisplacement(),
                o.seconds);
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string antennas = "792,5000";
    double kappa = -1.0;
    uint32_t denseFullUpTo = 1000;
    uint32_t seed = 1;
    uint32_t run = 1;
    CommandLine cmd(__FILE__);
    cmd.AddValue("antennas", "Comma-separated antenna counts", antennas);
    cmd.AddValue("kappa", "Grid scaling (<= 0: automatic search, as by default)", kappa);
    cmd.AddValue("denseFullUpTo",
                 "Largest antenna count at which the dense side runs the whole kappa search "
                 "(above it: one dense solve at the kappa the auction search chose)",
                 denseFullUpTo);
    cmd.AddValue("seed", "ns-3 RNG seed", seed);
    cmd.AddValue("run", "ns-3 RNG run", run);
    ScenarioFlags::AddLoggingFlag(cmd); // --logging: the module's log messages
    cmd.Parse(argc, argv);
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);

    std::printf("antennas  grid      method                  kappa   solves  total disp. (km)  "
                "mean (m)   max (m)  time (s)\n");
    std::stringstream list(antennas);
    std::string item;
    while (std::getline(list, item, ','))
    {
        const uint32_t n = static_cast<uint32_t>(std::stoul(item));
        Ptr<MetroLayoutGenerator> layout = CreateObject<MetroLayoutGenerator>();
        layout->SetAttribute("NumAntennas", UintegerValue(n));
        layout->AssignStreams(1);
        const std::vector<Vector> positions = layout->Generate();

        const Outcome fast = MapWith(positions, "auction", kappa);
        const bool full = kappa > 0 || n <= denseFullUpTo;
        const Outcome dense = MapWith(positions, "dense", full ? kappa : fast.mapper->GetKappa());
        PrintRow(n, full ? "dense (before)" : "dense, 1 solve at kappa", dense);
        PrintRow(n, "auction (now)", fast);
        const double dDense = dense.mapper->GetTotalDisplacement();
        const double dFast = fast.mapper->GetTotalDisplacement();
        uint32_t moved = 0;
        for (uint32_t i = 0; i < n; ++i)
        {
            moved += dense.mapper->GetCells()[i] != fast.mapper->GetCells()[i];
        }
        std::printf("          auction / dense: time %.4f (speed-up %.1fx%s), total displacement "
                    "%.9f (%+.1e), %u of %u nodes on another cell\n",
                    fast.seconds / dense.seconds,
                    dense.seconds / fast.seconds,
                    full ? "" : "; the dense side is 1 solve, not the search",
                    dFast / dDense,
                    dFast / dDense - 1.0,
                    moved,
                    n);
        std::fflush(stdout);
    }
    return 0;
}
