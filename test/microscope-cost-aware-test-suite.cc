/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of cost-aware slicing (Microscope paper, Sec. 7.1): capacity estimates that need not sum
 * to the aggregate, the pipeline keeping a non-conserving lane's allocation while still repairing a
 * conserving one, the validation hooks of tuned lanes, the costs of a trained cost-aware lane
 * recomputed from slots.csv, and model files of the wrong kind. The loss itself, LibTorch only, is
 * tested by GoogleTest (test/gtest/nn-cost-loss-test.cc).
 */

#include "microscope-orchestrator-test-utils.h"

#include "ns3/core-module.h"
#include "ns3/cost-accountant.h"
#include "ns3/csv-table-reader.h"
#include "ns3/input-error.h"
#include "ns3/microscope-helper.h"
#include "ns3/mtd-dataset.h"
#include "ns3/neural-decomposer.h"
#include "ns3/neural-trainer.h"
#include "ns3/slot-orchestrator.h"
#include "ns3/test.h"

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace ns3;
using namespace ns3::microscope_test;

namespace
{

/**
 * Returns the truth scaled by a factor; declares whether it preserves the aggregate. Counts
 * the validation hooks.
 */
class ScaledDecomposer : public Decomposer
{
public:
    /**
     * \param factor estimate = factor * truth.
     * \param preserves what PreservesAggregate() returns.
     * \param needsValidation what NeedsValidation() returns.
     */
    ScaledDecomposer(double factor, bool preserves, bool needsValidation = false)
        : m_factor(factor),
          m_preserves(preserves),
          m_needsValidation(needsValidation)
    {
    }

    void Decompose(const DecompositionContext& context,
                   const AggregateHistory& history,
                   DemandMatrix& estimate) override
    {
        const auto& setup = GetSetup();
        estimate.Resize(setup.nServices, setup.nNodes);
        for (uint32_t s = 0; s < setup.nServices; ++s)
        {
            for (uint32_t n = 0; n < setup.nNodes; ++n)
            {
                estimate(s, n) = m_factor * (*context.truth)(s, n);
            }
        }
        if (context.day >= m_firstTestDay && m_endValidationCalls == 0)
        {
            m_decomposedBeforeEndValidation = true;
        }
        m_decomposedDays.push_back(context.day);
    }

    bool PreservesAggregate() const override
    {
        return m_preserves;
    }

    bool NeedsValidation() const override
    {
        return m_needsValidation;
    }

    void Validate(const DecompositionContext& context,
                  const AggregateHistory& history,
                  const DemandMatrix& truth) override
    {
        m_validatedDays.push_back(context.day);
    }

    void EndValidation() override
    {
        ++m_endValidationCalls;
    }

    void Observe(const DecompositionContext& context, const DemandMatrix& truth) override
    {
        ++m_observed;
    }

    std::string GetName() const override
    {
        return "scaled";
    }

    uint32_t m_firstTestDay{0};                  //!< first test day, for the order check
    std::vector<uint64_t> m_validatedDays;       //!< days of the Validate() calls
    std::vector<uint64_t> m_decomposedDays;      //!< days of the Decompose() calls
    uint32_t m_endValidationCalls{0};            //!< EndValidation() calls
    uint64_t m_observed{0};                      //!< Observe() calls
    bool m_decomposedBeforeEndValidation{false}; //!< a test day decomposed too early

private:
    double m_factor;        //!< scale of the estimate
    bool m_preserves;       //!< PreservesAggregate()
    bool m_needsValidation; //!< NeedsValidation()
};

/// Demand of (slot, service, antenna): positive, varying over the day.
double
DailyDemand(uint64_t slot, uint32_t s, uint32_t a)
{
    return 1.0 + s + 0.5 * a + std::sin(2.0 * M_PI * (slot % 48) / 48.0) + 0.2 * Hash01(slot);
}

/**
 * A tiny scenario of the helper: 40 antennas, 6 days (4 training, 1 validation, 1 test).
 * \param helper the helper to configure.
 */
void
CostAwareTinyScenario(MicroscopeHelper& helper)
{
    helper.SetLayoutGeneratorAttribute("NumAntennas", UintegerValue(40));
    helper.SetTrafficGeneratorAttribute("Days", UintegerValue(6));
    helper.SetTierBuilderAttribute("MecNodes", UintegerValue(4));
    helper.SetTierBuilderAttribute("CranNodes", UintegerValue(3));
    helper.SetTierBuilderAttribute("CoreNodes", UintegerValue(2));
    helper.SetLoadEstimationDays(1);
    helper.SetOrchestratorAttribute("MecInterval", TimeValue(Minutes(30)));
    helper.AssignStreams(1);
}

/**
 * Train a tiny model at the MEC level of CostAwareTinyScenario.
 * \param loss the loss.
 * \param path where to save it.
 */
void
TrainTinyMecModel(const std::string& loss, const std::string& path)
{
    MicroscopeHelper helper;
    CostAwareTinyScenario(helper);
    helper.BuildScenario();
    MtdDataset data;
    data.Build(helper.GetTrafficSource(), helper.GetTopology(), NetworkLevel::MEC, Minutes(30), 6);
    Ptr<NeuralTrainer> t = CreateObject<NeuralTrainer>();
    t->SetAttribute("Architecture", StringValue("cnn"));
    t->SetAttribute("Loss", StringValue(loss));
    t->SetAttribute("Epochs", UintegerValue(3));
    t->SetAttribute("SamplesPerEpoch", UintegerValue(96));
    t->SetAttribute("BatchSize", UintegerValue(16));
    t->SetAttribute("Threads", UintegerValue(1));
    t->AssignStreams(5);
    t->SetDataset(data);
    t->Train();
    t->SaveModel(path, "tiny", "test");
    Simulator::Destroy();
}

} // namespace

