/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the cost function (CostAccountant), the slice allocators and the accuracy metrics
 * on small cases worked out by hand.
 */

#include "ns3/cost-accountant.h"
#include "ns3/demand-matrix.h"
#include "ns3/double.h"
#include "ns3/input-error.h"
#include "ns3/network-level.h"
#include "ns3/slice-allocator.h"
#include "ns3/spectrum-allocator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"
#include "ns3/vnf-allocator.h"

#include <cmath>

using namespace ns3;

namespace
{

/**
 * \param nServices services.
 * \param nNodes nodes.
 * \param values service-major values.
 * \return the matrix.
 */
DemandMatrix
Matrix(uint32_t nServices, uint32_t nNodes, const std::vector<double>& values)
{
    DemandMatrix m(nServices, nNodes);
    for (size_t i = 0; i < values.size(); ++i)
    {
        m.Data()[i] = values[i];
    }
    return m;
}

} // namespace

/**
 * \ingroup microscope-tests
 * SLA violations, overprovisioning, MB/s, percentages, per-service and per-node figures and
 * MAE/NMAE on a 2-service, 2-node, 3-interval case computed by hand.
 */
class DatacenterCostTestCase : public TestCase
{
public:
    DatacenterCostTestCase()
        : TestCase("SLA violation and overprovisioning costs, MB per s, percentages, MAE, NMAE")
    {
    }

private:
    void DoRun() override
    {
        // Services A (row 0) and B (row 1); nodes 0 and 1; matrices are {A0, A1, B0, B1}.
        //            truth            allocation (= estimate)
        // i0:  A 10  4 | B 2 8      A 12 4 | B 1 8    A0 +2, B0 short (violation)
        // i1:  A 20  4 | B 6 0      A 15 5 | B 6 0    A0 short (violation), A1 +1
        // i2:  A 30  4 | B 4 8      A 30 3 | B 5 9    A1 short (violation), B0 +1, B1 +1
        // Equal allocations (A1 in i0, B0/B1 in i1, A0 in i2) are not violations.
        // Peaks over the intervals: A0 30, A1 4, B0 6, B1 8.
        // Fees: A0 1 x 30, A1 1 x 4, B0 1 x 6, B1 0 -> 40 Mbps-intervals; / 3 intervals
        //   = 13.333 Mbps = 1.66667 MB/s; truth 24 + 30 + 46 = 100 -> 33.333 Mbps = 4.16667 MB/s;
        //   SLA 40 %. Overprovisioning 2 + 1 + 1 + 1 = 5 -> 0.208333 MB/s, 5 %.
        auto acc = CreateObject<CostAccountant>();
        acc->SetServiceNames({"A", "B"});
        acc->SetSlotDuration(Minutes(10));
        uint32_t lane = acc->AddLane("hand");
        acc->AddLevel(lane, NetworkLevel::MEC, 2, Minutes(30));
        const std::vector<std::vector<double>> truth = {{10, 4, 2, 8},
                                                        {20, 4, 6, 0},
                                                        {30, 4, 4, 8}};
        const std::vector<std::vector<double>> alloc = {{12, 4, 1, 8},
                                                        {15, 5, 6, 0},
                                                        {30, 3, 5, 9}};
        for (uint32_t i = 0; i < 3; ++i)
        {
            DemandMatrix t = Matrix(2, 2, truth[i]);
            DemandMatrix x = Matrix(2, 2, alloc[i]);
            acc->Account(lane, NetworkLevel::MEC, 3 * i, t, x, x);
        }
        acc->Finalize();
        LevelCosts c = acc->GetLevelCosts(lane, NetworkLevel::MEC);
        NS_TEST_ASSERT_MSG_EQ(c.evaluatedIntervals, 3, "three intervals");
        NS_TEST_ASSERT_MSG_EQ(c.violations, 3, "three violations (equalities excluded)");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.intervalMin, 30.0, 1e-12, "interval in minutes");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.trueDemandMBps, 100.0 / 3 / 8, 1e-12, "true demand MB/s");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.slaViolationMBps, 40.0 / 3 / 8, 1e-12, "SLA MB/s");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.slaViolationPct, 40.0, 1e-9, "SLA %");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.overprovisioningMBps, 5.0 / 3 / 8, 1e-12, "overprov MB/s");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.overprovisioningPct, 5.0, 1e-9, "overprov %");
        // Per service. A: truth 72 -> 3 MB/s, fees 34 -> 1.41667 MB/s, over 3 -> 0.125 MB/s.
        // B: truth 28 -> 1.16667 MB/s, fees 6 -> 0.25 MB/s (21.43 %), over 2 -> 0.08333 MB/s.
        NS_TEST_ASSERT_MSG_EQ(c.services[0].name, "A", "service name");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.services[0].trueDemandMBps, 3.0, 1e-12, "A truth");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.services[0].slaViolationMBps, 34.0 / 24, 1e-12, "A SLA");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.services[0].overprovisioningMBps, 0.125, 1e-12, "A over");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.services[1].slaViolationPct, 600.0 / 28, 1e-9, "B SLA %");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.services[1].overprovisioningPct, 200.0 / 28, 1e-9, "B over %");
        NS_TEST_ASSERT_MSG_EQ(c.services[1].violations, 1, "B violated once");
        // Per node. Node 0: truth 72 -> 3 MB/s, fees 36 -> 1.5, over 3 -> 0.125.
        // Node 1: truth 28, fees 4 -> 0.166667, over 2 -> 0.083333.
        NS_TEST_ASSERT_MSG_EQ_TOL(c.perNode[0].trueDemandMBps, 3.0, 1e-12, "node 0 truth");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.perNode[0].slaViolationMBps, 1.5, 1e-12, "node 0 SLA");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.perNode[1].slaViolationMBps, 4.0 / 24, 1e-12, "node 1 SLA");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.perNode[1].overprovisioningMBps, 2.0 / 24, 1e-12, "node 1");
        // MAE: |errors| 2+0+1+0, 5+1+0+0, 0+1+1+1 = 12 over 12 entries -> 1 Mbps.
        NS_TEST_ASSERT_MSG_EQ_TOL(c.maeMbps, 1.0, 1e-12, "MAE");
        // NMAE: A0 (7/3)/20, A1 range 0 (skipped), B0 (2/3)/4, B1 (1/3)/8
        //   -> (0.116667 + 0.166667 + 0.041667) / 3 = 0.108333 -> 10.8333 %.
        NS_TEST_ASSERT_MSG_EQ_TOL(c.nmaePct,
                                  100.0 * (7.0 / 60 + 1.0 / 6 + 1.0 / 24) / 3,
                                  1e-9,
                                  "NMAE");
        NS_TEST_ASSERT_MSG_EQ(c.nmaeSkippedSeries, 1, "constant series skipped");
        // VNF cores at 26 per Gbps: every non-zero slice of at most 38.46 Mbps takes 1 core.
        // Allocated: i0 4, i1 3, i2 4; needed: the same -> mean 11/3 each.
        NS_TEST_ASSERT_MSG_EQ_TOL(c.vnfCoresAllocated, 11.0 / 3, 1e-12, "cores allocated");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.vnfCoresNeeded, 11.0 / 3, 1e-12, "cores needed");
        NS_TEST_ASSERT_MSG_EQ(std::isnan(c.extraPrbsPerAntenna), true, "no PRBs at MEC");
    }
};

