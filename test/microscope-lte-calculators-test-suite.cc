/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the packet-level controller's pieces on their own, without an LTE stack and
 * without running the simulator: the LteSliceStatsCalculator (slots, delivered shares with
 * drops, the antenna truth split by S1-U bytes, PRB use), the DelayQuantileCalculator on small
 * samples, the SliceSlaJudge at and around its thresholds, and the LteSliceAllocationStep
 * (PRB quotas fitted to a cell, and decompose -> allocate -> enforce with the oracle). Every
 * expected value is worked out by hand in the comments.
 */

#include "ns3/delay-quantile-calculator.h"
#include "ns3/double.h"
#include "ns3/lte-slice-allocation-step.h"
#include "ns3/lte-slice-controller.h"
#include "ns3/lte-slice-level-totals.h"
#include "ns3/lte-slice-stats-calculator.h"
#include "ns3/oracle-decomposer.h"
#include "ns3/slice-sla-judge.h"
#include "ns3/spectrum-allocator.h"
#include "ns3/test.h"
#include "ns3/vnf-allocator.h"
#include "ns3/vnf-application.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <vector>

using namespace ns3;

namespace
{
/// Index of the core level.
const uint32_t CORE = NetworkLevelIndex(NetworkLevel::CORE);
} // namespace

/**
 * \ingroup microscope-tests
 * The stats calculator fed by hand: 2 eNBs, 3 services (0 and 1 share bearer 0, service 2
 * rides bearer 1), 2 slices, one datacenter per level, slots of 100 ms from 1 s, 2 evaluated
 * slots (slots 0..2 cover [1.0 s, 1.3 s)).
 */
