/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * microscope-bench-spine: the whole fluid pipeline at the paper's scale — 792 antennas,
 * 9 services, 85 days of 5-minute slots (24,480 slots), the historical decomposer at all four
 * levels — and its scaling with the number of antennas. Prints the wall-clock time of each
 * stage (layout, load estimation, tiers, the slot loop) and slots per second. A benchmark: it
 * measures and prints, asserts nothing. Target (spine issue): under 60 s on 2 cores at 792.
 */

#include "ns3/core-module.h"
#include "ns3/microscope-helper.h"
#include "ns3/scenario-flags.h"
#include "ns3/slot-orchestrator.h"

#include <chrono>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

/// \return seconds since the epoch of steady_clock.
double
WallSeconds()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string sizes = "792,5000";
    uint32_t days = 85;
    CommandLine cmd(__FILE__);
    cmd.AddValue("antennas", "Comma-separated antenna counts", sizes);
    cmd.AddValue("days", "Days of 5-minute slots", days);
    ScenarioFlags::AddLoggingFlag(cmd); // --logging: the module's log messages
    cmd.Parse(argc, argv);

    std::cout << "antennas  days  slots   install(s)  run(s)  total(s)  slots/s  ms/slot\n";
    std::stringstream ss(sizes);
    std::string item;
    while (std::getline(ss, item, ','))
    {
        const uint32_t n = std::stoul(item);
        MicroscopeHelper microscope;
        microscope.SetLayoutGeneratorAttribute("NumAntennas", UintegerValue(n));
        microscope.SetTrafficGeneratorAttribute("Days", UintegerValue(days));
        microscope.AddLane("historical", "historical");
        microscope.AssignStreams(1);
        const double t0 = WallSeconds();
        Ptr<SlotOrchestrator> orchestrator = microscope.Install();
        orchestrator->Start();
        const double t1 = WallSeconds();
        Simulator::Run();
        const double t2 = WallSeconds();
        const uint64_t slots = orchestrator->GetNSlotsProcessed();
        std::cout << std::setw(8) << n << "  " << std::setw(4) << days << "  " << std::setw(6)
                  << slots << "  " << std::fixed << std::setprecision(2) << std::setw(10) << t1 - t0
                  << "  " << std::setw(6) << t2 - t1 << "  " << std::setw(8) << t2 - t0 << "  "
                  << std::setw(7) << std::setprecision(0) << slots / (t2 - t1) << "  "
                  << std::setw(7) << std::setprecision(3) << 1000.0 * (t2 - t1) / slots
                  << std::endl;
        Simulator::Destroy();
    }
    return 0;
}
