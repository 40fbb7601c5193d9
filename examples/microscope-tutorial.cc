/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * microscope-tutorial: a whole slicing scenario in one short script, the starting point of your
 * own (doc/microscope.rst shows it; copy it into scratch/ to start):
 *
 *   ./microscope run microscope-tutorial --antennas=80 --days=10
 *   cp examples/microscope-tutorial.cc scratch/my-scenario.cc && ./microscope run my-scenario
 *
 * It generates antennas, their demand and the datacenter tiers, estimates every service's
 * demand with one decomposer, follows the run through two trace sources and prints the costs of
 * the slice allocation, then writes them to --output (summary.json, node_costs.csv).
 */

// [tutorial-begin]
#include "ns3/core-module.h"
#include "ns3/microscope-module.h"

#include <iostream>
#include <map>

using namespace ns3;

// Trace sinks. "Interval" gives the true demand of every completed management interval: keep
// each day's busiest hour at the core level. "Cost" gives every allocation's shortfall: count
// the SLA-violating slices and the accounted intervals (evaluated days) of each level.
std::map<uint32_t, std::pair<uint32_t, double>> g_busiestHour;      // day -> (hour, Mbps)
std::map<NetworkLevel, std::pair<uint64_t, uint64_t>> g_violations; // -> (slices, intervals)

void
IntervalDemand(NetworkLevel level, uint64_t interval, uint64_t firstSlot, const DemandMatrix& truth)
{
    if (level != NetworkLevel::CORE)
    {
        return; // the core level is managed hourly (CoreInterval, below)
    }
    const auto hour = static_cast<uint32_t>(Simulator::Now().GetHours()); // since the start
    auto& busiest = g_busiestHour[hour / 24];
    if (truth.Total() > busiest.second)
    {
        busiest = {hour % 24, truth.Total()};
    }
}

void
AllocationCost(const std::string& lane,
               NetworkLevel level,
               uint64_t interval,
               double overprovisioningMbps,
               double shortfallMbps,
               uint32_t violations,
               bool evaluated)
{
    if (evaluated)
    {
        g_violations[level].first += violations;
        g_violations[level].second += 1;
    }
}

int
main(int argc, char* argv[])
{
    // The tutorial's small scenario: its own defaults for two attributes. --antennas and --days
    // stand for them (as --ns3::MetroLayoutGenerator::NumAntennas and
    // --ns3::SyntheticTrafficGenerator::Days do), so the command line changes them.
    Config::SetDefault("ns3::MetroLayoutGenerator::NumAntennas", UintegerValue(60));
    Config::SetDefault("ns3::SyntheticTrafficGenerator::Days", UintegerValue(7));
    std::string decomposer = "historical";
    std::string output = ".";
    CommandLine cmd(__FILE__);
    cmd.AddValue("antennas", "ns3::MetroLayoutGenerator::NumAntennas");
    cmd.AddValue("days", "ns3::SyntheticTrafficGenerator::Days");
    cmd.AddValue("decomposer", "Decomposer: historical, oracle or forecast", decomposer);
    cmd.AddValue("output",
                 "Folder of summary.json and node_costs.csv (default: the working directory)",
                 output);
    ScenarioFlags::AddLoggingFlag(cmd); // --logging: the module's log messages
    cmd.Parse(argc, argv);

    try
    {
        // 1. The scenario: a generated metropolitan layout, synthetic demand of the nine
        //    services in 5-minute slots, and MEC / C-RAN / core datacenters partitioning the
        //    antennas (METIS; their number scales with the antennas). The layout and traffic
        //    generators take their attributes' defaults (set above).
        MicroscopeHelper microscope;
        // 2. One decomposer lane: at every level, estimate each service's demand from the
        //    aggregate each node sees, and allocate the slices from the estimates; the core
        //    datacenters are managed hourly (the other levels every 5 minutes).
        microscope.AddLane(decomposer);
        microscope.SetOrchestratorAttribute("CoreInterval", TimeValue(Minutes(60)));
        microscope.AssignStreams(1);
        Ptr<SlotOrchestrator> orchestrator = microscope.Install();

        // 3. Two trace sources of the orchestrator (see its GetTypeId() for all of them).
        orchestrator->TraceConnectWithoutContext("Interval", MakeCallback(&IntervalDemand));
        orchestrator->TraceConnectWithoutContext("Cost", MakeCallback(&AllocationCost));

        // 4. Run: one simulator event per traffic slot.
        orchestrator->Start();
        Simulator::Run();

        for (const auto& [day, busiest] : g_busiestHour)
        {
            std::cout << "day " << day << ": busiest hour " << busiest.first << ":00, "
                      << busiest.second << " Mbps in the network\n";
        }
        // 5. The costs over the evaluated days, from the cost accountant (lane 0: the first).
        Ptr<CostAccountant> accountant = orchestrator->GetCostAccountant();
        for (auto level : ALL_NETWORK_LEVELS)
        {
            if (!accountant->HasLevel(0, level))
            {
                continue; // no datacenter tiers, or a level the lane skips
            }
            const LevelCosts costs = accountant->GetLevelCosts(0, level);
            std::cout << NetworkLevelName(level) << " x" << costs.nodes << ": demand "
                      << costs.trueDemandMBps << " MB/s, SLA violation " << costs.slaViolationMBps
                      << " MB/s (" << costs.slaViolationPct << " %), overprovisioning "
                      << costs.overprovisioningMBps << " MB/s (" << costs.overprovisioningPct
                      << " %), " << g_violations[level].first << " violating slices in "
                      << g_violations[level].second << " intervals\n";
        }
        RunOutputDirectory out(output); // written aside, moved into --output together
        orchestrator->WriteResults(out.GetStagingPath());
        out.Commit();
    }
    catch (const InputError& error)
    {
        std::cerr << "microscope-tutorial: " << error.what() << "\n";
        Simulator::Destroy();
        return 1;
    }
    Simulator::Destroy();
    return 0;
}

// [tutorial-end]