class LteStatsCalculatorTestCase : public TestCase
{
public:
    LteStatsCalculatorTestCase()
        : TestCase("stats calculator: slots, delivered share with drops, truth split, PRB use")
    {
    }

private:
    void DoRun() override
    {
        LteSliceStatsCalculator calc;
        LteSliceStatsCalculator::Layout layout;
        layout.start = Seconds(1);
        layout.slot = MilliSeconds(100);
        layout.nSlots = 2;
        layout.nServices = 3;
        layout.nSlices = 2;
        layout.serviceBearer = {0, 0, 1};
        layout.nBearers = 2;
        layout.nodes = {2, 1, 1, 1};
        calc.Setup(layout);

        // Slots: before the start and from the end of slot 2 (1.3 s) on, none.
        NS_TEST_ASSERT_MSG_EQ(calc.SlotOf(MilliSeconds(999)), -1, "before the warm-up slot");
        NS_TEST_ASSERT_MSG_EQ(calc.SlotOf(Seconds(1)), 0, "start of the warm-up slot");
        NS_TEST_ASSERT_MSG_EQ(calc.SlotOf(MilliSeconds(1100) - NanoSeconds(1)), 0, "end of 0");
        NS_TEST_ASSERT_MSG_EQ(calc.SlotOf(MilliSeconds(1100)), 1, "start of slot 1");
        NS_TEST_ASSERT_MSG_EQ(calc.SlotOf(MilliSeconds(1299)), 2, "last slot");
        NS_TEST_ASSERT_MSG_EQ(calc.SlotOf(MilliSeconds(1300)), -1, "after the last slot");

        // End to end, slot 1, eNB 0, slice 1: 3 x 1000 bytes offered; 1000 and 500 delivered
        // (5 and 7 ms); 700 dropped at the RLC and 800 at the core VNF: 1500 dropped, and a
        // delivered share of 1500 / 3000 = 0.5.
        for (int i = 0; i < 3; ++i)
        {
            calc.AddOffered(1, 0, 1, 1000);
        }
        calc.AddDelivered(1, 0, 1, 1000, MilliSeconds(5));
        calc.AddDelivered(1, 0, 1, 500, MilliSeconds(7));
        calc.AddRlcDrop(1, 0, 1, 700);
        calc.AddVnfDrop(CORE, 1, 0, 2, 0, 1, 800);
        const LteSliceStatsCalculator::Counter& e2e = calc.GetEndToEnd(1, 0, 1);
        NS_TEST_ASSERT_MSG_EQ(e2e.offered, 3000, "offered");
        NS_TEST_ASSERT_MSG_EQ(e2e.delivered, 1500, "delivered");
        NS_TEST_ASSERT_MSG_EQ(e2e.dropped, 1500, "dropped: RLC 700 + VNF 800");
        NS_TEST_ASSERT_MSG_EQ(e2e.DeliveredShare(), 0.5, "delivered share");
        NS_TEST_ASSERT_MSG_EQ(e2e.delay.size(), 2, "two delays");
        NS_TEST_ASSERT_MSG_EQ(e2e.delay[0], 5.0f, "first delay, ms");
        NS_TEST_ASSERT_MSG_EQ(e2e.delay[1], 7.0f, "second delay, ms");
        // Other counters untouched; nothing offered: no share.
        NS_TEST_ASSERT_MSG_EQ(calc.GetEndToEnd(1, 0, 0).offered, 0, "slice 0 untouched");
        NS_TEST_ASSERT_MSG_EQ(calc.GetEndToEnd(2, 0, 1).offered, 0, "slot 2 untouched");
        NS_TEST_ASSERT_MSG_EQ(std::isnan(calc.GetEndToEnd(1, 1, 1).DeliveredShare()),
                              true,
                              "nothing offered: NaN share");

        // The core VNF, slot 1, slice 1: the 800 dropped and 1200 queued arrive (2000), 1200
        // are served after 2 ms: share 1200 / 2000 = 0.6.
        calc.AddVnfArrival(CORE, 1, 0, 2, 1, 1200);
        calc.AddVnfServed(CORE, 1, 0, 1, 1200, MilliSeconds(2));
        const LteSliceStatsCalculator::Counter& vnf = calc.GetVnf(NetworkLevel::CORE, 1, 0, 1);
        NS_TEST_ASSERT_MSG_EQ(vnf.offered, 2000, "VNF arrivals");
        NS_TEST_ASSERT_MSG_EQ(vnf.dropped, 800, "VNF drops");
        NS_TEST_ASSERT_MSG_EQ(vnf.delivered, 1200, "VNF served");
        NS_TEST_ASSERT_MSG_EQ_TOL(vnf.DeliveredShare(), 0.6, 1e-15, "VNF delivered share");
        NS_TEST_ASSERT_MSG_EQ(vnf.delay.size(), 1, "one sojourn");
        NS_TEST_ASSERT_MSG_EQ(vnf.delay[0], 2.0f, "sojourn, ms");

        // Truth at the core: the 2000 bytes of service 2 in 100 ms are 0.16 Mbps.
        const double toMbps = 8.0 / 0.1 / 1e6;
        DemandMatrix truth;
        calc.ComputeTruth(1, NetworkLevel::CORE, truth);
        NS_TEST_ASSERT_MSG_EQ(truth.GetNServices(), 3, "services");
        NS_TEST_ASSERT_MSG_EQ(truth.GetNNodes(), 1, "core nodes");
        NS_TEST_ASSERT_MSG_EQ_TOL(truth(2, 0), 0.16, 1e-12, "core truth of service 2");
        NS_TEST_ASSERT_MSG_EQ(truth(0, 0), 0.0, "core truth of service 0");

        // Truth at the antennas, slot 1, eNB 0: S1-U bytes 3000 (service 0) and 1000
        // (service 1) on bearer 0, none for service 2 on bearer 1; PDCP bytes 8000 on bearer 0,
        // 500 on bearer 1. Bearer 0 is split 3:1: 6000 and 2000 bytes, 0.48 and 0.16 Mbps;
        // bearer 1 carries service 2 alone (no S1-U bytes: its one member takes it all):
        // 500 bytes, 0.04 Mbps. eNB 1 saw nothing: zero.
        calc.AddS1uBytes(1, 0, 0, 1000);
        calc.AddS1uBytes(1, 0, 0, 2000);
        calc.AddS1uBytes(1, 0, 1, 1000);
        calc.AddPdcpBytes(1, 0, 0, 5000);
        calc.AddPdcpBytes(1, 0, 0, 3000);
        calc.AddPdcpBytes(1, 0, 1, 500);
        NS_TEST_ASSERT_MSG_EQ(calc.GetPdcpBytes(1, 0, 0), 8000, "PDCP bytes summed");
        calc.ComputeTruth(1, NetworkLevel::ANTENNA, truth);
        NS_TEST_ASSERT_MSG_EQ(truth.GetNNodes(), 2, "eNBs");
        NS_TEST_ASSERT_MSG_EQ_TOL(truth(0, 0), 6000 * toMbps, 1e-12, "service 0: 3/4 of bearer 0");
        NS_TEST_ASSERT_MSG_EQ_TOL(truth(1, 0), 2000 * toMbps, 1e-12, "service 1: 1/4 of bearer 0");
        NS_TEST_ASSERT_MSG_EQ_TOL(truth(2, 0), 0.04, 1e-12, "service 2: all of bearer 1");
        NS_TEST_ASSERT_MSG_EQ(truth(0, 1) + truth(1, 1) + truth(2, 1), 0.0, "eNB 1: nothing");
        // Without S1-U bytes a shared bearer is split equally: 800 PDCP bytes at eNB 1.
        calc.AddPdcpBytes(1, 1, 0, 800);
        calc.ComputeTruth(1, NetworkLevel::ANTENNA, truth);
        NS_TEST_ASSERT_MSG_EQ_TOL(truth(0, 1), 400 * toMbps, 1e-12, "equal split, service 0");
        NS_TEST_ASSERT_MSG_EQ_TOL(truth(1, 1), 400 * toMbps, 1e-12, "equal split, service 1");

        // PRB use at eNB 0, slot 1: two TTIs (counted with slice 0), slice 0 used 10 and 6
        // PRBs (mean 8), slice 1 used 4 and 2 (mean 3); slice 5 does not exist: ignored.
        calc.AddPrbUse(1, 0, 0, 10);
        calc.AddPrbUse(1, 0, 1, 4);
        calc.AddPrbUse(1, 0, 5, 99);
        calc.AddPrbUse(1, 0, 0, 6);
        calc.AddPrbUse(1, 0, 1, 2);
        NS_TEST_ASSERT_MSG_EQ(calc.GetTtis(1, 0), 2, "TTIs");
        NS_TEST_ASSERT_MSG_EQ(calc.GetMeanUsedPrbs(1, 0, 0), 8.0, "slice 0 mean PRBs");
        NS_TEST_ASSERT_MSG_EQ(calc.GetMeanUsedPrbs(1, 0, 1), 3.0, "slice 1 mean PRBs");
        NS_TEST_ASSERT_MSG_EQ(std::isnan(calc.GetMeanUsedPrbs(1, 1, 0)), true, "no TTI: NaN");

        // Setup() again zeroes every counter.
        calc.Setup(layout);
        NS_TEST_ASSERT_MSG_EQ(calc.GetEndToEnd(1, 0, 1).offered, 0, "zeroed by Setup()");
        NS_TEST_ASSERT_MSG_EQ(calc.GetTtis(1, 0), 0, "TTIs zeroed by Setup()");
    }
};

