/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the trained-model life cycle: training determinism, model files (round trip,
 * shape mismatches, corrupt and truncated files, no partial overwrite), the neural decomposer
 * in the slot pipeline, and bad input (NaN history, unknown names, zero epochs).
 */

#include "microscope-test-files.h"

#include "ns3/core-module.h"
#include "ns3/input-error.h"
#include "ns3/microscope-helper.h"
#include "ns3/mtd-dataset.h"
#include "ns3/neural-decomposer.h"
#include "ns3/neural-trainer.h"
#include "ns3/slot-orchestrator.h"
#include "ns3/test.h"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <limits>
#include <sys/stat.h>
#include <unistd.h>

using namespace ns3;
using namespace ns3::microscope_test;

namespace
{

/**
 * A tiny scenario: 40 antennas, 6 days (4 training, 1 validation, 1 test).
 * \param helper the helper to configure and build.
 */
void
NeuralTinyScenario(MicroscopeHelper& helper)
{
    helper.SetLayoutGeneratorAttribute("NumAntennas", UintegerValue(40));
    helper.SetTrafficGeneratorAttribute("Days", UintegerValue(6));
    helper.SetTierBuilderAttribute("MecNodes", UintegerValue(4));
    helper.SetTierBuilderAttribute("CranNodes", UintegerValue(3));
    helper.SetTierBuilderAttribute("CoreNodes", UintegerValue(2));
    helper.SetLoadEstimationDays(1);
    helper.AssignStreams(1);
}

/**
 * The tiny scenario's antenna-level dataset (seed 1, run 1; 30-minute intervals, T = 3).
 * \param data the dataset to build.
 */
void
TinyAntennaDataset(MtdDataset& data)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    MicroscopeHelper helper;
    NeuralTinyScenario(helper);
    helper.BuildScenario();
    data.Build(helper.GetTrafficSource(),
               helper.GetTopology(),
               NetworkLevel::ANTENNA,
               Minutes(30),
               3);
}

/**
 * \param architecture the architecture.
 * \param loss the loss.
 * \param stream the trainer's stream.
 * \return a configured trainer (2 short epochs, one thread).
 */
Ptr<NeuralTrainer>
TinyTrainer(const std::string& architecture, const std::string& loss, int64_t stream)
{
    Ptr<NeuralTrainer> t = CreateObject<NeuralTrainer>();
    t->SetAttribute("Architecture", StringValue(architecture));
    t->SetAttribute("Loss", StringValue(loss));
    t->SetAttribute("Epochs", UintegerValue(2));
    t->SetAttribute("SamplesPerEpoch", UintegerValue(96));
    t->SetAttribute("BatchSize", UintegerValue(16));
    t->SetAttribute("Threads", UintegerValue(1));
    t->AssignStreams(stream);
    return t;
}

/**
 * \param data the tiny antenna dataset.
 * \return the setup of a decomposer of its level (T = 3, 30-minute intervals).
 */
DecomposerSetup
TinyAntennaSetup(const MtdDataset& data)
{
    DecomposerSetup setup;
    setup.level = NetworkLevel::ANTENNA;
    setup.nNodes = data.GetNNodes();
    setup.nServices = data.GetNServices();
    setup.historyLength = 3;
    setup.interval = Minutes(30);
    setup.intervalsPerDay = 48;
    setup.nodePositions = data.GetNodePositions();
    setup.catalog = data.GetServiceCatalog();
    return setup;
}

/**
 * \param data the tiny antenna dataset.
 * \param path a model file trained on it.
 * \return a neural decomposer of the file, set up for the dataset's level (T = 3, 30 min).
 */
Ptr<NeuralDecomposer>
TinyAntennaDecomposer(const MtdDataset& data, const std::string& path)
{
    Ptr<NeuralDecomposer> neural = CreateObject<NeuralDecomposer>();
    neural->SetAttribute("ModelFile", StringValue(path));
    neural->SetAttribute("Threads", UintegerValue(1));
    neural->Setup(TinyAntennaSetup(data));
    return neural;
}

/**
 * \param data the dataset.
 * \param i an interval.
 * \return its antenna-level decomposition context.
 */
DecompositionContext
TinyContext(const MtdDataset& data, uint64_t i)
{
    DecompositionContext ctx;
    ctx.level = NetworkLevel::ANTENNA;
    ctx.interval = i;
    ctx.day = data.GetDay(i);
    ctx.intervalOfDay = data.GetIntervalOfDay(i);
    ctx.dayType = data.GetDayType(i);
    return ctx;
}

/**
 * Feed a decomposer the training days, as the slot pipeline does, and end its training.
 * \param neural the decomposer.
 * \param data the dataset.
 * \param history its history window, pushed on.
 */
void
TrainOnTrainingDays(Ptr<NeuralDecomposer> neural, const MtdDataset& data, AggregateHistory& history)
{
    DemandMatrix truth(data.GetNServices(), data.GetNNodes());
    for (uint64_t i = 0; i < data.GetNIntervals() && data.GetDay(i) < data.GetTrainDays(); ++i)
    {
        const float* agg = data.Aggregate(i);
        history.Push(std::vector<double>(agg, agg + data.GetNNodes()));
        const float* d = data.Truth(i);
        std::copy(d, d + truth.GetNServices() * truth.GetNNodes(), truth.Data());
        neural->Train(TinyContext(data, i), history, truth);
    }
    neural->EndTraining();
}

/**
 * Put interval i's window of T = 3 aggregates in a history.
 * \param data the dataset.
 * \param i a target interval (at least 2).
 * \param history reset and filled.
 */