/**
 * \ingroup microscope-tests
 * The pipeline keeps a non-conserving lane's estimates (total above the aggregate) and still
 * repairs a conserving lane that breaks the constraint.
 */
class NonConservingLaneTestCase : public TestCase
{
public:
    NonConservingLaneTestCase()
        : TestCase("Non-conserving lanes are kept above the aggregate, conserving ones repaired")
    {
    }

private:
    void DoRun() override
    {
        const uint32_t nAntennas = 4;
        auto source =
            CreateObject<FunctionTrafficSource>(2, nAntennas, 5 * 48, Minutes(30), DailyDemand);
        auto orchestrator = CreateObject<SlotOrchestrator>();
        orchestrator->SetTrafficSource(source);
        orchestrator->SetTopology(MakeTopology(nAntennas, {0, 0, 1, 1}, {}, {}));
        orchestrator->SetAttribute("AntennaInterval", TimeValue(Minutes(30)));
        orchestrator->SetAttribute("MecInterval", TimeValue(Minutes(30)));
        auto capacity = CreateObject<ScaledDecomposer>(1.5, false);
        auto conserving = CreateObject<ScaledDecomposer>(1.5, true);
        orchestrator->AddLane("capacity", NetworkLevel::MEC, capacity);
        orchestrator->AddLane("conserving", NetworkLevel::MEC, conserving);
        double allocated[2] = {0, 0};
        double truth[2] = {0, 0};
        orchestrator->TraceConnectWithoutContext(
            "Allocation",
            Callback<void, const std::string&, NetworkLevel, uint64_t, const DemandMatrix&>(
                [&allocated](const std::string& lane,
                             NetworkLevel,
                             uint64_t,
                             const DemandMatrix& allocation)
                {
                    for (double v : allocation.Values())
                    {
                        allocated[lane == "capacity" ? 0 : 1] += v;
                    }
                }));
        orchestrator->TraceConnectWithoutContext("Estimate",
                                                 EstimateSink(
                                                     [&truth](const std::string& lane,
                                                              NetworkLevel,
                                                              uint64_t,
                                                              const DemandMatrix& t,
                                                              const DemandMatrix&)
                                                     {
                                                         for (double v : t.Values())
                                                         {
                                                             truth[lane == "capacity" ? 0 : 1] += v;
                                                         }
                                                     }));
        orchestrator->Start();
        Simulator::Run();
        Simulator::Destroy();
        NS_TEST_ASSERT_MSG_GT(truth[0], 0.0, "intervals were decomposed");
        // The kept allocation is 1.5 times the truth; the repaired one is scaled back to the
        // aggregate, i.e. the truth.
        NS_TEST_ASSERT_MSG_EQ_TOL(allocated[0] / truth[0], 1.5, 1e-9, "kept: 1.5 x the truth");
        NS_TEST_ASSERT_MSG_EQ_TOL(allocated[1] / truth[1], 1.0, 1e-9, "repaired to the aggregate");
        NS_TEST_ASSERT_MSG_EQ(orchestrator->GetNRepairs("capacity", NetworkLevel::MEC),
                              0,
                              "nothing to repair in a non-conserving lane");
        NS_TEST_ASSERT_MSG_GT(orchestrator->GetNRepairs("conserving", NetworkLevel::MEC),
                              0,
                              "the conserving lane was repaired");
        auto accountant = orchestrator->GetCostAccountant();
        const LevelCosts kept = accountant->GetLevelCosts(0, NetworkLevel::MEC);
        const LevelCosts fixed = accountant->GetLevelCosts(1, NetworkLevel::MEC);
        NS_TEST_ASSERT_MSG_EQ_TOL(kept.overprovisioningPct, 50.0, 1e-6, "50% above the truth");
        NS_TEST_ASSERT_MSG_EQ_TOL(kept.slaViolationMBps, 0.0, 1e-12, "no violation");
        NS_TEST_ASSERT_MSG_EQ_TOL(kept.totalCostMBps,
                                  kept.slaViolationMBps + kept.overprovisioningMBps,
                                  1e-12,
                                  "total = SLA + overprovisioning");
        NS_TEST_ASSERT_MSG_EQ_TOL(fixed.overprovisioningPct, 0.0, 1e-6, "repaired: the truth");
    }
};