/**
 * \ingroup microscope-tests
 * Delay quantiles (nearest rank) of small samples, by hand.
 */
class DelayQuantileTestCase : public TestCase
{
public:
    DelayQuantileTestCase()
        : TestCase("delay quantiles: nearest rank on small known samples")
    {
    }

private:
    void DoRun() override
    {
        auto q = [](std::vector<float> v, double p)
        { return DelayQuantileCalculator::Quantile(v, p); };
        // {12, 3, 7, 3, 9} sorted: 3 3 7 9 12. Rank max(1, ceil(5 q)): q = 0.5 -> 3 -> 7;
        // q = 0.95 -> 5 -> 12; q = 0.39 -> 2 -> 3; q = 0.41 -> 3 -> 7; q = 0.1 -> 1 -> 3.
        const std::vector<float> five = {12, 3, 7, 3, 9};
        NS_TEST_ASSERT_MSG_EQ(q(five, 0.5), 7.0, "median");
        NS_TEST_ASSERT_MSG_EQ(q(five, 0.95), 12.0, "p95");
        NS_TEST_ASSERT_MSG_EQ(q(five, 0.39), 3.0, "q = 0.39: rank 2");
        NS_TEST_ASSERT_MSG_EQ(q(five, 0.41), 7.0, "q = 0.41: rank 3");
        NS_TEST_ASSERT_MSG_EQ(q(five, 0.1), 3.0, "q = 0.1: rank 1");
        NS_TEST_ASSERT_MSG_EQ(q(five, 0.0), 3.0, "q = 0: the smallest");
        // Four samples: the median is the 2nd smallest (no interpolation to 2.5).
        std::vector<float> four = {4.5f, 1.0f, 2.0f, 3.0f};
        NS_TEST_ASSERT_MSG_EQ(DelayQuantileCalculator::Median(four), 2.0, "median of 4");
        NS_TEST_ASSERT_MSG_EQ(DelayQuantileCalculator::P95(four), 4.5, "p95 of 4: the largest");
        // The controller's Quantile() is this one.
        std::vector<float> again = five;
        NS_TEST_ASSERT_MSG_EQ(LteSliceController::Quantile(again, 0.5), 7.0, "controller median");
        std::vector<float> none;
        NS_TEST_ASSERT_MSG_EQ(std::isnan(DelayQuantileCalculator::P95(none)), true, "no sample");
    }
};