void
TinyWindow(const MtdDataset& data, uint64_t i, AggregateHistory& history)
{
    history.Reset(3, data.GetNNodes());
    for (uint64_t k = i - 2; k <= i; ++k)
    {
        const float* agg = data.Aggregate(k);
        history.Push(std::vector<double>(agg, agg + data.GetNNodes()));
    }
}

} // namespace

/**
 * \ingroup microscope-tests
 * Training, model files and the decomposer's checks.
 */
class NeuralModelFileTestCase : public TestCase
{
public:
    NeuralModelFileTestCase()
        : TestCase("Neural models: deterministic training, file round trip, shape mismatches, "
                   "corrupt files, no partial overwrite, bad input")
    {
    }

private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        MicroscopeHelper helper;
        NeuralTinyScenario(helper);
        helper.BuildScenario();
        Ptr<NetworkTopology> topology = helper.GetTopology();
        Ptr<TrafficSource> source = helper.GetTrafficSource();
        MtdDataset data;
        data.Build(source, topology, NetworkLevel::ANTENNA, Minutes(30), 3);
        NS_TEST_ASSERT_MSG_EQ(data.GetTrainDays(), 4, "60% of 6 days");
        NS_TEST_ASSERT_MSG_EQ(data.GetTest().size(), 48, "one test day of 30-minute intervals");

        // Determinism: same stream, same result; another stream, another result.
        Ptr<NeuralTrainer> a = TinyTrainer("lstm", "ratio-ce", 7);
        a->SetDataset(data);
        a->Train();
        Ptr<NeuralTrainer> b = TinyTrainer("lstm", "ratio-ce", 7);
        b->SetDataset(data);
        b->Train();
        Ptr<NeuralTrainer> c = TinyTrainer("lstm", "ratio-ce", 8);
        c->SetDataset(data);
        c->Train();
        const double ea = a->Evaluate(data.GetTest()).maeMbps;
        NS_TEST_ASSERT_MSG_EQ(ea, b->Evaluate(data.GetTest()).maeMbps, "same seed, same model");
        NS_TEST_ASSERT_MSG_NE(ea, c->Evaluate(data.GetTest()).maeMbps, "other seed, other model");
        NS_TEST_ASSERT_MSG_EQ(a->GetEpochsRun(), 2, "epochs run");
        NS_TEST_ASSERT_MSG_GT(a->GetFlops(), 0.0, "FLOPs");

        // Round trip: the decomposer, loading the file, reproduces the trainer's estimates.
        const std::string path = CreateTempDirFilename("model.pt");
        a->SaveModel(path, "tiny", "test");
        NS_TEST_ASSERT_MSG_EQ(std::ifstream(path + ".partial").good(), false, "no partial left");
        const DecomposerSetup setup = TinyAntennaSetup(data);
        Ptr<NeuralDecomposer> neural = TinyAntennaDecomposer(data, path);
        NS_TEST_ASSERT_MSG_EQ(neural->GetInfo().architecture, "lstm", "architecture recorded");
        NS_TEST_ASSERT_MSG_EQ(neural->GetInfo().historicalPrior, true, "prior recorded");
        AggregateHistory history;
        history.Reset(3, data.GetNNodes());
        {
            // The historical prior needs the training period first: a clear error without it.
            history.Push(std::vector<double>(data.GetNNodes(), 1.0));
            DecompositionContext ctx;
            DemandMatrix e;
            const std::string msg = ErrorOf([&]() { neural->Decompose(ctx, history, e); });
            NS_TEST_ASSERT_MSG_NE(msg.find("training period"),
                                  std::string::npos,
                                  "untrained prior named: " << msg);
        }
        // The training days, as the slot pipeline feeds them.
        TrainOnTrainingDays(neural, data, history);
        double sumAbs = 0.0;
        uint64_t count = 0;
        DemandMatrix estimate;
        for (uint64_t i : data.GetTest())
        {
            TinyWindow(data, i, history);
            DecompositionContext ctx;
            ctx.level = NetworkLevel::ANTENNA;
            ctx.interval = i;
            ctx.intervalOfDay = data.GetIntervalOfDay(i);
            ctx.dayType = data.GetDayType(i);
            neural->Decompose(ctx, history, estimate);
            const float* truth = data.Truth(i);
            for (uint32_t n = 0; n < data.GetNNodes(); ++n)
            {
                double s = 0;
                for (uint32_t k = 0; k < data.GetNServices(); ++k)
                {
                    NS_TEST_ASSERT_MSG_GT_OR_EQ(estimate(k, n), 0.0, "non-negative");
                    s += estimate(k, n);
                    sumAbs += std::abs(estimate(k, n) - truth[k * data.GetNNodes() + n]);
                    ++count;
                }
                NS_TEST_ASSERT_MSG_EQ_TOL(s, history.Newest()[n], 1e-9 * (1 + s), "sums");
            }
        }
        NS_TEST_ASSERT_MSG_EQ_TOL(sumAbs / count, ea, 1e-5 * ea, "file reproduces the trainer");
        // A ratio model's softmax split needs no repair: the decomposer's own count stays 0
        // (the pipeline's count is 0 by construction, as the decomposer repairs first).
        NS_TEST_ASSERT_MSG_EQ(neural->GetNRepaired(), 0, "a ratio model is never repaired");

