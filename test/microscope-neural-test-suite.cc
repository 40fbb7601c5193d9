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
        DecomposerSetup setup;
        setup.level = NetworkLevel::ANTENNA;
        setup.nNodes = data.GetNNodes();
        setup.nServices = data.GetNServices();
        setup.historyLength = 3;
        setup.interval = Minutes(30);
        setup.intervalsPerDay = 48;
        setup.nodePositions = data.GetNodePositions();
        setup.catalog = data.GetServiceCatalog();
        Ptr<NeuralDecomposer> neural = CreateObject<NeuralDecomposer>();
        neural->SetAttribute("ModelFile", StringValue(path));
        neural->SetAttribute("Threads", UintegerValue(1));
        neural->Setup(setup);
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
        DemandMatrix trainTruth(data.GetNServices(), data.GetNNodes());
        for (uint64_t i = 0; i < data.GetNIntervals() && data.GetDay(i) < data.GetTrainDays(); ++i)
        {
            const float* agg = data.Aggregate(i);
            history.Push(std::vector<double>(agg, agg + data.GetNNodes()));
            const float* d = data.Truth(i);
            std::copy(d, d + trainTruth.GetNServices() * trainTruth.GetNNodes(), trainTruth.Data());
            DecompositionContext ctx;
            ctx.level = NetworkLevel::ANTENNA;
            ctx.interval = i;
            ctx.day = data.GetDay(i);
            ctx.intervalOfDay = data.GetIntervalOfDay(i);
            ctx.dayType = data.GetDayType(i);
            neural->Train(ctx, history, trainTruth);
        }
        neural->EndTraining();
        double sumAbs = 0.0;
        uint64_t count = 0;
        DemandMatrix estimate;
        for (uint64_t i : data.GetTest())
        {
            history.Reset(3, data.GetNNodes());
            for (uint64_t k = i - 2; k <= i; ++k)
            {
                const float* agg = data.Aggregate(k);
                history.Push(std::vector<double>(agg, agg + data.GetNNodes()));
            }
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
        // The default scenario in full (792 antennas, 85 days): about 5 s.
        AddTestCase(new NeuralShippedModelTestCase, TestCase::EXTENSIVE);
    }
};

/// The suite's single instance.
static MicroscopeNeuralTestSuite g_microscopeNeuralTestSuite;