/**
 * \ingroup microscope-tests
 * SLA judgement at and around the thresholds: slice 0 needs 90 % delivered and a delay p95
 * of at most 20 ms, slice 1 50 % and 100 ms.
 */
class SlaJudgeTestCase : public TestCase
{
public:
    SlaJudgeTestCase()
        : TestCase("SLA judgement at and around the delivered-share and delay thresholds")
    {
    }

private:
    void DoRun() override
    {
        const SliceSlaJudge judge({0.9, 0.5}, {20.0, 100.0});
        NS_TEST_ASSERT_MSG_EQ(judge.GetNSlices(), 2, "slices");
        const double nan = std::nan("");

        // Nothing offered: not judged, whatever the delay.
        SliceSlaJudge::Verdict v = judge.Judge(0, 0, 0, nan);
        NS_TEST_ASSERT_MSG_EQ(v.judged, false, "nothing offered: not judged");
        NS_TEST_ASSERT_MSG_EQ(v.violated, false, "nothing offered: no violation");

        // At both thresholds: 900 of 1000 (0.9, not below 0.9) and p95 = 20 ms: met.
        v = judge.Judge(0, 1000, 900, 20.0);
        NS_TEST_ASSERT_MSG_EQ(v.judged, true, "judged");
        NS_TEST_ASSERT_MSG_EQ(v.share, 0.9, "share");
        NS_TEST_ASSERT_MSG_EQ(v.shareMissed, false, "share at the threshold is met");
        NS_TEST_ASSERT_MSG_EQ(v.delayMissed, false, "delay at the threshold is met");
        NS_TEST_ASSERT_MSG_EQ(v.violated, false, "met at both thresholds");

        // One byte less delivered: 0.899 < 0.9.
        v = judge.Judge(0, 1000, 899, 20.0);
        NS_TEST_ASSERT_MSG_EQ(v.shareMissed, true, "share just below");
        NS_TEST_ASSERT_MSG_EQ(v.delayMissed, false, "delay still met");
        NS_TEST_ASSERT_MSG_EQ(v.violated, true, "share just below: violated");

        // Delay just above: 20.001 ms.
        v = judge.Judge(0, 1000, 1000, 20.001);
        NS_TEST_ASSERT_MSG_EQ(v.shareMissed, false, "all delivered");
        NS_TEST_ASSERT_MSG_EQ(v.delayMissed, true, "delay just above");
        NS_TEST_ASSERT_MSG_EQ(v.violated, true, "delay just above: violated");
        v = judge.Judge(0, 1000, 1000, 19.999);
        NS_TEST_ASSERT_MSG_EQ(v.violated, false, "delay just below: met");

        // Nothing delivered: share 0 and no delay (NaN) both miss.
        v = judge.Judge(0, 1000, 0, nan);
        NS_TEST_ASSERT_MSG_EQ(v.shareMissed, true, "nothing delivered: share 0");
        NS_TEST_ASSERT_MSG_EQ(v.delayMissed, true, "nothing delivered: NaN delay misses");
        NS_TEST_ASSERT_MSG_EQ(v.violated, true, "nothing delivered: violated");

        // Slice 1's thresholds are its own: 500 of 1000 and 100 ms meet them, 499 does not,
        // and the 30 ms that slice 0 would refuse are fine here.
        NS_TEST_ASSERT_MSG_EQ(judge.Judge(1, 1000, 500, 100.0).violated, false, "slice 1 at both");
        NS_TEST_ASSERT_MSG_EQ(judge.Judge(1, 1000, 499, 30.0).violated, true, "slice 1 share");
        NS_TEST_ASSERT_MSG_EQ(judge.Judge(1, 1000, 600, 30.0).violated, false, "slice 1, 30 ms");
        NS_TEST_ASSERT_MSG_EQ(judge.Judge(0, 1000, 1000, 30.0).violated, true, "slice 0, 30 ms");
    }
};

