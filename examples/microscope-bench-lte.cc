/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Benchmark of the packet-level (LTE) slicing mode: wall time, simulated events and events
 * per second of whole runs (eNBs x UEs x the catalog's services, every slot decomposed and
 * enforced), for a list of scenario sizes, so that the scaling with eNBs and UEs can be read
 * off. The target of the issue is 20 eNBs x 10 UEs x 9 services for 60 slots of 1 s.
 *
 *   ./microscope bench microscope-bench-lte
 *   build/examples/microscope-bench-lte --points=5x5,10x5,10x10,20x10 --slots=60
 */

#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/input-error.h"
#include "ns3/lte-slice-controller.h"
#include "ns3/lte-slicing-helper.h"
#include "ns3/scenario-flags.h"

#include <chrono>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string points = "5x5,10x5,10x10,20x10";
    uint32_t slots = 60;
    Time slot = Seconds(1);
    double load = 0.5;
    std::string decomposer = "historical";
    std::string sharing = "strict";
    double maxLossDb = 0;
    bool isolatedCells = false;

    CommandLine cmd(__FILE__);
    cmd.Usage("Benchmark of the packet-level slicing mode: wall time and simulated events per "
              "second for several eNB x UE sizes.");
    cmd.AddValue("points", "Comma-separated sizes ENBSxUES (UEs per eNB)", points);
    cmd.AddValue("slots", "Evaluated slots per run", slots);
    cmd.AddValue("slot", "Slot duration", slot);
    cmd.AddValue("load", "Mean offered load of an eNB relative to its capacity", load);
    cmd.AddValue("decomposer", "Decomposer at every level", decomposer);
    cmd.AddValue("isolated-cells",
                 "One spectrum channel pair per cell: no inter-cell interference, much faster",
                 isolatedCells);
    cmd.AddValue("max-loss-db",
                 "Spectrum channels drop signals attenuated by more than this (0: none)",
                 maxLossDb);
    cmd.AddValue("sharing", "strict or lend", sharing);
    ScenarioFlags::AddLoggingFlag(cmd); // --logging: the module's log messages
    cmd.Parse(argc, argv);

    try
    {
        std::vector<std::pair<uint32_t, uint32_t>> sizes;
        std::stringstream ss(points);
        std::string item;
        while (std::getline(ss, item, ','))
        {
            const size_t x = item.find('x');
            if (x == std::string::npos)
            {
                throw InputError::ForAttribute("--points", "'" + item + "' is not ENBSxUES");
            }
            sizes.emplace_back(std::stoul(item.substr(0, x)), std::stoul(item.substr(x + 1)));
        }
        std::cout << "microscope-bench-lte: " << slots << " slots of " << slot.GetSeconds()
                  << " s, load " << load << ", decomposer " << decomposer << ", " << sharing
                  << " sharing\n";
        std::cout << std::left << std::setw(8) << "eNBs" << std::setw(6) << "UEs" << std::setw(8)
                  << "flows" << std::right << std::setw(10) << "setup s" << std::setw(10) << "run s"
                  << std::setw(10) << "sim s" << std::setw(14) << "events" << std::setw(12)
                  << "events/s" << std::setw(12) << "sim/wall" << std::setw(12) << "violations"
                  << std::endl;
        for (const auto& [enbs, ues] : sizes)
        {
            RngSeedManager::SetSeed(1);
            RngSeedManager::SetRun(1);
            auto t0 = std::chrono::steady_clock::now();
            Ptr<LteSlicingHelper> lte = CreateObject<LteSlicingHelper>();
            lte->SetNEnbs(enbs);
            lte->SetUesPerEnb(ues);
            lte->SetLoad(load);
            lte->SetMaxLossDb(maxLossDb);
            lte->SetIsolatedCells(isolatedCells);
            lte->SetDecomposer(decomposer);
            lte->SetSchedulerAttribute("Sharing",
                                       StringValue(sharing == "lend" ? "Lend" : "Strict"));
            lte->SetControllerAttribute("SlotDuration", TimeValue(slot));
            lte->SetControllerAttribute("Slots", UintegerValue(slots));
            lte->AssignStreams(1);
            Ptr<LteSliceController> controller = lte->Install();
            controller->Start();
            auto t1 = std::chrono::steady_clock::now();
            Simulator::Stop(controller->GetStopTime() + Seconds(1));
            Simulator::Run();
            auto t2 = std::chrono::steady_clock::now();
            const double setup = std::chrono::duration<double>(t1 - t0).count();
            const double runS = std::chrono::duration<double>(t2 - t1).count();
            const uint64_t events = Simulator::GetEventCount();
            const double sim = Simulator::Now().GetSeconds();
            uint64_t violations = 0;
            for (const auto& r : controller->GetSliceRecords())
            {
                violations += r.violated ? 1 : 0;
            }
            std::cout << std::left << std::setw(8) << enbs << std::setw(6) << ues << std::setw(8)
                      << enbs * ues * controller->GetWiring().catalog->GetN() << std::right
                      << std::fixed << std::setprecision(2) << std::setw(10) << setup
                      << std::setw(10) << runS << std::setw(10) << sim << std::setw(14) << events
                      << std::setw(12) << std::setprecision(0) << events / runS << std::setw(12)
                      << std::setprecision(3) << sim / runS << std::setw(12) << violations
                      << std::endl;
            Simulator::Destroy();
        }
    }
    catch (const InputError& e)
    {
        std::cerr << "microscope-bench-lte: error: " << e.what() << std::endl;
        Simulator::Destroy();
        return 1;
    }
    return 0;
}