/**
 * \ingroup microscope-tests
 * Validate() sees exactly the validation days, EndValidation() comes once before any test
 * day, Observe() follows every interval after training; lanes that tune on the validation
 * days are refused without them, or when the evaluation starts among them.
 */
class ValidationHooksTestCase : public TestCase
{
public:
    ValidationHooksTestCase()
        : TestCase("Validation hooks: the days seen, the order, and the refused configurations")
    {
    }

private:
    void DoRun() override
    {
        for (bool decomposeUnevaluated : {true, false})
        {
            auto source =
                CreateObject<FunctionTrafficSource>(2, 2, 5 * 48, Minutes(30), DailyDemand);
            auto orchestrator = CreateObject<SlotOrchestrator>();
            orchestrator->SetTrafficSource(source);
            orchestrator->SetTopology(MakeTopology(2, {0, 1}, {}, {}));
            orchestrator->SetAttribute("MecInterval", TimeValue(Minutes(30)));
            orchestrator->SetAttribute("DecomposeUnevaluated", BooleanValue(decomposeUnevaluated));
            auto tuned = CreateObject<ScaledDecomposer>(1.0, false, true);
            tuned->m_firstTestDay = 4; // 5 days: 3 training, 1 validation, 1 test
            orchestrator->AddLane("tuned", NetworkLevel::MEC, tuned);
            orchestrator->Start();
            Simulator::Run();
            Simulator::Destroy();
            NS_TEST_ASSERT_MSG_EQ(tuned->m_validatedDays.size(), 48, "one validation day");
            bool onlyValidation = true;
            for (auto d : tuned->m_validatedDays)
            {
                onlyValidation = onlyValidation && d == 3;
            }
            NS_TEST_ASSERT_MSG_EQ(onlyValidation, true, "Validate() sees day 3 only");
            NS_TEST_ASSERT_MSG_EQ(tuned->m_endValidationCalls, 1, "EndValidation() once");
            NS_TEST_ASSERT_MSG_EQ(tuned->m_decomposedBeforeEndValidation,
                                  false,
                                  "no test day before EndValidation()");
            NS_TEST_ASSERT_MSG_EQ(tuned->m_observed,
                                  2 * 48,
                                  "Observe() after every later interval");
            const size_t decomposed = decomposeUnevaluated ? 2 * 48 : 48;
            NS_TEST_ASSERT_MSG_EQ(tuned->m_decomposedDays.size(),
                                  decomposed,
                                  "decomposed intervals");
        }

        auto refused = [](double validationFraction, int32_t evaluationStart)
        {
            return ErrorOf(
                [&]()
                {
                    auto source =
                        CreateObject<FunctionTrafficSource>(2, 2, 5 * 48, Minutes(30), DailyDemand);
                    auto orchestrator = CreateObject<SlotOrchestrator>();
                    orchestrator->SetTrafficSource(source);
                    orchestrator->SetTopology(MakeTopology(2, {0, 1}, {}, {}));
                    orchestrator->SetAttribute("MecInterval", TimeValue(Minutes(30)));
                    orchestrator->SetAttribute("ValidationFraction",
                                               DoubleValue(validationFraction));
                    orchestrator->SetAttribute("EvaluationStartDay", IntegerValue(evaluationStart));
                    orchestrator->AddLane(
                        "tuned",
                        NetworkLevel::MEC,
                        Ptr<Decomposer>(CreateObject<ScaledDecomposer>(1.0, false, true)));
                    orchestrator->Start();
                    Simulator::Destroy();
                });
        };
        std::string msg = refused(0.0, -1);
        NS_TEST_ASSERT_MSG_NE(msg.find("ValidationFraction"), std::string::npos, msg);
        msg = refused(0.2, 3);
        NS_TEST_ASSERT_MSG_NE(msg.find("EvaluationStartDay"), std::string::npos, msg);
        NS_TEST_ASSERT_MSG_EQ(refused(0.2, 4), "", "evaluation after the validation day: fine");
    }
};

