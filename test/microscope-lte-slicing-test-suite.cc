/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the packet-level (LTE) slicing mode: the bearer-to-slice mapping, the measured
 * aggregate against the bearers' PDCP traffic, SLA violations with generous and with halved
 * capacity, determinism, and bad input. Every case runs a small ns-3 LTE scenario (3 eNBs,
 * 1 UE each, a few 250 ms slots).
 */

#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/input-error.h"
#include "ns3/lte-slice-controller.h"
#include "ns3/lte-slicing-helper.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <functional>
#include <numeric>

using namespace ns3;

namespace
{

/// A small scenario.
struct Scenario
{
    uint32_t enbs{3};                     //!< eNBs
    uint32_t ues{1};                      //!< UEs per eNB
    double load{0.3};                     //!< load
    std::string decomposer{"historical"}; //!< decomposer
    double headroom{0.2};                 //!< headroom
    double quotaScale{1.0};               //!< quota scale
    std::string sharing{"Strict"};        //!< Strict or Lend
    uint32_t slots{4};                    //!< evaluated slots
    Time slot{MilliSeconds(250)};         //!< slot
    uint32_t run{1};                      //!< RNG run
    bool isolated{false};                 //!< one spectrum channel pair per cell
    Ptr<ServiceCatalog> catalog;          //!< services (null: default)
};

/// What a run gives.
struct Outcome
{
    std::string slicesCsv;     //!< slices.csv
    std::string vnfCsv;        //!< vnf.csv
    uint64_t rows{0};          //!< (eNB, slice, slot) with traffic
    uint64_t violations{0};    //!< measured violations there
    uint64_t vnfViolations{0}; //!< measured violations at the VNFs
    uint64_t offered{0};       //!< offered bytes, end to end
    uint64_t delivered{0};     //!< delivered bytes
};

/// Hooks: after Install() (before Run()), and after Run() (before Destroy()).
using Hook = std::function<void(LteSlicingHelper&, Ptr<LteSliceController>)>;

/**
 * Build and run a scenario.
 * \param sc the scenario.
 * \param before called after Start(), before Simulator::Run().
 * \param after called after the run, before Simulator::Destroy().
 * \return its outcome.
 */
Outcome
RunScenario(const Scenario& sc, const Hook& before = nullptr, const Hook& after = nullptr)
{
    const uint32_t seed = RngSeedManager::GetSeed();
    const uint64_t run = RngSeedManager::GetRun();
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(sc.run);
    LteSlicingHelper lte;
    if (sc.catalog)
    {
        lte.SetServiceCatalog(sc.catalog);
    }
    lte.SetNEnbs(sc.enbs);
    lte.SetUesPerEnb(sc.ues);
    lte.SetLoad(sc.load);
    lte.SetDecomposer(sc.decomposer);
    lte.SetIsolatedCells(sc.isolated);
    lte.SetSchedulerAttribute("Sharing", StringValue(sc.sharing));
    lte.SetControllerAttribute("SlotDuration", TimeValue(sc.slot));
    lte.SetControllerAttribute("Slots", UintegerValue(sc.slots));
    lte.SetControllerAttribute("QuotaScale", DoubleValue(sc.quotaScale));
    lte.SetSpectrumAllocatorAttribute("Headroom", DoubleValue(sc.headroom));
    lte.SetVnfAllocatorAttribute("Headroom", DoubleValue(sc.headroom));
    lte.AssignStreams(1);
    Ptr<LteSliceController> controller = lte.Install();
    controller->Start();
    if (before)
    {
        before(lte, controller);
    }
    Simulator::Stop(controller->GetStopTime() + Seconds(1));
    Simulator::Run();
    Outcome o;
    if (controller->IsFinished())
    {
        o.slicesCsv = controller->GetSlicesCsv();
        o.vnfCsv = controller->GetVnfCsv();
        for (const auto& r : controller->GetSliceRecords())
        {
            o.rows += r.offeredBytes > 0 ? 1 : 0;
            o.violations += r.violated ? 1 : 0;
            o.offered += r.offeredBytes;
            o.delivered += r.deliveredBytes;
        }
        for (const auto& r : controller->GetVnfRecords())
        {
            o.vnfViolations += r.violated ? 1 : 0;
        }
        if (after)
        {
            after(lte, controller);
        }
    }
    Simulator::Destroy();
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);
    return o;
}