/**
 * \ingroup microscope-tests
 * The estimate (not the allocation) drives MAE; the allocation drives the costs; the strict
 * inequality and its tolerance.
 */
class StrictInequalityTestCase : public TestCase
{
public:
    StrictInequalityTestCase()
        : TestCase("SLA test is strict with a tiny relative tolerance; MAE uses the estimate")
    {
    }

private:
    void DoRun() override
    {
        auto acc = CreateObject<CostAccountant>();
        acc->SetServiceNames({"A", "B", "C"});
        uint32_t lane = acc->AddLane("x");
        acc->AddLevel(lane, NetworkLevel::CORE, 1, Minutes(60));
        // Truth 100 for each service. Allocations: exactly 100 (no violation),
        // 100 * (1 - 1e-14) (within the 1e-12 tolerance: no violation),
        // 100 * (1 - 1e-9) (violation, fee = peak 100).
        DemandMatrix truth = Matrix(3, 1, {100, 100, 100});
        DemandMatrix alloc = Matrix(3, 1, {100, 100 * (1 - 1e-14), 100 * (1 - 1e-9)});
        // Estimate 90 everywhere: MAE 10 whatever the allocation.
        DemandMatrix estimate = Matrix(3, 1, {90, 90, 90});
        acc->Account(lane, NetworkLevel::CORE, 0, truth, estimate, alloc);
        acc->Finalize();
        LevelCosts c = acc->GetLevelCosts(lane, NetworkLevel::CORE);
        NS_TEST_ASSERT_MSG_EQ(c.violations, 1, "only the third allocation violates");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.slaViolationMBps, 100.0 / 8, 1e-12, "fee = peak, in MB/s");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.overprovisioningMBps, 0.0, 1e-15, "nothing overprovisioned");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.maeMbps, 10.0, 1e-12, "MAE from the estimate");
        // One interval: every series has range 0, NMAE is undefined.
        NS_TEST_ASSERT_MSG_EQ(c.nmaeSkippedSeries, 3, "all series constant");
        NS_TEST_ASSERT_MSG_EQ(std::isnan(c.nmaePct), true, "NMAE undefined");

        // Alpha scales the fee.
        auto acc2 = CreateObject<CostAccountant>();
        acc2->SetAttribute("Alpha", DoubleValue(2.5));
        acc2->SetServiceNames({"A", "B", "C"});
        acc2->AddLane("x");
        acc2->AddLevel(0, NetworkLevel::CORE, 1, Minutes(60));
        acc2->Account(0, NetworkLevel::CORE, 0, truth, estimate, alloc);
        acc2->Finalize();
        NS_TEST_ASSERT_MSG_EQ_TOL(acc2->GetLevelCosts(0, NetworkLevel::CORE).slaViolationMBps,
                                  2.5 * 100.0 / 8,
                                  1e-12,
                                  "alpha * peak");
    }
};