/**
 * \ingroup microscope-tests
 * A trained cost-aware model in the pipeline: capacities above the truth in total, the costs
 * of summary.json recomputed from slots.csv, table3.csv, and model files of the wrong kind.
 */
class CostAwarePipelineTestCase : public TestCase
{
public:
    CostAwarePipelineTestCase()
        : TestCase("Cost-aware lane: costs recompute from slots.csv; wrong model kinds refused")
    {
    }

private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        const std::string costPath = CreateTempDirFilename("mec-cost.pt");
        const std::string ratioPath = CreateTempDirFilename("mec-ratio.pt");
        TrainTinyMecModel("cost", costPath);
        TrainTinyMecModel("ratio-ce", ratioPath);
        NS_TEST_ASSERT_MSG_EQ(NeuralDecomposer::ReadInfo(costPath).loss, "cost", "a cost model");

        const std::string dir = CreateTempDirFilename("cost-aware-run");
        SystemPath::MakeDirectories(dir);
        {
            MicroscopeHelper helper;
            CostAwareTinyScenario(helper);
            helper.AddLane("cost-aware", "cost-aware");
            helper.SetLaneLevels("cost-aware", {NetworkLevel::MEC});
            helper.SetLaneAttribute("cost-aware",
                                    NetworkLevel::MEC,
                                    "ModelFile",
                                    StringValue(costPath));
            helper.SetLaneAttribute("cost-aware", NetworkLevel::MEC, "Threads", UintegerValue(1));
            helper.AddLane("historical", "historical");
            helper.SetLaneLevels("historical", {NetworkLevel::MEC});
            Ptr<SlotOrchestrator> orchestrator = helper.Install();
            orchestrator->EnablePerSlotOutput(dir + "/slots.csv");
            double allocated = 0;
            double truth = 0;
            orchestrator->TraceConnectWithoutContext(
                "Estimate",
                EstimateSink(
                    [&](const std::string& lane,
                        NetworkLevel,
                        uint64_t,
                        const DemandMatrix& t,
                        const DemandMatrix& e)
                    {
                        if (lane == "cost-aware")
                        {
                            for (size_t i = 0; i < t.Values().size(); ++i)
                            {
                                truth += t.Values()[i];
                                allocated += e.Values()[i];
                            }
                        }
                    }));
            orchestrator->Start();
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(orchestrator->IsFinished(), true, "the run finished");
            orchestrator->WriteResults(dir);
            NS_TEST_ASSERT_MSG_GT(allocated,
                                  1.05 * truth,
                                  "capacities well above the truth in total");
            NS_TEST_ASSERT_MSG_EQ(
                orchestrator->GetDecomposer("cost-aware", NetworkLevel::MEC)->PreservesAggregate(),
                false,
                "a cost-aware decomposer does not preserve the aggregate");
            NS_TEST_ASSERT_MSG_EQ(orchestrator->GetNRepairs("cost-aware", NetworkLevel::MEC),
                                  0,
                                  "capacities are non-negative: nothing clamped");
            const LevelCosts c =
                orchestrator->GetCostAccountant()->GetLevelCosts(0, NetworkLevel::MEC);
            const double alpha = orchestrator->GetCostAccountant()->GetAlpha();
            Simulator::Destroy();

            // Recompute from slots.csv: per (node, service) peak of the truth, fee alpha * peak
            // per violated row, excess at face value; means per interval, Mbps -> MB/s.
            std::ifstream in(dir + "/slots.csv");
            std::string line;
            std::getline(in, line);
            NS_TEST_ASSERT_MSG_EQ(line.rfind("slot,time_s,level,node,service,truth_mbps,", 0),
                                  0,
                                  "slots.csv header");

            struct Row
            {
                uint64_t slot;
                std::string key;
                double truth;
                double allocation;
            };

            std::vector<Row> rows;
            std::map<std::string, double> peak;
            std::set<uint64_t> intervals;
            while (std::getline(in, line))
            {
                std::vector<std::string> f;
                std::istringstream fields(line);
                for (std::string x; std::getline(fields, x, ',');)
                {
                    f.push_back(x);
                }
                if (f.size() < 8 || f[2] != "mec")
                {
                    continue;
                }
                Row r{std::stoull(f[0]), f[3] + "/" + f[4], std::stod(f[5]), std::stod(f[7])};
                peak[r.key] = std::max(peak[r.key], r.truth);
                intervals.insert(r.slot);
                rows.push_back(r);
            }
            NS_TEST_ASSERT_MSG_GT(rows.size(), 0, "mec rows in slots.csv");
            double fees = 0;
            double over = 0;
            for (const auto& r : rows)
            {
                fees += r.allocation < r.truth ? alpha * peak[r.key] : 0.0;
                over += std::max(0.0, r.allocation - r.truth);
            }
            const double n = intervals.size();
            NS_TEST_ASSERT_MSG_EQ_TOL(fees / n / 8.0,
                                      c.slaViolationMBps,
                                      1e-6 * (1 + c.slaViolationMBps),
                                      "SLA fees recomputed from slots.csv");
            NS_TEST_ASSERT_MSG_EQ_TOL(over / n / 8.0,
                                      c.overprovisioningMBps,
                                      1e-6 * (1 + c.overprovisioningMBps),
                                      "overprovisioning recomputed from slots.csv");
            NS_TEST_ASSERT_MSG_EQ_TOL(c.totalCostMBps,
                                      (fees + over) / n / 8.0,
                                      1e-6 * (1 + c.totalCostMBps),
                                      "total cost");

            // table3.csv holds the same figures.
            CsvTableReader table(dir + "/table3.csv");
            NS_TEST_ASSERT_MSG_EQ(table.Next(), true, "table3.csv header");
            NS_TEST_ASSERT_MSG_EQ(table.Field(0) + "," + table.Field(2) + "," + table.Field(7),
                                  "lane,interval_min,total_cost_MBps",
                                  "table3.csv columns");
            bool found = false;
            while (table.Next())
            {
                if (table.Field(0) == "cost-aware" && table.Field(1) == "mec")
                {
                    found = true;
                    NS_TEST_ASSERT_MSG_EQ_TOL(table.GetDouble(7, "total_cost_MBps"),
                                              c.totalCostMBps,
                                              1e-6 * (1 + c.totalCostMBps),
                                              "table3.csv total cost");
                    NS_TEST_ASSERT_MSG_EQ(table.Field(2), "30", "interval");
                }
            }
            NS_TEST_ASSERT_MSG_EQ(found, true, "table3.csv has the cost-aware MEC row");
        }