/**
 * \param sc a scenario whose Install() must fail.
 * \param tweak what makes it fail.
 * \param expect a substring of the message.
 * \return the message, empty if nothing was thrown.
 */
std::string
InstallError(const Scenario& sc, const std::function<void(LteSlicingHelper&)>& tweak)
{
    LteSlicingHelper lte;
    lte.SetNEnbs(sc.enbs);
    lte.SetUesPerEnb(sc.ues);
    lte.SetControllerAttribute("SlotDuration", TimeValue(sc.slot));
    lte.SetControllerAttribute("Slots", UintegerValue(sc.slots));
    tweak(lte);
    std::string message;
    try
    {
        lte.Install();
    }
    catch (const InputError& e)
    {
        message = e.what();
    }
    Simulator::Destroy();
    return message;
}

} // namespace

/**
 * \ingroup microscope-tests
 * Each service's dedicated bearer gets the LCID the schedulers are told (4 + bearer), in every
 * UE; services of one slice and QCI share a bearer when the catalog has more than 7 services;
 * every slice with traffic gets PRBs from the slice scheduler.
 */
class LteBearerMappingTestCase : public TestCase
{
public:
    LteBearerMappingTestCase()
        : TestCase("bearer-to-slice mapping: LCIDs in the eNBs' RRC, shared bearers, used PRBs")
    {
    }

private:
    void DoRun() override
    {
        // Default catalog: 9 services, 6 (slice, QCI) groups -> 6 bearers.
        Scenario sc;
        sc.ues = 2;
        sc.slots = 2;
        std::vector<uint8_t> lcids;
        uint32_t connected = 0;
        LteSliceController::Wiring wiring;
        std::vector<double> usedPerSlice;
        RunScenario(sc,
                    nullptr,
                    [&](LteSlicingHelper&, Ptr<LteSliceController> c)
                    {
                        lcids = c->GetObservedLcids();
                        connected = c->GetNConnectedBearers();
                        wiring = c->GetWiring();
                        usedPerSlice.assign(wiring.sliceNames.size(), 0.0);
                        for (const auto& r : c->GetSliceRecords())
                        {
                            if (std::isfinite(r.usedPrb))
                            {
                                usedPerSlice[r.slice] += r.usedPrb;
                            }
                        }
                    });
        NS_TEST_ASSERT_MSG_EQ(wiring.bearerLcid.size(), 6, "6 bearers for the default catalog");
        NS_TEST_ASSERT_MSG_EQ(lcids.size(), 6, "an LCID per bearer");
        NS_TEST_ASSERT_MSG_EQ(connected, 3 * 2 * 6, "every UE's dedicated bearers are found");
        for (uint32_t b = 0; b < lcids.size(); ++b)
        {
            NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(lcids[b]),
                                  static_cast<uint32_t>(LteSlicingHelper::ExpectedLcid(b)),
                                  "bearer " << b << " rides LCID 4 + b");
        }
        for (uint32_t s = 0; s < wiring.serviceBearer.size(); ++s)
        {
            NS_TEST_ASSERT_MSG_EQ(wiring.bearerSlice[wiring.serviceBearer[s]],
                                  wiring.serviceSlice[s],
                                  "a bearer carries services of its own slice");
        }
        // Social: Facebook, Instagram and Twitter share one bearer.
        Ptr<ServiceCatalog> def = ServiceCatalog::CreateDefault();
        NS_TEST_ASSERT_MSG_EQ(wiring.serviceBearer[def->Find("Facebook")],
                              wiring.serviceBearer[def->Find("Twitter")],
                              "same slice and QCI: same bearer");
        NS_TEST_ASSERT_MSG_NE(wiring.serviceBearer[def->Find("YouTube")],
                              wiring.serviceBearer[def->Find("Spotify")],
                              "different slices: different bearers");
        for (uint32_t k = 0; k < usedPerSlice.size(); ++k)
        {
            NS_TEST_ASSERT_MSG_GT(usedPerSlice[k],
                                  0.0,
                                  "slice " << wiring.sliceNames[k]
                                           << " got PRBs: its LCID is "
                                              "sliced");
        }

