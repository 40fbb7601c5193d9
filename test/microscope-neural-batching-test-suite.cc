/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Batched inference in the fluid mode (NeuralDecomposer BatchSize, Decomposer::Prefetch()):
 * the orchestrator tells a batching decomposer exactly the history it will later see, batched
 * estimates equal per-interval inference at every level for conserving and cost-aware models,
 * batch sizes that do not divide the decomposed intervals work, and a batched run is
 * deterministic.
 */

#include "microscope-orchestrator-test-utils.h"

#include "ns3/core-module.h"
#include "ns3/microscope-helper.h"
#include "ns3/mtd-dataset.h"
#include "ns3/neural-decomposer.h"
#include "ns3/neural-trainer.h"
#include "ns3/slot-orchestrator.h"
#include "ns3/test.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

using namespace ns3;
using namespace ns3::microscope_test;

namespace
{

/**
 * A decomposer that asks for batches of a given size and checks, at every Decompose(), that
 * what Prefetch() told it (context and history window) is bit for bit what it is given then.
 * Its estimate is an even split of the aggregate.
 */
class TellTaleDecomposer : public Decomposer
{
public:
    /// \param batch what GetBatchSize() returns.
    explicit TellTaleDecomposer(uint32_t batch)
        : m_batch(batch)
    {
    }

    uint32_t GetBatchSize() const override
    {
        return m_batch;
    }

    void Prefetch(const std::vector<DecompositionContext>& contexts,
                  const AggregateHistory& history,
                  const std::vector<std::vector<double>>& upcoming) override
    {
        ++m_prefetches;
        m_maxBatch = std::max<size_t>(m_maxBatch, contexts.size());
        m_truthGiven = m_truthGiven || std::any_of(contexts.begin(),
                                                   contexts.end(),
                                                   [](const DecompositionContext& c)
                                                   { return c.truth != nullptr; });
        m_wrongCount = m_wrongCount || upcoming.size() + 1 != contexts.size() ||
                       contexts.size() > m_batch ||
                       (!m_told.empty() && !m_used.empty() && m_used.size() != m_told.size());
        m_told.clear();
        m_used.clear();
        AggregateHistory window = history;
        const size_t size = static_cast<size_t>(history.GetLength()) * history.GetNNodes();
        for (size_t k = 0; k < contexts.size(); ++k)
        {
            if (k > 0)
            {
                window.Push(upcoming[k - 1]);
            }
            Told t;
            t.context = contexts[k];
            t.window.resize(size);
            window.CopyTo(t.window.data());
            m_told[contexts[k].interval] = t;
        }
    }

    void Decompose(const DecompositionContext& context,
                   const AggregateHistory& history,
                   DemandMatrix& estimate) override
    {
        ++m_decomposed;
        auto it = m_told.find(context.interval);
        if (it == m_told.end())
        {
            ++m_untold;
        }
        else
        {
            std::vector<float> live(it->second.window.size());
            history.CopyTo(live.data());
            const DecompositionContext& c = it->second.context;
            if (live != it->second.window || c.firstSlot != context.firstSlot ||
                c.day != context.day || c.intervalOfDay != context.intervalOfDay ||
                c.dayType != context.dayType || c.level != context.level)
            {
                ++m_mismatches;
            }
            m_used.push_back(context.interval);
        }
        const auto& setup = GetSetup();
        estimate.Resize(setup.nServices, setup.nNodes);
        for (uint32_t s = 0; s < setup.nServices; ++s)
        {
            for (uint32_t n = 0; n < setup.nNodes; ++n)
            {
                estimate(s, n) = history.Newest()[n] / setup.nServices;
            }
        }
    }

    std::string GetName() const override
    {
        return "tell-tale";
    }

    uint64_t m_prefetches{0}; //!< Prefetch() calls
    uint64_t m_decomposed{0}; //!< Decompose() calls
    uint64_t m_untold{0};     //!< Decompose() of an interval no Prefetch() named
    uint64_t m_mismatches{0}; //!< told context or window differs from the live one
    size_t m_maxBatch{0};     //!< largest batch told
    bool m_truthGiven{false}; //!< a prefetched context carried the truth
    bool m_wrongCount{false}; //!< sizes inconsistent, or a batch replaced before it was used

private:
    /// What Prefetch() said of one interval.
    struct Told
    {
        DecompositionContext context; //!< when
        std::vector<float> window;    //!< the window, oldest first
    };

