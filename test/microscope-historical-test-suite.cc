/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The historical decomposer: exact on traffic whose service shares depend only on (node, day
 * type, time of day), close with noise, and its fallbacks.
 */

#include "microscope-orchestrator-test-utils.h"

#include "ns3/boolean.h"
#include "ns3/cost-accountant.h"
#include "ns3/historical-decomposer.h"
#include "ns3/historical-tuned-decomposer.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/slot-orchestrator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <cstring>
#include <map>
#include <tuple>

using namespace ns3;
using namespace ns3::microscope_test;

namespace
{

/// Result of one run through the orchestrator.
struct HistoricalRun
{
    LevelCosts antenna;          //!< antenna-level costs
    LevelCosts mec;              //!< MEC-level costs
    uint64_t estimates{0};       //!< Estimate trace calls
    uint64_t infeasible{0};      //!< estimates breaking the constraints
    double naiveAbsErr[2]{0, 0}; //!< catalog-share estimator, sum |error| per level
    double histAbsErr[2]{0, 0};  //!< historical, same intervals
    double truthSum[2]{0, 0};    //!< truth, same entries
    uint64_t entries[2]{0, 0};   //!< entries compared per level
    uint64_t fallbacks{0};       //!< node + catalog fallbacks of both decomposers
    uint64_t repairs{0};         //!< repaired estimates
};

/**
 * Ten days of 5-minute slots starting on a Thursday (days 2, 3 and 9 are weekend days): 6
 * training, 2 validation and 2 test days (a Friday and a Saturday). Twelve antennas, three
 * services; MEC level of three nodes (antenna a in node a % 3) at 30 minutes, antenna level at
 * 5 minutes. The service shares depend only on (MEC node, day type, half hour of the day);
 * the antenna totals vary randomly from slot to slot.
 * \param noise relative amplitude of independent per-(slot, service, antenna) noise.
 * \return the outcome.
 */
HistoricalRun
RunHistorical(double noise)
{
    const uint32_t nAntennas = 12;
    const uint32_t nServices = 3;
    Ptr<TrafficCalendar> calendar;
    auto source = CreateObject<FunctionTrafficSource>(
        nServices,
        nAntennas,
        10 * 288,
        Minutes(5),
        [&calendar, noise](uint64_t slot, uint32_t s, uint32_t a)
        {
            const uint32_t node = a % 3;
            const uint32_t halfHour = (slot % 288) / 6;
            const bool holiday = calendar->GetDayType(slot / 288) == DayType::HOLIDAY;
            auto raw = [&](uint32_t service)
            {
                return 1.0 +
                       0.9 * std::sin(2 * M_PI * (halfHour / 48.0 + 0.3 * service + 0.17 * node) +
                                      (holiday ? 1.3 : 0.0));
            };
            const double share = raw(s) / (raw(0) + raw(1) + raw(2));
            const double total = (1.0 + a) * (0.5 + Hash01(slot * 64 + a));
            const double n = 1.0 + noise * (Hash01(slot * 4096 + s * 64 + a + 7) - 0.5) * 2;
            return total * share * n;
        });
    calendar = source->GetCalendar();
    calendar->SetAttribute("StartWeekday", UintegerValue(3));

    std::vector<uint32_t> mec;
    for (uint32_t a = 0; a < nAntennas; ++a)
    {
        mec.push_back(a % 3);
    }
    auto orchestrator = CreateObject<SlotOrchestrator>();
    orchestrator->SetTrafficSource(source);
    orchestrator->SetTopology(MakeTopology(nAntennas, mec, {}, {}));
    orchestrator->SetAttribute("MecInterval", TimeValue(Minutes(30)));
    auto hAntenna = CreateObject<HistoricalDecomposer>();
    auto hMec = CreateObject<HistoricalDecomposer>();
    orchestrator->AddLane("historical", NetworkLevel::ANTENNA, hAntenna);
    orchestrator->AddLane("historical", NetworkLevel::MEC, hMec);

    HistoricalRun run;
    auto catalog = source->GetServiceCatalog();
    orchestrator->TraceConnectWithoutContext(
        "Estimate",
        Callback<void,
                 const std::string&,
                 NetworkLevel,
                 uint64_t,
                 const DemandMatrix&,
                 const DemandMatrix&>(
            [&run, catalog, nServices](const std::string& lane,
                                       NetworkLevel level,
                                       uint64_t interval,
                                       const DemandMatrix& truth,
                                       const DemandMatrix& estimate)
            {
                ++run.estimates;
                const uint32_t li = level == NetworkLevel::ANTENNA ? 0 : 1;
                for (uint32_t n = 0; n < truth.GetNNodes(); ++n)
                {
                    const double aggregate = truth.NodeTotal(n);
                    double sum = 0.0;
                    bool negative = false;
                    for (uint32_t s = 0; s < nServices; ++s)
                    {
                        sum += estimate(s, n);
                        negative = negative || estimate(s, n) < 0.0;
                        run.histAbsErr[li] += std::abs(estimate(s, n) - truth(s, n));
                        run.naiveAbsErr[li] +=
                            std::abs(catalog->Get(s).share * aggregate - truth(s, n));
                        run.truthSum[li] += truth(s, n);
                        ++run.entries[li];
                    }
                    if (negative || std::abs(sum - aggregate) > 1e-9 * aggregate)
                    {
                        ++run.infeasible;
                    }
                }
            }));
    orchestrator->Start();
    Simulator::Run();
    Simulator::Destroy();
    run.antenna = orchestrator->GetCostAccountant()->GetLevelCosts(0, NetworkLevel::ANTENNA);
    run.mec = orchestrator->GetCostAccountant()->GetLevelCosts(0, NetworkLevel::MEC);
    run.fallbacks = hAntenna->GetNNodeFallbacks() + hAntenna->GetNCatalogFallbacks() +
                    hMec->GetNNodeFallbacks() + hMec->GetNCatalogFallbacks();
    run.repairs = orchestrator->GetNRepairs("historical", NetworkLevel::ANTENNA) +
                  orchestrator->GetNRepairs("historical", NetworkLevel::MEC);
    orchestrator->Dispose();
    return run;
}

} // namespace