        // Shape mismatches name what differs.
        DecomposerSetup other = setup;
        other.historyLength = 4;
        Ptr<NeuralDecomposer> d2 = CreateObject<NeuralDecomposer>();
        d2->SetAttribute("ModelFile", StringValue(path));
        std::string msg = ErrorOf([&]() { d2->Setup(other); });
        NS_TEST_ASSERT_MSG_NE(msg.find("T = 3"), std::string::npos, "history named: " << msg);
        other = setup;
        other.interval = Minutes(60);
        msg = ErrorOf([&]() { d2->Setup(other); });
        NS_TEST_ASSERT_MSG_NE(msg.find("interval"), std::string::npos, "interval named: " << msg);
        other = setup;
        other.level = NetworkLevel::MEC;
        msg = ErrorOf([&]() { d2->Setup(other); });
        NS_TEST_ASSERT_MSG_NE(msg.find("level"), std::string::npos, "level named: " << msg);
        other = setup;
        other.nodePositions[5].x += 100;
        msg = ErrorOf([&]() { d2->Setup(other); });
        NS_TEST_ASSERT_MSG_NE(msg.find("layout"), std::string::npos, "layout named: " << msg);

        // Corrupt and truncated files.
        const std::string garbage = CreateTempDirFilename("garbage.pt");
        std::ofstream(garbage) << "this is not a model";
        d2->SetAttribute("ModelFile", StringValue(garbage));
        msg = ErrorOf([&]() { d2->Setup(setup); });
        NS_TEST_ASSERT_MSG_NE(msg.find(garbage), std::string::npos, "corrupt file named: " << msg);
        const std::string bytes = ReadAll(path);
        const std::string truncated = CreateTempDirFilename("truncated.pt");
        std::ofstream(truncated, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
        d2->SetAttribute("ModelFile", StringValue(truncated));
        msg = ErrorOf([&]() { d2->Setup(setup); });
        NS_TEST_ASSERT_MSG_NE(msg.find(truncated), std::string::npos, "truncated named: " << msg);
        d2->SetAttribute("ModelFile", StringValue(path + ".missing"));
        NS_TEST_ASSERT_MSG_NE(ErrorOf([&]() { d2->Setup(setup); }), "", "missing file");

        // A failed save leaves the good model in place: make the temporary name unusable.
        mkdir((path + ".partial").c_str(), 0755);
        msg = ErrorOf([&]() { c->SaveModel(path, "tiny", "test"); });
        NS_TEST_ASSERT_MSG_NE(msg, "", "the save failed");
        NS_TEST_ASSERT_MSG_EQ((ReadAll(path) == bytes), true, "the earlier model is intact");
        rmdir((path + ".partial").c_str());

        // NaN in the history window.
        history.Reset(3, data.GetNNodes());
        std::vector<double> bad(data.GetNNodes(), 1.0);
        bad[3] = std::nan("");
        history.Push(bad);
        DecompositionContext ctx;
        msg = ErrorOf([&]() { neural->Decompose(ctx, history, estimate); });
        NS_TEST_ASSERT_MSG_NE(msg.find("NaN"), std::string::npos, "NaN named: " << msg);

        // Unknown names and zero epochs.
        msg = ErrorOf([&]() { NeuralTrainer::CheckArchitecture("resnet"); });
        NS_TEST_ASSERT_MSG_NE(msg.find("resnet"), std::string::npos, "architecture: " << msg);
        msg = ErrorOf([&]() { NeuralTrainer::CheckLoss("l1"); });
        NS_TEST_ASSERT_MSG_NE(msg.find("l1"), std::string::npos, "loss: " << msg);
        Ptr<NeuralTrainer> zero = TinyTrainer("mlp", "ratio-ce", 1);
        zero->SetAttribute("Epochs", UintegerValue(0));
        zero->SetDataset(data);
        msg = ErrorOf([&]() { zero->Train(); });
        NS_TEST_ASSERT_MSG_NE(msg.find("Epochs"), std::string::npos, "zero epochs: " << msg);
        Ptr<NeuralTrainer> unknown = TinyTrainer("resnet", "ratio-ce", 1);
        unknown->SetDataset(data);
        NS_TEST_ASSERT_MSG_NE(ErrorOf([&]() { unknown->Train(); }), "", "unknown architecture");
        Simulator::Destroy();
    }
};

/**
 * \ingroup microscope-tests
 * The neural decomposer runs in the slot pipeline next to the baselines.
 */
