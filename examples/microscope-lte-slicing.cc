/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * microscope-lte-slicing: the packet-level mode of the slicing scenario.
 *
 * LTE eNBs with EPC at generated antenna positions, UEs around them with one dedicated EPS
 * bearer per service (the catalog's QCI), per-service downlink flows from a server through a
 * VNF in a core, a C-RAN and a MEC datacenter. Every (compressed) slot the per-eNB and
 * per-datacenter aggregate measured from the traffic is decomposed into per-service
 * estimates, which become the PRB quotas of the slice-aware MAC scheduler and the VNF cores
 * of the next slot. SLA violations are measured from the delivered traffic and reported next
 * to the fluid mode's estimation-based costs of the same allocations.
 *
 *   ./microscope run microscope-lte-slicing --enbs=4 --ues-per-enb=3 --slots=30
 *
 * Output files in --output: slices.csv, vnf.csv, node_costs.csv and summary.json, written into
 * a temporary directory and moved in together at the end (summary.json last: its presence
 * marks a complete run). A flag with no effect (--sharing or --fixed-quotas with
 * --scheduler=pf, --model without the neural decomposer) is an error naming it.
 */

#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/csv-table-reader.h"
#include "ns3/given-flags.h"
#include "ns3/input-error.h"
#include "ns3/lte-slice-controller.h"
#include "ns3/lte-slicing-helper.h"
#include "ns3/microscope-helper.h"
#include "ns3/run-output-directory.h"
#include "ns3/scenario-flags.h"
#include "ns3/system-path.h"

#include <chrono>
#include <iostream>
#include <numeric>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("MicroscopeLteSlicing");

namespace
{

/**
 * \param flag the flag's name.
 * \param text a non-negative integer.
 * \return its value.
 */
uint32_t
ParseUnsigned(const std::string& flag, const std::string& text)
{
    size_t used = 0;
    unsigned long value = 0;
    try
    {
        value = std::stoul(text, &used);
    }
    catch (const std::exception&)
    {
        used = 0;
    }
    if (used != text.size() || text.empty() || text[0] == '-')
    {
        throw InputError::ForAttribute(flag, "'" + text + "' is not a non-negative integer");
    }
    return static_cast<uint32_t>(value);
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t enbs = 4;
    uint32_t uesPerEnb = 3;
    Time slot = Seconds(1);
    uint32_t slots = 30;
    std::string decomposer = "historical";
    std::string model;
    std::string sharing = "strict";
    double maxLossDb = 0;
    bool isolatedCells = false;
    std::string scheduler = "slice";
    double load = 0.5;
    double quotaScale = 1.0;
    uint32_t bandwidth = 25;
    std::string fixedQuotas;
    std::string qci;
    uint64_t mapOffset = 288 + 240;
    uint32_t mapStride = 1;
    uint32_t vnfQueue = 200000;
    uint32_t rlcBuffer = 200000;
    double coreMbps = 1000.0 / 26.0;
    bool loadPerEnb = true;
    bool phyErrors = false;
    // --alpha, --headroom (+20 % here), --seed, --run and --output: the flags that the fluid
    // examples read too, from their one home.
    ScenarioFlags flags;
    flags.headroom = 0.2;

    CommandLine cmd(__FILE__);
    cmd.Usage("Packet-level network slicing: slice quotas enforced by a slice-aware LTE MAC "
              "scheduler and VNF cores at MEC, C-RAN and core datacenters, driven by mobile "
              "traffic decomposition of the measured aggregates; SLA violations measured from "
              "the delivered traffic.");
    cmd.AddValue("enbs", "Number of eNBs (generated antenna layout)", enbs);
    cmd.AddValue("ues-per-enb", "UEs per eNB (each carries every service)", uesPerEnb);
    cmd.AddValue("slot", "Compressed slot duration (at least one 1 ms TTI)", slot);
    cmd.AddValue("slots", "Evaluated slots (a warm-up slot precedes them)", slots);
    cmd.AddValue("decomposer",
                 "Decomposer at every level: oracle, historical, linear or neural",
                 decomposer);
    cmd.AddValue("model", "Model file of the neural decomposer", model);
    cmd.AddValue("isolated-cells",
                 "One spectrum channel pair per cell: no inter-cell interference, much faster",
                 isolatedCells);
    cmd.AddValue("max-loss-db",
                 "Spectrum channels drop signals attenuated by more than this (0: none)",
                 maxLossDb);
    cmd.AddValue("sharing", "Slice sharing in the MAC scheduler: strict or lend", sharing);
    cmd.AddValue("scheduler",
                 "MAC scheduler: slice (quotas enforced) or pf (not enforced)",
                 scheduler);
    cmd.AddValue("load", "Mean offered load of an eNB relative to its nominal capacity", load);
    cmd.AddValue("quota-scale",
                 "Factor on every allocation (0.5 halves quotas and cores)",
                 quotaScale);
    cmd.AddValue("bandwidth", "Cell bandwidth in PRBs (6, 15, 25, 50, 75, 100)", bandwidth);
    cmd.AddValue("fixed-quotas",
                 "Comma-separated PRBs per slice replacing the decomposer-driven quotas",
                 fixedQuotas);
    cmd.AddValue("qci", "QCI overrides, e.g. 'YouTube=7,Spotify=9'", qci);
    cmd.AddValue("map-offset",
                 "5-minute slot of the synthetic days the warm-up slot maps to (default: day 1, "
                 "20:00); at least ns3::LteSliceController::TrainSlots (288), the slots the "
                 "decomposers train on before it",
                 mapOffset);
    cmd.AddValue("map-stride", "5-minute slots advanced per compressed slot", mapStride);
    cmd.AddValue("vnf-queue", "Bytes each slice's VNF queue holds", vnfQueue);
    cmd.AddValue("core-mbps",
                 "Throughput of one VNF core, Mbps; the VnfAllocator's cores per Gbps follow "
                 "(1000 / core-mbps, split 20:6 between data plane and SDN)",
                 coreMbps);
    cmd.AddValue("rlc-buffer", "Bytes each bearer's RLC UM transmission buffer holds", rlcBuffer);
    cmd.AddValue("load-per-enb",
                 "Scale every eNB to --load (false: one scale, the mean eNB at --load)",
                 loadPerEnb);
    cmd.AddValue("phy-errors",
                 "Keep the LTE PHY error models (the slice scheduler has no HARQ)",
                 phyErrors);
    flags.AddTo(cmd, ScenarioFlags::COSTS | ScenarioFlags::RUN);
    cmd.Parse(argc, argv);
    const std::string& output = flags.output;

    try
    {
        flags.ApplySeeds();
        if (enbs == 0)
        {
            throw InputError::ForAttribute("--enbs", "at least one eNB is needed");
        }
        if (uesPerEnb == 0)
        {
            throw InputError::ForAttribute("--ues-per-enb", "at least one UE per eNB is needed");
        }
        if (slot < MilliSeconds(1))
        {
            throw InputError::ForAttribute("--slot",
                                           "the slot must last at least one LTE TTI (1 ms)");
        }
        if (slots == 0)
        {
            throw InputError::ForAttribute("--slots", "at least one slot is needed");
        }
        if (sharing != "strict" && sharing != "lend")
        {
            throw InputError::ForAttribute("--sharing", "'" + sharing + "': strict or lend");
        }
        if (scheduler != "slice" && scheduler != "pf")
        {
            throw InputError::ForAttribute("--scheduler", "'" + scheduler + "': slice or pf");
        }
        // A flag with no effect in the chosen mode is an error naming it.
        const GivenFlags given(argc, argv);
        if (scheduler == "pf")
        {
            given.Reject({"sharing", "fixed-quotas"},
                         "with --scheduler=pf (the PF scheduler enforces no slice quotas)");
        }
        if (given.Has("model"))
        {
            TypeId::AttributeInformation info;
            if (!MicroscopeHelper::LookupDecomposer(decomposer)
                     .LookupAttributeByName("ModelFile", &info))
            {
                given.Reject({"model"},
                             "with --decomposer=" + decomposer +
                                 " (only the neural decomposer reads a model file)");
            }
        }
        if (!(load > 0))
        {
            throw InputError::ForAttribute("--load", "must be positive");
        }
        if (!(quotaScale >= 0))
        {
            throw InputError::ForAttribute("--quota-scale", "must be non-negative");
        }

        LteSlicingHelper lte;
        lte.SetNEnbs(enbs);
        lte.SetUesPerEnb(uesPerEnb);
        lte.SetLoad(load);
        lte.SetBandwidth(static_cast<uint16_t>(std::min<uint32_t>(bandwidth, 65535)));
        lte.SetSchedulerType(scheduler == "slice" ? "ns3::SliceFfMacScheduler"
                                                  : "ns3::PfFfMacScheduler");
        lte.SetSchedulerAttribute("Sharing", StringValue(sharing == "lend" ? "Lend" : "Strict"));
        lte.SetDecomposer(decomposer, model);
        if (!fixedQuotas.empty())
        {
            std::vector<uint32_t> prbs;
            uint64_t sum = 0;
            for (const auto& item : CsvTableReader::SplitList(fixedQuotas))
            {
                prbs.push_back(ParseUnsigned("--fixed-quotas", item));
                sum += prbs.back();
            }
            if (sum > bandwidth)
            {
                throw InputError::ForAttribute("--fixed-quotas",
                                               "the quotas sum to " + std::to_string(sum) +
                                                   " PRBs, more than the bandwidth (--bandwidth=" +
                                                   std::to_string(bandwidth) + " PRBs)");
            }
            lte.SetFixedQuotas(prbs);
        }
        for (const auto& item : CsvTableReader::SplitList(qci))
        {
            const size_t eq = item.find('=');
            if (eq == std::string::npos)
            {
                throw InputError::ForAttribute("--qci", "'" + item + "' is not Service=QCI");
            }
            const uint32_t value = ParseUnsigned("--qci", item.substr(eq + 1));
            if (!LteSlicingHelper::IsLteQci(value))
            {
                throw InputError::ForAttribute("--qci",
                                               "unknown QCI " + std::to_string(value) + " for " +
                                                   item.substr(0, eq) +
                                                   " (ns-3 LTE knows 1-9, 65-67, 69, 70, 75, "
                                                   "79, 80, 82-85)");
            }
            lte.SetServiceQci(item.substr(0, eq), value);
        }
        lte.SetControllerAttribute("SlotDuration", TimeValue(slot));
        lte.SetControllerAttribute("Slots", UintegerValue(slots));
        lte.SetControllerAttribute("QuotaScale", DoubleValue(quotaScale));
        lte.SetControllerAttribute("MapOffset", UintegerValue(mapOffset));
        lte.SetControllerAttribute("MapStride", UintegerValue(mapStride));
        flags.Configure(lte);
        lte.SetVnfAttribute("QueueLimitBytes", UintegerValue(vnfQueue));
        if (!(coreMbps > 0))
        {
            throw InputError::ForAttribute("--core-mbps", "must be positive");
        }
        lte.SetVnfAttribute("CoreThroughput", DoubleValue(coreMbps));
        lte.SetVnfAllocatorAttribute("CoresPerGbpsDataPlane",
                                     DoubleValue(1000.0 / coreMbps * 20.0 / 26.0));
        lte.SetVnfAllocatorAttribute("CoresPerGbpsSdn",
                                     DoubleValue(1000.0 / coreMbps * 6.0 / 26.0));
        lte.SetLoadPerEnb(loadPerEnb);
        lte.SetMaxLossDb(maxLossDb);
        lte.SetIsolatedCells(isolatedCells);
        lte.SetPhyErrorModels(phyErrors);
        lte.SetRlcBufferBytes(rlcBuffer);
        lte.AssignStreams(1);

        auto wallStart = std::chrono::steady_clock::now();
        Ptr<LteSliceController> controller = lte.Install();
        Ptr<NetworkTopology> topology = lte.GetTopology();
        Ptr<CostAccountant> accountant = controller->GetWiring().accountant;
        accountant->SetParameter("enbs", static_cast<int64_t>(enbs));
        accountant->SetParameter("ues_per_enb", static_cast<int64_t>(uesPerEnb));
        accountant->SetParameter("slot_s", slot.GetSeconds());
        accountant->SetParameter("slots", static_cast<int64_t>(slots));
        accountant->SetParameter("decomposer", decomposer);
        accountant->SetParameter("model", model);
        accountant->SetParameter("sharing", sharing);
        accountant->SetParameter("scheduler", scheduler);
        accountant->SetParameter("load", load);
        const auto& scale = lte.GetDemandScale();
        accountant->SetParameter("demand_scale_mean",
                                 std::accumulate(scale.begin(), scale.end(), 0.0) / scale.size());
        accountant->SetParameter("load_per_enb", loadPerEnb);
        accountant->SetParameter("core_mbps", coreMbps);
        accountant->SetParameter("max_loss_db", maxLossDb);
        accountant->SetParameter("isolated_cells", isolatedCells);
        accountant->SetParameter("phy_errors", phyErrors);
        accountant->SetParameter("rlc_buffer_bytes", static_cast<int64_t>(rlcBuffer));
        accountant->SetParameter("quota_scale", quotaScale);
        accountant->SetParameter("headroom", flags.headroom);
        accountant->SetParameter("alpha", flags.alpha);
        accountant->SetParameter("bandwidth_prb", static_cast<int64_t>(bandwidth));
        accountant->SetParameter("fixed_quotas", fixedQuotas);
        accountant->SetParameter("qci", qci);
        accountant->SetParameter("map_offset", static_cast<int64_t>(mapOffset));
        accountant->SetParameter("map_stride", static_cast<int64_t>(mapStride));
        accountant->SetParameter("vnf_queue_bytes", static_cast<int64_t>(vnfQueue));
        for (auto level : {NetworkLevel::MEC, NetworkLevel::CRAN, NetworkLevel::CORE})
        {
            accountant->SetParameter(NetworkLevelName(level) + "_nodes",
                                     static_cast<int64_t>(topology->GetNNodes(level)));
        }
        accountant->SetParameter("seed", static_cast<int64_t>(flags.seed));
        accountant->SetParameter("run", static_cast<int64_t>(flags.run));

        controller->Start();
        std::cout << "microscope-lte-slicing: " << enbs << " eNBs x " << uesPerEnb << " UEs x "
                  << controller->GetWiring().catalog->GetN() << " services ("
                  << controller->GetWiring().sliceNames.size() << " slices), "
                  << topology->GetNNodes(NetworkLevel::MEC) << " MEC, "
                  << topology->GetNNodes(NetworkLevel::CRAN) << " C-RAN, "
                  << topology->GetNNodes(NetworkLevel::CORE) << " core; " << slots << " slots of "
                  << slot.GetSeconds() << " s, decomposer " << decomposer << ", " << sharing
                  << " sharing, load " << load << std::endl;
        Simulator::Stop(controller->GetStopTime() + Seconds(1));
        Simulator::Run();
        if (!controller->IsFinished())
        {
            throw InputError("the run stopped before its last slot");
        }
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
        const uint64_t events = Simulator::GetEventCount();

        // Into a temporary directory, moved into --output together at the end: a run that
        // fails or is killed leaves the directory as it was.
        RunOutputDirectory outputDir(output);
        controller->WriteResults(outputDir.GetStagingPath());
        outputDir.Commit();

        std::cout << "\n";
        accountant->PrintCostTables(std::cout);
        // Measured figures per level.
        uint64_t antennaRows = 0;
        uint64_t antennaViolations = 0;
        for (const auto& r : controller->GetSliceRecords())
        {
            antennaRows += r.offeredBytes > 0 ? 1 : 0;
            antennaViolations += r.violated ? 1 : 0;
        }
        std::cout << "\nMeasured (end to end per eNB and slice): " << antennaViolations << " of "
                  << antennaRows << " (eNB, slice, slot) with traffic violate their SLA\n";
        for (auto level : LteSliceController::DC_LEVELS)
        {
            uint64_t rows = 0;
            uint64_t violations = 0;
            uint64_t dropped = 0;
            for (const auto& r : controller->GetVnfRecords())
            {
                if (r.level == level)
                {
                    rows += r.offeredBytes > 0 ? 1 : 0;
                    violations += r.violated ? 1 : 0;
                    dropped += r.droppedBytes;
                }
            }
            std::cout << "Measured at the " << NetworkLevelName(level) << " VNFs: " << violations
                      << " of " << rows << " (datacenter, slice, slot) violate, " << dropped
                      << " bytes dropped\n";
        }
        std::cout << "\nResults in " << output
                  << "/ (summary.json, slices.csv, vnf.csv, node_costs.csv); " << wall
                  << " s wall clock, " << events << " events (" << events / wall << " events/s)"
                  << std::endl;
        Simulator::Destroy();
    }
    catch (const InputError& e)
    {
        std::cerr << "microscope-lte-slicing: error: " << e.what() << std::endl;
        Simulator::Destroy();
        return 1;
    }
    catch (const std::exception& e)
    {
        // A failure inside the run (e.g. a bearer missing at the start of the warm-up slot).
        std::cerr << "microscope-lte-slicing: run failed: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