/**
 * \ingroup microscope-tests
 * Shares that depend only on (node, day type, time of day) are learnt exactly.
 */
class HistoricalExactTestCase : public TestCase
{
public:
    HistoricalExactTestCase()
        : TestCase("Historical is exact when shares depend only on node, day type and time")
    {
    }

private:
    void DoRun() override
    {
        HistoricalRun run = RunHistorical(0.0);
        // 4 days decomposed (2 validation, 2 test): 4 * 288 antenna + 4 * 48 MEC intervals.
        NS_TEST_ASSERT_MSG_EQ(run.estimates, 4 * 288 + 4 * 48, "every interval decomposed");
        NS_TEST_ASSERT_MSG_EQ(run.antenna.evaluatedIntervals, 2 * 288, "two test days");
        NS_TEST_ASSERT_MSG_EQ(run.fallbacks, 0, "every bin seen in training");
        NS_TEST_ASSERT_MSG_EQ(run.infeasible, 0, "estimates non-negative, summing to aggregate");
        NS_TEST_ASSERT_MSG_EQ(run.repairs, 0, "nothing to repair");
        const double meanAntenna = run.truthSum[0] / run.entries[0];
        const double meanMec = run.truthSum[1] / run.entries[1];
        NS_TEST_ASSERT_MSG_LT(run.antenna.maeMbps, 1e-9 * meanAntenna, "exact at the antennas");
        NS_TEST_ASSERT_MSG_LT(run.mec.maeMbps, 1e-9 * meanMec, "exact at MEC");
        NS_TEST_ASSERT_MSG_EQ(run.antenna.violations, 0, "no SLA violation");
        NS_TEST_ASSERT_MSG_EQ(run.mec.violations, 0, "no SLA violation");
        NS_TEST_ASSERT_MSG_LT(run.mec.overprovisioningPct, 1e-9, "no overprovisioning");
        // The shares do change with the time of day: the catalog's constant shares are far off.
        NS_TEST_ASSERT_MSG_GT(run.naiveAbsErr[0] / run.truthSum[0], 0.05, "naive is not exact");
    }
};

