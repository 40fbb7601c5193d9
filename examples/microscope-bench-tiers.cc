/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * microscope-bench-tiers: time the Delaunay triangulation (CGAL) and the three METIS
 * partitions (MEC, C-RAN, core) at 792 and 5000 metropolitan antennas, and print each
 * level's load balance and connectivity. A benchmark: it measures and prints, asserts nothing.
 */

#include "ns3/core-module.h"
#include "ns3/datacenter-tier-builder.h"
#include "ns3/metro-layout-generator.h"
#include "ns3/network-topology.h"
#include "ns3/scenario-flags.h"

#include <chrono>
#include <cmath>
#include <iomanip>
#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string sizes = "792,5000";
    CommandLine cmd(__FILE__);
    cmd.AddValue("antennas", "Comma-separated antenna counts", sizes);
    ScenarioFlags::AddLoggingFlag(cmd); // --logging: the module's log messages
    cmd.Parse(argc, argv);

    std::stringstream ss(sizes);
    std::string item;
    std::cout << "antennas  level  nodes  antennas/node  max/min load  connected  repaired"
                 "  mean dist (m)\n";
    while (std::getline(ss, item, ','))
    {
        const uint32_t n = std::stoul(item);
        Ptr<MetroLayoutGenerator> layout = CreateObject<MetroLayoutGenerator>();
        layout->SetAttribute("NumAntennas", UintegerValue(n));
        layout->AssignStreams(1);
        std::vector<Vector> positions = layout->Generate();
        // Load: heavier in the centre, as in the synthetic generator.
        std::vector<double> load;
        for (const auto& p : positions)
        {
            load.push_back(1.0 + 3.0 * std::exp(-std::hypot(p.x, p.y) / 3000.0));
        }
        Ptr<NetworkTopology> topology = CreateObject<NetworkTopology>();
        topology->SetAntennas(positions, {}, NodeContainer());
        Ptr<DatacenterTierBuilder> builder = CreateObject<DatacenterTierBuilder>();
        builder->AssignStreams(2);
        auto start = std::chrono::steady_clock::now();
        builder->Build(topology, load);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        for (auto level : {NetworkLevel::MEC, NetworkLevel::CRAN, NetworkLevel::CORE})
        {
            const TierStatistics s = builder->GetStatistics(level);
            std::cout << std::setw(8) << n << "  " << std::setw(5) << NetworkLevelName(level)
                      << "  " << std::setw(5) << s.nodes << "  " << std::setw(6) << s.minAntennas
                      << "-" << std::left << std::setw(6) << s.maxAntennas << std::right << "  "
                      << std::setw(12) << std::fixed << std::setprecision(3) << s.maxMinLoadRatio
                      << "  " << std::setw(9) << (s.allConnected ? "yes" : "NO") << "  "
                      << std::setw(8) << s.repairedAntennas << "  " << std::setw(13)
                      << std::setprecision(0) << s.meanDistanceM << "\n";
        }
        std::cout << std::setw(8) << n << "  Delaunay + 3 partitions: " << std::setprecision(3)
                  << seconds << " s (" << builder->GetGraph().GetEdges().size()
                  << " Delaunay edges)\n";
    }
    return 0;
}
