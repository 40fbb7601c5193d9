/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * microscope-train: train and evaluate the Microscope decomposition networks.
 *
 * The scenario (antennas, demand, datacenter tiers) is built exactly as microscope-slicing
 * builds it from the same flags, so a model trained here runs there with --decomposer=neural.
 * The days are split 60/20/20 in time order: the network is trained on the first 60 %, early
 * stopping watches the next 20 %, and the last 20 % (the slicing example's default evaluation
 * period) is the test split, where the network is scored beside the historical and oracle
 * baselines on the same intervals.
 *
 *   ./microscope run microscope-train --architecture=3d-defcnn --loss=ratio-ce --level=antenna \
 *       --interval=5 --epochs=10 --output=results/train
 *
 * Writes to --output: model.pt, mapping.csv and evaluation.json. Comma-separated lists in
 * --architecture, --loss, --level or --interval run a sweep: one subdirectory per combination,
 * plus fig10.csv (architectures x losses at the antenna level, like the paper's Fig. 10) and
 * table2.csv (architectures x levels x intervals, like its Table 2). The results are written
 * into a temporary directory inside --output and moved in together at the end
 * (RunOutputDirectory): a run that fails or is killed leaves --output as it was, except for
 * checkpoint.pt, which --resume continues from and a finished run removes.
 */

#include "ns3/atomic-file-writer.h"
#include "ns3/core-module.h"
#include "ns3/csv-table-reader.h"
#include "ns3/demand-unit-relabeler.h"
#include "ns3/given-flags.h"
#include "ns3/grid-mapper.h"
#include "ns3/input-error.h"
#include "ns3/microscope-helper.h"
#include "ns3/milan-dataset.h"
#include "ns3/mtd-dataset.h"
#include "ns3/network-level.h"
#include "ns3/neural-trainer.h"
#include "ns3/run-output-directory.h"
#include "ns3/scenario-flags.h"
#include "ns3/system-path.h"

#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace ns3;

namespace
{

/**
 * \param e an evaluation.
 * \param names service names.
 * \return it as JSON.
 */
nlohmann::ordered_json
ToJson(const NeuralEvaluation& e, const std::vector<std::string>& names)
{
    nlohmann::ordered_json j;
    j["mae_mbps"] = e.maeMbps;
    j["nmae_pct"] = e.nmaePct;
    nlohmann::ordered_json services;
    for (size_t s = 0; s < names.size() && s < e.serviceMae.size(); ++s)
    {
        services[names[s]] = {{"mae_mbps", e.serviceMae[s]}, {"nmae_pct", e.serviceNmae[s]}};
    }
    j["per_service"] = services;
    j["samples"] = e.samples;
    j["nmae_skipped_series"] = e.skippedSeries;
    return j;
}

/// One trained combination, for the sweep tables.
struct Result
{
    std::string architecture;    //!< architecture
    std::string loss;            //!< loss
    std::string level;           //!< level
    double interval;             //!< minutes
    NeuralEvaluation test;       //!< neural
    NeuralEvaluation historical; //!< baseline
    NeuralEvaluation linear;     //!< the linear baseline
    double flops;                //!< FLOPs per inference
};

} // namespace

int
main(int argc, char* argv[])
{
    std::string architectures = "3d-defcnn";
    std::string losses = "ratio-ce";
    std::string levels = "antenna";
    std::string intervals = "5";
    uint32_t epochs = 10;
    std::string size = "small";
    uint32_t batchSize = 32;
    double learningRate = 1e-3;
    uint32_t patience = 3;
    std::string schedule = "constant";
    double lrDecay = 0.5;
    double minLr = 0.0;
    uint32_t samplesPerEpoch = 0;
    uint32_t validationSamples = 0;
    bool calendarFeatures = true;
    bool positionBias = true;
    bool historicalPrior = true;
    bool levelDeviation = false;
    double costAlpha = 1.0;
    double costEpsilon = 0.01;
    uint32_t threads = 2;
    bool resume = false;
    // The scenario (layout, demand, tiers, T), seed, run and output: the flags that
    // microscope-slicing reads too, from their one home.
    ScenarioFlags flags;

    CommandLine cmd(__FILE__);
    cmd.Usage("Train and evaluate the Microscope decomposition networks on the scenario that "
              "microscope-slicing builds from the same flags.");
    cmd.AddValue("architecture",
                 "mlp, cnn, lstm, convlstm, zipnet, defcnn or 3d-defcnn (comma list: sweep)",
                 architectures);
    cmd.AddValue("loss", "regression, ratio-mse, ratio-ce or cost (comma list: sweep)", losses);
    cmd.AddValue("level", "antenna, mec, cran or core (comma list: sweep)", levels);
    cmd.AddValue("interval",
                 "Management interval in minutes: 5, 10, 30, 60 (comma list: sweep)",
                 intervals);
    cmd.AddValue("epochs", "Maximum epochs (early stopping on the validation loss)", epochs);
    cmd.AddValue("size", "small (minutes on 2 cores) or paper (Table 1 sizes)", size);
    cmd.AddValue("batch-size", "Samples per mini-batch", batchSize);
    cmd.AddValue("lr", "Adam learning rate", learningRate);
    cmd.AddValue("lr-schedule",
                 "Learning-rate schedule: constant, plateau (times --lr-decay after every epoch "
                 "without a better validation loss) or cosine (--lr down to --min-lr over "
                 "--epochs)",
                 schedule);
    cmd.AddValue("lr-decay", "Factor of the plateau schedule (0.01 to 1)", lrDecay);
    cmd.AddValue("min-lr", "Floor of the plateau and cosine schedules (at most --lr)", minLr);
    cmd.AddValue("patience", "Epochs without improvement before stopping", patience);
    cmd.AddValue("samples-per-epoch", "Training samples per epoch (0: all)", samplesPerEpoch);
    cmd.AddValue("validation-samples",
                 "Validation samples for early stopping (0: all)",
                 validationSamples);
    cmd.AddValue("calendar-features",
                 "Give the network the time of day and day type (false: aggregates only, as "
                 "in the paper)",
                 calendarFeatures);
    cmd.AddValue("position-bias",
                 "Learn a bias per service and grid point (false: as in the paper)",
                 positionBias);
    cmd.AddValue("historical-prior",
                 "Learn a correction of the historical baseline's shares (false: the network "
                 "alone, as in the paper)",
                 historicalPrior);
    cmd.AddValue("level-deviation",
                 "Give the network each node's log aggregate minus its usual one (the training "
                 "days' mean at the same day type and time of day), one more input channel",
                 levelDeviation);
    cmd.AddValue("alpha",
                 "Cost-aware loss (--loss=cost) alpha: the SLA fee of a violated slice in "
                 "multiples of its peak demand, as microscope-slicing's --alpha (> 0)",
                 costAlpha);
    cmd.AddValue("eps",
                 "Cost-aware loss epsilon: the fee fades over an excess of alpha * eps times "
                 "the slice's peak (> 0)",
                 costEpsilon);
    cmd.AddValue("threads", "LibTorch threads", threads);
    cmd.AddValue("resume", "Resume from the output's checkpoint.pt", resume);
    flags.AddTo(cmd, ScenarioFlags::SCENARIO | ScenarioFlags::RUN);
    cmd.Parse(argc, argv);
    const std::string& output = flags.output;

    std::ostringstream command;
    for (int i = 0; i < argc; ++i)
    {
        command << (i ? " " : "") << (i ? argv[i] : "microscope-train");
    }

    try
    {
        // Check every name and number before any work.
        flags.ApplySeeds(); // and --history resolved: the flag, or the attribute's default
        flags.Validate();
        const uint32_t history = flags.history;
        const auto archList = CsvTableReader::SplitList(architectures);
        const auto lossList = CsvTableReader::SplitList(losses);
        const auto levelList = CsvTableReader::SplitList(levels);
        const auto intervalList = CsvTableReader::SplitList(intervals);
        if (archList.empty() || lossList.empty() || levelList.empty() || intervalList.empty())
        {
            throw InputError("--architecture, --loss, --level and --interval need a value");
        }
        for (const auto& a : archList)
        {
            NeuralTrainer::CheckArchitecture(a);
        }
        for (const auto& l : lossList)
        {
            NeuralTrainer::CheckLoss(l);
            if (l == "cost" && !(costAlpha > 0 && std::isfinite(costAlpha)))
            {
                throw InputError::ForAttribute("--alpha",
                                               "the cost-aware loss needs alpha > 0, got " +
                                                   std::to_string(costAlpha));
            }
            if (l == "cost" && !(costEpsilon > 0 && std::isfinite(costEpsilon)))
            {
                throw InputError::ForAttribute("--eps",
                                               "the cost-aware loss needs eps > 0, got " +
                                                   std::to_string(costEpsilon));
            }
        }
        std::vector<double> minutes;
        for (const auto& i : intervalList)
        {
            double m = 0;
            if (!(std::istringstream(i) >> m) || !(m > 0))
            {
                throw InputError::ForAttribute("--interval",
                                               "'" + i + "' is not a positive number of minutes");
            }
            minutes.push_back(m);
        }
        for (const auto& l : levelList)
        {
            NetworkLevelFromName(l);
        }
        if (epochs == 0)
        {
            throw InputError::ForAttribute("--epochs", "at least one epoch is needed");
        }
        try
        {
            NeuralTrainer::CheckSchedule(schedule);
        }
        catch (const InputError&)
        {
            throw InputError::ForAttribute("--lr-schedule",
                                           "constant, plateau or cosine, not '" + schedule + "'");
        }
        const GivenFlags given(argc, argv);
        if (schedule == "constant")
        {
            given.Reject({"min-lr", "lr-decay"}, "with --lr-schedule=constant");
        }
        else if (schedule == "cosine")
        {
            given.Reject({"lr-decay"}, "with --lr-schedule=cosine (it is plateau's factor)");
        }
        if (!(learningRate > 0 && std::isfinite(learningRate)))
        {
            throw InputError::ForAttribute("--lr", "a positive rate is needed");
        }
        if (!(lrDecay >= 0.01 && lrDecay <= 1.0))
        {
            throw InputError::ForAttribute("--lr-decay",
                                           "0.01 to 1, got " + std::to_string(lrDecay));
        }
        if (!(minLr >= 0 && minLr <= learningRate))
        {
            throw InputError::ForAttribute("--min-lr",
                                           "0 to --lr (" + std::to_string(learningRate) +
                                               "), got " + std::to_string(minLr));
        }
        if (size != "small" && size != "paper")
        {
            throw InputError::ForAttribute("--size", "small or paper, not '" + size + "'");
        }
        for (const auto& l : levelList)
        {
            if (!flags.tiers && NetworkLevelFromName(l) != NetworkLevel::ANTENNA)
            {
                throw InputError::ForAttribute("--level",
                                               "level " + l +
                                                   " needs the datacenter tiers (--tiers=false)");
            }
        }

        const std::string unit = flags.GetDemandUnit();
        if (flags.IsMilan())
        {
            const double slotMinutes = flags.GetSlot().GetSeconds() / 60.0;
            for (double m : minutes)
            {
                const double k = m / slotMinutes;
                if (std::abs(k - std::round(k)) > 1e-9 || std::round(k) < 1)
                {
                    std::ostringstream why;
                    why << m << " min is not a multiple of the Milan slot (" << slotMinutes
                        << " min; e.g. --interval=" << slotMinutes << ")";
                    throw InputError::ForAttribute("--interval", why.str());
                }
            }
        }
        MicroscopeHelper microscope;
        flags.Configure(microscope);
        microscope.AssignStreams(1);
        microscope.BuildScenario();
        Ptr<NetworkTopology> topology = microscope.GetTopology();
        Ptr<TrafficSource> source = microscope.GetTrafficSource();
        std::ostringstream scenario;
        scenario << microscope.DescribeScenario();
        // The results (model.pt, mapping.csv, evaluation.json, the sweep tables) are staged and
        // moved in together at the end, so a failed or killed run leaves the directory as it
        // was; checkpoint.pt, which --resume reads after a kill, is written in place.
        RunOutputDirectory outputDir(output);
        const bool sweep =
            archList.size() * lossList.size() * levelList.size() * minutes.size() > 1;
        std::vector<Result> results;
        std::vector<std::string> checkpointDirs;
        for (const auto& levelName : levelList)
        {
            const NetworkLevel level = NetworkLevelFromName(levelName);
            for (double m : minutes)
            {
                MtdDataset dataset;
                dataset.Build(source, topology, level, Seconds(m * 60.0), history);
                const NeuralEvaluation historical =
                    NeuralTrainer::EvaluateHistorical(dataset, dataset.GetTest());
                const NeuralEvaluation oracle =
                    NeuralTrainer::EvaluateOracle(dataset, dataset.GetTest());
                const NeuralEvaluation linear =
                    NeuralTrainer::EvaluateLinear(dataset, dataset.GetTest());
                for (const auto& arch : archList)
                {
                    for (const auto& lossName : lossList)
                    {
                        std::ostringstream name;
                        name << arch << "-" << lossName << "-" << NetworkLevelName(level) << "-"
                             << m << "min";
                        const std::string sub = sweep ? "/" + name.str() : "";
                        const std::string checkpointDir = output + sub;
                        const std::string dir = outputDir.GetStagingPath() + sub;
                        SystemPath::MakeDirectories(checkpointDir);
                        checkpointDirs.push_back(checkpointDir);
                        SystemPath::MakeDirectories(dir);
                        std::cout << "training " << name.str() << ": " << dataset.GetNNodes()
                                  << " nodes, " << dataset.GetTrain().size() << " training / "
                                  << dataset.GetValidation().size() << " validation / "
                                  << dataset.GetTest().size() << " test samples" << std::endl;
                        Ptr<NeuralTrainer> trainer = CreateObject<NeuralTrainer>();
                        trainer->SetAttribute("Architecture", StringValue(arch));
                        trainer->SetAttribute("Loss", StringValue(lossName));
                        trainer->SetAttribute("Size", StringValue(size));
                        trainer->SetAttribute("Epochs", UintegerValue(epochs));
                        trainer->SetAttribute("BatchSize", UintegerValue(batchSize));
                        trainer->SetAttribute("LearningRate", DoubleValue(learningRate));
                        trainer->SetAttribute("Patience", UintegerValue(patience));
                        trainer->SetAttribute("LearningRateSchedule", StringValue(schedule));
                        trainer->SetAttribute("LearningRateDecay", DoubleValue(lrDecay));
                        trainer->SetAttribute("MinLearningRate", DoubleValue(minLr));
                        trainer->SetAttribute("Threads", UintegerValue(threads));
                        trainer->SetAttribute("SamplesPerEpoch", UintegerValue(samplesPerEpoch));
                        trainer->SetAttribute("ValidationSamples",
                                              UintegerValue(validationSamples));
                        trainer->SetAttribute("CalendarFeatures", BooleanValue(calendarFeatures));
                        trainer->SetAttribute("PositionBias", BooleanValue(positionBias));
                        trainer->SetAttribute("HistoricalPrior", BooleanValue(historicalPrior));
                        trainer->SetAttribute("LevelDeviation", BooleanValue(levelDeviation));
                        trainer->SetAttribute("CostAlpha", DoubleValue(costAlpha));
                        trainer->SetAttribute("CostEpsilon", DoubleValue(costEpsilon));
                        trainer->SetAttribute("Progress", BooleanValue(true));
                        trainer->AssignStreams(100);
                        trainer->SetDataset(dataset);
                        trainer->Train(checkpointDir + "/checkpoint.pt", resume);
                        const NeuralEvaluation test = trainer->Evaluate(dataset.GetTest());
                        trainer->SaveModel(dir + "/model.pt", scenario.str(), command.str());

                        const NeuralModelInfo info = trainer->GetInfo();
                        Ptr<GridMapper> mapper = CreateObject<GridMapper>();
                        mapper->SetAttribute("Kappa", DoubleValue(info.kappa));
                        mapper->Map(info.positions);
                        mapper->WriteCsv(dir + "/mapping.csv", info.level, false);

                        nlohmann::ordered_json j;
                        j["architecture"] = arch;
                        j["loss"] = lossName;
                        j["level"] = info.level;
                        j["interval_min"] = m;
                        j["history"] = history;
                        j["size"] = size;
                        j["calendar_features"] = calendarFeatures;
                        j["position_bias"] = positionBias;
                        j["historical_prior"] = historicalPrior;
                        j["level_deviation"] = levelDeviation;
                        j["test"] = ToJson(test, dataset.GetServiceNames());
                        j["test"]["repaired_estimates"] = test.repaired;
                        j["baselines"]["historical"] =
                            ToJson(historical, dataset.GetServiceNames());
                        j["baselines"]["linear"] = ToJson(linear, dataset.GetServiceNames());
                        j["baselines"]["oracle"] = ToJson(oracle, dataset.GetServiceNames());
                        // The learning curve's validation MAE beside the baselines' on the
                        // same validation samples.
                        const std::vector<uint64_t> validation = trainer->GetValidationSamples();
                        if (!validation.empty())
                        {
                            j["validation"]["samples"] = validation.size();
                            j["validation"]["historical"] =
                                ToJson(NeuralTrainer::EvaluateHistorical(dataset, validation),
                                       dataset.GetServiceNames());
                            j["validation"]["linear"] =
                                ToJson(NeuralTrainer::EvaluateLinear(dataset, validation),
                                       dataset.GetServiceNames());
                            j["validation"]["historical"].erase("per_service");
                            j["validation"]["linear"].erase("per_service");
                        }
                        j["learning_rate"] = {{"schedule", schedule},
                                              {"initial", learningRate},
                                              {"decay", lrDecay},
                                              {"minimum", minLr},
                                              {"epochs", epochs}};
                        j["flops_per_inference"] = trainer->GetFlops();
                        j["parameters"] = trainer->GetParameterCount();
                        j["train_seconds"] = trainer->GetTrainSeconds();
                        j["epochs_run"] = trainer->GetEpochsRun();
                        j["best_validation_loss"] = trainer->GetBestValidationLoss();
                        j["training_samples_per_second"] = trainer->GetSamplesPerSecond();
                        j["grid"] = {{"rows", info.rows},
                                     {"cols", info.cols},
                                     {"kappa", info.kappa},
                                     {"mean_displacement_m", mapper->GetMeanDisplacement()},
                                     {"max_displacement_m", mapper->GetMaxDisplacement()}};
                        j["split_days"] = {{"train", dataset.GetTrainDays()},
                                           {"validation", dataset.GetValidationDays()},
                                           {"test", dataset.GetTestDays()}};
                        j["scenario"] = scenario.str();
                        j["command"] = command.str();
                        if (unit != "Mbps")
                        {
                            // Another unit (the Milan data set's): stated, and in the keys.
                            j["demand_unit"] = unit;
                        }
                        if (flags.IsMilan())
                        {
                            j["demand_unit_note"] = MilanDataset::GetUnitDescription();
                        }
                        {
                            AtomicFileWriter curve(dir + "/learning-curve.csv");
                            curve.Stream() << DemandUnitRelabeler::RelabelText(
                                "epoch,learning_rate,train_loss,validation_loss,"
                                "validation_mae_mbps,validation_nmae_pct,seconds,best\n",
                                unit);
                            curve.Stream() << std::setprecision(10);
                            for (const auto& r : trainer->GetLearningCurve())
                            {
                                curve.Stream()
                                    << r.epoch << "," << r.learningRate << "," << r.trainLoss << ","
                                    << r.validationLoss << "," << r.validationMaeMbps << ","
                                    << r.validationNmaePct << "," << r.seconds << ","
                                    << (r.best ? 1 : 0) << "\n";
                            }
                            curve.Commit();
                        }
                        AtomicFileWriter writer(dir + "/evaluation.json");
                        writer.Stream()
                            << DemandUnitRelabeler::RelabelJsonKeys(j.dump(2), unit) << "\n";
                        writer.Commit();
                        RunOutputDirectory::TestPoint("train-evaluated");

                        std::cout << std::fixed << std::setprecision(4) << "  test: " << name.str()
                                  << " MAE " << test.maeMbps << " " << unit << ", NMAE "
                                  << test.nmaePct << " %  | historical MAE " << historical.maeMbps
                                  << ", NMAE " << historical.nmaePct << " %  | linear MAE "
                                  << linear.maeMbps << ", NMAE " << linear.nmaePct << " %  | "
                                  << std::setprecision(1) << trainer->GetFlops() / 1e6
                                  << " MFLOP/inference, " << trainer->GetTrainSeconds() << " s, "
                                  << trainer->GetEpochsRun() << " epochs" << std::endl;
                        results.push_back({arch,
                                           lossName,
                                           info.level,
                                           m,
                                           test,
                                           historical,
                                           linear,
                                           trainer->GetFlops()});
                    }
                }
            }
        }

        if (sweep)
        {
            // Fig. 10: architectures x losses at the antenna level (first interval).
            AtomicFileWriter fig10(outputDir.Stage("fig10.csv"));
            fig10.Stream() << DemandUnitRelabeler::RelabelText(
                "architecture,loss,interval_min,mae_mbps,nmae_pct,historical_mae_mbps,"
                "historical_nmae_pct,linear_mae_mbps,linear_nmae_pct\n",
                unit);
            AtomicFileWriter table2(outputDir.Stage("table2.csv"));
            table2.Stream() << DemandUnitRelabeler::RelabelText(
                "architecture,level,interval_min,loss,mae_mbps,nmae_pct,historical_mae_mbps,"
                "historical_nmae_pct,linear_mae_mbps,linear_nmae_pct,flops\n",
                unit);
            std::cout << "\n"
                      << std::left << std::setw(11) << "arch" << std::setw(11) << "loss"
                      << std::setw(9) << "level" << std::setw(6) << "min" << std::right
                      << std::setw(10) << "MAE" << std::setw(9) << "NMAE%" << std::setw(12)
                      << "hist MAE" << std::setw(11) << "hist NMAE%" << std::setw(12) << "MFLOP"
                      << "\n";
            for (const auto& r : results)
            {
                if (r.level == "antenna")
                {
                    fig10.Stream() << r.architecture << "," << r.loss << "," << r.interval << ","
                                   << r.test.maeMbps << "," << r.test.nmaePct << ","
                                   << r.historical.maeMbps << "," << r.historical.nmaePct << ","
                                   << r.linear.maeMbps << "," << r.linear.nmaePct << "\n";
                }
                table2.Stream() << r.architecture << "," << r.level << "," << r.interval << ","
                                << r.loss << "," << r.test.maeMbps << "," << r.test.nmaePct << ","
                                << r.historical.maeMbps << "," << r.historical.nmaePct << ","
                                << r.linear.maeMbps << "," << r.linear.nmaePct << "," << r.flops
                                << "\n";
                std::cout << std::defaultfloat << std::left << std::setw(11) << r.architecture
                          << std::setw(11) << r.loss << std::setw(9) << r.level << std::setw(6)
                          << r.interval << std::right << std::fixed << std::setprecision(4)
                          << std::setw(10) << r.test.maeMbps << std::setw(9) << std::setprecision(3)
                          << r.test.nmaePct << std::setw(12) << std::setprecision(4)
                          << r.historical.maeMbps << std::setw(11) << std::setprecision(3)
                          << r.historical.nmaePct << std::setw(12) << std::setprecision(2)
                          << r.flops / 1e6 << "\n";
            }
            fig10.Commit();
            table2.Commit();
            std::cout << "tables: " << output << "/fig10.csv, " << output << "/table2.csv\n";
        }
        outputDir.Commit();
        // The checkpoints have served: the models are in place.
        for (const auto& r : checkpointDirs)
        {
            std::remove((r + "/checkpoint.pt").c_str());
        }
        Simulator::Destroy();
    }
    catch (const InputError& e)
    {
        std::cerr << "microscope-train: error: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