/**
 * \ingroup microscope-tests
 * With +-20 % independent noise the historical estimate stays close.
 */
class HistoricalNoiseTestCase : public TestCase
{
public:
    HistoricalNoiseTestCase()
        : TestCase("Historical stays close under noise and beats constant catalog shares")
    {
    }

private:
    void DoRun() override
    {
        HistoricalRun run = RunHistorical(0.2);
        NS_TEST_ASSERT_MSG_EQ(run.infeasible, 0, "estimates non-negative, summing to aggregate");
        // Each entry is perturbed by a factor uniform in [0.8, 1.2] (mean |deviation| 10 %)
        // before the aggregate is split, so the relative error per entry is about that;
        // averaging over 4 antennas and 6 slots shrinks it at MEC.
        const double relAntenna = run.histAbsErr[0] / run.truthSum[0];
        const double relMec = run.histAbsErr[1] / run.truthSum[1];
        NS_TEST_ASSERT_MSG_LT(relAntenna, 0.15, "close at the antennas");
        NS_TEST_ASSERT_MSG_LT(relMec, 0.05, "closer at MEC");
        NS_TEST_ASSERT_MSG_GT(relAntenna, 1e-3, "noise does cost accuracy");
        NS_TEST_ASSERT_MSG_LT(run.histAbsErr[0], 0.5 * run.naiveAbsErr[0], "beats naive");
        NS_TEST_ASSERT_MSG_LT(run.histAbsErr[1], 0.5 * run.naiveAbsErr[1], "beats naive");
        NS_TEST_ASSERT_MSG_GT(run.antenna.violations, 0, "noise causes SLA violations");
    }
};

/**
 * \ingroup microscope-tests
 * Volume-weighted shares, the node and catalog fallbacks, and smoothing, by hand.
 */
