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
 * --use-case=datacenters is the cost-aware setting of the Microscope paper's Table 3: MEC and
 * C-RAN at 30 minutes, the core at 60, the cost-aware lane (networks trained with the cost loss,
 * an LSTM at the core) against the cost baselines historical-tuned, quantile and deepcog.
 *
 * Output files in --output: summary.json (written last: its presence marks a complete run),
 * node_costs.csv, table3.csv, topology.csv, nodes.csv, and slots.csv with
 * --per-slot-output=true. They are written into a temporary directory inside --output and
 * moved in together at the end (RunOutputDirectory): a run that fails or is killed leaves the
 * directory as it was. A model flag that no lane reads is an error naming it (a warning when
 * --decomposer=auto or --baselines=auto dropped the lane because the model does not fit).
 */

#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/cost-accountant.h"
#include "ns3/csv-table-reader.h"
#include "ns3/demand-unit-relabeler.h"
#include "ns3/given-flags.h"
#include "ns3/input-error.h"
#include "ns3/microscope-helper.h"
#include "ns3/milan-dataset.h"
#include "ns3/network-level.h"
#include "ns3/neural-decomposer.h"
#include "ns3/quantile-decomposer.h"
#include "ns3/run-output-directory.h"
#include "ns3/scenario-flags.h"
#include "ns3/service-catalog.h"
#include "ns3/slot-orchestrator.h"
#include "ns3/system-path.h"
#include "ns3/trace-traffic-source.h"
#include "ns3/traffic-trace-writer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
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
 * \param minutes a management interval.
 * \return its name in shipped model files ("30min", "2.5min").
 */
std::string
MinutesName(double minutes)
{
    std::ostringstream s;
    s << minutes << "min";
    return s.str();
}

/**
 * Parse --headroom-search.
 * \param text MIN:MAX:STEP.
 * \param min receives MIN.
 * \param max receives MAX.
 * \param step receives STEP.
 * \throw InputError naming the flag if malformed or empty.
 */
void
ParseHeadroomSearch(const std::string& text, double& min, double& max, double& step)
{
    std::vector<double> values;
    std::istringstream in(text);
    for (std::string part; std::getline(in, part, ':');)
    {
        std::istringstream number(part);
        double v = 0;
        if (!(number >> v) || !(number >> std::ws).eof() || !std::isfinite(v))
        {
            values.clear();
            break;
        }
        values.push_back(v);
    }
    if (values.size() != 3 || text.empty() || text.back() == ':')
    {
        throw InputError::ForAttribute("--headroom-search",
                                       "expected MIN:MAX:STEP (e.g. 0:3:0.01), got '" + text + "'");
    }
    min = values[0];
    max = values[1];
    step = values[2];
    if (min < 0 || max < min || !(step > 0))
    {
        throw InputError::ForAttribute("--headroom-search",
                                       "the search range '" + text +
                                           "' is empty (need 0 <= MIN <= MAX and STEP > 0)");
    }
}

} // namespace

