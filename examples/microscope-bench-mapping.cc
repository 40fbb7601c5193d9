/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * microscope-bench-mapping: time of the minimum-displacement grid mapping (GridMapper: grid
 * design, kappa search, optimal one-to-one assignment) on generated metropolitan layouts.
 * A benchmark: it measures and prints, asserts nothing. Target (neural issue): 792 antennas
 * in under 1 s; the time at 5,000 is reported.
 *
 *   microscope-bench-mapping [--antennas=792,5000] [--kappa=-1] [--seed=1 --run=1]
 */

#include "ns3/core-module.h"
#include "ns3/grid-mapper.h"
#include "ns3/metro-layout-generator.h"

#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string antennas = "792,5000";
    double kappa = -1.0;
    uint32_t seed = 1;
    uint32_t run = 1;
    CommandLine cmd(__FILE__);
    cmd.AddValue("antennas", "Comma-separated antenna counts", antennas);
    cmd.AddValue("kappa", "Grid scaling (<= 0: automatic search, as by default)", kappa);
    cmd.AddValue("seed", "ns-3 RNG seed", seed);
    cmd.AddValue("run", "ns-3 RNG run", run);
    cmd.Parse(argc, argv);
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);

    std::printf("antennas  grid      kappa   mean disp. (m)  max disp. (m)  time (s)\n");
    std::stringstream list(antennas);
    std::string item;
    while (std::getline(list, item, ','))
    {
        const uint32_t n = static_cast<uint32_t>(std::stoul(item));
        Ptr<MetroLayoutGenerator> layout = CreateObject<MetroLayoutGenerator>();
        layout->SetAttribute("NumAntennas", UintegerValue(n));
        layout->AssignStreams(1);
        const std::vector<Vector> positions = layout->Generate();
        Ptr<GridMapper> mapper = CreateObject<GridMapper>();
        mapper->SetAttribute("Kappa", DoubleValue(kappa));
        const auto t0 = std::chrono::steady_clock::now();
        mapper->Map(positions);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("%8u  %3ux%-4u  %6.3f  %14.1f  %13.1f  %8.3f\n",
                    n,
                    mapper->GetRows(),
                    mapper->GetCols(),
                    mapper->GetKappa(),
                    mapper->GetMeanDisplacement(),
                    mapper->GetMaxDisplacement(),
                    seconds);
        std::fflush(stdout);
    }
    return 0;
}
