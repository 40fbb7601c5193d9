/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the packet-level (LTE) slicing mode: the bearer-to-slice mapping, the measured
 * aggregate against the bearers' PDCP traffic, SLA violations with generous and with halved
 * capacity, determinism, and bad input. Every case runs a small ns-3 LTE scenario (3 eNBs,
 * 1 UE each, a few 250 ms slots).
 */

#include "ns3/command-line.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/input-error.h"
#include "ns3/internet-module.h"
#include "ns3/lte-slice-controller.h"
#include "ns3/lte-slicing-helper.h"
#include "ns3/point-to-point-module.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/slice-flow-tag.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"
#include "ns3/vnf-allocator.h"
#include "ns3/vnf-application.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>
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
    uint32_t vnfQueueBytes{0};            //!< VNF QueueLimitBytes (0: default)
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
    Ptr<LteSlicingHelper> lte = CreateObject<LteSlicingHelper>();
    if (sc.catalog)
    {
        lte->SetServiceCatalog(sc.catalog);
    }
    lte->SetNEnbs(sc.enbs);
    lte->SetUesPerEnb(sc.ues);
    lte->SetLoad(sc.load);
    lte->SetDecomposer(sc.decomposer);
    lte->SetIsolatedCells(sc.isolated);
    lte->SetSchedulerAttribute("Sharing", StringValue(sc.sharing));
    lte->SetControllerAttribute("SlotDuration", TimeValue(sc.slot));
    lte->SetControllerAttribute("Slots", UintegerValue(sc.slots));
    lte->SetControllerAttribute("QuotaScale", DoubleValue(sc.quotaScale));
    lte->SetSpectrumAllocatorAttribute("Headroom", DoubleValue(sc.headroom));
    lte->SetVnfAllocatorAttribute("Headroom", DoubleValue(sc.headroom));
    if (sc.vnfQueueBytes > 0)
    {
        lte->SetVnfAttribute("QueueLimitBytes", UintegerValue(sc.vnfQueueBytes));
    }
    lte->AssignStreams(1);
    Ptr<LteSliceController> controller = lte->Install();
    controller->Start();
    if (before)
    {
        before(*lte, controller);
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
            after(*lte, controller);
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
    Ptr<LteSlicingHelper> lte = CreateObject<LteSlicingHelper>();
    lte->SetNEnbs(sc.enbs);
    lte->SetUesPerEnb(sc.ues);
    lte->SetControllerAttribute("SlotDuration", TimeValue(sc.slot));
    lte->SetControllerAttribute("Slots", UintegerValue(sc.slots));
    tweak(*lte);
    std::string message;
    try
    {
        lte->Install();
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

namespace
{

/// Drops seen on the VNFs' Drop traces, by time.
struct DropLog
{
    Time from;          //!< start of the first evaluated slot
    Time to;            //!< end of the last one
    uint64_t bytes{0};  //!< bytes dropped in [from, to)
    uint64_t all{0};    //!< bytes dropped at any time
    uint32_t events{0}; //!< drops in [from, to)
};

/**
 * Sink of VnfApplication's Drop trace.
 * \param log the log.
 * \param bytes the packet's bytes.
 */
void
LogDrop(DropLog* log, const SliceFlowTag&, uint32_t bytes)
{
    log->all += bytes;
    if (Simulator::Now() >= log->from && Simulator::Now() < log->to)
    {
        log->bytes += bytes;
        ++log->events;
    }
}

/// One traced VNF event: time, slice and bytes (and the sojourn of a served packet).
struct VnfEvent
{
    double timeS;    //!< when
    uint16_t slice;  //!< slice
    uint32_t bytes;  //!< bytes
    double sojournS; //!< sojourn, served packets only
};

/**
 * Sink of VnfApplication's Enqueue and Drop traces.
 * \param out the events.
 * \param tag the packet's tag.
 * \param bytes its bytes.
 */
void
LogVnfPacket(std::vector<VnfEvent>* out, const SliceFlowTag& tag, uint32_t bytes)
{
    out->push_back({Simulator::Now().GetSeconds(), tag.GetSlice(), bytes, 0.0});
}

/**
 * Sink of VnfApplication's Served trace.
 * \param out the events.
 * \param tag the packet's tag.
 * \param bytes its bytes.
 * \param sojourn its sojourn.
 */
void
LogVnfServed(std::vector<VnfEvent>* out, const SliceFlowTag& tag, uint32_t bytes, Time sojourn)
{
    out->push_back({Simulator::Now().GetSeconds(), tag.GetSlice(), bytes, sojourn.GetSeconds()});
}

/**
 * Send one tagged UDP packet.
 * \param socket the sender's socket.
 * \param to the VNF.
 * \param slice the packet's slice.
 * \param bytes its payload.
 */
void
SendTagged(Ptr<Socket> socket, InetSocketAddress to, uint16_t slice, uint32_t bytes)
{
    Ptr<Packet> p = Create<Packet>(bytes);
    p->AddPacketTag(SliceFlowTag(0, slice, slice, Ipv4Address("10.1.1.1"), 9999));
    socket->SendTo(p, 0, to);
}

} // namespace

/**
 * \ingroup microscope-tests
 * The nearest-rank quantile behind every delay_p50_ms / delay_p95_ms, by hand.
 */
class LteQuantileTestCase : public TestCase
{
public:
    LteQuantileTestCase()
        : TestCase("measured delay quantiles: nearest rank, by hand")
    {
    }

private:
    void DoRun() override
    {
        auto q = [](std::vector<float> v, double p) { return LteSliceController::Quantile(v, p); };
        // 5 samples: the median is the 3rd smallest (rank ceil(2.5) = 3), the 95th percentile
        // the 5th (ceil(4.75) = 5), q = 0 the smallest (rank at least 1), q = 1 the largest.
        const std::vector<float> five = {5, 1, 4, 2, 3};
        NS_TEST_ASSERT_MSG_EQ(q(five, 0.5), 3.0, "median of 5");
        NS_TEST_ASSERT_MSG_EQ(q(five, 0.95), 5.0, "p95 of 5");
        NS_TEST_ASSERT_MSG_EQ(q(five, 0.0), 1.0, "q = 0");
        NS_TEST_ASSERT_MSG_EQ(q(five, 1.0), 5.0, "q = 1");
        // 10 samples: nearest rank, no interpolation: the median is the 5th smallest (not 5.5).
        std::vector<float> ten;
        for (int i = 10; i >= 1; --i)
        {
            ten.push_back(static_cast<float>(i));
        }
        NS_TEST_ASSERT_MSG_EQ(q(ten, 0.5), 5.0, "median of 10, no interpolation");
        NS_TEST_ASSERT_MSG_EQ(q(ten, 0.95), 10.0, "p95 of 10: rank ceil(9.5) = 10");
        // 20 samples 1..20: p95 is rank 19.
        std::vector<float> twenty;
        for (int i = 1; i <= 20; ++i)
        {
            twenty.push_back(static_cast<float>((i * 7) % 20 + 1)); // a permutation of 1..20
        }
        NS_TEST_ASSERT_MSG_EQ(q(twenty, 0.95), 19.0, "p95 of 20");
        NS_TEST_ASSERT_MSG_EQ(q({42.5f}, 0.95), 42.5, "one sample");
        NS_TEST_ASSERT_MSG_EQ(std::isnan(q({}, 0.5)), true, "no sample: NaN");
    }
};

/**
 * \ingroup microscope-tests
 * A VNF's slice queue on a hand-made case (no LTE): QueueLimitBytes 2500, 1000-byte packets,
 * CoreThroughput 8 Mbps (1 ms per packet and core). Slice 0 has no core at first: of 5
 * packets sent at 1 s, 2 fit and 3 are dropped; at 1.1 s it gets one core and serves its two
 * packets 1 ms apart, with sojourns of 0.1 s + 1 ms and + 2 ms (from their arrival). At 1.2 s
 * with two cores (0.5 ms per packet), of 3 packets sent together the first two fit (the one
 * in service counts) and the third is dropped. Slice 1, one core throughout, 3 packets 2 ms
 * apart, is served in full while slice 0's queue is full.
 */
class VnfQueueTestCase : public TestCase
{
public:
    VnfQueueTestCase()
        : TestCase("VNF queue: drops, service times and sojourns by hand")
    {
    }

private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(2);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", DataRateValue(DataRate("100Gbps")));
        p2p.SetChannelAttribute("Delay", TimeValue(MicroSeconds(10)));
        NetDeviceContainer devices = p2p.Install(nodes);
        InternetStackHelper internet;
        internet.Install(nodes);
        Ipv4AddressHelper addresses("10.1.1.0", "255.255.255.0");
        Ipv4InterfaceContainer ifs = addresses.Assign(devices);

        Ptr<VnfApplication> vnf = CreateObject<VnfApplication>();
        vnf->SetAttribute("QueueLimitBytes", UintegerValue(2500));
        vnf->SetAttribute("CoreThroughput", DoubleValue(8.0));
        vnf->SetNSlices(2);
        vnf->SetSliceCores(1, 1);
        nodes.Get(1)->AddApplication(vnf);
        vnf->SetStartTime(Seconds(0.5));

        std::vector<VnfEvent> enqueued;
        std::vector<VnfEvent> dropped;
        std::vector<VnfEvent> served;
        vnf->TraceConnectWithoutContext("Enqueue", MakeBoundCallback(&LogVnfPacket, &enqueued));
        vnf->TraceConnectWithoutContext("Drop", MakeBoundCallback(&LogVnfPacket, &dropped));
        vnf->TraceConnectWithoutContext("Served", MakeBoundCallback(&LogVnfServed, &served));

        Ptr<Socket> sender = Socket::CreateSocket(nodes.Get(0), UdpSocketFactory::GetTypeId());
        sender->Bind();
        const InetSocketAddress to(ifs.GetAddress(1), 9000);
        for (int i = 0; i < 5; ++i)
        {
            Simulator::Schedule(Seconds(1.0) + MicroSeconds(i), &SendTagged, sender, to, 0, 1000);
        }
        for (int i = 0; i < 3; ++i)
        {
            Simulator::Schedule(Seconds(1.0) + MicroSeconds(10) + MilliSeconds(2 * i),
                                &SendTagged,
                                sender,
                                to,
                                1,
                                1000);
        }
        Simulator::Schedule(Seconds(1.1), &VnfApplication::SetSliceCores, vnf, 0, 1);
        Simulator::Schedule(Seconds(1.15), &VnfApplication::SetSliceCores, vnf, 0, 2);
        for (int i = 0; i < 3; ++i)
        {
            Simulator::Schedule(Seconds(1.2) + MicroSeconds(i), &SendTagged, sender, to, 0, 1000);
        }
        Simulator::Stop(Seconds(1.5));
        Simulator::Run();
        Simulator::Destroy();

        auto count = [](const std::vector<VnfEvent>& v, uint16_t slice)
        {
            uint32_t n = 0;
            for (const auto& e : v)
            {
                NS_ABORT_IF(e.bytes != 1000);
                n += e.slice == slice ? 1 : 0;
            }
            return n;
        };
        NS_TEST_ASSERT_MSG_EQ(count(dropped, 0), 4, "slice 0: 3 drops at 1 s, 1 at 1.2 s");
        NS_TEST_ASSERT_MSG_EQ(count(dropped, 1), 0, "slice 1: no drop (its own queue)");
        NS_TEST_ASSERT_MSG_EQ(count(enqueued, 0), 4, "slice 0: 2 + 2 packets queued");
        NS_TEST_ASSERT_MSG_EQ(count(enqueued, 1), 3, "slice 1: every packet queued");
        NS_TEST_ASSERT_MSG_EQ(count(served, 0), 4, "slice 0: the queued packets served");
        NS_TEST_ASSERT_MSG_EQ(count(served, 1), 3, "slice 1: served");
        for (const auto& d : dropped)
        {
            NS_TEST_ASSERT_MSG_EQ(
                (std::abs(d.timeS - 1.0) < 1e-3 || std::abs(d.timeS - 1.2) < 1e-3),
                true,
                "drops on arrival, at 1 s and 1.2 s (" << d.timeS << ")");
        }
        // Slice 0's service: 1 ms per packet with one core (8000 bits at 8 Mbps), from 1.1 s;
        // 0.5 ms with two, from the first arrival after 1.2 s.
        std::vector<VnfEvent> s0;
        for (const auto& e : served)
        {
            if (e.slice == 0)
            {
                s0.push_back(e);
            }
        }
        if (s0.size() == 4)
        {
            NS_TEST_ASSERT_MSG_EQ_TOL(s0[0].timeS, 1.101, 1e-9, "first served at 1.1 s + 1 ms");
            NS_TEST_ASSERT_MSG_EQ_TOL(s0[1].timeS, 1.102, 1e-9, "second 1 ms later");
            const double arrival = enqueued.front().timeS;
            NS_TEST_ASSERT_MSG_EQ_TOL(s0[0].sojournS, 1.101 - arrival, 1e-9, "first sojourn");
            NS_TEST_ASSERT_MSG_GT(s0[0].sojournS, 0.1, "it waited for a core");
            const double arrival2 = enqueued[enqueued.size() - 2].timeS; // the first at 1.2 s
            NS_TEST_ASSERT_MSG_EQ_TOL(s0[2].timeS - arrival2, 0.0005, 1e-9, "two cores: 0.5 ms");
            NS_TEST_ASSERT_MSG_EQ_TOL(s0[3].timeS - s0[2].timeS, 0.0005, 1e-9, "then the next");
        }
    }
};

/**
 * \ingroup microscope-tests
 * The measured figures of summary.json recomputed by hand from the per-(eNB, slice, slot)
 * records and the measured truth of a small run with SLA violations and VNF drops: each
 * record's SLA judgement (delivered share below sla_delivered, or delay p95 above
 * sla_delay_ms), the number of violations, the delivered share, the measured fee (alpha times
 * the peak of each violated (node, slice) over the evaluated slots, per slot), and the VNF
 * queue drops against the VNFs' own Drop traces.
 */
class LteMeasuredMetricsTestCase : public TestCase
{
public:
    LteMeasuredMetricsTestCase()
        : TestCase("measured metrics (SLA judgement, fee, delivered_share, VNF drops) by hand")
    {
    }

private:
    void DoRun() override
    {
        Scenario sc;
        sc.decomposer = "oracle";
        sc.headroom = 0.0;
        sc.quotaScale = 0.5;
        sc.load = 0.6;
        sc.slots = 3;
        sc.vnfQueueBytes = 4000;
        DropLog drops;
        nlohmann::json summary;
        std::vector<LteSliceController::SliceRecord> records;
        std::vector<LteSliceController::VnfRecord> vnfRecords;
        LteSliceController::Wiring wiring;
        std::vector<DemandMatrix> truth; // antenna level, evaluated slots
        double alpha = 0;
        RunScenario(
            sc,
            [&](LteSlicingHelper&, Ptr<LteSliceController> c)
            {
                TimeValue start;
                c->GetAttribute("StartTime", start);
                drops.from = start.Get() + sc.slot;
                drops.to = start.Get() + sc.slot * (sc.slots + 1);
                for (const auto& level : c->GetWiring().vnfs)
                {
                    for (const auto& v : level)
                    {
                        v->TraceConnectWithoutContext("Drop", MakeBoundCallback(&LogDrop, &drops));
                    }
                }
            },
            [&](LteSlicingHelper&, Ptr<LteSliceController> c)
            {
                summary = nlohmann::json::parse(c->GetSummaryJson());
                records = c->GetSliceRecords();
                vnfRecords = c->GetVnfRecords();
                wiring = c->GetWiring();
                alpha = wiring.accountant->GetAlpha();
                for (uint32_t j = 1; j <= sc.slots; ++j)
                {
                    truth.push_back(c->GetTruth(j, NetworkLevel::ANTENNA));
                }
            });
        NS_TEST_ASSERT_MSG_EQ(records.size(),
                              sc.slots * sc.enbs * wiring.sliceNames.size(),
                              "rows");
        const auto& m = summary["levels"]["antenna"]["measured"];

        // Judgement, counts and shares.
        uint64_t offered = 0;
        uint64_t delivered = 0;
        uint64_t dropped = 0;
        uint64_t rows = 0;
        uint64_t violations = 0;
        uint64_t byShare = 0;
        uint64_t byDelay = 0;
        const uint32_t nSlices = wiring.sliceNames.size();
        std::vector<bool> violated(sc.enbs * nSlices, false);
        std::vector<uint32_t> violatedSlots(sc.enbs * nSlices, 0);
        for (const auto& r : records)
        {
            offered += r.offeredBytes;
            delivered += r.deliveredBytes;
            dropped += r.droppedBytes;
            bool expect = false;
            if (r.offeredBytes > 0)
            {
                ++rows;
                const double share =
                    static_cast<double>(r.deliveredBytes) / static_cast<double>(r.offeredBytes);
                const bool shareMissed = share < wiring.sliceSlaDelivered[r.slice];
                const bool delayMissed = !(r.delayP95Ms <= wiring.sliceSlaDelayMs[r.slice]);
                byShare += shareMissed ? 1 : 0;
                byDelay += delayMissed ? 1 : 0;
                expect = shareMissed || delayMissed;
            }
            NS_TEST_ASSERT_MSG_EQ(r.violated,
                                  expect,
                                  "slot " << r.slot << ", eNB " << r.enb << ", slice " << r.slice
                                          << ": offered " << r.offeredBytes << ", delivered "
                                          << r.deliveredBytes << ", p95 " << r.delayP95Ms);
            if (r.violated)
            {
                ++violations;
                ++violatedSlots[r.enb * nSlices + r.slice];
            }
        }
        NS_TEST_ASSERT_MSG_GT(violations, 0, "the halved quotas violate SLAs (a case to check)");
        NS_TEST_ASSERT_MSG_GT(byShare, 0, "some by the delivered share");
        NS_TEST_ASSERT_MSG_EQ(m["offered_bytes"].get<uint64_t>(), offered, "offered_bytes");
        NS_TEST_ASSERT_MSG_EQ(m["delivered_bytes"].get<uint64_t>(), delivered, "delivered_bytes");
        NS_TEST_ASSERT_MSG_EQ(m["dropped_bytes"].get<uint64_t>(), dropped, "dropped_bytes");
        NS_TEST_ASSERT_MSG_EQ(m["node_slice_slots"].get<uint64_t>(), rows, "node_slice_slots");
        NS_TEST_ASSERT_MSG_EQ(m["sla_violations"].get<uint64_t>(), violations, "sla_violations");
        NS_TEST_ASSERT_MSG_EQ_TOL(m["delivered_share"].get<double>(),
                                  static_cast<double>(delivered) / offered,
                                  1e-12,
                                  "delivered_share = delivered / offered");
        NS_TEST_ASSERT_MSG_LT(m["delivered_share"].get<double>(), 1.0, "not all delivered");
        NS_TEST_ASSERT_MSG_EQ_TOL(m["sla_violation_share_pct"].get<double>(),
                                  100.0 * violations / rows,
                                  1e-9,
                                  "violation share");

        // The fee: alpha x the peak of the (eNB, slice)'s true demand (MB/s, over the
        // evaluated slots) for every violated (eNB, slice, slot), per evaluated slot.
        double fee = 0;
        for (uint32_t e = 0; e < sc.enbs; ++e)
        {
            for (uint32_t k = 0; k < nSlices; ++k)
            {
                double peak = 0;
                for (const auto& t : truth)
                {
                    double mbps = 0;
                    for (uint32_t s = 0; s < wiring.serviceSlice.size(); ++s)
                    {
                        mbps += wiring.serviceSlice[s] == k ? t(s, e) : 0.0;
                    }
                    peak = std::max(peak, mbps / 8.0);
                }
                fee += violatedSlots[e * nSlices + k] * peak;
            }
        }
        fee *= alpha / sc.slots;
        NS_TEST_ASSERT_MSG_GT(fee, 0.0, "a fee to compare");
        NS_TEST_ASSERT_MSG_EQ_TOL(m["sla_violation_MBps"].get<double>(),
                                  fee,
                                  1e-9 * fee,
                                  "measured fee by hand");

        // VNF queue drops: the records against the VNFs' own Drop traces in the evaluated
        // slots, and each level's summary against its records.
        uint64_t vnfDropped = 0;
        for (const char* level : {"mec", "cran", "core"})
        {
            uint64_t levelDropped = 0;
            for (const auto& r : vnfRecords)
            {
                levelDropped += NetworkLevelName(r.level) == level ? r.droppedBytes : 0;
            }
            NS_TEST_ASSERT_MSG_EQ(
                summary["levels"][level]["measured"]["dropped_bytes"].get<uint64_t>(),
                levelDropped,
                level << " dropped_bytes");
            vnfDropped += levelDropped;
        }
        NS_TEST_ASSERT_MSG_GT(drops.events, 0, "the small queues dropped packets");
        NS_TEST_ASSERT_MSG_EQ(vnfDropped, drops.bytes, "VNF drops = the VNFs' Drop traces");
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

        // The radio attributes: an unknown path loss, a channel that is not a SpectrumChannel,
        // an SRS period LTE does not have.
        m = InstallError(sc, [](LteSlicingHelper& h) { h.SetPathLoss("hata-ish"); });
        NS_TEST_ASSERT_MSG_NE(m.find("PathLoss"), std::string::npos, "path loss: " << m);
        m = InstallError(sc,
                         [](LteSlicingHelper& h) {
                             h.SetAttribute("SpectrumChannelType",
                                            StringValue("ns3::FriisPropagationLossModel"));
                         });
        NS_TEST_ASSERT_MSG_NE(m.find("SpectrumChannelType"), std::string::npos, "channel: " << m);
        m = InstallError(sc, [](LteSlicingHelper& h) { h.SetSrsPeriodicity(30); });
        NS_TEST_ASSERT_MSG_NE(m.find("SrsPeriodicity"), std::string::npos, "SRS: " << m);

        m = InstallError(sc,
                         [](LteSlicingHelper& h)
                         { h.SetAttribute("ServiceQci", StringValue("YouTube:7")); });
        NS_TEST_ASSERT_MSG_NE(m.find("ServiceQci: 'YouTube:7' is not Service=QCI"),
                              std::string::npos,
                              "QCI syntax: " << m);
        m = InstallError(sc,
                         [](LteSlicingHelper& h)
                         { h.SetAttribute("FixedQuotas", StringValue("10,x")); });
        NS_TEST_ASSERT_MSG_NE(m.find("FixedQuotas: 'x' is not a non-negative integer"),
                              std::string::npos,
                              "quota syntax: " << m);
        m = InstallError(sc, [](LteSlicingHelper& h) { h.SetDecomposer("historical", "m.pt"); });
        NS_TEST_ASSERT_MSG_NE(m.find("ModelFile: has no effect"),
                              std::string::npos,
                              "model file: " << m);
        m = InstallError(sc, [](LteSlicingHelper& h) { h.SetSchedulerType("ns3::Node"); });
        NS_TEST_ASSERT_MSG_NE(m.find("SchedulerType: 'ns3::Node' is not an FfMacScheduler"),
                              std::string::npos,
                              "scheduler: " << m);

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
 * LteSlicingHelper's settings are attributes: a setter and its attribute hold the same value,
 * the checkers refuse values out of range, a `--ns3::LteSlicingHelper::...` command-line flag
 * and Config::SetDefault reach a new helper and the network it builds, and the VNF allocator's
 * cores per Gbps follow the VNFs' CoreThroughput.
 */
class LteHelperAttributesTestCase : public TestCase
{
public:
    LteHelperAttributesTestCase()
        : TestCase("LteSlicingHelper attributes: setters, ranges, --ns3:: flag, "
                   "Config::SetDefault, CoreThroughput")
    {
    }

private:
    void DoRun() override
    {
        // Setters and attributes.
        Ptr<LteSlicingHelper> h = CreateObject<LteSlicingHelper>();
        UintegerValue u;
        h->GetAttribute("NEnbs", u);
        NS_TEST_ASSERT_MSG_EQ(u.Get(), 4, "default NEnbs");
        h->SetNEnbs(5);
        h->GetAttribute("NEnbs", u);
        NS_TEST_ASSERT_MSG_EQ(u.Get(), 5, "SetNEnbs() sets the NEnbs attribute");
        h->SetFixedQuotas({3, 0, 12});
        StringValue text;
        h->GetAttribute("FixedQuotas", text);
        NS_TEST_ASSERT_MSG_EQ(text.Get(), "3,0,12", "SetFixedQuotas() sets FixedQuotas");
        h->SetServiceQci("YouTube", 7);
        h->SetServiceQci("Spotify", 9);
        h->GetAttribute("ServiceQci", text);
        NS_TEST_ASSERT_MSG_EQ(text.Get(), "YouTube=7,Spotify=9", "SetServiceQci() appends");
        NS_TEST_ASSERT_MSG_EQ(h->SetAttributeFailSafe("Bandwidth", UintegerValue(200)),
                              false,
                              "Bandwidth above 100 PRBs refused");
        NS_TEST_ASSERT_MSG_EQ(h->SetAttributeFailSafe("UesPerEnb", UintegerValue(0)),
                              false,
                              "no UEs refused");
        NS_TEST_ASSERT_MSG_EQ(h->SetAttributeFailSafe("Load", DoubleValue(-1)),
                              false,
                              "negative load refused");

        // The allocator alone: CoreThroughput 0 keeps 20 + 6; 1000 / 26 gives them back
        // exactly; 50 Mbps gives 20 per Gbps, split 20:6.
        Ptr<VnfAllocator> allocator = CreateObject<VnfAllocator>();
        NS_TEST_ASSERT_MSG_EQ(allocator->GetCoresPerGbps(), 26.0, "CoreThroughput 0: 20 + 6");
        allocator->SetAttribute("CoreThroughput", DoubleValue(1000.0 / 26.0));
        NS_TEST_ASSERT_MSG_EQ(allocator->GetCoresPerGbpsDataPlane(), 20.0, "1000/26: 20");
        NS_TEST_ASSERT_MSG_EQ(allocator->GetCoresPerGbpsSdn(), 6.0, "1000/26: 6");
        allocator->SetAttribute("CoreThroughput", DoubleValue(50.0));
        NS_TEST_ASSERT_MSG_EQ_TOL(allocator->GetCoresPerGbps(), 20.0, 1e-12, "1000/50");
        NS_TEST_ASSERT_MSG_EQ_TOL(allocator->GetCoresPerGbpsSdn(),
                                  20.0 * 6.0 / 26.0,
                                  1e-12,
                                  "SDN share");
        NS_TEST_ASSERT_MSG_EQ(allocator->CoresFor(1000.0), 20, "1 Gbps: 20 cores of 50 Mbps");

        // A --ns3:: flag (CommandLine sets the attribute's default) and Config::SetDefault,
        // restored as soon as the helper exists.
        TypeId::AttributeInformation nEnbs;
        TypeId::AttributeInformation ues;
        LteSlicingHelper::GetTypeId().LookupAttributeByName("NEnbs", &nEnbs);
        LteSlicingHelper::GetTypeId().LookupAttributeByName("UesPerEnb", &ues);
        CommandLine cmd;
        cmd.Parse(std::vector<std::string>{"test", "--ns3::LteSlicingHelper::UesPerEnb=2"});
        Config::SetDefault("ns3::LteSlicingHelper::NEnbs", UintegerValue(2));
        Ptr<LteSlicingHelper> lte = CreateObject<LteSlicingHelper>();
        Config::SetDefault("ns3::LteSlicingHelper::NEnbs", *nEnbs.initialValue);
        Config::SetDefault("ns3::LteSlicingHelper::UesPerEnb", *ues.initialValue);
        lte->SetControllerAttribute("SlotDuration", TimeValue(MilliSeconds(250)));
        lte->SetControllerAttribute("Slots", UintegerValue(1));
        lte->SetVnfAttribute("CoreThroughput", DoubleValue(50.0));
        lte->AssignStreams(1);
        Ptr<LteSliceController> controller = lte->Install();
        const uint32_t enbDevices = lte->GetEnbDevices().GetN();
        const uint32_t ueDevices = lte->GetUeDevices().GetN();
        const double coresPerGbps = controller->GetWiring().vnf->GetCoresPerGbps();
        Simulator::Destroy();
        NS_TEST_ASSERT_MSG_EQ(enbDevices, 2, "NEnbs from Config::SetDefault");
        NS_TEST_ASSERT_MSG_EQ(ueDevices, 4, "UesPerEnb from --ns3::LteSlicingHelper::UesPerEnb");
        NS_TEST_ASSERT_MSG_EQ_TOL(coresPerGbps, 20.0, 1e-12, "the allocator follows the VNFs");
        Ptr<LteSlicingHelper> fresh = CreateObject<LteSlicingHelper>();
        fresh->GetAttribute("NEnbs", u);
        NS_TEST_ASSERT_MSG_EQ(u.Get(), 4, "default restored");
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
        AddTestCase(new LteHelperAttributesTestCase, TestCase::QUICK);
        AddTestCase(new LteBearerMappingTestCase, TestCase::QUICK);
        AddTestCase(new LteAggregateTestCase, TestCase::QUICK);
        AddTestCase(new LteViolationsTestCase, TestCase::QUICK);
        AddTestCase(new LteDeterminismTestCase, TestCase::QUICK);
        AddTestCase(new LteIsolatedCellsTestCase, TestCase::QUICK);
        AddTestCase(new LteQuantileTestCase, TestCase::QUICK);
        AddTestCase(new VnfQueueTestCase, TestCase::QUICK);
        AddTestCase(new LteMeasuredMetricsTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static MicroscopeLteSlicingTestSuite g_microscopeLteSlicingTestSuite;