class NeuralInPipelineTestCase : public TestCase
{
public:
    NeuralInPipelineTestCase()
        : TestCase("The neural decomposer in the slot pipeline: feasible estimates, costs")
    {
    }

private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        const std::string path = CreateTempDirFilename("mec.pt");
        {
            MicroscopeHelper helper;
            NeuralTinyScenario(helper);
            helper.BuildScenario();
            MtdDataset data;
            data.Build(helper.GetTrafficSource(),
                       helper.GetTopology(),
                       NetworkLevel::MEC,
                       Minutes(30),
                       6);
            Ptr<NeuralTrainer> t = TinyTrainer("3d-defcnn", "regression", 3);
            t->SetDataset(data);
            t->Train();
            t->SaveModel(path, "tiny", "test");
            Simulator::Destroy();
        }
        MicroscopeHelper helper;
        NeuralTinyScenario(helper);
        helper.SetOrchestratorAttribute("MecInterval", TimeValue(Minutes(30)));
        helper.AddLane("neural", "historical"); // neural at MEC only, below
        helper.SetLaneType("neural", NetworkLevel::MEC, "neural");
        helper.SetLaneAttribute("neural", NetworkLevel::MEC, "ModelFile", StringValue(path));
        helper.SetLaneAttribute("neural", NetworkLevel::MEC, "Threads", UintegerValue(1));
        helper.AddLane("oracle", "oracle");
        Ptr<SlotOrchestrator> orchestrator = helper.Install();
        uint64_t decomposedNodes = 0; // node estimates of the neural lane at MEC
        orchestrator->TraceConnectWithoutContext(
            "Estimate",
            MakeBoundCallback(
                +[](uint64_t* count,
                    const std::string& lane,
                    NetworkLevel level,
                    uint64_t,
                    const DemandMatrix&,
                    const DemandMatrix& estimate) {
                    *count +=
                        (lane == "neural" && level == NetworkLevel::MEC) ? estimate.GetNNodes() : 0;
                },
                &decomposedNodes));
        orchestrator->Start();
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(orchestrator->IsFinished(), true, "the run finished");
        Ptr<NeuralDecomposer> neural =
            DynamicCast<NeuralDecomposer>(orchestrator->GetDecomposer("neural", NetworkLevel::MEC));
        NS_TEST_ASSERT_MSG_NE(neural, nullptr, "a neural decomposer at MEC");
        NS_TEST_ASSERT_MSG_EQ(orchestrator->GetNRepairs("neural", NetworkLevel::MEC),
                              0,
                              "the pipeline never had to repair the neural estimates");
        // That holds by construction: the decomposer repairs a regression output itself (clamp
        // at 0, rescale to the aggregate) and counts it. A regression network's raw output
        // never sums exactly to the aggregate, so it counts (nearly) every node estimate, and
        // never more than it made.
        NS_TEST_ASSERT_MSG_GT(decomposedNodes, 0, "MEC estimates made");
        NS_TEST_ASSERT_MSG_GT(neural->GetNRepaired(),
                              decomposedNodes / 2,
                              "the decomposer repaired its regression outputs itself");
        NS_TEST_ASSERT_MSG_LT_OR_EQ(static_cast<uint64_t>(neural->GetNRepaired()),
                                    decomposedNodes,
                                    "at most one repair per node estimate");
        auto costs = orchestrator->GetCostAccountant()->GetLevelCosts(0, NetworkLevel::MEC);
        NS_TEST_ASSERT_MSG_GT(costs.evaluatedIntervals, 0, "evaluated intervals");
        NS_TEST_ASSERT_MSG_GT(costs.trueDemandMBps, 0.0, "demand accounted");
        NS_TEST_ASSERT_MSG_GT(costs.maeMbps, 0.0, "a trained network is not perfect");
        Simulator::Destroy();
    }
};

namespace
{

/// One traced epoch: its number and validation loss.
struct EpochRecord
{
    uint32_t epoch;        //!< 1-based
    double validationLoss; //!< its validation loss
};

/**
 * Sink of NeuralTrainer's Epoch trace.
 * \param out the records.
 * \param epoch the epoch.
 * \param validationLoss its validation loss.
 */
void
RecordEpoch(std::vector<EpochRecord>* out, uint32_t epoch, double, double validationLoss, double)
{
    out->push_back({epoch, validationLoss});
}

} // namespace

/**
 * \ingroup microscope-tests
 * NeuralTrainer's checkpoints: a run stopped after 2 epochs and resumed from its checkpoint to
 * 4 gives the model of an uninterrupted 4-epoch run (only epochs 3 and 4 run again); a
 * checkpoint of another model is refused. Early stopping: with Patience 1 training stops one
 * epoch after the best validation loss, and keeps that epoch's parameters.
 */