        // Three services: one bearer each.
        Ptr<ServiceCatalog> small = CreateObject<ServiceCatalog>();
        std::vector<ServiceDescriptor> three;
        for (const char* name : {"YouTube", "WhatsApp", "Supercell"})
        {
            three.push_back(def->Get(def->Find(name)));
        }
        small->SetServices(three);
        sc.catalog = small;
        sc.ues = 1;
        RunScenario(sc,
                    nullptr,
                    [&](LteSlicingHelper&, Ptr<LteSliceController> c)
                    {
                        lcids = c->GetObservedLcids();
                        connected = c->GetNConnectedBearers();
                        wiring = c->GetWiring();
                    });
        NS_TEST_ASSERT_MSG_EQ(lcids.size(), 3, "a bearer per service");
        NS_TEST_ASSERT_MSG_EQ(connected, 3 * 3, "3 UEs x 3 bearers");
        for (uint32_t s = 0; s < 3; ++s)
        {
            NS_TEST_ASSERT_MSG_EQ(wiring.serviceBearer[s], s, "bearer s carries service s");
            NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(lcids[s]), 4 + s, "LCID 4 + s");
        }
    }
};

/**
 * \ingroup microscope-tests
 * The aggregate the decomposer sees is the sum of the per-service truth, which splits the
 * bearers' PDCP bytes; summed over the run it equals the PDCP PDU bytes counted independently
 * on every data radio bearer of the eNBs.
 */
class LteAggregateTestCase : public TestCase
{
public:
    LteAggregateTestCase()
        : TestCase("the measured aggregate equals the sum of the bearers' PDCP traffic")
    {
    }

private:
    /// Bytes counted by the test.
    uint64_t m_bytes{0};
    /// End of counting.
    Time m_end;

    /**
     * \param path trace context \param rnti UE \param lcid LC \param size bytes
     */
    void Count(std::string path, uint16_t rnti, uint8_t lcid, uint32_t size)
    {
        if (Simulator::Now() < m_end)
        {
            m_bytes += size;
        }
    }

    void DoRun() override
    {
        Scenario sc;
        sc.ues = 2;
        m_bytes = 0;
        double measured = 0;
        double maxMismatch = 0;
        uint32_t slots = 0;
        TimeValue start;
        RunScenario(
            sc,
            [&](LteSlicingHelper&, Ptr<LteSliceController> c)
            {
                c->GetAttribute("StartTime", start);
                m_end = start.Get() + sc.slot * static_cast<int64_t>(sc.slots + 1);
                // Connect once the bearers exist (they are set up before StartTime).
                Simulator::Schedule(start.Get() - NanoSeconds(1),
                                    [this]()
                                    {
                                        Config::Connect(
                                            "/NodeList/*/DeviceList/*/LteEnbRrc/UeMap/*/"
                                            "DataRadioBearerMap/*/LtePdcp/TxPDU",
                                            MakeCallback(&LteAggregateTestCase::Count, this));
                                    });
            },
            [&](LteSlicingHelper&, Ptr<LteSliceController> c)
            {
                slots = c->GetNSlots();
                for (uint32_t j = 0; j <= slots; ++j)
                {
                    const auto& aggregate = c->GetAggregate(j, NetworkLevel::ANTENNA);
                    const DemandMatrix& truth = c->GetTruth(j, NetworkLevel::ANTENNA);
                    for (uint32_t e = 0; e < aggregate.size(); ++e)
                    {
                        maxMismatch =
                            std::max(maxMismatch, std::abs(aggregate[e] - truth.NodeTotal(e)));
                        measured += aggregate[e];
                    }
                    const auto& mec = c->GetAggregate(j, NetworkLevel::MEC);
                    const DemandMatrix& mecTruth = c->GetTruth(j, NetworkLevel::MEC);
                    for (uint32_t n = 0; n < mec.size(); ++n)
                    {
                        maxMismatch =
                            std::max(maxMismatch, std::abs(mec[n] - mecTruth.NodeTotal(n)));
                    }
                }
            });
        NS_TEST_ASSERT_MSG_EQ(slots, sc.slots, "slots");
        NS_TEST_ASSERT_MSG_LT(maxMismatch, 1e-9, "aggregate = sum over services of the truth");
        // Mbps per slot back to bytes.
        const double bytes = measured * sc.slot.GetSeconds() * 1e6 / 8.0;
        NS_TEST_ASSERT_MSG_GT(m_bytes, 100000, "the bearers carried traffic");
        NS_TEST_ASSERT_MSG_EQ_TOL(bytes,
                                  static_cast<double>(m_bytes),
                                  1e-6 * m_bytes + 1.0,
                                  "aggregate over the run = PDCP PDU bytes of all bearers");
    }
};