        // A model of the wrong kind: an error naming the file.
        auto setupWith = [&](const std::string& type, const std::string& path)
        {
            return ErrorOf(
                [&]()
                {
                    MicroscopeHelper helper;
                    CostAwareTinyScenario(helper);
                    helper.AddLane("lane", type);
                    helper.SetLaneLevels("lane", {NetworkLevel::MEC});
                    helper.SetLaneAttribute("lane",
                                            NetworkLevel::MEC,
                                            "ModelFile",
                                            StringValue(path));
                    Ptr<SlotOrchestrator> orchestrator = helper.Install();
                    orchestrator->Start();
                    Simulator::Destroy();
                });
        };
        std::string msg = setupWith("neural", costPath);
        NS_TEST_ASSERT_MSG_NE(msg.find(costPath), std::string::npos, msg);
        NS_TEST_ASSERT_MSG_NE(msg.find("cost-aware"), std::string::npos, msg);
        msg = setupWith("cost-aware", ratioPath);
        NS_TEST_ASSERT_MSG_NE(msg.find(ratioPath), std::string::npos, msg);
        NS_TEST_ASSERT_MSG_NE(msg.find("conserving"), std::string::npos, msg);
        NS_TEST_ASSERT_MSG_EQ(setupWith("cost-aware", costPath), "", "the right kind loads");
    }
};

/**
 * \ingroup microscope-tests
 * Cost-aware slicing tests.
 */
class MicroscopeCostAwareTestSuite : public TestSuite
{
public:
    MicroscopeCostAwareTestSuite()
        : TestSuite("microscope-cost-aware", UNIT)
    {
        AddTestCase(new NonConservingLaneTestCase(), TestCase::QUICK);
        AddTestCase(new ValidationHooksTestCase(), TestCase::QUICK);
        AddTestCase(new CostAwarePipelineTestCase(), TestCase::QUICK);
    }
};

/// The suite's instance.
static MicroscopeCostAwareTestSuite g_microscopeCostAwareTestSuite;