    uint32_t m_batch;                //!< batch size
    std::map<uint64_t, Told> m_told; //!< the current batch
    std::vector<uint64_t> m_used;    //!< intervals of the current batch decomposed
};

/**
 * A tiny scenario: 40 antennas, 6 days (4 training, 1 validation, 1 test), every level at 30
 * minutes.
 * \param helper the helper to configure.
 */
void
BatchingTinyScenario(MicroscopeHelper& helper)
{
    helper.SetLayoutGeneratorAttribute("NumAntennas", UintegerValue(40));
    helper.SetTrafficGeneratorAttribute("Days", UintegerValue(6));
    helper.SetTierBuilderAttribute("MecNodes", UintegerValue(4));
    helper.SetTierBuilderAttribute("CranNodes", UintegerValue(3));
    helper.SetTierBuilderAttribute("CoreNodes", UintegerValue(2));
    helper.SetLoadEstimationDays(1);
    for (const char* name : {"AntennaInterval", "MecInterval", "CranInterval", "CoreInterval"})
    {
        helper.SetOrchestratorAttribute(name, TimeValue(Minutes(30)));
    }
    helper.AssignStreams(1);
}

/// The levels.
const std::array<NetworkLevel, 4> LEVELS = {NetworkLevel::ANTENNA,
                                            NetworkLevel::MEC,
                                            NetworkLevel::CRAN,
                                            NetworkLevel::CORE};

/// Architecture and loss of the conserving ("neural") model at each level.
const std::array<std::pair<const char*, const char*>, 4> NEURAL = {{{"3d-defcnn", "ratio-ce"},
                                                                    {"cnn", "regression"},
                                                                    {"zipnet", "ratio-ce"},
                                                                    {"lstm", "ratio-ce"}}};

/// Architecture of the cost-aware model at each level.
const std::array<const char*, 4> COST = {"cnn", "defcnn", "cnn", "lstm"};

/// Estimates of one run: (lane/level) -> every decomposed interval's values, in order.
using Estimates = std::map<std::string, std::vector<double>>;

/// What one run gives.
struct RunResult
{
    Estimates estimates;                 //!< the Estimate trace
    std::map<std::string, double> costs; //!< (lane/level/figure) -> cost figure
    uint64_t batches{0};                 //!< batched forward passes over all decomposers
    uint64_t batchedDecompositions{0};   //!< Decompose() calls served from a batch
    uint64_t decompositions{0};          //!< Decompose() calls of the neural lanes
    std::string summary;                 //!< summary.json
    std::string nodeCosts;               //!< node_costs.csv
};

} // namespace

/**
 * \ingroup microscope-tests
 * The orchestrator's side of batching: a decomposer asking for batches of 5 is told, before
 * the Decompose() of every interval it decomposes, exactly the context and history window it
 * is then given (bit for bit), at intervals of 5, 10, 30 and 60 minutes; no batch reaches
 * past a pause in decomposition (validation days not decomposed) or the end of the run; no
 * truth is told ahead; the demand trace still fires for every slot, in order.
 */
