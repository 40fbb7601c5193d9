/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of forecast-driven allocation (ForecastDecomposer, "forecast") in the slot pipeline:
 * exact on a periodic source; the average, GRU and LSTM models' own output reaches the
 * allocator unchanged (never renormalised to the current aggregate) and non-negative; the
 * networks learn; costs accounted by the same accountant as the decomposers.
 */

#include "microscope-orchestrator-test-utils.h"

#include "ns3/core-module.h"
#include "ns3/forecast-decomposer.h"
#include "ns3/oracle-decomposer.h"
#include "ns3/slot-orchestrator.h"
#include "ns3/test.h"

#include <functional>
#include <map>

using namespace ns3;
using namespace ns3::microscope_test;

/**
 * \ingroup microscope-tests
 * The average forecast is exact on a source that repeats every day.
 */
class ForecastPeriodicTestCase : public TestCase
{
public:
    ForecastPeriodicTestCase()
        : TestCase("Forecast allocation: zero cost on a daily-periodic source (average model)")
    {
    }

private:
    void DoRun() override
    {
        // 10 days of 1-hour slots, 6 antennas, 3 services; demand depends on the hour only.
        const uint32_t days = 10;
        auto source = Create<FunctionTrafficSource>(
            3,
            6,
            days * 24,
            Hours(1),
            [](uint64_t slot, uint32_t s, uint32_t a)
            {
                const double hour = slot % 24;
                return (1.0 + a) * (2.0 + std::sin(hour / 3.0 + s)) * (s + 1);
            });
        source->GetCalendar()->SetAttribute("StartWeekday", UintegerValue(0));
        Ptr<SlotOrchestrator> o = CreateObject<SlotOrchestrator>();
        o->SetTrafficSource(source);
        o->SetTopology(MakeTopology(6, {0, 0, 0, 1, 1, 1}, {}, {}));
        for (auto level : {NetworkLevel::ANTENNA, NetworkLevel::MEC})
        {
            Ptr<ForecastDecomposer> f = CreateObject<ForecastDecomposer>();
            f->SetAttribute("Model", StringValue("average"));
            o->AddLane("forecast", level, f);
            o->AddLane("oracle", level, CreateObject<OracleDecomposer>());
        }
        o->SetAttribute("AntennaInterval", TimeValue(Hours(1)));
        o->SetAttribute("MecInterval", TimeValue(Hours(1)));
        o->Start();
        Simulator::Run();
        for (auto level : {NetworkLevel::ANTENNA, NetworkLevel::MEC})
        {
            auto c = o->GetCostAccountant()->GetLevelCosts(0, level);
            NS_TEST_ASSERT_MSG_GT(c.evaluatedIntervals, 0, "intervals accounted");
            NS_TEST_ASSERT_MSG_LT(c.maeMbps, 1e-9, "exact forecast and shares");
            NS_TEST_ASSERT_MSG_EQ(c.violations, 0, "no SLA violation");
            NS_TEST_ASSERT_MSG_LT(c.overprovisioningMBps, 1e-9, "no overprovisioning");
        }
        Simulator::Destroy();
    }
};

namespace
{

/**
 * A lane's decomposer seen from outside: forwards every call to a ForecastDecomposer and keeps
 * a copy of what its Decompose() returned, before the pipeline checks (and could change) it.
 */
class RawOutputDecomposer : public Decomposer
{
public:
    /// \param inner the decomposer whose output is kept.
    explicit RawOutputDecomposer(Ptr<ForecastDecomposer> inner)
        : m_inner(inner)
    {
    }

    void Setup(const DecomposerSetup& setup) override
    {
        Decomposer::Setup(setup);
        m_inner->Setup(setup);
    }

    void Train(const DecompositionContext& context,
               const AggregateHistory& history,
               const DemandMatrix& truth) override
    {
        m_inner->Train(context, history, truth);
    }

    void EndTraining() override
    {
        m_inner->EndTraining();
    }

    void Decompose(const DecompositionContext& context,
                   const AggregateHistory& history,
                   DemandMatrix& estimate) override
    {
        m_inner->Decompose(context, history, estimate);
        raw = estimate;
        for (uint32_t s = 0; s < estimate.GetNServices(); ++s)
        {
            for (uint32_t n = 0; n < estimate.GetNNodes(); ++n)
            {
                negative += estimate(s, n) < 0.0 ? 1 : 0;
            }
        }
    }

    bool PreservesAggregate() const override
    {
        return m_inner->PreservesAggregate();
    }