class HistoricalFallbackTestCase : public TestCase
{
public:
    HistoricalFallbackTestCase()
        : TestCase("Historical volume-weighted shares, fallbacks and smoothing")
    {
    }

private:
    void DoRun() override
    {
        // Two services (catalog shares 1/3, 2/3), two nodes, four intervals a day.
        DecomposerSetup setup;
        setup.level = NetworkLevel::MEC;
        setup.nNodes = 2;
        setup.nServices = 2;
        setup.historyLength = 1;
        setup.interval = Hours(6);
        setup.intervalsPerDay = 4;
        setup.catalog = MakeCatalog(2);
        for (uint32_t smoothing : {0U, 1U})
        {
            auto h = CreateObject<HistoricalDecomposer>();
            h->SetAttribute("SmoothingWindow", UintegerValue(smoothing));
            h->Setup(setup);
            AggregateHistory history;
            history.Reset(1, 2);
            auto train = [&](uint32_t iod, double s0, double s1)
            {
                DecompositionContext ctx;
                ctx.level = NetworkLevel::MEC;
                ctx.dayType = DayType::WORKDAY;
                ctx.intervalOfDay = iod;
                DemandMatrix truth(2, 2);
                truth(0, 0) = s0;
                truth(1, 0) = s1; // node 1 never has traffic
                history.Push(truth.Aggregate());
                h->Train(ctx, history, truth);
            };
            // Workday interval 0 twice: (1, 3) and (9, 1); interval 1 once: (0, 6).
            train(0, 1, 3);
            train(0, 9, 1);
            train(1, 0, 6);
            h->EndTraining();
            NS_TEST_ASSERT_MSG_EQ(h->GetNTrainingIntervals(), 3, "three training intervals");
            if (smoothing == 0)
            {
                // Volume-weighted: (1 + 9) / (4 + 10) = 10/14, not the mean share 0.575.
                NS_TEST_ASSERT_MSG_EQ_TOL(h->GetShare(DayType::WORKDAY, 0, 0, 0),
                                          10.0 / 14,
                                          1e-12,
                                          "volume-weighted share");
                NS_TEST_ASSERT_MSG_EQ_TOL(h->GetShare(DayType::WORKDAY, 1, 0, 0),
                                          0.0,
                                          1e-12,
                                          "interval 1");
                // Unseen bins of node 0 (workday 2, 3 and all 4 holiday ones): the node's
                // overall shares (1 + 9 + 0) / (4 + 10 + 6) = 0.5.
                NS_TEST_ASSERT_MSG_EQ_TOL(h->GetShare(DayType::WORKDAY, 2, 0, 0),
                                          0.5,
                                          1e-12,
                                          "node fallback");
                NS_TEST_ASSERT_MSG_EQ_TOL(h->GetShare(DayType::HOLIDAY, 0, 1, 0),
                                          0.5,
                                          1e-12,
                                          "node fallback on holidays");
                NS_TEST_ASSERT_MSG_EQ(h->GetNNodeFallbacks(), 6, "6 bins of node 0");
            }
            else
            {
                // Window 1: interval 1 pools intervals 0, 1, 2 -> (10, 10): 0.5; interval 2
                // pools 1, 2, 3 -> (0, 6): 0; interval 3 pools 2, 3, 0 -> (10, 4): 10/14.
                NS_TEST_ASSERT_MSG_EQ_TOL(h->GetShare(DayType::WORKDAY, 1, 0, 0),
                                          0.5,
                                          1e-12,
                                          "smoothed interval 1");
                NS_TEST_ASSERT_MSG_EQ_TOL(h->GetShare(DayType::WORKDAY, 2, 0, 0),
                                          0.0,
                                          1e-12,
                                          "smoothed interval 2");
                NS_TEST_ASSERT_MSG_EQ_TOL(h->GetShare(DayType::WORKDAY, 3, 0, 0),
                                          10.0 / 14,
                                          1e-12,
                                          "smoothed interval 3 (wraps around)");
                NS_TEST_ASSERT_MSG_EQ(h->GetNNodeFallbacks(), 4, "only the holiday bins");
            }
            // Node 1 never had traffic: catalog shares 1/3, 2/3 in all 8 bins.
            NS_TEST_ASSERT_MSG_EQ_TOL(h->GetShare(DayType::WORKDAY, 0, 0, 1),
                                      1.0 / 3,
                                      1e-12,
                                      "catalog fallback");
            NS_TEST_ASSERT_MSG_EQ_TOL(h->GetShare(DayType::HOLIDAY, 3, 1, 1),
                                      2.0 / 3,
                                      1e-12,
                                      "catalog fallback");
            NS_TEST_ASSERT_MSG_EQ(h->GetNCatalogFallbacks(), 8, "8 bins of node 1");

            // Decompose workday interval 0 with aggregates 7 and 3.
            history.Push({7.0, 3.0});
            DecompositionContext ctx;
            ctx.dayType = DayType::WORKDAY;
            ctx.intervalOfDay = 0;
            DemandMatrix estimate;
            h->Decompose(ctx, history, estimate);
            // Smoothed, interval 0 pools intervals 3, 0 and 1 -> (10, 10): 0.5.
            const double s0 = smoothing == 0 ? 10.0 / 14 : 0.5;
            NS_TEST_ASSERT_MSG_EQ_TOL(estimate(0, 0), 7 * s0, 1e-12, "share times aggregate");
            NS_TEST_ASSERT_MSG_EQ_TOL(estimate(0, 0) + estimate(1, 0), 7.0, 1e-12, "sums");
            NS_TEST_ASSERT_MSG_EQ_TOL(estimate(0, 1), 1.0, 1e-12, "catalog share of node 1");
            NS_TEST_ASSERT_MSG_EQ_TOL(estimate(1, 1), 2.0, 1e-12, "catalog share of node 1");
        }
    }
};