/**
 * \ingroup microscope-tests
 * A level's measured totals from four rows in two slices, by hand.
 */
class LevelTotalsTestCase : public TestCase
{
public:
    LevelTotalsTestCase()
        : TestCase("level totals: bytes, delivered share, violations, fee, pooled quantiles")
    {
    }

private:
    /**
     * \param offered bytes \param delivered bytes \param dropped bytes \param delays ms
     * \return a counter
     */
    static LteSliceStatsCalculator::Counter Row(uint64_t offered,
                                                uint64_t delivered,
                                                uint64_t dropped,
                                                std::vector<float> delays)
    {
        LteSliceStatsCalculator::Counter c;
        c.offered = offered;
        c.delivered = delivered;
        c.dropped = dropped;
        c.delay = delays;
        return c;
    }

    void DoRun() override
    {
        // Slice 0: 900 of 1000 delivered (10 and 30 ms), violated, peak 2 MB/s; a row with
        // nothing offered (not judged). Slice 1: 500 of 500 (20 ms), met, peak 5; 250 of 500
        // (40 ms), violated, peak 3.
        LteSliceLevelTotals t(2);
        LteSliceStatsCalculator::Counter a = Row(1000, 900, 100, {10, 30});
        LteSliceStatsCalculator::Counter b = Row(0, 0, 0, {});
        LteSliceStatsCalculator::Counter c = Row(500, 500, 0, {20});
        LteSliceStatsCalculator::Counter d = Row(500, 250, 250, {40});
        t.Add(a, 0, true, 2.0);
        t.Add(b, 0, false, 7.0);
        t.Add(c, 1, false, 5.0);
        t.Add(d, 1, true, 3.0);
        NS_TEST_ASSERT_MSG_EQ(a.delay.empty(), true, "the row's delays moved out");
        NS_TEST_ASSERT_MSG_EQ(t.GetOffered(), 2000, "offered");
        NS_TEST_ASSERT_MSG_EQ(t.GetDelivered(), 1650, "delivered");
        NS_TEST_ASSERT_MSG_EQ(t.GetDropped(), 350, "dropped");
        NS_TEST_ASSERT_MSG_EQ(t.GetDeliveredShare(), 1650.0 / 2000.0, "share 0.825");
        NS_TEST_ASSERT_MSG_EQ(t.GetRows(), 3, "rows judged: the empty one is not");
        NS_TEST_ASSERT_MSG_EQ(t.GetViolations(), 2, "violations");
        NS_TEST_ASSERT_MSG_EQ(t.GetSliceViolations(0), 1, "slice 0 violations");
        NS_TEST_ASSERT_MSG_EQ_TOL(t.GetViolationSharePct(), 200.0 / 3.0, 1e-12, "2 of 3 rows");
        // Fee: Alpha 2 x (2 + 3) MB/s over 4 slots = 2.5 MB/s; 25 % of 10 MB/s.
        NS_TEST_ASSERT_MSG_EQ(t.GetSlaViolationMBps(2.0, 4.0), 2.5, "fee per slot");
        // Pooled delays 10 20 30 40: median rank 2 (20), p95 rank 4 (40); slice 0: 10 and 30
        // (median 10, p95 30).
        NS_TEST_ASSERT_MSG_EQ(t.GetDelayQuantile(0.5), 20.0, "pooled median");
        NS_TEST_ASSERT_MSG_EQ(t.GetDelayQuantile(0.95), 40.0, "pooled p95");
        NS_TEST_ASSERT_MSG_EQ(t.GetSliceDelayQuantile(0, 0.5), 10.0, "slice 0 median");
        NS_TEST_ASSERT_MSG_EQ(t.GetSliceDelayQuantile(0, 0.95), 30.0, "slice 0 p95");
        const nlohmann::json j = nlohmann::json::parse(
            t.ToJson(2.0, 4.0, 10.0, {"x", "y"}, {0.9, 0.5}, {20, 100}).dump());
        NS_TEST_ASSERT_MSG_EQ(j["sla_violation_MBps"].get<double>(), 2.5, "JSON fee");
        NS_TEST_ASSERT_MSG_EQ(j["sla_violation_pct"].get<double>(), 25.0, "JSON fee share");
        NS_TEST_ASSERT_MSG_EQ(j["node_slice_slots"].get<uint64_t>(), 3, "JSON rows");
        NS_TEST_ASSERT_MSG_EQ(j["slices"][1]["slice"].get<std::string>(), "y", "slice name");
        NS_TEST_ASSERT_MSG_EQ(j["slices"][1]["delay_p50_ms"].get<double>(), 20.0, "slice 1 p50");
        NS_TEST_ASSERT_MSG_EQ(j["slices"][1]["dropped_bytes"].get<uint64_t>(), 250, "slice 1");
        // Nothing offered: the share and the quantiles are null.
        LteSliceLevelTotals empty(1);
        const nlohmann::json e =
            nlohmann::json::parse(empty.ToJson(1.0, 1.0, 0.0, {"x"}, {0.9}, {20}).dump());
        NS_TEST_ASSERT_MSG_EQ(e["delivered_share"].is_null(), true, "no share");
        NS_TEST_ASSERT_MSG_EQ(e["delay_p95_ms"].is_null(), true, "no delay");
        NS_TEST_ASSERT_MSG_EQ(e["sla_violation_pct"].is_null(), true, "no true demand");
    }
};