/**
 * \ingroup microscope-tests
 * With the oracle decomposer and generous capacity (headroom x4, lending, light load) no
 * (eNB, slice, slot) and no VNF misses its SLA; with the quotas and cores halved and no
 * headroom at a higher load, violations appear.
 */
class LteViolationsTestCase : public TestCase
{
public:
    LteViolationsTestCase()
        : TestCase("oracle + generous capacity: no SLA violation; halved quotas: violations")
    {
    }

private:
    void DoRun() override
    {
        Scenario generous;
        generous.decomposer = "oracle";
        generous.headroom = 3.0;
        generous.sharing = "Lend";
        generous.load = 0.15;
        const Outcome g = RunScenario(generous);
        NS_TEST_ASSERT_MSG_GT(g.rows, 10, "traffic in most (eNB, slice, slot)");
        NS_TEST_ASSERT_MSG_EQ(g.violations, 0, "no measured violation with generous capacity");
        NS_TEST_ASSERT_MSG_EQ(g.vnfViolations, 0, "no VNF violation with generous capacity");
        NS_TEST_ASSERT_MSG_GT(static_cast<double>(g.delivered),
                              0.99 * static_cast<double>(g.offered),
                              "nearly everything delivered");

        Scenario halved;
        halved.decomposer = "oracle";
        halved.headroom = 0.0;
        halved.quotaScale = 0.5;
        halved.load = 0.6;
        const Outcome h = RunScenario(halved);
        NS_TEST_ASSERT_MSG_GT(h.violations, 0, "halved quotas violate SLAs");
        NS_TEST_ASSERT_MSG_LT(static_cast<double>(h.delivered),
                              0.99 * static_cast<double>(h.offered),
                              "halved quotas do not carry the offered traffic");
    }
};

/**
 * \ingroup microscope-tests
 * The same seed and run give identical slices.csv and vnf.csv; another run number does not.
 */
class LteDeterminismTestCase : public TestCase
{
public:
    LteDeterminismTestCase()
        : TestCase("determinism: same seed and run, same slices.csv")
    {
    }

private:
    void DoRun() override
    {
        Scenario sc;
        sc.slots = 3;
        const Outcome a = RunScenario(sc);
        const Outcome b = RunScenario(sc);
        sc.run = 2;
        const Outcome c = RunScenario(sc);
        NS_TEST_ASSERT_MSG_GT(a.slicesCsv.size(), 100, "slices.csv has rows");
        NS_TEST_ASSERT_MSG_EQ(a.slicesCsv, b.slicesCsv, "identical slices.csv");
        NS_TEST_ASSERT_MSG_EQ(a.vnfCsv, b.vnfCsv, "identical vnf.csv");
        NS_TEST_ASSERT_MSG_NE(a.slicesCsv, c.slicesCsv, "another run number differs");
    }
};

/**
 * \ingroup microscope-tests
 * Isolated cells (one spectrum channel pair per eNB): the UEs attach, their bearers are found
 * and the traffic is delivered.
 */
class LteIsolatedCellsTestCase : public TestCase
{
public:
    LteIsolatedCellsTestCase()
        : TestCase("isolated cells: attach, bearers and delivery on per-cell channels")
    {
    }

private:
    void DoRun() override
    {
        Scenario sc;
        sc.isolated = true;
        sc.ues = 2;
        sc.slots = 2;
        sc.sharing = "Lend";
        uint32_t connected = 0;
        const Outcome o = RunScenario(sc,
                                      nullptr,
                                      [&](LteSlicingHelper&, Ptr<LteSliceController> c)
                                      { connected = c->GetNConnectedBearers(); });
        NS_TEST_ASSERT_MSG_EQ(connected, 3 * 2 * 6, "every dedicated bearer is set up");
        NS_TEST_ASSERT_MSG_GT(o.offered, 50000, "traffic offered");
        NS_TEST_ASSERT_MSG_GT(static_cast<double>(o.delivered),
                              0.95 * static_cast<double>(o.offered),
                              "traffic delivered");
    }
};

