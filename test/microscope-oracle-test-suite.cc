/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The oracle decomposer through the whole pipeline: perfect knowledge costs nothing and makes
 * no error, at every level and every management interval.
 */

#include "microscope-orchestrator-test-utils.h"

#include "ns3/cost-accountant.h"
#include "ns3/nstime.h"
#include "ns3/oracle-decomposer.h"
#include "ns3/simulator.h"
#include "ns3/slot-orchestrator.h"
#include "ns3/test.h"

#include <cmath>

using namespace ns3;
using namespace ns3::microscope_test;

/**
 * \ingroup microscope-tests
 * Four runs rotate the intervals 5, 10, 30 and 60 min over the four levels, so that every
 * (level, interval) pair is covered; the oracle's costs and errors must be exactly zero.
 */
class OracleZeroCostTestCase : public TestCase
{
public:
    OracleZeroCostTestCase()
        : TestCase("Oracle: zero SLA, overprovisioning and MAE at every level and interval")
    {
    }

private:
    void DoRun() override
    {
        const uint32_t nAntennas = 12;
        const uint32_t nServices = 3;
        const uint64_t nSlots = 5 * 288; // 5 days: 3 training, 1 validation, 1 test
        std::vector<uint32_t> mec;
        std::vector<uint32_t> cran;
        std::vector<uint32_t> core;
        for (uint32_t a = 0; a < nAntennas; ++a)
        {
            mec.push_back(a % 4);
            cran.push_back(a / 4);
            core.push_back(a / 6);
        }
        const uint32_t minutes[4] = {5, 10, 30, 60};
        for (uint32_t rotation = 0; rotation < 4; ++rotation)
        {
            auto source = CreateObject<FunctionTrafficSource>(
                nServices,
                nAntennas,
                nSlots,
                Minutes(5),
                [](uint64_t slot, uint32_t s, uint32_t a)
                {
                    const double hour = (slot % 288) / 12.0;
                    const double profile = 1.0 + 0.8 * std::sin(2 * M_PI * (hour - 6 + s) / 24);
                    const double noise = 0.7 + 0.6 * Hash01(slot * 1000 + s * 100 + a);
                    return (1.0 + a) * (s + 1.0) * profile * noise;
                });
            auto orchestrator = CreateObject<SlotOrchestrator>();
            orchestrator->SetTrafficSource(source);
            orchestrator->SetTopology(MakeTopology(nAntennas, mec, cran, core));
            const char* names[4] = {"AntennaInterval",
                                    "MecInterval",
                                    "CranInterval",
                                    "CoreInterval"};
            for (uint32_t l = 0; l < 4; ++l)
            {
                orchestrator->SetAttribute(names[l],
                                           TimeValue(Minutes(minutes[(l + rotation) % 4])));
                orchestrator->AddLane("oracle",
                                      ALL_NETWORK_LEVELS[l],
                                      CreateObject<OracleDecomposer>());
            }
            orchestrator->Start();
            Simulator::Run();
            Simulator::Destroy();
            NS_TEST_ASSERT_MSG_EQ(orchestrator->IsFinished(), true, "run finished");
            auto acc = orchestrator->GetCostAccountant();
            for (uint32_t l = 0; l < 4; ++l)
            {
                const uint32_t m = minutes[(l + rotation) % 4];
                const std::string where =
                    NetworkLevelName(ALL_NETWORK_LEVELS[l]) + " at " + std::to_string(m) + " min";
                LevelCosts c = acc->GetLevelCosts(0, ALL_NETWORK_LEVELS[l]);
                NS_TEST_ASSERT_MSG_EQ(c.evaluatedIntervals, 1440 / m, where + ": one test day");
                NS_TEST_ASSERT_MSG_GT(c.trueDemandMBps, 0.0, where + ": traffic present");
                NS_TEST_ASSERT_MSG_EQ(c.violations, 0, where + ": no SLA violation");
                NS_TEST_ASSERT_MSG_EQ(c.slaViolationMBps, 0.0, where + ": no SLA cost");
                NS_TEST_ASSERT_MSG_EQ(c.overprovisioningMBps, 0.0, where + ": no overprov");
                NS_TEST_ASSERT_MSG_EQ(c.maeMbps, 0.0, where + ": MAE 0");
                NS_TEST_ASSERT_MSG_EQ(c.nmaePct, 0.0, where + ": NMAE 0");
                NS_TEST_ASSERT_MSG_EQ(c.repairedNodes, 0, where + ": nothing repaired");
                if (l == 0)
                {
                    NS_TEST_ASSERT_MSG_EQ(c.extraThroughputMbpsPerAntenna, 0.0, where);
                    NS_TEST_ASSERT_MSG_EQ(c.spectrumCostMhzPerAntenna, 0.0, where);
                    NS_TEST_ASSERT_MSG_EQ(c.cpuTimeOverheadPct, 0.0, where);
                }
                else
                {
                    NS_TEST_ASSERT_MSG_EQ(c.vnfCoresOverprovisioned, 0.0, where);
                    NS_TEST_ASSERT_MSG_EQ(c.vnfCoresShortfall, 0.0, where);
                    NS_TEST_ASSERT_MSG_EQ(c.vnfCoresAllocated, c.vnfCoresNeeded, where);
                }
            }
            orchestrator->Dispose();
        }
    }
};

/**
 * \ingroup microscope-tests
 * The oracle suite.
 */
class MicroscopeOracleTestSuite : public TestSuite
{
public:
    MicroscopeOracleTestSuite()
        : TestSuite("microscope-oracle", UNIT)
    {
        AddTestCase(new OracleZeroCostTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static MicroscopeOracleTestSuite g_microscopeOracleTestSuite;