/**
 * \ingroup microscope-tests
 * PRB quotas fitted to a cell of 25 PRBs in RBGs of 2 (12 whole RBGs), with the Mbps of a
 * known number of PRBs.
 */
class PrbQuotaTestCase : public TestCase
{
public:
    PrbQuotaTestCase()
        : TestCase("PRB quotas: whole RBGs, minimum RBGs, scaled down to the cell")
    {
    }

private:
    void DoRun() override
    {
        Ptr<SpectrumAllocator> spectrum = CreateObject<SpectrumAllocator>();
        const double prb = spectrum->GetPrbRateMbps();
        auto mbpsOf = [prb](std::vector<double> prbs)
        {
            for (auto& p : prbs)
            {
                p *= prb;
            }
            return prbs;
        };
        LteSliceAllocationStep step;
        step.SetCell(spectrum, 25, 2, 0);
        bool scaled = true;

        // They fit: 3 PRBs -> ceil(1.5) = 2 RBGs, none -> 0, 4 PRBs -> 2 RBGs, 0.1 PRB -> at
        // least 1 RBG.
        std::vector<uint32_t> q = step.QuotasFor(mbpsOf({3, 0, 4, 0.1}), scaled);
        NS_TEST_ASSERT_MSG_EQ(scaled, false, "fits");
        NS_TEST_ASSERT_MSG_EQ(q.size(), 4, "slices");
        NS_TEST_ASSERT_MSG_EQ(q[0], 4, "3 PRBs -> 2 RBGs");
        NS_TEST_ASSERT_MSG_EQ(q[1], 0, "no traffic -> 0");
        NS_TEST_ASSERT_MSG_EQ(q[2], 4, "4 PRBs -> 2 RBGs");
        NS_TEST_ASSERT_MSG_EQ(q[3], 2, "0.1 PRB -> 1 RBG");

        // MinimumRbgs 1: the idle slice keeps one RBG.
        step.SetCell(spectrum, 25, 2, 1);
        q = step.QuotasFor(mbpsOf({3, 0, 4}), scaled);
        NS_TEST_ASSERT_MSG_EQ(q[1], 2, "MinimumRbgs 1");
        NS_TEST_ASSERT_MSG_EQ(scaled, false, "still fits");

        // Scaled: needs 10, 5 and 1 RBGs (16 > 12). One RBG each (9 left), then the remaining
        // needs 9, 4 and 0 share the 9: 81/13 = 6.23 -> 6 and 36/13 = 2.77 -> 2, one RBG left
        // for the largest remainder (slice 1): 7, 4 and 1 RBGs, 12 in all.
        step.SetCell(spectrum, 25, 2, 0);
        q = step.QuotasFor(mbpsOf({20, 10, 2}), scaled);
        NS_TEST_ASSERT_MSG_EQ(scaled, true, "scaled");
        NS_TEST_ASSERT_MSG_EQ(q[0], 14, "7 RBGs");
        NS_TEST_ASSERT_MSG_EQ(q[1], 8, "4 RBGs");
        NS_TEST_ASSERT_MSG_EQ(q[2], 2, "1 RBG");

        // Fewer RBGs than slices with traffic: a cell of 4 PRBs has 2 RBGs; the largest needs
        // (slices 1 and 2) get them.
        step.SetCell(spectrum, 4, 2, 0);
        q = step.QuotasFor(mbpsOf({2, 6, 4}), scaled);
        NS_TEST_ASSERT_MSG_EQ(scaled, true, "scaled");
        NS_TEST_ASSERT_MSG_EQ(q[0], 0, "smallest need left out");
        NS_TEST_ASSERT_MSG_EQ(q[1], 2, "largest need: 1 RBG");
        NS_TEST_ASSERT_MSG_EQ(q[2], 2, "second need: 1 RBG");
    }
};