/**
 * \ingroup microscope-tests
 * Spectrum allocator: PRBs, subcarriers, LTE channel selection, the CPU model and the
 * antenna-level figures of the accountant.
 */
class SpectrumCostTestCase : public TestCase
{
public:
    SpectrumCostTestCase()
        : TestCase("PRBs, subcarriers, LTE channel selection and CPU time at the antennas")
    {
    }

private:
    void DoRun() override
    {
        // Channels: 6/15/25/50/75/100 PRBs = 1.4/3/5/10/15/20 MHz; beyond, 20 MHz carriers.
        NS_TEST_ASSERT_MSG_EQ_TOL(SpectrumAllocator::ChannelBandwidthMhz(0.0), 0.0, 0, "none");
        NS_TEST_ASSERT_MSG_EQ_TOL(SpectrumAllocator::ChannelBandwidthMhz(0.5), 1.4, 0, "0.5");
        NS_TEST_ASSERT_MSG_EQ_TOL(SpectrumAllocator::ChannelBandwidthMhz(6.0), 1.4, 0, "6");
        NS_TEST_ASSERT_MSG_EQ_TOL(SpectrumAllocator::ChannelBandwidthMhz(6.001), 3.0, 0, "6+");
        NS_TEST_ASSERT_MSG_EQ_TOL(SpectrumAllocator::ChannelBandwidthMhz(15.0), 3.0, 0, "15");
        NS_TEST_ASSERT_MSG_EQ_TOL(SpectrumAllocator::ChannelBandwidthMhz(15.5), 5.0, 0, "15+");
        NS_TEST_ASSERT_MSG_EQ_TOL(SpectrumAllocator::ChannelBandwidthMhz(26.0), 10.0, 0, "26");
        NS_TEST_ASSERT_MSG_EQ_TOL(SpectrumAllocator::ChannelBandwidthMhz(51.0), 15.0, 0, "51");
        NS_TEST_ASSERT_MSG_EQ_TOL(SpectrumAllocator::ChannelBandwidthMhz(75.0), 15.0, 0, "75");
        NS_TEST_ASSERT_MSG_EQ_TOL(SpectrumAllocator::ChannelBandwidthMhz(100.0), 20.0, 0, "100");
        NS_TEST_ASSERT_MSG_EQ_TOL(SpectrumAllocator::ChannelBandwidthMhz(101.0), 40.0, 0, "101");
        NS_TEST_ASSERT_MSG_EQ_TOL(SpectrumAllocator::ChannelBandwidthMhz(250.0), 60.0, 0, "250");
        NS_TEST_ASSERT_MSG_EQ(SpectrumAllocator::ChannelPrbs(9.17), 15, "9.17 PRBs -> 15");

        // Paper Table 4: 6.114 Mbps <-> 110 subcarriers <-> 3 MHz with the default efficiency.
        auto spectrum = CreateObject<SpectrumAllocator>();
        const double prbs = spectrum->RateToPrbs(6.114);
        NS_TEST_ASSERT_MSG_EQ_TOL(12 * prbs, 110.0, 0.1, "110 subcarriers for 6.114 Mbps");
        NS_TEST_ASSERT_MSG_EQ_TOL(SpectrumAllocator::ChannelBandwidthMhz(prbs), 3.0, 0, "3 MHz");

        // CPU model t = c0 + cPrb PRB + cMcs MCS + cPrbMcs PRB MCS with c0 = 100, cPrb = 2,
        // cMcs = 5, cPrbMcs = 0.5, MCS = 10: t(20) = 100 + 40 + 50 + 100 = 290 us.
        spectrum->SetAttribute("CpuBaseUs", DoubleValue(100));
        spectrum->SetAttribute("CpuPerPrbUs", DoubleValue(2));
        spectrum->SetAttribute("CpuPerMcsUs", DoubleValue(5));
        spectrum->SetAttribute("CpuPerPrbMcsUs", DoubleValue(0.5));
        spectrum->SetAttribute("Mcs", UintegerValue(10));
        NS_TEST_ASSERT_MSG_EQ_TOL(spectrum->CpuTimeUs(20), 290.0, 1e-12, "CPU model");
        // 10 extra PRBs cost (cPrb + cPrbMcs MCS) * 10 = 70 us more.
        const double rate = spectrum->GetPrbRateMbps();
        SpectrumUsage u = spectrum->Assess(20 * rate, 10 * rate);
        NS_TEST_ASSERT_MSG_EQ_TOL(u.truePrbs, 20.0, 1e-12, "true PRBs");
        NS_TEST_ASSERT_MSG_EQ_TOL(u.extraSubcarriers, 120.0, 1e-9, "12 subcarriers per PRB");
        NS_TEST_ASSERT_MSG_EQ_TOL(u.cpuTrueUs, 290.0, 1e-9, "CPU time of the truth");
        NS_TEST_ASSERT_MSG_EQ_TOL(u.cpuExtraUs, 70.0, 1e-9, "extra CPU time");

        // Accountant at the antennas, with 1 Mbps per PRB (efficiency 1/0.18) and
        // t = 100 + PRB. Services s0, s1; antennas a0, a1; two intervals.
        //   i0 truth s0 (10, 5) s1 (2, 3); alloc s0 (12, 5) s1 (1, 6): extra a0 2, a1 3
        //   i1 truth s0 (8, 4)  s1 (2, 2); alloc s0 (8, 20) s1 (4, 2): extra a0 2, a1 16
        // Extra PRBs 2, 3, 2, 16 -> mean 5.75 per antenna, 69 subcarriers, 1.4 MHz channel;
        // per-antenna-interval channels 1.4, 1.4, 1.4 and 5 (16 > 15 PRBs) -> mean 2.3 MHz.
        // CPU: truth PRBs 12, 8, 10, 6 -> 112 + 108 + 110 + 106 = 436 us; extra 23 us
        // -> 5.2752 %.
        auto radio = CreateObject<SpectrumAllocator>();
        radio->SetAttribute("SpectralEfficiency", DoubleValue(1.0 / 0.18));
        radio->SetAttribute("CpuBaseUs", DoubleValue(100));
        radio->SetAttribute("CpuPerPrbUs", DoubleValue(1));
        radio->SetAttribute("CpuPerMcsUs", DoubleValue(0));
        radio->SetAttribute("CpuPerPrbMcsUs", DoubleValue(0));
        auto acc = CreateObject<CostAccountant>();
        acc->SetSpectrumAllocator(radio);
        acc->SetServiceNames({"s0", "s1"});
        acc->AddLane("x");
        acc->AddLevel(0, NetworkLevel::ANTENNA, 2, Minutes(5));
        DemandMatrix t0 = Matrix(2, 2, {10, 5, 2, 3});
        DemandMatrix x0 = Matrix(2, 2, {12, 5, 1, 6});
        DemandMatrix t1 = Matrix(2, 2, {8, 4, 2, 2});
        DemandMatrix x1 = Matrix(2, 2, {8, 20, 4, 2});
        acc->Account(0, NetworkLevel::ANTENNA, 0, t0, x0, x0);
        acc->Account(0, NetworkLevel::ANTENNA, 1, t1, x1, x1);
        acc->Finalize();
        LevelCosts c = acc->GetLevelCosts(0, NetworkLevel::ANTENNA);
        NS_TEST_ASSERT_MSG_EQ_TOL(c.extraThroughputMbpsPerAntenna, 5.75, 1e-12, "Mbps/antenna");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.extraPrbsPerAntenna, 5.75, 1e-9, "PRBs/antenna");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.extraSubcarriersPerAntenna, 69.0, 1e-9, "subcarriers");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.spectrumCostMhzPerAntenna, 1.4, 1e-12, "channel of mean");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.spectrumCostMhzMeanPerInterval, 2.3, 1e-12, "mean channel");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.cpuTimeOverheadPct, 2300.0 / 436, 1e-9, "CPU overhead");
        // Overprovisioning 23 Mbps over 2 intervals = 11.5 Mbps = 1.4375 MB/s.
        NS_TEST_ASSERT_MSG_EQ_TOL(c.overprovisioningMBps, 1.4375, 1e-12, "overprov MB/s");
        NS_TEST_ASSERT_MSG_EQ(std::isnan(c.vnfCoresAllocated), true, "no cores at antennas");
    }
};