class NeuralCheckpointTestCase : public TestCase
{
public:
    NeuralCheckpointTestCase()
        : TestCase("NeuralTrainer: resume from a checkpoint = uninterrupted run; early stopping "
                   "keeps the best epoch")
    {
    }

private:
    void DoRun() override
    {
        MtdDataset data;
        TinyAntennaDataset(data);
        auto make = [&data](uint32_t epochs, const std::string& architecture)
        {
            Ptr<NeuralTrainer> t = TinyTrainer(architecture, "ratio-ce", 9);
            t->SetAttribute("Epochs", UintegerValue(epochs));
            t->SetAttribute("Patience", UintegerValue(1000)); // no early stop here
            // A network of its own (no historical prior, which starts near the optimum and
            // does not improve in so few steps), slow enough to improve at every epoch.
            t->SetAttribute("HistoricalPrior", BooleanValue(false));
            t->SetAttribute("LearningRate", DoubleValue(3e-4));
            t->SetDataset(data);
            return t;
        };
        const std::vector<uint64_t>& test = data.GetTest();

        Ptr<NeuralTrainer> whole = make(4, "mlp");
        std::vector<EpochRecord> wholeEpochs;
        whole->TraceConnectWithoutContext("Epoch", MakeBoundCallback(&RecordEpoch, &wholeEpochs));
        whole->Train();
        // Every epoch improves here, so the kept model is the last epoch's: 2 and 4 epochs
        // give different models, and a resume that lost state would show.
        for (size_t i = 1; i < wholeEpochs.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_LT(wholeEpochs[i].validationLoss,
                                  wholeEpochs[i - 1].validationLoss,
                                  "epoch " << i + 1 << " improves");
        }
        const double wholeMae = whole->Evaluate(test).maeMbps;

        const std::string checkpoint = CreateTempDirFilename("checkpoint.pt");
        Ptr<NeuralTrainer> first = make(2, "mlp");
        first->Train(checkpoint);
        NS_TEST_ASSERT_MSG_EQ(std::ifstream(checkpoint).good(), true, "checkpoint written");
        NS_TEST_ASSERT_MSG_EQ(std::ifstream(checkpoint + ".partial").good(),
                              false,
                              "no partial checkpoint left");
        const double firstMae = first->Evaluate(test).maeMbps;
        NS_TEST_ASSERT_MSG_NE(firstMae, wholeMae, "2 epochs are not 4 (the comparison can fail)");

        Ptr<NeuralTrainer> resumed = make(4, "mlp");
        std::vector<EpochRecord> epochs;
        resumed->TraceConnectWithoutContext("Epoch", MakeBoundCallback(&RecordEpoch, &epochs));
        resumed->Train(checkpoint, true);
        NS_TEST_ASSERT_MSG_EQ(epochs.size(), 2, "only the missing epochs ran");
        if (epochs.size() == 2)
        {
            NS_TEST_ASSERT_MSG_EQ(epochs[0].epoch, 3, "resumed after epoch 2");
            NS_TEST_ASSERT_MSG_EQ(epochs[1].epoch, 4, "up to epoch 4");
        }
        NS_TEST_ASSERT_MSG_EQ(resumed->GetEpochsRun(), 4, "epochs run, resumed ones included");
        // Same parameters, optimiser state, shuffles and best epoch: the same model, to the bit.
        NS_TEST_ASSERT_MSG_EQ(resumed->Evaluate(test).maeMbps,
                              wholeMae,
                              "a resumed run equals an uninterrupted one");
        NS_TEST_ASSERT_MSG_EQ(resumed->GetBestValidationLoss(),
                              whole->GetBestValidationLoss(),
                              "same best validation loss");
        // Without resume the checkpoint is ignored and all 4 epochs run.
        Ptr<NeuralTrainer> fresh = make(4, "mlp");
        epochs.clear();
        fresh->TraceConnectWithoutContext("Epoch", MakeBoundCallback(&RecordEpoch, &epochs));
        fresh->Train(CreateTempDirFilename("other-checkpoint.pt"), true);
        NS_TEST_ASSERT_MSG_EQ(epochs.size(), 4, "no checkpoint yet: a full run");
        // A checkpoint of another architecture is refused, naming the file.
        Ptr<NeuralTrainer> other = make(4, "lstm");
        const std::string msg = ErrorOf([&]() { other->Train(checkpoint, true); });
        NS_TEST_ASSERT_MSG_NE(msg.find(checkpoint), std::string::npos, "file named: " << msg);
        NS_TEST_ASSERT_MSG_NE(msg.find("another model"), std::string::npos, "why: " << msg);

        // Early stopping with Patience 1: stop after the first epoch that does not improve.
        const uint32_t maxEpochs = 40;
        Ptr<NeuralTrainer> early = make(maxEpochs, "mlp");
        early->SetAttribute("Patience", UintegerValue(1));
        early->SetAttribute("LearningRate", DoubleValue(0.01));
        epochs.clear();
        early->TraceConnectWithoutContext("Epoch", MakeBoundCallback(&RecordEpoch, &epochs));
        early->Train();
        const uint32_t ran = early->GetEpochsRun();
        NS_TEST_ASSERT_MSG_LT(ran, maxEpochs, "training stopped early");
        NS_TEST_ASSERT_MSG_EQ(epochs.size(), ran, "one trace per epoch run");
        NS_TEST_ASSERT_MSG_GT(ran, 1, "at least two epochs");
        // The rule, from the traced losses: every epoch before the last improved on the best
        // so far; the last did not.
        double best = std::numeric_limits<double>::infinity();
        uint32_t bestEpoch = 0;
        for (size_t i = 0; i < epochs.size(); ++i)
        {
            const bool improved = epochs[i].validationLoss < best;
            NS_TEST_ASSERT_MSG_EQ(improved,
                                  (i + 1 < epochs.size()),
                                  "epoch " << epochs[i].epoch << ": loss "
                                           << epochs[i].validationLoss << ", best " << best);
            if (improved)
            {
                best = epochs[i].validationLoss;
                bestEpoch = epochs[i].epoch;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(early->GetBestValidationLoss(), best, "the best loss reported");
        // The best epoch's parameters are kept: the model equals a run of bestEpoch epochs.
        Ptr<NeuralTrainer> upToBest = make(bestEpoch, "mlp");
        upToBest->SetAttribute("LearningRate", DoubleValue(0.01));
        upToBest->Train();
        NS_TEST_ASSERT_MSG_EQ(early->Evaluate(test).maeMbps,
                              upToBest->Evaluate(test).maeMbps,
                              "the best epoch's model is kept (epoch " << bestEpoch << ")");
        Simulator::Destroy();
    }
};

/**
 * \ingroup microscope-tests
 * NeuralTrainer's learning-rate schedules and learning curve: the cosine rates by the formula
 * (and a model other than the constant rate's); the plateau rate halved after each epoch that
 * does not improve; the curve's rows, best flags and validation MAE against the kept model; a
 * resumed run's curve and rates equal an uninterrupted one's; bad schedule attributes named.
 * The linear baseline of the same samples.
 */
class NeuralScheduleTestCase : public TestCase
{
public:
    NeuralScheduleTestCase()
        : TestCase("NeuralTrainer: learning-rate schedules, learning curve, linear baseline")
    {
    }

private:
    void DoRun() override
    {
        MtdDataset data;
        TinyAntennaDataset(data);
        auto make = [&data](uint32_t epochs, const std::string& schedule, double rate)
        {
            Ptr<NeuralTrainer> t = TinyTrainer("mlp", "ratio-ce", 9);
            t->SetAttribute("Epochs", UintegerValue(epochs));
            t->SetAttribute("Patience", UintegerValue(1000));
            t->SetAttribute("HistoricalPrior", BooleanValue(false));
            t->SetAttribute("LearningRate", DoubleValue(rate));
            t->SetAttribute("LearningRateSchedule", StringValue(schedule));
            t->SetAttribute("MinLearningRate", DoubleValue(1e-5));
            t->SetDataset(data);
            return t;
        };
        const std::vector<uint64_t>& test = data.GetTest();

        // Cosine: minimum + (initial - minimum) (1 + cos(pi e / E)) / 2, e from 0.
        Ptr<NeuralTrainer> cosine = make(4, "cosine", 3e-4);
        cosine->Train();
        const auto& curve = cosine->GetLearningCurve();
        NS_TEST_ASSERT_MSG_EQ(curve.size(), 4, "one row per epoch");
        const double expected[4] = {3e-4,
                                    1e-5 + (3e-4 - 1e-5) * (1 + std::sqrt(0.5)) / 2,
                                    1e-5 + (3e-4 - 1e-5) / 2,
                                    1e-5 + (3e-4 - 1e-5) * (1 - std::sqrt(0.5)) / 2};
        for (size_t i = 0; i < curve.size() && i < 4; ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(curve[i].epoch, i + 1, "row " << i);
            NS_TEST_EXPECT_MSG_EQ_TOL(curve[i].learningRate,
                                      expected[i],
                                      1e-15,
                                      "cosine rate of epoch " << i + 1);
        }
        Ptr<NeuralTrainer> constant = make(4, "constant", 3e-4);
        constant->Train();
        for (const auto& r : constant->GetLearningCurve())
        {
            NS_TEST_ASSERT_MSG_EQ(r.learningRate, 3e-4, "constant rate, epoch " << r.epoch);
        }
        NS_TEST_ASSERT_MSG_NE(cosine->Evaluate(test).maeMbps,
                              constant->Evaluate(test).maeMbps,
                              "the schedule reaches the optimiser");

        // The curve against the kept model: the best flags follow the validation loss, the
        // last best row's loss is the best loss, and its MAE is the kept model's.
        double best = std::numeric_limits<double>::infinity();
        const NeuralEpochRecord* bestRow = nullptr;
        for (const auto& r : curve)
        {
            NS_TEST_ASSERT_MSG_EQ(r.best,
                                  (r.validationLoss < best),
                                  "best flag, epoch " << r.epoch);
            NS_TEST_ASSERT_MSG_GT(r.validationMaeMbps, 0.0, "validation MAE, epoch " << r.epoch);
            NS_TEST_ASSERT_MSG_GT(r.seconds, 0.0, "seconds, epoch " << r.epoch);
            if (r.best)
            {
                best = r.validationLoss;
                bestRow = &r;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(cosine->GetBestValidationLoss(), best, "the best loss");
        const std::vector<uint64_t> validation = cosine->GetValidationSamples();
        NS_TEST_ASSERT_MSG_EQ(validation.size(), data.GetValidation().size(), "all of them");
        if (bestRow)
        {
            const NeuralEvaluation kept = cosine->Evaluate(validation);
            NS_TEST_EXPECT_MSG_EQ_TOL(bestRow->validationMaeMbps,
                                      kept.maeMbps,
                                      1e-9 * kept.maeMbps,
                                      "the best row's MAE is the kept model's");
            NS_TEST_EXPECT_MSG_EQ_TOL(bestRow->validationNmaePct,
                                      kept.nmaePct,
                                      1e-9 * kept.nmaePct,
                                      "and its NMAE");
        }

        // Plateau: a rate high enough to overshoot; halved after every epoch without a better
        // validation loss, kept after a better one.
        Ptr<NeuralTrainer> plateau = make(8, "plateau", 0.01);
        plateau->Train();
        const auto& p = plateau->GetLearningCurve();
        NS_TEST_ASSERT_MSG_EQ(p.size(), 8, "eight epochs");
        uint32_t decays = 0;
        for (size_t i = 1; i < p.size(); ++i)
        {
            const double want =
                p[i - 1].best ? p[i - 1].learningRate : std::max(1e-5, p[i - 1].learningRate * 0.5);
            NS_TEST_ASSERT_MSG_EQ(p[i].learningRate, want, "plateau rate of epoch " << i + 1);
            decays += p[i].learningRate < p[i - 1].learningRate;
        }
        NS_TEST_ASSERT_MSG_GT(decays, 0, "the plateau schedule lowered the rate");

        // Resume: the rate and the curve come back from the checkpoint.
        const std::string checkpoint = CreateTempDirFilename("plateau-checkpoint.pt");
        uint32_t split = 0; // the first epoch after a decay, so that the rate must be restored
        for (size_t i = 1; i < p.size() && !split; ++i)
        {
            split = p[i].learningRate < 0.01 ? static_cast<uint32_t>(i) : 0;
        }
        NS_TEST_ASSERT_MSG_GT(split, 0, "a decay to resume after");
        Ptr<NeuralTrainer> first = make(split, "plateau", 0.01);
        first->Train(checkpoint);
        Ptr<NeuralTrainer> resumed = make(8, "plateau", 0.01);
        resumed->Train(checkpoint, true);
        const auto& r = resumed->GetLearningCurve();
        NS_TEST_ASSERT_MSG_EQ(r.size(), p.size(), "the whole curve, resumed epochs included");
        for (size_t i = 0; i < r.size() && i < p.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(r[i].learningRate, p[i].learningRate, "rate, epoch " << i + 1);
            NS_TEST_ASSERT_MSG_EQ(r[i].validationLoss,
                                  p[i].validationLoss,
                                  "validation loss, epoch " << i + 1);
            NS_TEST_ASSERT_MSG_EQ(r[i].best, p[i].best, "best flag, epoch " << i + 1);
        }

        // Bad attributes, named.
        Ptr<NeuralTrainer> step = make(1, "step", 1e-3);
        std::string msg = ErrorOf([&]() { step->Train(); });
        NS_TEST_ASSERT_MSG_NE(msg.find("LearningRateSchedule"), std::string::npos, msg);
        Ptr<NeuralTrainer> floor = make(1, "cosine", 1e-3);
        floor->SetAttribute("MinLearningRate", DoubleValue(1e-2));
        msg = ErrorOf([&]() { floor->Train(); });
        NS_TEST_ASSERT_MSG_NE(msg.find("MinLearningRate"), std::string::npos, msg);

        // The linear baseline on the test samples: every sample, finite.
        const NeuralEvaluation linear = NeuralTrainer::EvaluateLinear(data, test);
        const NeuralEvaluation historical = NeuralTrainer::EvaluateHistorical(data, test);
        NS_TEST_ASSERT_MSG_EQ(linear.samples, test.size(), "every test sample");
        NS_TEST_ASSERT_MSG_EQ(std::isfinite(linear.maeMbps), true, "finite MAE");
        NS_TEST_ASSERT_MSG_GT(linear.maeMbps, 0.0, "not the truth itself");
        // Its own estimator (not historical's shares), and no broken fit: with 4 training days
        // it is within 10 % of historical (on the default scenario it is 11 % better).
        NS_TEST_ASSERT_MSG_NE(linear.maeMbps, historical.maeMbps, "another estimator");
        NS_TEST_EXPECT_MSG_EQ_TOL(linear.maeMbps,
                                  historical.maeMbps,
                                  0.1 * historical.maeMbps,
                                  "a sane fit");
        Simulator::Destroy();
    }
};

/**
 * \ingroup microscope-tests
 * LevelDeviation models: the shape records the extra channel; the decomposer refuses to run one
 * before the training period, learns the usual level from the training days as the trainer
 * does (the file reproduces the trainer's test MAE), and the channel changes the model.
 */
class NeuralLevelDeviationTestCase : public TestCase
{
public:
    NeuralLevelDeviationTestCase()
        : TestCase("LevelDeviation: the usual level learnt in training, reproduced in the "
                   "decomposer")
    {
    }

private:
    void DoRun() override
    {
        MtdDataset data;
        TinyAntennaDataset(data);
        Ptr<NeuralTrainer> t = TinyTrainer("cnn", "ratio-ce", 11);
        t->SetAttribute("LevelDeviation", BooleanValue(true));
        t->SetDataset(data);
        t->Train();
        Ptr<NeuralTrainer> plain = TinyTrainer("cnn", "ratio-ce", 11);
        plain->SetDataset(data);
        plain->Train();
        const double mae = t->Evaluate(data.GetTest()).maeMbps;
        NS_TEST_ASSERT_MSG_NE(mae, plain->Evaluate(data.GetTest()).maeMbps, "the channel counts");
        NS_TEST_ASSERT_MSG_EQ(t->GetInfo().GetChannels(), 5, "aggregate, calendar, deviation");

        const std::string path = CreateTempDirFilename("deviation.pt");
        t->SaveModel(path, "tiny", "test");
        NS_TEST_ASSERT_MSG_EQ(NeuralDecomposer::ReadInfo(path).levelDeviation, true, "recorded");
        Ptr<NeuralDecomposer> neural = TinyAntennaDecomposer(data, path);
        AggregateHistory history;
        history.Reset(3, data.GetNNodes());
        history.Push(std::vector<double>(data.GetNNodes(), 1.0));
        {
            DecompositionContext ctx;
            DemandMatrix e;
            const std::string msg = ErrorOf([&]() { neural->Decompose(ctx, history, e); });
            NS_TEST_ASSERT_MSG_NE(msg.find("usual level"), std::string::npos, msg);
            NS_TEST_ASSERT_MSG_NE(msg.find(path), std::string::npos, "file named: " << msg);
        }
        TrainOnTrainingDays(neural, data, history);
        double sumAbs = 0.0;
        uint64_t count = 0;
        DemandMatrix estimate;
        for (uint64_t i : data.GetTest())
        {
            TinyWindow(data, i, history);
            neural->Decompose(TinyContext(data, i), history, estimate);
            const float* d = data.Truth(i);
            for (uint32_t k = 0; k < data.GetNServices(); ++k)
            {
                for (uint32_t n = 0; n < data.GetNNodes(); ++n)
                {
                    sumAbs += std::abs(estimate(k, n) - d[k * data.GetNNodes() + n]);
                    ++count;
                }
            }
        }
        NS_TEST_ASSERT_MSG_EQ_TOL(sumAbs / count, mae, 1e-5 * mae, "file reproduces the trainer");
        Simulator::Destroy();
    }
};

/**
 * \ingroup microscope-tests
 * A HistoricalPrior model starts from the historical baseline: untrained (learning rate 1e-7,
 * output gate at 0) it gives the baseline's estimates; a model without the prior does not.
 */
class NeuralPriorTestCase : public TestCase
{
public:
    NeuralPriorTestCase()
        : TestCase("HistoricalPrior: an untrained correction reproduces the historical baseline")
    {
    }

private:
    void DoRun() override
    {
        MtdDataset data;
        TinyAntennaDataset(data);
        const NeuralEvaluation historical = NeuralTrainer::EvaluateHistorical(data, data.GetTest());
        for (bool prior : {true, false})
        {
            Ptr<NeuralTrainer> t = TinyTrainer("cnn", "ratio-ce", 3);
            t->SetAttribute("Epochs", UintegerValue(1));
            t->SetAttribute("SamplesPerEpoch", UintegerValue(16));
            t->SetAttribute("LearningRate", DoubleValue(1e-7));
            t->SetAttribute("HistoricalPrior", BooleanValue(prior));
            t->SetDataset(data);
            t->Train();
            const NeuralEvaluation e = t->Evaluate(data.GetTest());
            const double gap = std::abs(e.maeMbps - historical.maeMbps) / historical.maeMbps;
            if (prior)
            {
                // Only the 1e-4 floor of the prior's log and float rounding differ.
                NS_TEST_ASSERT_MSG_LT(gap, 2e-3, "prior model = baseline (" << e.maeMbps << ")");
            }
            else
            {
                NS_TEST_ASSERT_MSG_GT(gap, 0.05, "an untrained network is not the baseline");
            }
        }
        Simulator::Destroy();
    }
};

/**
 * \ingroup microscope-tests
 * The model shipped for the default scenario (models/antenna.pt) still loads and scores: on
 * the last test day of the regenerated default scenario (792 antennas, 85 days, seed 1, run 1,
 * as microscope-slicing builds it), at the antenna level, it runs without repairs and is at
 * least as accurate as the historical baseline on the same intervals.
 */
class NeuralShippedModelTestCase : public TestCase
{
public:
    NeuralShippedModelTestCase()
        : TestCase("The shipped antenna model loads and scores on the default scenario")
    {
    }

private:
    void DoRun() override
    {
        // NS_TEST_SOURCEDIR is the module's test/ folder (absolute standalone, relative to the
        // ns-3 root in a source tree); the models sit beside it.
        const std::string path = std::string(NS_TEST_SOURCEDIR) + "/../models/antenna.pt";
        NS_TEST_ASSERT_MSG_EQ(std::ifstream(path).good(), true, "shipped model " << path);
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        MicroscopeHelper helper;
        helper.SetLayoutGeneratorAttribute("NumAntennas", UintegerValue(792));
        helper.SetTrafficGeneratorAttribute("Days", UintegerValue(85));
        helper.SetDatacenterTiers(false);
        helper.SetOrchestratorAttribute("EvaluationStartDay", IntegerValue(84));
        helper.SetOrchestratorAttribute("DecomposeUnevaluated", BooleanValue(false));
        helper.AddLane("neural", "neural");
        helper.SetLaneAttribute("neural", NetworkLevel::ANTENNA, "ModelFile", StringValue(path));
        helper.AddLane("historical", "historical");
        helper.AssignStreams(1);
        Ptr<SlotOrchestrator> orchestrator = helper.Install();
        orchestrator->Start();
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(orchestrator->IsFinished(), true, "the run finished");
        NS_TEST_ASSERT_MSG_EQ(orchestrator->GetNRepairs("neural", NetworkLevel::ANTENNA),
                              0,
                              "no repaired estimate");
        Ptr<NeuralDecomposer> shipped = DynamicCast<NeuralDecomposer>(
            orchestrator->GetDecomposer("neural", NetworkLevel::ANTENNA));
        NS_TEST_ASSERT_MSG_NE(shipped, nullptr, "a neural decomposer at the antennas");
        NS_TEST_ASSERT_MSG_EQ(shipped->GetNRepaired(),
                              0,
                              "the shipped ratio model's own estimates needed no repair");
        auto neural = orchestrator->GetCostAccountant()->GetLevelCosts(0, NetworkLevel::ANTENNA);
        auto historical =
            orchestrator->GetCostAccountant()->GetLevelCosts(1, NetworkLevel::ANTENNA);
        NS_TEST_ASSERT_MSG_EQ(neural.evaluatedIntervals, 288, "one evaluated day");
        NS_TEST_ASSERT_MSG_GT(neural.maeMbps, 0.0, "a real estimate");
        NS_TEST_ASSERT_MSG_LT_OR_EQ(neural.maeMbps,
                                    historical.maeMbps,
                                    "the shipped model is no worse than historical ("
                                        << neural.maeMbps << " vs " << historical.maeMbps
                                        << " Mbps)");
        Simulator::Destroy();
    }
};

/**
 * \ingroup microscope-tests
 * The neural suite.
 */
class MicroscopeNeuralTestSuite : public TestSuite
{
public:
    MicroscopeNeuralTestSuite()
        : TestSuite("microscope-neural", UNIT)
    {
        AddTestCase(new NeuralModelFileTestCase, TestCase::QUICK);
        AddTestCase(new NeuralInPipelineTestCase, TestCase::QUICK);
        AddTestCase(new NeuralPriorTestCase, TestCase::QUICK);
        AddTestCase(new NeuralCheckpointTestCase, TestCase::QUICK);
        AddTestCase(new NeuralScheduleTestCase, TestCase::QUICK);
        AddTestCase(new NeuralLevelDeviationTestCase, TestCase::QUICK);
        // The default scenario in full (792 antennas, 85 days): about 5 s.
        AddTestCase(new NeuralShippedModelTestCase, TestCase::EXTENSIVE);
    }
};

/// The suite's single instance.
static MicroscopeNeuralTestSuite g_microscopeNeuralTestSuite;