class PrefetchHookTestCase : public TestCase
{
public:
    PrefetchHookTestCase()
        : TestCase("The orchestrator tells a batching decomposer the very histories it will see")
    {
    }

private:
    void DoRun() override
    {
        const uint32_t antennas = 6;
        const uint64_t slotsPerDay = 288;
        const uint64_t days = 5;
        auto demand = [](uint64_t slot, uint32_t s, uint32_t a)
        { return 1.0 + Hash01(slot * 131 + s * 17 + a) * (1 + s + a); };
        auto source = CreateObject<FunctionTrafficSource>(3,
                                                          antennas,
                                                          days * slotsPerDay,
                                                          Minutes(5),
                                                          demand);
        auto topology =
            MakeTopology(antennas, {0, 0, 1, 1, 2, 2}, {0, 0, 0, 1, 1, 1}, {0, 0, 0, 0, 0, 0});
        for (bool unevaluated : {false, true})
        {
            Ptr<SlotOrchestrator> o = CreateObject<SlotOrchestrator>();
            o->SetTrafficSource(source);
            o->SetTopology(topology);
            o->SetAttribute("MecInterval", TimeValue(Minutes(10)));
            o->SetAttribute("CranInterval", TimeValue(Minutes(30)));
            o->SetAttribute("CoreInterval", TimeValue(Minutes(60)));
            o->SetAttribute("History", UintegerValue(4));
            o->SetAttribute("TrainFraction", DoubleValue(0.4));      // days 0-1
            o->SetAttribute("ValidationFraction", DoubleValue(0.2)); // day 2
            o->SetAttribute("EvaluationEndDay", IntegerValue(4));    // day 4 not evaluated
            o->SetAttribute("DecomposeUnevaluated", BooleanValue(unevaluated));
            std::vector<Ptr<TellTaleDecomposer>> tellTales;
            for (auto level : LEVELS)
            {
                tellTales.push_back(CreateObject<TellTaleDecomposer>(5));
                o->AddLane("tell-tale", level, tellTales.back());
            }
            uint64_t demandSlots = 0;
            bool inOrder = true;
            o->TraceConnectWithoutContext("Demand",
                                          Callback<void, uint64_t, const DemandMatrix&>(
                                              [&](uint64_t slot, const DemandMatrix& d)
                                              {
                                                  inOrder = inOrder && slot == demandSlots &&
                                                            d(1, 3) == demand(slot, 1, 3);
                                                  ++demandSlots;
                                              }));
            o->Start();
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(o->IsFinished(), true, "the run finished");
            NS_TEST_ASSERT_MSG_EQ(demandSlots, days * slotsPerDay, "a demand trace per slot");
            NS_TEST_ASSERT_MSG_EQ(inOrder, true, "slots traced in order, with their demand");
            const uint32_t minutes[4] = {5, 10, 30, 60};
            for (size_t i = 0; i < tellTales.size(); ++i)
            {
                const auto& t = *tellTales[i];
                const uint64_t perDay = 1440 / minutes[i];
                // Decomposed: day 3 (evaluated), plus days 2 and 4 when unevaluated ones are.
                const uint64_t expected = (unevaluated ? 3 : 1) * perDay;
                NS_TEST_ASSERT_MSG_EQ(t.m_decomposed, expected, "decomposed intervals " << i);
                NS_TEST_ASSERT_MSG_EQ(t.m_untold, 0, "every decomposed interval told ahead");
                NS_TEST_ASSERT_MSG_EQ(t.m_mismatches, 0, "told = seen, bit for bit, level " << i);
                NS_TEST_ASSERT_MSG_EQ(t.m_truthGiven, false, "no truth told ahead");
                NS_TEST_ASSERT_MSG_EQ(t.m_wrongCount, false, "consistent batches, all used");
                NS_TEST_ASSERT_MSG_EQ(t.m_maxBatch, 5, "batches of 5");
                // One batch of 5 after another over the decomposed days (days 2-4 in a row,
                // or day 3 alone), the last one cut short by the pause or the end of the run.
                NS_TEST_ASSERT_MSG_EQ(t.m_prefetches,
                                      (expected + 4) / 5,
                                      "one prefetch per 5 decomposed intervals, level " << i);
            }
            Simulator::Destroy();
        }

        // A source that fails at a slot: the run stops with the error, even when the slot is
        // read ahead, and leaves nothing behind.
        auto failing =
            CreateObject<FunctionTrafficSource>(3,
                                                antennas,
                                                days * slotsPerDay,
                                                Minutes(5),
                                                [](uint64_t, uint32_t, uint32_t) { return 1.0; });
        failing->ThrowAt(3 * slotsPerDay + 2);
        Ptr<SlotOrchestrator> o = CreateObject<SlotOrchestrator>();
        o->SetTrafficSource(failing);
        o->SetTopology(topology);
        o->SetAttribute("TrainFraction", DoubleValue(0.4));
        o->SetAttribute("ValidationFraction", DoubleValue(0.2));
        o->AddLane("tell-tale", NetworkLevel::ANTENNA, CreateObject<TellTaleDecomposer>(50));
        o->Start();
        const std::string error = ErrorOf([]() { Simulator::Run(); });
        NS_TEST_ASSERT_MSG_NE(error.find("failing at slot 866"),
                              std::string::npos,
                              "the source's error: " << error);
        NS_TEST_ASSERT_MSG_EQ((o->GetNSlotsProcessed() < 3 * slotsPerDay + 2),
                              true,
                              "stopped before the failing slot's time");
        Simulator::Destroy();
    }
};

/**
 * \ingroup microscope-tests
 * NeuralDecomposer batching on a tiny scenario with small untrained-ish models (one short
 * epoch) at all four levels, for the conserving lane (3D-DefCNN with ratio loss at the
 * antennas, a regression CNN, a ZipNet, an LSTM) and the cost-aware lane: batch sizes 7 and
 * 200 (neither divides the 96 decomposed intervals per level; 200 exceeds them) give the
 * estimates and costs of batch size 1 within 1e-5 relative at every level; batching really
 * happened (every decomposition served from a batch) and batch size 1 never batches; two runs
 * at batch size 7 write byte-identical results.
 */
