/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * microscope-slicing: the fluid-mode network slicing scenario.
 *
 * Antennas (generated metropolitan layout, or a CSV file) carry per-service demand (synthetic
 * generator, or a CSV trace). Datacenter tiers (MEC, C-RAN, core) partition the antennas'
 * Delaunay graph with METIS. Every slot a SlotOrchestrator aggregates the demand per level and
 * management interval, lets each decomposer estimate the per-service demand from the aggregate
 * history, allocates slice capacity (spectrum at the antennas, VNF cores at the datacenters)
 * and accounts SLA violations and overprovisioning over the evaluation period.
 *
 *   ./microscope run microscope-slicing --antennas=200 --days=21 --decomposer=historical
 *
 * Output files in --output: summary.json (written last: its presence marks a complete run),
 * node_costs.csv, topology.csv, nodes.csv, and slots.csv with --per-slot-output=true.
 */

#include "ns3/antenna-position-loader.h"
#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/cost-accountant.h"
#include "ns3/csv-table-reader.h"
#include "ns3/input-error.h"
#include "ns3/microscope-helper.h"
#include "ns3/network-level.h"
#include "ns3/neural-decomposer.h"
#include "ns3/service-catalog.h"
#include "ns3/slot-orchestrator.h"
#include "ns3/system-path.h"
#include "ns3/trace-traffic-source.h"
#include "ns3/traffic-trace-writer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#ifndef MICROSCOPE_MODELS_DIR
#define MICROSCOPE_MODELS_DIR "models"
#endif

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("MicroscopeSlicing");