/**
 * \ingroup microscope-tests
 * The historical suite.
 */
/**
 * \ingroup microscope-tests
 * \brief ShareTraining: the historical-type lanes of a level that learn the same table learn it
 * once, and every estimate is bit for bit what it is when each lane learns its own.
 */
class HistoricalSharedTrainingTestCase : public TestCase
{
public:
    HistoricalSharedTrainingTestCase()
        : TestCase("Historical tables shared between lanes give bit-identical estimates")
    {
    }

private:
    /// Estimates by (lane, level, interval), and the decomposers of a run.
    struct Run
    {
        std::map<std::tuple<std::string, uint32_t, uint64_t>, std::vector<double>> estimates;
        Ptr<HistoricalDecomposer> plainA;   //!< lane "a", antenna
        Ptr<HistoricalDecomposer> plainB;   //!< lane "b", antenna
        Ptr<HistoricalDecomposer> tuned;    //!< lane "tuned", antenna
        Ptr<HistoricalDecomposer> smoothed; //!< lane "smoothed", antenna (another window)
        Ptr<HistoricalDecomposer> mecA;     //!< lane "a", MEC
        Ptr<HistoricalDecomposer> mecB;     //!< lane "b", MEC
    };

    /// \param share ShareTraining \return the run
    static Run Simulate(bool share)
    {
        const uint32_t nAntennas = 9;
        const uint32_t nServices = 3;
        auto source = CreateObject<FunctionTrafficSource>(
            nServices,
            nAntennas,
            10 * 288,
            Minutes(5),
            [](uint64_t slot, uint32_t s, uint32_t a)
            { return (1.0 + a) * (0.2 + Hash01(slot * 4096 + s * 64 + a)) * (1.0 + s); });
        std::vector<uint32_t> mec;
        for (uint32_t a = 0; a < nAntennas; ++a)
        {
            mec.push_back(a % 3);
        }
        auto orchestrator = CreateObject<SlotOrchestrator>();
        orchestrator->SetAttribute("ShareTraining", BooleanValue(share));
        orchestrator->SetTrafficSource(source);
        orchestrator->SetTopology(MakeTopology(nAntennas, mec, {}, {}));
        orchestrator->SetAttribute("MecInterval", TimeValue(Minutes(30)));
        Run run;
        run.plainA = CreateObject<HistoricalDecomposer>();
        run.plainB = CreateObject<HistoricalDecomposer>();
        run.tuned = CreateObject<HistoricalTunedDecomposer>();
        run.smoothed = CreateObject<HistoricalDecomposer>();
        run.smoothed->SetAttribute("SmoothingWindow", UintegerValue(2));
        run.mecA = CreateObject<HistoricalDecomposer>();
        run.mecB = CreateObject<HistoricalDecomposer>();
        orchestrator->AddLane("a", NetworkLevel::ANTENNA, run.plainA);
        orchestrator->AddLane("a", NetworkLevel::MEC, run.mecA);
        orchestrator->AddLane("b", NetworkLevel::ANTENNA, run.plainB);
        orchestrator->AddLane("b", NetworkLevel::MEC, run.mecB);
        orchestrator->AddLane("tuned", NetworkLevel::ANTENNA, run.tuned);
        orchestrator->AddLane("smoothed", NetworkLevel::ANTENNA, run.smoothed);
        orchestrator->TraceConnectWithoutContext(
            "Estimate",
            Callback<void,
                     const std::string&,
                     NetworkLevel,
                     uint64_t,
                     const DemandMatrix&,
                     const DemandMatrix&>(
                [&run](const std::string& lane,
                       NetworkLevel level,
                       uint64_t interval,
                       const DemandMatrix& truth,
                       const DemandMatrix& estimate)
                {
                    const double* e = estimate.Data();
                    run.estimates[{lane, NetworkLevelIndex(level), interval}].assign(
                        e,
                        e + static_cast<size_t>(estimate.GetNServices()) * estimate.GetNNodes());
                }));
        orchestrator->Start();
        Simulator::Run();
        Simulator::Destroy();
        orchestrator->Dispose();
        return run;
    }