int
main(int argc, char* argv[])
{
    // The scenario (layout, demand, tiers, T, intervals, evaluated days), the costs' alpha and
    // headroom, seed, run and output: the flags shared with the other examples, from their one
    // home.
    ScenarioFlags flags;
    std::string writeTrace;
    std::string decomposer = "auto";
    std::string baselines = "auto";
    std::string model;
    std::string mecModel;
    std::string cranModel;
    std::string coreModel;
    std::string costModel;
    std::string mecCostModel;
    std::string cranCostModel;
    std::string coreCostModel;
    std::string useCase = "default";
    std::string costLevels = "mec,cran,core";
    double costEpsilon = 0.01;
    std::string quantiles = "0.5,0.6,0.7,0.8,0.85,0.9,0.95,0.975,0.99";
    std::string headroomSearch = "0:3:0.01";
    std::string forecastModel = "gru";
    bool perSlotOutput = false;

    CommandLine cmd(__FILE__);
    cmd.Usage("Fluid-mode network slicing driven by mobile traffic decomposition: costs of "
              "allocating slice capacity from per-service estimates at the antennas and at "
              "MEC, C-RAN and core datacenters.");
    flags.AddTo(cmd,
                ScenarioFlags::SCENARIO | ScenarioFlags::ORCHESTRATION | ScenarioFlags::COSTS |
                    ScenarioFlags::RUN);
    cmd.AddValue("write-trace",
                 "Write the demand of every slot to this CSV trace (large at full scale)",
                 writeTrace);
    cmd.AddValue(
        "decomposer",
        "Primary decomposer (summary.json, slots.csv): oracle, historical, linear, neural, "
        "forecast (anticipatory), cost-aware, historical-tuned, quantile, deepcog, or auto = "
        "neural "
        "(--use-case=datacenters: cost-aware) if the shipped models fit the scenario, else "
        "historical (historical-tuned)",
        decomposer);
    cmd.AddValue("baselines",
                 "Comma-separated decomposers run on the same demand for comparison, none, or "
                 "auto = historical,linear,oracle plus cost-aware and historical-tuned where the "
                 "shipped cost-aware models fit "
                 "(--use-case=datacenters: historical,historical-tuned,quantile,deepcog,oracle)",
                 baselines);
    cmd.AddValue("use-case",
                 "default, or datacenters: the cost-aware setting of the paper's Table 3 (MEC "
                 "and C-RAN at 30 min, core at 60, every lane at --cost-levels only)",
                 useCase);
    cmd.AddValue("cost-levels",
                 "Levels of the cost-aware lanes (cost-aware, historical-tuned, quantile, "
                 "deepcog), comma-separated",
                 costLevels);
    cmd.AddValue("cost-model",
                 "Cost-aware model file at the antenna level (none shipped)",
                 costModel);
    cmd.AddValue("mec-cost-model",
                 "Cost-aware model file at the MEC level (default: the shipped "
                 "models/mec-cost-<interval>min.pt)",
                 mecCostModel);
    cmd.AddValue("cran-cost-model", "Cost-aware model file at the C-RAN level", cranCostModel);
    cmd.AddValue("core-cost-model", "Cost-aware model file at the core level", coreCostModel);
    cmd.AddValue("cost-epsilon",
                 "epsilon of the cost-aware loss of the deepcog lane (> 0)",
                 costEpsilon);
    cmd.AddValue("quantiles",
                 "Candidate quantiles of the quantile lane, each in (0, 1); the one of least "
                 "cost on the validation days is kept",
                 quantiles);
    cmd.AddValue("headroom-search",
                 "MIN:MAX:STEP of the headroom that historical-tuned chooses on the "
                 "validation days",
                 headroomSearch);
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
    cmd.AddValue("per-slot-output",
                 "Also write slots.csv (every evaluated interval)",
                 perSlotOutput);
    cmd.Parse(argc, argv);
    const std::string& output = flags.output;

    try
    {
        flags.ApplySeeds();
        if (useCase != "default" && useCase != "datacenters")
        {
            throw InputError::ForAttribute("--use-case",
                                           "expected default or datacenters, got '" + useCase +
                                               "'");
        }
        const bool table3 = useCase == "datacenters";
        flags.ResolveIntervals(table3 ? 30 : 5, table3 ? 30 : 5, table3 ? 60 : 5);
        flags.Validate();
        if (!(costEpsilon > 0 && std::isfinite(costEpsilon)))
        {
            throw InputError::ForAttribute("--cost-epsilon",
                                           "must be positive, got " + std::to_string(costEpsilon));
        }
        double headroomMin = 0;
        double headroomMax = 0;
        double headroomStep = 0;
        ParseHeadroomSearch(headroomSearch, headroomMin, headroomMax, headroomStep);
        std::vector<NetworkLevel> costLevelList;
        for (const auto& name : CsvTableReader::SplitList(costLevels))
        {
            bool known = false;
            for (auto level : ALL_NETWORK_LEVELS)
            {
                if (NetworkLevelName(level) == name)
                {
                    costLevelList.push_back(level);
                    known = true;
                }
            }
            if (!known)
            {
                throw InputError::ForAttribute("--cost-levels",
                                               "unknown level '" + name +
                                                   "' (antenna, mec, cran, core)");
            }
        }
        if (costLevelList.empty())
        {
            throw InputError::ForAttribute("--cost-levels", "needs at least one level");
        }
        try
        {
            QuantileDecomposer::ParseQuantiles(quantiles); // checked before any work
        }
        catch (const InputError& e)
        {
            throw InputError::ForAttribute("--quantiles", e.what());
        }

        MicroscopeHelper microscope;
        flags.Configure(microscope);
        microscope.AssignStreams(1);
        microscope.BuildScenario();

        // Model files per level: given, or shipped with the module.
        const std::map<NetworkLevel, std::string> given = {{NetworkLevel::ANTENNA, model},
                                                           {NetworkLevel::MEC, mecModel},
                                                           {NetworkLevel::CRAN, cranModel},
                                                           {NetworkLevel::CORE, coreModel}};
        const std::map<NetworkLevel, std::string> givenCost = {{NetworkLevel::ANTENNA, costModel},
                                                               {NetworkLevel::MEC, mecCostModel},
                                                               {NetworkLevel::CRAN, cranCostModel},
                                                               {NetworkLevel::CORE, coreCostModel}};
        const std::map<NetworkLevel, double> intervalMin = {
            {NetworkLevel::ANTENNA, flags.antennaInterval},
            {NetworkLevel::MEC, flags.mecInterval},
            {NetworkLevel::CRAN, flags.cranInterval},
            {NetworkLevel::CORE, flags.coreInterval}};
        const auto services = microscope.GetTrafficSource()->GetServiceCatalog()->GetNames();
        Ptr<NetworkTopology> scenario = microscope.GetTopology();
        auto isCostLevel = [&costLevelList](NetworkLevel level) {
            return std::find(costLevelList.begin(), costLevelList.end(), level) !=
                   costLevelList.end();
        };
        std::map<NetworkLevel, std::string> modelFiles;
        std::map<NetworkLevel, std::string> costModelFiles;
        std::string unfit;     // why the shipped models do not fit, for --decomposer=auto
        std::string costUnfit; // likewise for the cost-aware models
        for (auto level : ALL_NETWORK_LEVELS)
        {
            if (!scenario->HasLevel(level))
            {
                continue;
            }
            const std::string name = NetworkLevelName(level);
            std::string file = given.at(level);
            if (file.empty())
            {
                file = std::string(MICROSCOPE_MODELS_DIR) + "/" + name + ".pt";
            }
            modelFiles[level] = file;
            if (unfit.empty() && (!table3 || isCostLevel(level)))
            {
                unfit = NeuralDecomposer::WhyUnfit(file,
                                                   scenario->GetNodePositions(level),
                                                   Seconds(intervalMin.at(level) * 60.0),
                                                   flags.history,
                                                   services);
            }
            if (!isCostLevel(level))
            {
                continue;
            }
            file = givenCost.at(level);
            if (file.empty())
            {
                file = std::string(MICROSCOPE_MODELS_DIR) + "/" + name + "-cost-" +
                       MinutesName(intervalMin.at(level)) + ".pt";
            }
            costModelFiles[level] = file;
            if (costUnfit.empty())
            {
                costUnfit = NeuralDecomposer::WhyUnfit(file,
                                                       scenario->GetNodePositions(level),
                                                       Seconds(intervalMin.at(level) * 60.0),
                                                       flags.history,
                                                       services);
            }
        }
        const bool autoDecomposer = decomposer == "auto";
        const bool autoBaselines = baselines == "auto";
        if (decomposer == "auto")
        {
            if (table3)
            {
                decomposer = costUnfit.empty() ? "cost-aware" : "historical-tuned";
            }
            else
            {
                decomposer = unfit.empty() ? "neural" : "historical";
            }
            const std::string& why = table3 ? costUnfit : unfit;
            std::cout << "decomposer: " << decomposer
                      << (why.empty() ? " (the shipped models fit this scenario)"
                                      : " (" + why + ")")
                      << std::endl;
        }
        if (baselines == "auto")
        {
            std::vector<std::string> list;
            if (table3)
            {
                list = {"historical", "historical-tuned", "quantile", "deepcog", "oracle"};
            }
            else
            {
                list = {"historical", "linear", "oracle"};
                if (costUnfit.empty())
                {
                    // The cost-aware lane, and the simplest cost baseline tuned like it.
                    list.insert(list.begin(), {"cost-aware", "historical-tuned"});
                }
                else if (decomposer != "cost-aware")
                {
                    std::cout << "cost-aware lane: not run (" << costUnfit << ")" << std::endl;
                }
            }
            baselines.clear();
            for (const auto& b : list)
            {
                if (b != decomposer)
                {
                    baselines += (baselines.empty() ? "" : ",") + b;
                }
            }
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
        const std::vector<std::string> costLanes = {"cost-aware",
                                                    "historical-tuned",
                                                    "quantile",
                                                    "deepcog"};
        bool neural = false;
        bool costAware = false;
        for (const auto& lane : lanes)
        {
            microscope.AddLane(lane, lane);
            const bool costLane =
                std::find(costLanes.begin(), costLanes.end(), lane) != costLanes.end();
            if (costLane || table3)
            {
                microscope.SetLaneLevels(lane, costLevelList);
            }
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
            if (lane == "cost-aware")
            {
                costAware = true;
                for (const auto& [level, file] : costModelFiles)
                {
                    microscope.SetLaneAttribute(lane, level, "ModelFile", StringValue(file));
                }
            }
            if (lane == "historical-tuned")
            {
                microscope.SetLaneAttribute(lane, "MinHeadroom", DoubleValue(headroomMin));
                microscope.SetLaneAttribute(lane, "MaxHeadroom", DoubleValue(headroomMax));
                microscope.SetLaneAttribute(lane, "HeadroomStep", DoubleValue(headroomStep));
            }
            if (lane == "quantile")
            {
                microscope.SetLaneAttribute(lane, "Quantiles", StringValue(quantiles));
            }
            if (lane == "deepcog")
            {
                microscope.SetLaneAttribute(lane, "Epsilon", DoubleValue(costEpsilon));
            }
        }
        // A flag that no lane reads is an error naming it; a model flag only warns where
        // --decomposer=auto or --baselines=auto left out the lane because the model does not
        // fit (the reason is printed above).
        const GivenFlags givenFlags(argc, argv);
        std::string laneList;
        for (const auto& lane : lanes)
        {
            laneList += (laneList.empty() ? "" : ",") + lane;
        }
        auto refuse = [&givenFlags, &laneList](const std::vector<std::string>& names,
                                               const std::string& lane,
                                               bool warnOnly)
        {
            const std::string why = "without a " + lane + " lane (lanes: " + laneList + ")";
            if (warnOnly)
            {
                givenFlags.Warn("microscope-slicing", names, why);
            }
            else
            {
                givenFlags.Reject(names, why);
            }
        };
        if (!neural)
        {
            refuse({"model", "mec-model", "cran-model", "core-model"},
                   "neural",
                   autoDecomposer && !table3);
        }
        if (!costAware)
        {
            refuse({"cost-model", "mec-cost-model", "cran-cost-model", "core-cost-model"},
                   "cost-aware",
                   (autoDecomposer && table3) || (autoBaselines && !table3));
        }
        if (std::find(lanes.begin(), lanes.end(), "forecast") == lanes.end())
        {
            refuse({"forecast-model"}, "forecast", false);
        }
        // Decomposing the validation days serves only the traces: skip it for the slower
        // neural decomposer.
        microscope.SetOrchestratorAttribute("DecomposeUnevaluated",
                                            BooleanValue(!neural && !costAware));
        auto wallStart = std::chrono::steady_clock::now();
        Ptr<SlotOrchestrator> orchestrator = microscope.Install();
        Ptr<NetworkTopology> topology = microscope.GetTopology();
        Ptr<TrafficSource> source = microscope.GetTrafficSource();

        // Every output file goes into a temporary directory inside --output and is moved in
        // with the others at the end (summary.json last), so a run that fails or is killed
        // leaves the directory as it was.
        RunOutputDirectory outputDir(output);
        const std::string prefix = outputDir.GetStagingPath() + "/";
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
        accountant->SetParameter("antennas_file", flags.antennasFile);
        accountant->SetParameter("trace_file", flags.traceFile);
        accountant->SetParameter("catalog",
                                 flags.catalogFile.empty() ? "built-in" : flags.catalogFile);
        accountant->SetParameter("slot_s", flags.GetSlot().GetSeconds());
        if (flags.IsMilan())
        {
            // The Telecom Italia Milan data set: its own unit, stated with the inputs.
            Ptr<MilanDataset> milan = flags.GetMilanDataset();
            accountant->SetParameter("milan_dir", flags.milanDir);
            accountant->SetParameter("opencellid", flags.openCellId);
            accountant->SetParameter("milan_services", flags.milanServices);
            accountant->SetParameter("milan_first_day", milan->GetDates().front().ToString());
            accountant->SetParameter("milan_squares",
                                     static_cast<int64_t>(milan->GetNSquaresWithData()));
            accountant->SetParameter("demand_unit_note", MilanDataset::GetUnitDescription());
        }
        if (flags.GetDemandUnit() != "Mbps")
        {
            accountant->SetParameter("demand_unit", flags.GetDemandUnit());
        }
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
        for (const auto& [level, file] : costModelFiles)
        {
            if (costAware)
            {
                accountant->SetParameter(NetworkLevelName(level) + "_cost_model", file);
            }
        }
        accountant->SetParameter("use_case", useCase);
        accountant->SetParameter("cost_levels", costLevels);
        accountant->SetParameter("cost_epsilon", costEpsilon);
        accountant->SetParameter("quantiles", quantiles);
        accountant->SetParameter("headroom_search", headroomSearch);
        accountant->SetParameter("alpha", flags.alpha);
        accountant->SetParameter("headroom", flags.headroom);
        // T as the orchestrator has it: --history, or its attribute's default (which
        // --ns3::SlotOrchestrator::History and Config::SetDefault change).
        UintegerValue history;
        orchestrator->GetAttribute("History", history);
        accountant->SetParameter("history", static_cast<int64_t>(history.Get()));
        accountant->SetParameter("antenna_interval_min", flags.antennaInterval);
        accountant->SetParameter("mec_interval_min", flags.mecInterval);
        accountant->SetParameter("cran_interval_min", flags.cranInterval);
        accountant->SetParameter("core_interval_min", flags.coreInterval);
        for (auto level : {NetworkLevel::MEC, NetworkLevel::CRAN, NetworkLevel::CORE})
        {
            accountant->SetParameter(
                NetworkLevelName(level) + "_nodes",
                static_cast<int64_t>(topology->HasLevel(level) ? topology->GetNNodes(level) : 0));
        }
        accountant->SetParameter("seed", static_cast<int64_t>(flags.seed));
        accountant->SetParameter("run", static_cast<int64_t>(flags.run));

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
        if (flags.GetDemandUnit() != "Mbps")
        {
            std::cout << "demand unit: " << flags.GetDemandUnit()
                      << (flags.IsMilan() ? " (" + MilanDataset::GetUnitDescription() + ")" : "")
                      << std::endl;
        }

        Simulator::Run();
        if (!orchestrator->IsFinished())
        {
            orchestrator->Finish();
        }
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();

        // summary.json goes last: its presence marks a complete run.
        topology->WriteTopologyCsv(prefix + "topology.csv");
        RunOutputDirectory::TestPoint("slicing-written-topology");
        topology->WriteNodesCsv(prefix + "nodes.csv");
        orchestrator->WriteResults(outputDir.GetStagingPath());
        // Another demand unit (--milan-dir): its name in the outputs' labels.
        DemandUnitRelabeler::RelabelOutputs(outputDir.GetStagingPath(), flags.GetDemandUnit());
        outputDir.Commit();

        std::cout << "\n";
        std::ostringstream tables;
        accountant->PrintCostTables(tables);
        std::cout << DemandUnitRelabeler::RelabelText(tables.str(), flags.GetDemandUnit());
        std::cout << "\nResults in " << output
                  << "/ (summary.json, node_costs.csv, table3.csv, topology.csv, "
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