/**
 * \ingroup microscope-tests
 * Decompose -> allocate -> enforce with the oracle, 2 eNBs without schedulers, one VNF per
 * datacenter level, 3 services in 2 slices (0, 0, 1), Headroom 0, QuotaScale 2, VNF cores of
 * 1 per Mbps, MinimumCores 1, a cell of 50 PRBs in RBGs of 1.
 */
class AllocationStepTestCase : public TestCase
{
public:
    AllocationStepTestCase()
        : TestCase("allocation step: decompose, allocate, enforce (quotas, cores, trace)")
    {
    }

private:
    /// Quotas reported through the callback.
    std::vector<std::vector<uint32_t>> m_reported;

    /// \param slot slot \param enb eNB \param quotas PRBs per slice
    void Quotas(uint32_t slot, uint32_t enb, const std::vector<uint32_t>& quotas)
    {
        NS_TEST_EXPECT_MSG_EQ(slot, 1, "the slot enforced");
        NS_TEST_EXPECT_MSG_EQ(enb, m_reported.size(), "eNBs in order");
        m_reported.push_back(quotas);
    }

    void DoRun() override
    {
        Ptr<SpectrumAllocator> spectrum = CreateObject<SpectrumAllocator>();
        spectrum->SetAttribute("Headroom", DoubleValue(0.0));
        Ptr<VnfAllocator> vnf = CreateObject<VnfAllocator>();
        vnf->SetAttribute("Headroom", DoubleValue(0.0));
        vnf->SetAttribute("CoresPerGbpsDataPlane", DoubleValue(1000.0));
        vnf->SetAttribute("CoresPerGbpsSdn", DoubleValue(0.0));
        const double prb = spectrum->GetPrbRateMbps();

        LteSliceWiring w;
        w.serviceSlice = {0, 0, 1};
        w.sliceNames = {"a", "b"};
        w.schedulers = {nullptr, nullptr};
        w.bandwidthPrbs = 50;
        w.rbgSize = 1;
        w.spectrum = spectrum;
        w.vnf = vnf;
        for (auto level : ALL_NETWORK_LEVELS)
        {
            w.decomposers[NetworkLevelIndex(level)] = CreateObject<OracleDecomposer>();
            if (level != NetworkLevel::ANTENNA)
            {
                Ptr<VnfApplication> app = CreateObject<VnfApplication>();
                app->SetNSlices(2);
                w.vnfs[NetworkLevelIndex(level)].push_back(app);
            }
        }
        LteSliceAllocationStep step;
        step.Setup(w, 2, 2.0, 1, 0, 1);
        step.SetQuotasCallback(MakeCallback(&AllocationStepTestCase::Quotas, this));

        std::array<DemandMatrix, N_NETWORK_LEVELS> truth;
        std::array<DemandMatrix, N_NETWORK_LEVELS> allocation;
        for (auto level : ALL_NETWORK_LEVELS)
        {
            const uint32_t l = NetworkLevelIndex(level);
            const uint32_t nodes = level == NetworkLevel::ANTENNA ? 2 : 1;
            DecomposerSetup setup;
            setup.level = level;
            setup.nNodes = nodes;
            setup.nServices = 3;
            step.SetupLevel(setup);
            truth[l].Resize(3, nodes);
        }
        // eNB 0: services 0, 1, 2 need 3, 1 and 2.5 PRBs; eNB 1: 0, 0 and 10 PRBs. The core:
        // 1.5, 0 and 0.25 Mbps.
        auto& ran = truth[NetworkLevelIndex(NetworkLevel::ANTENNA)];
        ran(0, 0) = 3 * prb;
        ran(1, 0) = 1 * prb;
        ran(2, 0) = 2.5 * prb;
        ran(2, 1) = 10 * prb;
        auto& core = truth[CORE];
        core(0, 0) = 1.5;
        core(2, 0) = 0.25;
        for (auto level : ALL_NETWORK_LEVELS)
        {
            const uint32_t l = NetworkLevelIndex(level);
            DecompositionContext context;
            context.level = level;
            context.interval = 0;
            context.truth = &truth[l];
            DemandMatrix estimate;
            const uint32_t repaired = step.Decompose(context, truth[l].Aggregate(), estimate);
            NS_TEST_ASSERT_MSG_EQ(repaired, 0, "the oracle needs no repair");
            NS_TEST_ASSERT_MSG_EQ(estimate(0, 0), truth[l](0, 0), "oracle estimate");
            step.Allocate(level, estimate, allocation[l]);
            NS_TEST_ASSERT_MSG_EQ(allocation[l](0, 0), 2.0 * truth[l](0, 0), "QuotaScale 2");
        }
        step.Enforce(1, allocation);

        // eNB 0: slice 0 carries (3 + 1) x 2 = 8 PRBs, slice 1 2.5 x 2 = 5; eNB 1: slice 0
        // nothing, slice 1 20 PRBs. 13 and 20 of 50: no scaling.
        NS_TEST_ASSERT_MSG_EQ_TOL(step.GetQuota(1, 0, 0), 8, 0, "eNB 0 slice 0");
        NS_TEST_ASSERT_MSG_EQ(step.GetQuota(1, 0, 1), 5, "eNB 0 slice 1");
        NS_TEST_ASSERT_MSG_EQ(step.GetQuota(1, 1, 0), 0, "eNB 1 slice 0");
        NS_TEST_ASSERT_MSG_EQ(step.GetQuota(1, 1, 1), 20, "eNB 1 slice 1");
        NS_TEST_ASSERT_MSG_EQ(step.GetQuota(0, 0, 0), 0, "slot 0 not enforced");
        NS_TEST_ASSERT_MSG_EQ(step.GetNScaledQuotas(), 0, "nothing scaled");
        NS_TEST_ASSERT_MSG_EQ(m_reported.size(), 2, "one Quotas call per eNB");
        NS_TEST_ASSERT_MSG_EQ(m_reported[1][1], 20, "reported quota");

        // Core: slice 0 gets 1.5 x 2 = 3 Mbps -> 3 cores, slice 1 0.5 Mbps -> 1 core; C-RAN
        // and MEC had nothing: MinimumCores 1.
        NS_TEST_ASSERT_MSG_EQ(step.GetCores(1, NetworkLevel::CORE, 0, 0), 3, "core slice 0");
        NS_TEST_ASSERT_MSG_EQ(step.GetCores(1, NetworkLevel::CORE, 0, 1), 1, "core slice 1");
        NS_TEST_ASSERT_MSG_EQ(step.GetCores(1, NetworkLevel::MEC, 0, 0), 1, "MinimumCores");
        const auto& coreVnf = w.vnfs[CORE][0];
        NS_TEST_ASSERT_MSG_EQ(coreVnf->GetSliceCores(0), 3, "cores set on the VNF");
        NS_TEST_ASSERT_MSG_EQ(coreVnf->GetSliceCores(1), 1, "cores set on the VNF");

        // Fixed quotas override the allocation.
        w.fixedQuotas = {6, 4};
        step.Setup(w, 2, 2.0, 1, 0, 1);
        m_reported.clear();
        step.Enforce(1, allocation);
        NS_TEST_ASSERT_MSG_EQ(step.GetQuota(1, 1, 1), 4, "fixed quota");
        NS_TEST_ASSERT_MSG_EQ(step.GetQuota(1, 0, 0), 6, "fixed quota");
        step.Dispose();
    }
};

/**
 * \ingroup microscope-tests
 * The packet-level controller's pieces, each on its own.
 */
class MicroscopeLteCalculatorsTestSuite : public TestSuite
{
public:
    MicroscopeLteCalculatorsTestSuite()
        : TestSuite("microscope-lte-calculators", UNIT)
    {
        AddTestCase(new LteStatsCalculatorTestCase, TestCase::QUICK);
        AddTestCase(new DelayQuantileTestCase, TestCase::QUICK);
        AddTestCase(new SlaJudgeTestCase, TestCase::QUICK);
        AddTestCase(new LevelTotalsTestCase, TestCase::QUICK);
        AddTestCase(new PrbQuotaTestCase, TestCase::QUICK);
        AddTestCase(new AllocationStepTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static MicroscopeLteCalculatorsTestSuite g_microscopeLteCalculatorsTestSuite;