namespace
{

/**
 * Check a management interval given in minutes.
 * \param flag the flag's name.
 * \param minutes its value.
 * \return the interval.
 */
Time
IntervalFlag(const std::string& flag, double minutes)
{
    if (!(minutes > 0))
    {
        throw InputError::ForAttribute("--" + flag, "the interval must be positive (minutes)");
    }
    return Seconds(minutes * 60.0);
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t antennas = 792;
    std::string antennasFile;
    std::string traceFile;
    std::string catalogFile;
    std::string writeTrace;
    uint32_t days = 85;
    Time slot = Minutes(5);
    std::string decomposer = "auto";
    std::string baselines = "auto";
    std::string model;
    std::string mecModel;
    std::string cranModel;
    std::string coreModel;
    std::string forecastModel = "gru";
    double alpha = 1.0;
    double headroom = 0.0;
    uint32_t history = 6;
    double antennaInterval = 5;
    double mecInterval = 5;
    double cranInterval = 5;
    double coreInterval = 5;
    uint32_t mecNodes = 0;
    uint32_t cranNodes = 0;
    uint32_t coreNodes = 0;
    bool tiers = true;
    int32_t evalStartDay = -1;
    int32_t evalEndDay = -1;
    uint32_t seed = 1;
    uint32_t run = 1;
    std::string output = "results/microscope-slicing";
    bool perSlotOutput = false;
    uint32_t progress = 0;

    CommandLine cmd(__FILE__);
    cmd.Usage("Fluid-mode network slicing driven by mobile traffic decomposition: costs of "
              "allocating slice capacity from per-service estimates at the antennas and at "
              "MEC, C-RAN and core datacenters.");
    cmd.AddValue("antennas",
                 "Number of generated antennas (ignored with --antennas-file)",
                 antennas);
    cmd.AddValue("antennas-file",
                 "CSV of antenna positions: 'id,x_m,y_m' or 'id,lat,lon' (header required)",
                 antennasFile);
    cmd.AddValue("trace-file",
                 "CSV demand trace 'time_s,antenna,service,mbps' replacing the generator",
                 traceFile);
    cmd.AddValue("write-trace",
                 "Write the demand of every slot to this CSV trace (large at full scale)",
                 writeTrace);
    cmd.AddValue("catalog",
                 "CSV service catalog replacing the built-in nine services",
                 catalogFile);
    cmd.AddValue("days", "Days of generated demand (the paper: 85)", days);
    cmd.AddValue("slot", "Traffic slot duration (e.g. 5min, 300s); a day holds whole slots", slot);
    cmd.AddValue(
        "decomposer",
        "Primary decomposer (summary.json, slots.csv): oracle, historical, neural, forecast "
        "(anticipatory), or auto = neural if the shipped models fit the scenario, else historical",
        decomposer);
    cmd.AddValue("baselines",
                 "Comma-separated decomposers run on the same demand for comparison, none, or "
                 "auto = historical,oracle (oracle when the primary is historical)",
                 baselines);
    cmd.AddValue("model",
                 "Neural model file at the antenna level (default: the shipped model, "
                 "models/antenna.pt)",
                 model);
    cmd.AddValue("forecast-model",
                 "Model of the forecast decomposer (anticipatory allocation): average, lstm or "
                 "gru",
                 forecastModel);
    cmd.AddValue("mec-model", "Neural model file at the MEC level", mecModel);
    cmd.AddValue("cran-model", "Neural model file at the C-RAN level", cranModel);
    cmd.AddValue("core-model", "Neural model file at the core level", coreModel);
    cmd.AddValue("alpha", "SLA fee: alpha times the slice's peak demand per violation", alpha);
    cmd.AddValue("headroom", "Capacity allocated above the estimate (0.1 = +10%)", headroom);
    cmd.AddValue("history", "T: aggregate snapshots each decomposition sees", history);
    cmd.AddValue("antenna-interval",
                 "Management interval at the antennas (minutes)",
                 antennaInterval);
    cmd.AddValue("mec-interval", "Management interval at MEC datacenters (minutes)", mecInterval);
    cmd.AddValue("cran-interval",
                 "Management interval at C-RAN datacenters (minutes)",
                 cranInterval);
    cmd.AddValue("core-interval",
                 "Management interval at core datacenters (minutes)",
                 coreInterval);
    cmd.AddValue("mec-nodes", "MEC datacenters (0: 50 per 792 antennas)", mecNodes);
    cmd.AddValue("cran-nodes", "C-RAN datacenters (0: 30 per 792 antennas)", cranNodes);
    cmd.AddValue("core-nodes", "Core datacenters (0: 10 per 792 antennas)", coreNodes);
    cmd.AddValue("tiers", "Build the datacenter tiers (false: antenna level only)", tiers);
    cmd.AddValue("eval-start-day",
                 "First evaluated day (-1: start of the test split)",
                 evalStartDay);
    cmd.AddValue("eval-end-day", "Day after the last evaluated one (-1: the end)", evalEndDay);
    cmd.AddValue("seed", "ns-3 RNG seed", seed);
    cmd.AddValue("run", "ns-3 RNG run number", run);
    cmd.AddValue("output", "Output directory", output);
    cmd.AddValue("per-slot-output",
                 "Also write slots.csv (every evaluated interval)",
                 perSlotOutput);
    cmd.AddValue("progress", "Print progress every this many simulated days (0: off)", progress);
    cmd.Parse(argc, argv);

    try
    {
        if (seed == 0)
        {
            throw InputError::ForAttribute("--seed", "must be positive");
        }
        if (slot <= Time(0))
        {
            throw InputError::ForAttribute("--slot", "the slot duration must be positive");
        }
        RngSeedManager::SetSeed(seed);
        RngSeedManager::SetRun(run);

        MicroscopeHelper microscope;
        if (!catalogFile.empty())
        {
            Ptr<ServiceCatalog> catalog = CreateObject<ServiceCatalog>();
            catalog->Load(catalogFile);
            microscope.SetServiceCatalog(catalog);
        }
        microscope.SetCalendarAttribute("SlotDuration", TimeValue(slot));
        if (!antennasFile.empty())
        {
            std::vector<Vector> positions;
            std::vector<std::string> ids;
            AntennaPositionLoader::Load(antennasFile, positions, ids);
            microscope.SetAntennaPositions(positions, ids);
        }
        else
        {
            microscope.SetLayoutGeneratorAttribute("NumAntennas", UintegerValue(antennas));
        }
        if (!traceFile.empty())
        {
            microscope.SetTrafficTrace(traceFile);
        }
        else
        {
            microscope.SetTrafficGeneratorAttribute("Days", UintegerValue(days));
        }
        microscope.SetDatacenterTiers(tiers);
        microscope.SetTierBuilderAttribute("MecNodes", UintegerValue(mecNodes));
        microscope.SetTierBuilderAttribute("CranNodes", UintegerValue(cranNodes));
        microscope.SetTierBuilderAttribute("CoreNodes", UintegerValue(coreNodes));
        microscope.SetOrchestratorAttribute("History", UintegerValue(history));
        microscope.SetOrchestratorAttribute(
            "AntennaInterval",
            TimeValue(IntervalFlag("antenna-interval", antennaInterval)));
        microscope.SetOrchestratorAttribute("MecInterval",
                                            TimeValue(IntervalFlag("mec-interval", mecInterval)));
        microscope.SetOrchestratorAttribute("CranInterval",
                                            TimeValue(IntervalFlag("cran-interval", cranInterval)));
        microscope.SetOrchestratorAttribute("CoreInterval",
                                            TimeValue(IntervalFlag("core-interval", coreInterval)));
        microscope.SetOrchestratorAttribute("EvaluationStartDay", IntegerValue(evalStartDay));
        microscope.SetOrchestratorAttribute("EvaluationEndDay", IntegerValue(evalEndDay));
        microscope.SetOrchestratorAttribute("ProgressDays", UintegerValue(progress));
        microscope.SetCostAccountantAttribute("Alpha", DoubleValue(alpha));
        microscope.SetSpectrumAllocatorAttribute("Headroom", DoubleValue(headroom));
        microscope.SetVnfAllocatorAttribute("Headroom", DoubleValue(headroom));

        microscope.AssignStreams(1);
        microscope.BuildScenario();

        // Neural model files per level: given, or shipped with the module.
        const std::map<NetworkLevel, std::string> given = {{NetworkLevel::ANTENNA, model},
                                                           {NetworkLevel::MEC, mecModel},
                                                           {NetworkLevel::CRAN, cranModel},
                                                           {NetworkLevel::CORE, coreModel}};
        const std::map<NetworkLevel, double> intervalMin = {
            {NetworkLevel::ANTENNA, antennaInterval},
            {NetworkLevel::MEC, mecInterval},
            {NetworkLevel::CRAN, cranInterval},
            {NetworkLevel::CORE, coreInterval}};
        std::map<NetworkLevel, std::string> modelFiles;
        std::string unfit; // why the shipped models do not fit, for --decomposer=auto
        for (auto level : ALL_NETWORK_LEVELS)
        {
            if (!microscope.GetTopology()->HasLevel(level))
            {
                continue;
            }
            std::string file = given.at(level);
            if (file.empty())
            {
                file = std::string(MICROSCOPE_MODELS_DIR) + "/" + NetworkLevelName(level) + ".pt";
            }
            modelFiles[level] = file;
            if (!unfit.empty())
            {
                continue;
            }
            if (!std::ifstream(file).good())
            {
                unfit = "no model file " + file;
                continue;
            }
            const NeuralModelInfo info = NeuralDecomposer::ReadInfo(file);
            const auto& nodes = microscope.GetTopology()->GetNodePositions(level);
            bool samePositions = info.positions.size() == nodes.size();
            for (size_t n = 0; samePositions && n < nodes.size(); ++n)
            {
                samePositions = std::abs(nodes[n].x - info.positions[n].x) <= 1.0 &&
                                std::abs(nodes[n].y - info.positions[n].y) <= 1.0;
            }
            if (!samePositions)
            {
                unfit = file + " was trained on another layout (" + info.scenario + ")";
            }
            else if (std::abs(info.intervalMin - intervalMin.at(level)) > 1e-9 ||
                     info.history != history)
            {
                unfit = file + " was trained for another interval or history";
            }
            else if (info.services !=
                     microscope.GetTrafficSource()->GetServiceCatalog()->GetNames())
            {
                unfit = file + " was trained for other services";
            }
        }
        if (decomposer == "auto")
        {
            decomposer = unfit.empty() ? "neural" : "historical";
            std::cout << "decomposer: " << decomposer
                      << (unfit.empty() ? " (the shipped models fit this scenario)"
                                        : " (" + unfit + ")")
                      << std::endl;
        }
        if (baselines == "auto")
        {
            baselines = decomposer == "historical" ? "oracle"
                        : decomposer == "oracle"   ? "historical"
                                                   : "historical,oracle";
        }

        // Lanes: the primary decomposer first, then the baselines.
        std::vector<std::string> lanes = {decomposer};
        for (const auto& b : CsvTableReader::SplitList(baselines))
        {
            if (b != "none" && std::find(lanes.begin(), lanes.end(), b) == lanes.end())
            {
                lanes.push_back(b);
            }
        }
        bool neural = false;
        for (const auto& lane : lanes)
        {
            microscope.AddLane(lane, lane);
            if (lane == "forecast")
            {
                if (forecastModel != "average" && forecastModel != "lstm" && forecastModel != "gru")
                {
                    throw InputError::ForAttribute("--forecast-model",
                                                   "expected average, lstm or gru, got '" +
                                                       forecastModel + "'");
                }
                microscope.SetLaneAttribute(lane, "Model", StringValue(forecastModel));
            }
            if (lane == "neural")
            {
                neural = true;
                for (const auto& [level, file] : modelFiles)
                {
                    microscope.SetLaneAttribute(lane, level, "ModelFile", StringValue(file));
                }
            }
        }
        // Decomposing the validation days serves only the traces: skip it for the slower
        // neural decomposer.
        microscope.SetOrchestratorAttribute("DecomposeUnevaluated", BooleanValue(!neural));
        auto wallStart = std::chrono::steady_clock::now();
        Ptr<SlotOrchestrator> orchestrator = microscope.Install();
        Ptr<NetworkTopology> topology = microscope.GetTopology();
        Ptr<TrafficSource> source = microscope.GetTrafficSource();

        SystemPath::MakeDirectories(output);
        const std::string prefix = output + "/";
        if (perSlotOutput)
        {
            orchestrator->EnablePerSlotOutput(prefix + "slots.csv");
        }
        if (!writeTrace.empty())
        {
            TrafficTraceWriter::Write(source,
                                      writeTrace,
                                      0,
                                      source->GetNSlots(),
                                      topology->GetAntennaIds());
        }

        Ptr<CostAccountant> accountant = orchestrator->GetCostAccountant();
        accountant->SetParameter("antennas", static_cast<int64_t>(topology->GetNAntennas()));
        accountant->SetParameter("antennas_file", antennasFile);
        accountant->SetParameter("trace_file", traceFile);
        accountant->SetParameter("catalog", catalogFile.empty() ? "built-in" : catalogFile);
        accountant->SetParameter("slot_s", slot.GetSeconds());
        accountant->SetParameter("decomposer", decomposer);
        if (std::find(lanes.begin(), lanes.end(), "forecast") != lanes.end())
        {
            accountant->SetParameter("forecast_model", forecastModel);
        }
        accountant->SetParameter("baselines", baselines);
        for (const auto& [level, file] : modelFiles)
        {
            if (neural)
            {
                accountant->SetParameter(NetworkLevelName(level) + "_model", file);
            }
        }
        accountant->SetParameter("alpha", alpha);
        accountant->SetParameter("headroom", headroom);
        accountant->SetParameter("history", static_cast<int64_t>(history));
        accountant->SetParameter("antenna_interval_min", antennaInterval);
        accountant->SetParameter("mec_interval_min", mecInterval);
        accountant->SetParameter("cran_interval_min", cranInterval);
        accountant->SetParameter("core_interval_min", coreInterval);
        for (auto level : {NetworkLevel::MEC, NetworkLevel::CRAN, NetworkLevel::CORE})
        {
            accountant->SetParameter(
                NetworkLevelName(level) + "_nodes",
                static_cast<int64_t>(topology->HasLevel(level) ? topology->GetNNodes(level) : 0));
        }
        accountant->SetParameter("seed", static_cast<int64_t>(seed));
        accountant->SetParameter("run", static_cast<int64_t>(run));

        orchestrator->Start();
        accountant->SetParameter("days", static_cast<int64_t>(orchestrator->GetNDays()));
        std::cout << "microscope-slicing: " << topology->GetNAntennas() << " antennas";
        for (auto level : {NetworkLevel::MEC, NetworkLevel::CRAN, NetworkLevel::CORE})
        {
            if (topology->HasLevel(level))
            {
                std::cout << ", " << topology->GetNNodes(level) << " " << NetworkLevelName(level);
            }
        }
        std::cout << ", " << orchestrator->GetNDays() << " days (train "
                  << orchestrator->GetTrainDays() << ", validation "
                  << orchestrator->GetValidationDays() << ", evaluated days "
                  << orchestrator->GetEvaluationStartDay() << "-"
                  << orchestrator->GetEvaluationEndDay() - 1 << "), decomposers:";
        for (const auto& lane : orchestrator->GetLaneNames())
        {
            std::cout << " " << lane;
        }
        std::cout << std::endl;

        Simulator::Run();
        if (!orchestrator->IsFinished())
        {
            orchestrator->Finish();
        }
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();

        // summary.json goes last: its presence marks a complete run.
        topology->WriteTopologyCsv(prefix + "topology.csv");
        topology->WriteNodesCsv(prefix + "nodes.csv");
        orchestrator->WriteResults(output);

        std::cout << "\n";
        accountant->PrintCostTables(std::cout);
        std::cout << "\nResults in " << output << "/ (summary.json, node_costs.csv, topology.csv, "
                  << "nodes.csv" << (perSlotOutput ? ", slots.csv" : "") << "); " << wall
                  << " s wall clock" << std::endl;
        Simulator::Destroy();
    }
    catch (const InputError& e)
    {
        std::cerr << "microscope-slicing: error: " << e.what() << std::endl;
        Simulator::Destroy();
        return 1;
    }
    return 0;
}