class NeuralBatchingTestCase : public TestCase
{
public:
    /**
     * Constructor.
     * \param run the ns-3 run number: 1 in the QUICK set, others TAKES_FOREVER.
     */
    explicit NeuralBatchingTestCase(uint32_t run = 1)
        : TestCase(std::string("Batched neural inference equals per-interval inference, "
                               "cost-aware too") +
                   (run == 1 ? "" : " (run " + std::to_string(run) + ")")),
          m_run(run)
    {
    }

private:
    /**
     * Train one tiny model.
     * \param data the level's dataset.
     * \param architecture the architecture.
     * \param loss the loss.
     * \param path where to save it.
     */
    void TrainModel(const MtdDataset& data,
                    const std::string& architecture,
                    const std::string& loss,
                    const std::string& path)
    {
        Ptr<NeuralTrainer> t = CreateObject<NeuralTrainer>();
        t->SetAttribute("Architecture", StringValue(architecture));
        t->SetAttribute("Loss", StringValue(loss));
        t->SetAttribute("Epochs", UintegerValue(1));
        t->SetAttribute("SamplesPerEpoch", UintegerValue(32));
        t->SetAttribute("ValidationSamples", UintegerValue(16));
        t->SetAttribute("BatchSize", UintegerValue(16));
        t->SetAttribute("Threads", UintegerValue(1));
        t->AssignStreams(7);
        t->SetDataset(data);
        t->Train();
        t->SaveModel(path, "tiny", "test");
    }

