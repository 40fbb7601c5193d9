/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of forecast-driven allocation (ForecastDecomposer, "forecast") in the slot pipeline:
 * exact on a periodic source, never renormalised to the current aggregate, costs accounted by
 * the same accountant as the decomposers.
 */

#include "microscope-orchestrator-test-utils.h"

#include "ns3/core-module.h"
#include "ns3/forecast-decomposer.h"
#include "ns3/oracle-decomposer.h"
#include "ns3/slot-orchestrator.h"
#include "ns3/test.h"

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

/**
 * \ingroup microscope-tests
 * The recurrent forecast allocates ahead: not renormalised, non-negative, costed.
 */
class ForecastRecurrentTestCase : public TestCase
{
public:
    ForecastRecurrentTestCase()
        : TestCase("Forecast allocation: GRU forecast, estimates kept as forecast, costs accounted")
    {
    }

private:
    void DoRun() override
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
                                              return (1.0 + a) *
                                                     (3.0 + 2.0 * std::sin(t / 7.6 + s)) *
                                                     (1.0 + 0.3 * (Hash01(slot * 7 + a) - 0.5));
                                          });
        Ptr<SlotOrchestrator> o = CreateObject<SlotOrchestrator>();
        o->SetTrafficSource(source);
        o->SetTopology(MakeTopology(4, {}, {}, {}));
        Ptr<ForecastDecomposer> f = CreateObject<ForecastDecomposer>();
        f->SetAttribute("Model", StringValue("gru"));
        f->SetAttribute("Epochs", UintegerValue(3));
        f->SetAttribute("SamplesPerEpoch", UintegerValue(256));
        f->SetAttribute("Threads", UintegerValue(1));
        f->AssignStreams(5);
        o->AddLane("forecast", NetworkLevel::ANTENNA, f);
        o->SetAttribute("AntennaInterval", TimeValue(Minutes(30)));
        uint32_t different = 0;
        uint32_t decomposed = 0;
        o->TraceConnectWithoutContext(
            "Estimate",
            MakeBoundCallback(
                +[](uint32_t* diff,
                    uint32_t* count,
                    const std::string&,
                    NetworkLevel,
                    uint64_t,
                    const DemandMatrix& truth,
                    const DemandMatrix& estimate)
                {
                    ++*count;
                    for (uint32_t n = 0; n < truth.GetNNodes(); ++n)
                    {
                        *diff +=
                            std::abs(estimate.NodeTotal(n) - truth.NodeTotal(n)) > 1e-6 ? 1 : 0;
                        for (uint32_t s = 0; s < truth.GetNServices(); ++s)
                        {
                            NS_ASSERT(estimate(s, n) >= 0.0);
                        }
                    }
                },
                &different,
                &decomposed));
        o->Start();
        Simulator::Run();
        NS_TEST_ASSERT_MSG_GT(decomposed, 0, "intervals decomposed");
        NS_TEST_ASSERT_MSG_GT(different, 0, "forecasts are not the current aggregate");
        NS_TEST_ASSERT_MSG_EQ(o->GetNRepairs("forecast", NetworkLevel::ANTENNA),
                              0,
                              "no renormalisation");
        auto c = o->GetCostAccountant()->GetLevelCosts(0, NetworkLevel::ANTENNA);
        NS_TEST_ASSERT_MSG_GT(c.maeMbps, 0.0, "a forecast has an error");
        NS_TEST_ASSERT_MSG_GT(c.overprovisioningMBps + c.slaViolationMBps, 0.0, "costs accounted");
        NS_TEST_ASSERT_MSG_GT(f->GetTrainingLoss(), 0.0, "the network was trained");
        // History shorter than Window + 1 is refused.
        Ptr<ForecastDecomposer> g = CreateObject<ForecastDecomposer>();
        g->SetAttribute("Window", UintegerValue(8));
        DecomposerSetup setup;
        setup.nNodes = 4;
        setup.nServices = 2;
        setup.historyLength = 6;
        setup.intervalsPerDay = 48;
        setup.catalog = source->GetServiceCatalog();
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