    void DoRun() override
    {
        const Run shared = Simulate(true);
        const Run alone = Simulate(false);
        // The sharing happened where it should, and only there.
        NS_TEST_EXPECT_MSG_EQ((shared.plainA->GetTable() == shared.plainB->GetTable()),
                              true,
                              "two plain historical lanes at the antennas share one table");
        NS_TEST_EXPECT_MSG_EQ((shared.plainA->GetTable() == shared.tuned->GetTable()),
                              true,
                              "the historical-tuned lane shares it too");
        NS_TEST_EXPECT_MSG_EQ((shared.mecA->GetTable() == shared.mecB->GetTable()),
                              true,
                              "the MEC lanes share theirs");
        NS_TEST_EXPECT_MSG_EQ((shared.plainA->GetTable() == shared.smoothed->GetTable()),
                              false,
                              "another SmoothingWindow learns its own table");
        NS_TEST_EXPECT_MSG_EQ((shared.plainA->GetTable() == shared.mecA->GetTable()),
                              false,
                              "another level learns its own table");
        NS_TEST_EXPECT_MSG_EQ((alone.plainA->GetTable() == alone.plainB->GetTable()),
                              false,
                              "without ShareTraining every lane learns its own");
        NS_TEST_EXPECT_MSG_EQ(shared.plainB->GetNTrainingIntervals(),
                              shared.plainA->GetNTrainingIntervals(),
                              "each sharer counts every training interval");
        NS_TEST_EXPECT_MSG_GT(shared.plainA->GetNTrainingIntervals(), 0, "trained");
        // Every estimate bit for bit.
        NS_TEST_ASSERT_MSG_EQ(shared.estimates.size(),
                              alone.estimates.size(),
                              "the same estimates were traced");
        NS_TEST_ASSERT_MSG_GT(shared.estimates.size(), 0, "estimates were traced");
        uint64_t differing = 0;
        for (const auto& [key, values] : shared.estimates)
        {
            const auto it = alone.estimates.find(key);
            if (it == alone.estimates.end() || it->second.size() != values.size() ||
                std::memcmp(it->second.data(), values.data(), values.size() * sizeof(double)) != 0)
            {
                ++differing;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(differing, 0, "estimates differing with and without sharing");
        // Lanes a and b estimate the same, and the smoothed lane differs somewhere.
        uint64_t compared = 0;
        uint64_t smoothedDiffers = 0;
        for (const auto& [key, values] : shared.estimates)
        {
            if (std::get<0>(key) != "a" || std::get<1>(key) != 0)
            {
                continue;
            }
            const auto b = shared.estimates.find({"b", 0, std::get<2>(key)});
            const auto sm = shared.estimates.find({"smoothed", 0, std::get<2>(key)});
            NS_TEST_ASSERT_MSG_EQ((b != shared.estimates.end() && sm != shared.estimates.end()),
                                  true,
                                  "every lane traced the interval");
            NS_TEST_EXPECT_MSG_EQ((b->second == values), true, "lanes a and b agree");
            smoothedDiffers += sm->second != values ? 1 : 0;
            ++compared;
        }
        NS_TEST_EXPECT_MSG_GT(compared, 0, "antenna intervals compared");
        NS_TEST_EXPECT_MSG_GT(smoothedDiffers, 0, "the smoothed lane's own table shows");
    }
};

class MicroscopeHistoricalTestSuite : public TestSuite
{
public:
    MicroscopeHistoricalTestSuite()
        : TestSuite("microscope-historical", UNIT)
    {
        AddTestCase(new HistoricalExactTestCase, TestCase::QUICK);
        AddTestCase(new HistoricalNoiseTestCase, TestCase::QUICK);
        AddTestCase(new HistoricalFallbackTestCase, TestCase::QUICK);
        AddTestCase(new HistoricalSharedTrainingTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static MicroscopeHistoricalTestSuite g_microscopeHistoricalTestSuite;