    /**
     * Run the tiny scenario with both neural lanes.
     * \param batch the BatchSize of every neural decomposer.
     * \param tag names the output folder.
     * \return what the run gave.
     */
    RunResult Run(uint32_t batch, const std::string& tag)
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(m_run);
        MicroscopeHelper helper;
        BatchingTinyScenario(helper);
        helper.AddLane("neural", "neural");
        helper.AddLane("cost-aware", "cost-aware");
        helper.AddLane("oracle", "oracle");
        for (size_t i = 0; i < LEVELS.size(); ++i)
        {
            for (const char* lane : {"neural", "cost-aware"})
            {
                const std::string& file = std::string(lane) == "neural" ? m_neural[i] : m_cost[i];
                helper.SetLaneAttribute(lane, LEVELS[i], "ModelFile", StringValue(file));
                helper.SetLaneAttribute(lane, LEVELS[i], "Threads", UintegerValue(1));
                helper.SetLaneAttribute(lane, LEVELS[i], "BatchSize", UintegerValue(batch));
            }
        }
        Ptr<SlotOrchestrator> o = helper.Install();
        RunResult r;
        o->TraceConnectWithoutContext(
            "Estimate",
            EstimateSink(
                [&r](const std::string& lane,
                     NetworkLevel level,
                     uint64_t,
                     const DemandMatrix&,
                     const DemandMatrix& e)
                {
                    if (lane != "oracle")
                    {
                        auto& v = r.estimates[lane + "/" + NetworkLevelName(level)];
                        v.insert(v.end(), e.Values().begin(), e.Values().end());
                    }
                }));
        o->Start();
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(o->IsFinished(), true, "the run finished");
        Ptr<CostAccountant> accountant = o->GetCostAccountant();
        for (uint32_t lane = 0; lane < 2; ++lane)
        {
            const std::string name = lane == 0 ? "neural" : "cost-aware";
            for (auto level : LEVELS)
            {
                const LevelCosts c = accountant->GetLevelCosts(lane, level);
                const std::string key = name + "/" + NetworkLevelName(level);
                r.costs[key + "/sla"] = c.slaViolationMBps;
                r.costs[key + "/over"] = c.overprovisioningMBps;
                r.costs[key + "/mae"] = c.maeMbps;
                auto d = DynamicCast<NeuralDecomposer>(o->GetDecomposer(name, level));
                r.batches += d->GetNBatches();
                r.batchedDecompositions += d->GetNBatchedDecompositions();
            }
        }
        for (const auto& [key, values] : r.estimates)
        {
            r.decompositions += values.size();
        }
        const std::string dir = CreateTempDirFilename("run-" + tag);
        SystemPath::MakeDirectories(dir);
        o->WriteResults(dir);
        r.summary = ReadAll(dir + "/summary.json");
        r.nodeCosts = ReadAll(dir + "/node_costs.csv");
        Simulator::Destroy();
        return r;
    }

    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(m_run);
        {
            MicroscopeHelper helper;
            BatchingTinyScenario(helper);
            helper.BuildScenario();
            for (size_t i = 0; i < LEVELS.size(); ++i)
            {
                MtdDataset data;
                data.Build(helper.GetTrafficSource(),
                           helper.GetTopology(),
                           LEVELS[i],
                           Minutes(30),
                           6);
                const std::string level = NetworkLevelName(LEVELS[i]);
                m_neural[i] = CreateTempDirFilename(level + "-neural.pt");
                m_cost[i] = CreateTempDirFilename(level + "-cost.pt");
                TrainModel(data, NEURAL[i].first, NEURAL[i].second, m_neural[i]);
                TrainModel(data, COST[i], "cost", m_cost[i]);
            }
            Simulator::Destroy();
        }

        const RunResult one = Run(1, "b1");
        NS_TEST_ASSERT_MSG_EQ(one.estimates.size(), 8, "two lanes at four levels");
        NS_TEST_ASSERT_MSG_EQ(one.batches, 0, "batch size 1 never batches");
        NS_TEST_ASSERT_MSG_EQ(one.batchedDecompositions, 0, "nor serves from a batch");
        for (uint32_t batch : {7u, 200u})
        {
            const RunResult b = Run(batch, "b" + std::to_string(batch));
            NS_TEST_ASSERT_MSG_GT(b.batches, 0, "batch size " << batch << " batches");
            // 2 lanes x 4 levels x 96 decomposed intervals.
            NS_TEST_ASSERT_MSG_EQ(b.batchedDecompositions,
                                  8 * 96,
                                  "every decomposition served from a batch");
            const uint64_t perDecomposer = batch == 7 ? (96 + 6) / 7 : 1;
            NS_TEST_ASSERT_MSG_EQ(b.batches, 8 * perDecomposer, "batches of " << batch);
            for (const auto& [key, reference] : one.estimates)
            {
                const auto it = b.estimates.find(key);
                NS_TEST_ASSERT_MSG_EQ((it != b.estimates.end()), true, key << " decomposed");
                const std::vector<double>& values = it->second;
                NS_TEST_ASSERT_MSG_EQ(values.size(), reference.size(), key << ": as many values");
                double worst = 0.0;
                for (size_t i = 0; i < values.size(); ++i)
                {
                    const double scale = std::max(std::abs(reference[i]), 1e-12);
                    worst = std::max(worst, std::abs(values[i] - reference[i]) / scale);
                }
                NS_TEST_ASSERT_MSG_LT_OR_EQ(worst,
                                            1e-5,
                                            key << ", batch " << batch
                                                << ": largest relative difference " << worst);
            }
            for (const auto& [key, reference] : one.costs)
            {
                const double value = b.costs.at(key);
                NS_TEST_ASSERT_MSG_EQ_TOL(value,
                                          reference,
                                          1e-5 * std::abs(reference) + 1e-12,
                                          key << ", batch " << batch);
            }
        }
        // Determinism at a given batch size.
        const RunResult first = Run(7, "b7-first");
        const RunResult second = Run(7, "b7-second");
        NS_TEST_ASSERT_MSG_EQ((first.estimates == second.estimates),
                              true,
                              "identical estimates at batch size 7");
        NS_TEST_ASSERT_MSG_EQ(first.summary.empty(), false, "summary.json written");
        NS_TEST_ASSERT_MSG_EQ((first.summary == second.summary),
                              true,
                              "byte-identical summary.json");
        NS_TEST_ASSERT_MSG_EQ((first.nodeCosts == second.nodeCosts),
                              true,
                              "byte-identical node_costs.csv");
    }

    uint32_t m_run;                      //!< the ns-3 run number
    std::array<std::string, 4> m_neural; //!< conserving model per level
    std::array<std::string, 4> m_cost;   //!< cost-aware model per level
};

/**
 * \ingroup microscope-tests
 * The batching suite.
 */
class MicroscopeNeuralBatchingTestSuite : public TestSuite
{
public:
    MicroscopeNeuralBatchingTestSuite()
        : TestSuite("microscope-neural-batching", UNIT)
    {
        AddTestCase(new PrefetchHookTestCase, TestCase::QUICK);
        AddTestCase(new NeuralBatchingTestCase, TestCase::QUICK);
        // Extra seeds.
        AddTestCase(new NeuralBatchingTestCase(2), TestCase::TAKES_FOREVER);
        AddTestCase(new NeuralBatchingTestCase(3), TestCase::TAKES_FOREVER);
    }
};

/// The suite's instance.
static MicroscopeNeuralBatchingTestSuite g_microscopeNeuralBatchingTestSuite;