    std::string GetName() const override
    {
        return m_inner->GetName();
    }

    DemandMatrix raw;     //!< the inner decomposer's last output
    uint64_t negative{0}; //!< negative entries it returned so far

private:
    Ptr<ForecastDecomposer> m_inner; //!< the forecast
};

/// What a recurrent forecast lane did in the pipeline.
struct RecurrentOutcome
{
    uint32_t decomposed{0};     //!< intervals decomposed
    uint32_t differentSum{0};   //!< node estimates whose total is not the current aggregate
    uint32_t changed{0};        //!< intervals where the pipeline's estimate is not the raw one
    uint64_t negative{0};       //!< negative entries in the raw output
    uint64_t repairs{0};        //!< the pipeline's repair count
    LevelCosts costs;           //!< the lane's costs
    double trainingLoss{0};     //!< the network's final training loss
    std::vector<double> totals; //!< every estimate's total, in order
};

/**
 * Run a recurrent forecast lane at the antenna level on a daily rhythm with a wobble.
 * \param model "gru" or "lstm".
 * \return what it did.
 */
RecurrentOutcome
RunRecurrent(const std::string& model)
{
    const uint32_t days = 8;
    auto source =
        Create<FunctionTrafficSource>(2,
                                      4,
                                      days * 48,
                                      Minutes(30),
                                      [](uint64_t slot, uint32_t s, uint32_t a)
                                      {
                                          const double t = slot % 48;
                                          // A daily rhythm plus a deterministic wobble the
                                          // forecast cannot know.
                                          return (1.0 + a) * (3.0 + 2.0 * std::sin(t / 7.6 + s)) *
                                                 (1.0 + 0.3 * (Hash01(slot * 7 + a) - 0.5));
                                      });
    Ptr<SlotOrchestrator> o = CreateObject<SlotOrchestrator>();
    o->SetTrafficSource(source);
    o->SetTopology(MakeTopology(4, {}, {}, {}));
    Ptr<ForecastDecomposer> f = CreateObject<ForecastDecomposer>();
    f->SetAttribute("Model", StringValue(model));
    f->SetAttribute("Epochs", UintegerValue(8));
    f->SetAttribute("SamplesPerEpoch", UintegerValue(512));
    f->SetAttribute("Threads", UintegerValue(1));
    f->AssignStreams(5);
    Ptr<RawOutputDecomposer> lane = Create<RawOutputDecomposer>(f);
    o->AddLane("forecast", NetworkLevel::ANTENNA, lane);
    o->SetAttribute("AntennaInterval", TimeValue(Minutes(30)));
    RecurrentOutcome r;
    // The pipeline's estimate (after its checks) against the decomposer's own output: a
    // forecast allocates ahead and must reach the allocator as forecast, not rescaled to the
    // current aggregate.
    auto check = [&r, lane](const DemandMatrix& truth, const DemandMatrix& estimate)
    {
        ++r.decomposed;
        bool same = estimate.GetNServices() == lane->raw.GetNServices() &&
                    estimate.GetNNodes() == lane->raw.GetNNodes();
        double total = 0.0;
        for (uint32_t n = 0; n < truth.GetNNodes(); ++n)
        {
            r.differentSum += std::abs(estimate.NodeTotal(n) - truth.NodeTotal(n)) > 1e-6 ? 1 : 0;
            total += estimate.NodeTotal(n);
            for (uint32_t s = 0; same && s < truth.GetNServices(); ++s)
            {
                same = estimate(s, n) == lane->raw(s, n);
            }
        }
        r.totals.push_back(total);
        r.changed += same ? 0 : 1;
    };
    std::function<void(const DemandMatrix&, const DemandMatrix&)> checkFn = check;
    o->TraceConnectWithoutContext(
        "Estimate",
        MakeBoundCallback(
            +[](std::function<void(const DemandMatrix&, const DemandMatrix&)>* fn,
                const std::string&,
                NetworkLevel,
                uint64_t,
                const DemandMatrix& truth,
                const DemandMatrix& estimate) { (*fn)(truth, estimate); },
            &checkFn));
    o->Start();
    Simulator::Run();
    r.negative = lane->negative;
    r.repairs = o->GetNRepairs("forecast", NetworkLevel::ANTENNA);
    r.costs = o->GetCostAccountant()->GetLevelCosts(0, NetworkLevel::ANTENNA);
    r.trainingLoss = f->GetTrainingLoss();
    Simulator::Destroy();
    return r;
}

} // namespace