/**
 * \ingroup microscope-tests
 * VNF cores: 26 per Gbps, rounded up per slice and datacenter; the allocation policy.
 */
class VnfCoresTestCase : public TestCase
{
public:
    VnfCoresTestCase()
        : TestCase("VNF cores rounded up per slice and datacenter; headroom policy")
    {
    }

private:
    void DoRun() override
    {
        auto vnf = CreateObject<VnfAllocator>();
        NS_TEST_ASSERT_MSG_EQ_TOL(vnf->GetCoresPerGbps(), 26.0, 0, "20 + 6 cores per Gbps");
        NS_TEST_ASSERT_MSG_EQ(vnf->CoresFor(0.0), 0, "no traffic, no core");
        NS_TEST_ASSERT_MSG_EQ(vnf->CoresFor(1000.0 / 26), 1, "exactly one core");
        NS_TEST_ASSERT_MSG_EQ(vnf->CoresFor(40.0), 2, "1.04 cores -> 2");
        NS_TEST_ASSERT_MSG_EQ(vnf->CoresFor(1000.0), 26, "1 Gbps -> 26");
        NS_TEST_ASSERT_MSG_EQ(vnf->CoresFor(1000.1), 27, "just above 1 Gbps -> 27");
        vnf->SetAttribute("CoresPerGbpsDataPlane", DoubleValue(10));
        vnf->SetAttribute("CoresPerGbpsSdn", DoubleValue(0));
        NS_TEST_ASSERT_MSG_EQ(vnf->CoresFor(1000.0), 10, "attributes used");

        // Per-slice rounding: three slices of 50 Mbps (1.3 cores each -> 2) need 6 cores where
        // their 150 Mbps pooled would need 4; the truth, 30 Mbps each (0.78 -> 1), needs 3.
        auto acc = CreateObject<CostAccountant>();
        acc->SetServiceNames({"A", "B", "C"});
        acc->AddLane("x");
        acc->AddLevel(0, NetworkLevel::CRAN, 1, Minutes(30));
        DemandMatrix truth = Matrix(3, 1, {30, 30, 30});
        DemandMatrix alloc = Matrix(3, 1, {50, 50, 50});
        acc->Account(0, NetworkLevel::CRAN, 0, truth, alloc, alloc);
        acc->Finalize();
        LevelCosts c = acc->GetLevelCosts(0, NetworkLevel::CRAN);
        NS_TEST_ASSERT_MSG_EQ_TOL(c.vnfCoresAllocated, 6.0, 0, "2 cores per slice");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.vnfCoresNeeded, 3.0, 0, "1 core per slice");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.vnfCoresOverprovisioned, 3.0, 0, "3 extra cores");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.vnfCoresShortfall, 0.0, 0, "no shortfall");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.vnfCoresOverheadPct, 100.0, 1e-12, "100 % overhead");

        // Allocation policy: estimate * (1 + headroom).
        auto policy = CreateObject<SliceAllocator>();
        DemandMatrix estimate = Matrix(2, 1, {10, 4});
        DemandMatrix allocation;
        policy->Allocate(estimate, allocation);
        NS_TEST_ASSERT_MSG_EQ((allocation == estimate), true, "default: the estimate itself");
        policy->SetHeadroom(0.25);
        policy->Allocate(estimate, allocation);
        NS_TEST_ASSERT_MSG_EQ_TOL(allocation(0, 0), 12.5, 1e-12, "25 % headroom");
        NS_TEST_ASSERT_MSG_EQ_TOL(allocation(1, 0), 5.0, 1e-12, "25 % headroom");
        bool thrown = false;
        try
        {
            policy->SetHeadroom(-0.1);
        }
        catch (const InputError& e)
        {
            thrown = std::string(e.what()).find("Headroom") != std::string::npos;
        }
        NS_TEST_ASSERT_MSG_EQ(thrown, true, "negative headroom rejected, naming the attribute");
    }
};

/**
 * \ingroup microscope-tests
 * The cost suite.
 */
class MicroscopeCostTestSuite : public TestSuite
{
public:
    MicroscopeCostTestSuite()
        : TestSuite("microscope-cost", UNIT)
    {
        AddTestCase(new DatacenterCostTestCase, TestCase::QUICK);
        AddTestCase(new StrictInequalityTestCase, TestCase::QUICK);
        AddTestCase(new SpectrumCostTestCase, TestCase::QUICK);
        AddTestCase(new VnfCoresTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static MicroscopeCostTestSuite g_microscopeCostTestSuite;
