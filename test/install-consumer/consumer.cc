/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The installed-package check's program (test/install-check.cmake): a small fluid scenario
 * through the installed headers and library, and the installed models' folder.
 */

#include "ns3/cost-accountant.h"
#include "ns3/microscope-helper.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <fstream>
#include <iostream>

using namespace ns3;

int
main()
{
    MicroscopeHelper microscope;
    microscope.SetLayoutGeneratorAttribute("NumAntennas", UintegerValue(30));
    microscope.SetTrafficGeneratorAttribute("Days", UintegerValue(5));
    microscope.SetDatacenterTiers(false);
    microscope.AddLane("oracle");
    microscope.AssignStreams(1);
    Ptr<SlotOrchestrator> orchestrator = microscope.Install();
    orchestrator->Start();
    Simulator::Run();
    const LevelCosts costs =
        orchestrator->GetCostAccountant()->GetLevelCosts(0, NetworkLevel::ANTENNA);
    const bool model = std::ifstream(std::string(MICROSCOPE_MODELS_DIR) + "/antenna.pt").good();
    std::cout << "consumer: " << costs.nodes << " antennas, " << costs.evaluatedIntervals
              << " intervals, demand " << (costs.trueDemandMBps > 0 ? "positive" : "zero")
              << ", oracle SLA violation " << costs.slaViolationMBps << " MB/s, model "
              << (model ? "found" : "missing") << " in " << MICROSCOPE_MODELS_DIR << "\n";
    Simulator::Destroy();
    return 0;
}