/**
 * \ingroup microscope-tests
 * The recurrent forecasts (GRU, and LSTM with Model=lstm) allocate ahead: the pipeline passes
 * the decomposer's own output on unchanged (not renormalised), that output is non-negative,
 * and the costs are accounted.
 */
class ForecastRecurrentTestCase : public TestCase
{
public:
    ForecastRecurrentTestCase()
        : TestCase("Forecast allocation: GRU and LSTM forecasts, estimates kept as forecast, "
                   "costs accounted")
    {
    }

private:
    void DoRun() override
    {
        std::map<std::string, RecurrentOutcome> outcomes;
        for (const std::string model : {"average", "gru", "lstm"})
        {
            const RecurrentOutcome r = RunRecurrent(model);
            NS_TEST_ASSERT_MSG_GT(r.decomposed, 0, model << ": intervals decomposed");
            NS_TEST_ASSERT_MSG_GT(r.differentSum,
                                  0,
                                  model << ": forecasts are not the current aggregate");
            // Would fail if the pipeline rescaled or otherwise repaired a lane whose
            // PreservesAggregate() is false (or if ForecastDecomposer claimed to preserve it).
            NS_TEST_ASSERT_MSG_EQ(r.changed,
                                  0,
                                  model << ": the pipeline's estimate is the decomposer's "
                                           "own output (no renormalisation)");
            // The decomposer's own output, before the pipeline's clamp: a real assertion, kept
            // in builds without NS_ASSERT.
            NS_TEST_ASSERT_MSG_EQ(r.negative, 0, model << ": non-negative forecasts");
            NS_TEST_ASSERT_MSG_EQ(r.repairs, 0, model << ": nothing for the pipeline to clamp");
            NS_TEST_ASSERT_MSG_GT(r.costs.maeMbps, 0.0, model << ": a forecast has an error");
            NS_TEST_ASSERT_MSG_GT(r.costs.overprovisioningMBps + r.costs.slaViolationMBps,
                                  0.0,
                                  model << ": costs accounted");
            if (model != "average")
            {
                // Trained: the series are divided by their training mean (about 1), so a
                // network that still predicts about 0 has a loss near 1 and an NMAE near 60 %
                // here (measured with 12 Adam steps instead of 64). The average model, exact on
                // the daily rhythm, has 5.2 %; the trained networks about 14 %.
                NS_TEST_ASSERT_MSG_GT(r.trainingLoss, 0.0, model << ": the network was trained");
                NS_TEST_ASSERT_MSG_LT(r.trainingLoss, 0.25, model << ": and learned");
                NS_TEST_ASSERT_MSG_LT(r.costs.nmaePct, 25.0, model << ": a useful forecast");
            }
            outcomes[model] = r;
        }
        // Model=lstm builds another network than the default GRU: same seed, other forecasts.
        NS_TEST_ASSERT_MSG_EQ(outcomes["lstm"].totals.size(),
                              outcomes["gru"].totals.size(),
                              "same intervals");
        NS_TEST_ASSERT_MSG_EQ((outcomes["lstm"].totals != outcomes["gru"].totals),
                              true,
                              "the LSTM's forecasts are not the GRU's");

        // History shorter than Window + 1 is refused.
        Ptr<ForecastDecomposer> g = CreateObject<ForecastDecomposer>();
        g->SetAttribute("Window", UintegerValue(8));
        DecomposerSetup setup;
        setup.nNodes = 4;
        setup.nServices = 2;
        setup.historyLength = 6;
        setup.intervalsPerDay = 48;
        setup.catalog = MakeCatalog(2);
        bool threw = false;
        try
        {
            g->Setup(setup);
        }
        catch (const InputError& e)
        {
            threw = std::string(e.what()).find("Window") != std::string::npos;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "short history refused, naming Window");
        Simulator::Destroy();
    }
};

/**
 * \ingroup microscope-tests
 * The forecast allocation suite.
 */
class MicroscopeForecastAllocationTestSuite : public TestSuite
{
public:
    MicroscopeForecastAllocationTestSuite()
        : TestSuite("microscope-forecast-allocation", UNIT)
    {
        AddTestCase(new ForecastPeriodicTestCase, TestCase::QUICK);
        AddTestCase(new ForecastRecurrentTestCase, TestCase::QUICK);
    }
};

/// The suite's single instance.
static MicroscopeForecastAllocationTestSuite g_microscopeForecastAllocationTestSuite;