/**
 * \ingroup microscope-tests
 * Bad input throws InputError naming the attribute before any network is built.
 */
class LteBadInputTestCase : public TestCase
{
public:
    LteBadInputTestCase()
        : TestCase("bad input: zero UEs, slot shorter than a TTI, unknown QCI, quotas > bandwidth")
    {
    }

private:
    void DoRun() override
    {
        Scenario sc;
        std::string m = InstallError(sc, [](LteSlicingHelper& h) { h.SetUesPerEnb(0); });
        NS_TEST_ASSERT_MSG_NE(m.find("UesPerEnb"), std::string::npos, "zero UEs: " << m);

        m = InstallError(sc,
                         [](LteSlicingHelper& h) {
                             h.SetControllerAttribute("SlotDuration", TimeValue(MicroSeconds(500)));
                         });
        NS_TEST_ASSERT_MSG_NE(m.find("SlotDuration"), std::string::npos, "short slot: " << m);
        NS_TEST_ASSERT_MSG_NE(m.find("TTI"), std::string::npos, "short slot: " << m);

        m = InstallError(sc, [](LteSlicingHelper& h) { h.SetServiceQci("YouTube", 42); });
        NS_TEST_ASSERT_MSG_NE(m.find("unknown QCI 42"), std::string::npos, "QCI: " << m);
        NS_TEST_ASSERT_MSG_NE(m.find("YouTube"), std::string::npos, "QCI: " << m);

        m = InstallError(sc, [](LteSlicingHelper& h) { h.SetServiceQci("Myspace", 9); });
        NS_TEST_ASSERT_MSG_NE(m.find("Myspace"), std::string::npos, "QCI service: " << m);

        m = InstallError(sc, [](LteSlicingHelper& h) { h.SetFixedQuotas({10, 10, 10, 0, 0, 0}); });
        NS_TEST_ASSERT_MSG_NE(m.find("FixedQuotas"), std::string::npos, "quotas: " << m);
        NS_TEST_ASSERT_MSG_NE(m.find("more than the bandwidth"),
                              std::string::npos,
                              "quotas: " << m);

        m = InstallError(sc, [](LteSlicingHelper& h) { h.SetBandwidth(30); });
        NS_TEST_ASSERT_MSG_NE(m.find("Bandwidth"), std::string::npos, "bandwidth: " << m);

        // The controller checks the slot too (when wired by hand).
        Ptr<LteSliceController> c = CreateObject<LteSliceController>();
        c->SetAttribute("SlotDuration", TimeValue(MicroSeconds(200)));
        bool thrown = false;
        try
        {
            c->Start();
        }
        catch (const InputError& e)
        {
            thrown = std::string(e.what()).find("SlotDuration") != std::string::npos;
        }
        NS_TEST_ASSERT_MSG_EQ(thrown, true, "the controller refuses a slot shorter than a TTI");
        Simulator::Destroy();
    }
};

/**
 * \ingroup microscope-tests
 * The LTE slicing suite.
 */
class MicroscopeLteSlicingTestSuite : public TestSuite
{
public:
    MicroscopeLteSlicingTestSuite()
        : TestSuite("microscope-lte-slicing", SYSTEM)
    {
        AddTestCase(new LteBadInputTestCase, TestCase::QUICK);
        AddTestCase(new LteBearerMappingTestCase, TestCase::QUICK);
        AddTestCase(new LteAggregateTestCase, TestCase::QUICK);
        AddTestCase(new LteViolationsTestCase, TestCase::QUICK);
        AddTestCase(new LteDeterminismTestCase, TestCase::QUICK);
        AddTestCase(new LteIsolatedCellsTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static MicroscopeLteSlicingTestSuite g_microscopeLteSlicingTestSuite;
