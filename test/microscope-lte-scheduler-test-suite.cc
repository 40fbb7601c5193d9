/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of SliceFfMacScheduler, the slice-aware LTE MAC scheduler: strict quotas, lending of
 * idle PRBs, bad quotas, determinism, and UDP flows through the EPC. The scenarios are tiny (one
 * eNB, two UEs, real RRC over the air); most use saturated traffic from RLC SM (saturation
 * mode) bearers without EPC, so that every data radio bearer always has a DL backlog.
 */

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/constant-position-mobility-model.h"
#include "ns3/enum.h"
#include "ns3/epc-tft.h"
#include "ns3/input-error.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/lte-amc.h"
#include "ns3/lte-enb-net-device.h"
#include "ns3/lte-enb-rrc.h"
#include "ns3/lte-helper.h"
#include "ns3/lte-spectrum-phy.h"
#include "ns3/lte-ue-net-device.h"
#include "ns3/lte-ue-phy.h"
#include "ns3/mobility-helper.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/point-to-point-epc-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/slice-ff-mac-scheduler.h"
#include "ns3/test.h"
#include "ns3/udp-client-server-helper.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <sstream>
#include <tuple>
#include <vector>

using namespace ns3;

namespace
{

/// One SliceTti call.
struct SliceTtiRecord
{
    double timeS;      //!< simulation time, s
    uint16_t frame;    //!< frame number
    uint16_t subframe; //!< subframe number
    uint16_t slice;    //!< slice
    uint32_t quota;    //!< quota, PRBs
    uint32_t used;     //!< PRBs used
    uint32_t lent;     //!< PRBs beyond the quota

    /// \param o another record \return true if equal (time included)
    bool operator==(const SliceTtiRecord& o) const
    {
        return std::tie(timeS, frame, subframe, slice, quota, used, lent) ==
               std::tie(o.timeS, o.frame, o.subframe, o.slice, o.quota, o.used, o.lent);
    }
};

/// What a scenario run observed.
struct ScenarioResult
{
    std::vector<SliceTtiRecord> records;    //!< every SliceTti call
    std::map<uint16_t, uint64_t> rxBytes;   //!< DL bytes of TBs decoded correctly, per RNTI
    std::map<uint8_t, uint64_t> rlcRxBytes; //!< DL RLC PDU bytes received from 0.3 s, per LCID
    uint32_t bandwidth{0};                  //!< GetDlBandwidthPrbs() after installation
    uint32_t rbgSize{0};                    //!< GetRbgSize() after installation
};

/// The scenario of a test.
struct ScenarioConfig
{
    SliceFfMacScheduler::Sharing sharing{SliceFfMacScheduler::STRICT}; //!< sharing mode
    std::vector<uint32_t> quotas;                                      //!< PRBs per slice
    std::map<uint8_t, uint16_t> lcSlice;                               //!< LCID -> slice
    uint32_t bearersPerUe{1}; //!< DRBs per UE (LCIDs 3, 4, ...)
    double durationS{0.6};    //!< simulated time
};

/// Sink of SliceTti.
void
RecordSliceTti(std::vector<SliceTtiRecord>* out,
               uint16_t frame,
               uint16_t subframe,
               uint16_t slice,
               uint32_t quota,
               uint32_t used,
               uint32_t lent)
{
    out->push_back({Simulator::Now().GetSeconds(), frame, subframe, slice, quota, used, lent});
}

/// Sink of the UE RLCs' RxPDU.
void
RecordRlcRx(std::map<uint8_t, uint64_t>* out,
            uint16_t /* rnti */,
            uint8_t lcid,
            uint32_t bytes,
            uint64_t /* delay */)
{
    (*out)[lcid] += bytes;
}

/// Connect the UE RLCs' RxPDU (once the bearers exist).
void
ConnectRlcRx(std::map<uint8_t, uint64_t>* out)
{
    Config::ConnectWithoutContext(
        "/NodeList/*/DeviceList/*/$ns3::LteUeNetDevice/LteUeRrc/DataRadioBearerMap/*/LteRlc/RxPDU",
        MakeBoundCallback(&RecordRlcRx, out));
}

/// Sink of the UEs' DlPhyReception.
void
RecordRx(std::map<uint16_t, uint64_t>* out, PhyReceptionStatParameters p)
{
    if (p.m_correctness)
    {
        (*out)[p.m_rnti] += p.m_size;
    }
}

/**
 * Run one eNB (5 MHz, 25 PRBs) with two UEs 50-60 m away, each with config.bearersPerUe
 * saturated DRBs, scheduled by SliceFfMacScheduler.
 * \param config the scenario.
 * \return what was observed.
 */
ScenarioResult
RunScenario(const ScenarioConfig& config)
{
    ScenarioResult result;
    NodeContainer enbNodes;
    enbNodes.Create(1);
    NodeContainer ueNodes;
    ueNodes.Create(2);
    Ptr<ListPositionAllocator> positions = CreateObject<ListPositionAllocator>();
    positions->Add(Vector(0, 0, 0));
    positions->Add(Vector(50, 0, 0));
    positions->Add(Vector(0, 60, 0));
    MobilityHelper mobility;
    mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    mobility.SetPositionAllocator(positions);
    mobility.Install(enbNodes);
    mobility.Install(ueNodes);

    Ptr<LteHelper> lte = CreateObject<LteHelper>();
    lte->SetAttribute("UseIdealRrc", BooleanValue(false));
    lte->SetSchedulerType("ns3::SliceFfMacScheduler");
    lte->SetSchedulerAttribute("Sharing", EnumValue(config.sharing));
    NetDeviceContainer enbDevs = lte->InstallEnbDevice(enbNodes);
    NetDeviceContainer ueDevs = lte->InstallUeDevice(ueNodes);

    Ptr<LteEnbNetDevice> enb = DynamicCast<LteEnbNetDevice>(enbDevs.Get(0));
    enb->GetRrc()->SetAttribute("EpsBearerToRlcMapping", EnumValue(LteEnbRrc::RLC_SM_ALWAYS));
    Ptr<ComponentCarrierEnb> cc = DynamicCast<ComponentCarrierEnb>(enb->GetCcMap().at(0));
    Ptr<SliceFfMacScheduler> sched = DynamicCast<SliceFfMacScheduler>(cc->GetFfMacScheduler());
    NS_ABORT_MSG_IF(!sched, "the eNB does not use SliceFfMacScheduler");
    sched->SetNSlices(static_cast<uint16_t>(config.quotas.size()));
    for (const auto& m : config.lcSlice)
    {
        sched->SetLcSlice(m.first, m.second);
    }
    sched->SetSliceQuotas(config.quotas);
    sched->TraceConnectWithoutContext("SliceTti",
                                      MakeBoundCallback(&RecordSliceTti, &result.records));
    for (uint32_t i = 0; i < ueDevs.GetN(); ++i)
    {
        Ptr<LteUeNetDevice> ue = DynamicCast<LteUeNetDevice>(ueDevs.Get(i));
        ue->GetPhy()->GetDlSpectrumPhy()->TraceConnectWithoutContext(
            "DlPhyReception",
            MakeBoundCallback(&RecordRx, &result.rxBytes));
    }

    lte->Attach(ueDevs, enbDevs.Get(0));
    for (uint32_t b = 0; b < config.bearersPerUe; ++b)
    {
        lte->ActivateDataRadioBearer(ueDevs, EpsBearer(EpsBearer::NGBR_VIDEO_TCP_DEFAULT));
    }
    Simulator::Schedule(Seconds(0.3), &ConnectRlcRx, &result.rlcRxBytes);
    Simulator::Stop(Seconds(config.durationS));
    Simulator::Run();
    result.bandwidth = sched->GetDlBandwidthPrbs();
    result.rbgSize = sched->GetRbgSize();
    Simulator::Destroy();
    return result;
}

/// Records after the attach and bearer setup (from 0.3 s).
std::vector<SliceTtiRecord>
SteadyState(const std::vector<SliceTtiRecord>& records)
{
    std::vector<SliceTtiRecord> out;
    std::copy_if(records.begin(),
                 records.end(),
                 std::back_inserter(out),
                 [](const auto& r) { return r.timeS >= 0.3; });
    return out;
}

} // namespace

/**
 * \ingroup microscope-tests
 * STRICT: two UEs with four saturated DRBs each (LCIDs 3, 4, 5 -> slices 0, 1, 2; LCID 6
 * unsliced), quotas {10, 6, 4} of 25 PRBs. No slice ever exceeds its quota, nothing is lent,
 * the slices use exactly their quotas (multiples of the RBG size) in the steady state, the
 * UEs decode the TBs, and the RLC bytes each LC receives follow its PRBs (10 : 6 : 4, and the
 * 4 usable PRBs left by the slices for the unsliced LC).
 */
class StrictQuotaTestCase : public TestCase
{
public:
    StrictQuotaTestCase()
        : TestCase("Strict: no slice exceeds its quota, busy slices use it")
    {
    }

private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        ScenarioConfig config;
        config.sharing = SliceFfMacScheduler::STRICT;
        config.quotas = {10, 6, 4};
        config.lcSlice = {{3, 0}, {4, 1}, {5, 2}};
        config.bearersPerUe = 4; // LCID 6 is unsliced
        ScenarioResult r = RunScenario(config);

        NS_TEST_ASSERT_MSG_EQ(r.bandwidth, 25, "5 MHz cell");
        NS_TEST_ASSERT_MSG_EQ(r.rbgSize, 2, "RBG size of 25 PRBs");
        NS_TEST_ASSERT_MSG_GT(r.records.size(), 3 * 500, "one call per slice and TTI");
        std::map<uint32_t, uint32_t> ttiUsed; // per TTI index: sum of used
        for (std::size_t i = 0; i < r.records.size(); ++i)
        {
            const auto& rec = r.records[i];
            NS_TEST_ASSERT_MSG_EQ(rec.slice, i % 3, "slices in order, once per TTI");
            NS_TEST_ASSERT_MSG_EQ(rec.quota, config.quotas[rec.slice], "quota reported");
            NS_TEST_ASSERT_MSG_LT_OR_EQ(rec.used, rec.quota, "strict: used <= quota");
            NS_TEST_ASSERT_MSG_EQ(rec.lent, 0, "strict: nothing lent");
            ttiUsed[i / 3] += rec.used;
        }
        for (const auto& t : ttiUsed)
        {
            NS_TEST_ASSERT_MSG_LT_OR_EQ(t.second, 24, "at most the 12 usable RBGs");
        }
        auto steady = SteadyState(r.records);
        NS_TEST_ASSERT_MSG_GT(steady.size(), 3 * 250, "steady-state TTIs");
        for (uint16_t s = 0; s < 3; ++s)
        {
            uint32_t full = 0;
            uint32_t n = 0;
            for (const auto& rec : steady)
            {
                if (rec.slice == s)
                {
                    ++n;
                    full += rec.used == rec.quota ? 1 : 0;
                }
            }
            NS_TEST_ASSERT_MSG_GT_OR_EQ(full,
                                        n * 95 / 100,
                                        "saturated slice " << s << " uses its whole quota");
        }
        // The RLC bytes of each LC follow the PRBs it gets: 10, 6, 4 for the slices and the
        // 4 PRBs (2 RBGs) the slices leave for the unsliced LCID 6.
        const std::map<uint8_t, double> expectedShare = {{3, 10.0 / 24},
                                                         {4, 6.0 / 24},
                                                         {5, 4.0 / 24},
                                                         {6, 4.0 / 24}};
        uint64_t rlcTotal = 0;
        for (const auto& lc : r.rlcRxBytes)
        {
            rlcTotal += lc.second;
        }
        NS_TEST_ASSERT_MSG_EQ(r.rlcRxBytes.size(), 4, "four DRBs receive data");
        NS_TEST_ASSERT_MSG_GT(rlcTotal, 0, "RLC PDUs received");
        for (const auto& e : expectedShare)
        {
            double share = rlcTotal > 0 ? double(r.rlcRxBytes[e.first]) / rlcTotal : 0;
            NS_TEST_ASSERT_MSG_EQ_TOL(share,
                                      e.second,
                                      0.1 * e.second,
                                      "LCID " << unsigned(e.first) << " bytes follow its PRBs");
        }
        NS_TEST_ASSERT_MSG_EQ(r.rxBytes.size(), 2, "both UEs receive DL data");
        for (const auto& rx : r.rxBytes)
        {
            // 20 PRBs of slices shared by two UEs for ~0.5 s: well above 100 kB each
            NS_TEST_ASSERT_MSG_GT(rx.second, 100000, "UE " << rx.first << " decodes its TBs");
        }
    }
};

/**
 * \ingroup microscope-tests
 * LEND: quotas {10, 9, 6} = 25 PRBs; slices 0 and 1 saturated (LCIDs 3, 4 of both UEs), slice 2
 * has no LC (idle). The saturated slices borrow the idle PRBs: they use more than their quotas
 * and lentPrb > 0, while in every TTI the PRBs a slice gets beyond its quota never exceed what
 * the other slices leave idle of their quotas, nor the sum of the used PRBs the bandwidth.
 */
class LendTestCase : public TestCase
{
public:
    LendTestCase()
        : TestCase("Lend: idle PRBs go to saturated slices, never more than what is idle")
    {
    }

private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        ScenarioConfig config;
        config.sharing = SliceFfMacScheduler::LEND;
        config.quotas = {10, 9, 6};
        config.lcSlice = {{3, 0}, {4, 1}};
        config.bearersPerUe = 2;
        ScenarioResult r = RunScenario(config);

        NS_TEST_ASSERT_MSG_EQ(r.records.size() % 3, 0, "one call per slice and TTI");
        uint32_t lentTtis[3] = {0, 0, 0};
        for (std::size_t t = 0; t + 2 < r.records.size(); t += 3)
        {
            uint32_t sumUsed = 0;
            for (uint16_t s = 0; s < 3; ++s)
            {
                const auto& rec = r.records[t + s];
                sumUsed += rec.used;
                uint32_t expectLent = rec.used > rec.quota ? rec.used - rec.quota : 0;
                NS_TEST_ASSERT_MSG_EQ(rec.lent, expectLent, "lent = (used - quota)+");
                uint32_t idleOthers = 0;
                for (uint16_t o = 0; o < 3; ++o)
                {
                    const auto& other = r.records[t + o];
                    if (o != s && other.quota > other.used)
                    {
                        idleOthers += other.quota - other.used;
                    }
                }
                NS_TEST_ASSERT_MSG_LT_OR_EQ(rec.lent,
                                            idleOthers,
                                            "lent PRBs come from the others' idle quota");
                lentTtis[s] += rec.lent > 0 ? 1 : 0;
            }
            NS_TEST_ASSERT_MSG_LT_OR_EQ(sumUsed, r.bandwidth, "sum of used <= bandwidth");
        }
        auto steady = SteadyState(r.records);
        uint64_t used[3] = {0, 0, 0};
        uint32_t ttis = 0;
        for (const auto& rec : steady)
        {
            used[rec.slice] += rec.used;
            ttis += rec.slice == 0 ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_GT(ttis, 250, "steady-state TTIs");
        NS_TEST_ASSERT_MSG_EQ(used[2], 0, "the idle slice uses nothing");
        NS_TEST_ASSERT_MSG_GT(used[0], 10ULL * ttis, "slice 0 gets more than its quota");
        NS_TEST_ASSERT_MSG_GT(used[1], 9ULL * ttis, "slice 1 gets more than its quota");
        // all 12 usable RBGs are used in the steady state
        NS_TEST_ASSERT_MSG_GT_OR_EQ(used[0] + used[1],
                                    24ULL * ttis * 95 / 100,
                                    "the idle slice's PRBs are lent, not wasted");
        NS_TEST_ASSERT_MSG_GT(lentTtis[0], 0, "slice 0 borrowed");
        NS_TEST_ASSERT_MSG_GT(lentTtis[1], 0, "slice 1 borrowed");
        NS_TEST_ASSERT_MSG_EQ(lentTtis[2], 0, "the idle slice borrowed nothing");
    }
};

/**
 * \ingroup microscope-tests
 * Bad input: quotas of the wrong size, summing to more than the bandwidth (checked at once
 * after the cell configuration, or at the cell configuration when set before), slices out of
 * range, SRB LCIDs.
 */
class BadQuotaTestCase : public TestCase
{
public:
    BadQuotaTestCase()
        : TestCase("Bad quotas and slice maps throw InputError")
    {
    }

private:
    /// \param f a call \return the InputError message it threw, "" if none
    template <typename F>
    static std::string Thrown(F f)
    {
        try
        {
            f();
        }
        catch (const InputError& e)
        {
            return e.what();
        }
        return "";
    }

    void DoRun() override
    {
        FfMacCschedSapProvider::CschedCellConfigReqParameters cell{};
        cell.m_dlBandwidth = 25;
        cell.m_ulBandwidth = 25;

        Ptr<SliceFfMacScheduler> sched = CreateObject<SliceFfMacScheduler>();
        NS_TEST_ASSERT_MSG_EQ(sched->GetDlBandwidthPrbs(), 0, "no bandwidth before the cell");
        NS_TEST_ASSERT_MSG_EQ(sched->GetRbgSize(), 0, "no RBG size before the cell");
        NS_TEST_ASSERT_MSG_NE(Thrown([&] { sched->SetSliceQuotas({1}); }),
                              "",
                              "quotas before SetNSlices");
        NS_TEST_ASSERT_MSG_NE(Thrown([&] { sched->SetNSlices(0); }), "", "zero slices");
        sched->SetNSlices(3);
        std::string msg = Thrown([&] { sched->SetSliceQuotas({10, 6}); });
        NS_TEST_ASSERT_MSG_NE(msg.find("2 slice quotas given for 3 slices"),
                              std::string::npos,
                              "wrong size named: " << msg);
        NS_TEST_ASSERT_MSG_NE(Thrown([&] { sched->SetLcSlice(3, 3); }), "", "slice out of range");
        NS_TEST_ASSERT_MSG_NE(Thrown([&] { sched->SetLcSlice(1, 0); }), "", "SRB1 not sliced");
        NS_TEST_ASSERT_MSG_EQ(Thrown([&] { sched->SetLcSlice(3, 2); }), "", "valid map");

        sched->GetFfMacCschedSapProvider()->CschedCellConfigReq(cell);
        NS_TEST_ASSERT_MSG_EQ(sched->GetDlBandwidthPrbs(), 25, "bandwidth after the cell");
        NS_TEST_ASSERT_MSG_EQ(sched->GetRbgSize(), 2, "RBG size of 25 PRBs");
        msg = Thrown([&] { sched->SetSliceQuotas({10, 10, 6}); });
        NS_TEST_ASSERT_MSG_NE(msg.find("sum to 26 PRBs"),
                              std::string::npos,
                              "sum over the bandwidth named: " << msg);
        NS_TEST_ASSERT_MSG_EQ(Thrown(
                                  [&] {
                                      sched->SetSliceQuotas({10, 9, 6});
                                  }),
                              "",
                              "a full partition is fine");
        std::vector<uint32_t> expected = {10, 9, 6};
        NS_TEST_ASSERT_MSG_EQ((sched->GetSliceQuotas() == expected), true, "quotas kept");
        sched->Dispose();

        // set before the cell configuration: checked when the cell is configured
        Ptr<SliceFfMacScheduler> early = CreateObject<SliceFfMacScheduler>();
        early->SetNSlices(2);
        NS_TEST_ASSERT_MSG_EQ(Thrown(
                                  [&] {
                                      early->SetSliceQuotas({20, 20});
                                  }),
                              "",
                              "the sum cannot be checked before the cell");
        msg = Thrown([&] { early->GetFfMacCschedSapProvider()->CschedCellConfigReq(cell); });
        NS_TEST_ASSERT_MSG_NE(msg.find("more than the cell's DL bandwidth of 25 PRBs"),
                              std::string::npos,
                              "checked at the cell configuration: " << msg);
        early->Dispose();
    }
};

/// Sink of a PacketSink's Rx: bytes after the warm-up, per port.
void
RecordUdpRx(std::map<uint16_t, uint64_t>* out, uint16_t port, Ptr<const Packet> p, const Address&)
{
    if (Simulator::Now() >= Seconds(1.0))
    {
        (*out)[port] += p->GetSize();
    }
}

/**
 * \ingroup microscope-tests
 * EPC: two UEs with two dedicated bearers each (LCID 4 -> slice 0, LCID 5 -> slice 1; LCID 3,
 * the default bearer, unsliced), real RRC, RLC UM, UDP from a remote host. Quotas {6, 6} of 25
 * PRBs, STRICT. Slice 0 carries 0.5 Mbps per UE (less than its quota): it is delivered in
 * full. Slice 1 carries 10 Mbps per UE (more): its goodput is capped by its 6 PRBs (at most the
 * TB size of 6 PRBs at the highest MCS, 1000 times per second) but not starved, and no TTI
 * gives any slice more than its quota.
 */
class EpcUdpTestCase : public TestCase
{
public:
    EpcUdpTestCase()
        : TestCase("EPC: UDP on dedicated bearers, light slice served, heavy slice capped")
    {
    }

private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Ptr<LteHelper> lte = CreateObject<LteHelper>();
        Ptr<PointToPointEpcHelper> epc = CreateObject<PointToPointEpcHelper>();
        lte->SetEpcHelper(epc);
        lte->SetAttribute("UseIdealRrc", BooleanValue(false));
        lte->SetSchedulerType("ns3::SliceFfMacScheduler");

        NodeContainer remote;
        remote.Create(1);
        InternetStackHelper internet;
        internet.Install(remote);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", DataRateValue(DataRate("10Gb/s")));
        NetDeviceContainer link = p2p.Install(epc->GetPgwNode(), remote.Get(0));
        Ipv4AddressHelper addresses("1.0.0.0", "255.0.0.0");
        addresses.Assign(link);
        Ipv4StaticRoutingHelper routing;
        routing.GetStaticRouting(remote.Get(0)->GetObject<Ipv4>())
            ->AddNetworkRouteTo(Ipv4Address("7.0.0.0"), Ipv4Mask("255.0.0.0"), 1);

        NodeContainer enbNodes;
        enbNodes.Create(1);
        NodeContainer ueNodes;
        ueNodes.Create(2);
        Ptr<ListPositionAllocator> positions = CreateObject<ListPositionAllocator>();
        positions->Add(Vector(0, 0, 0));
        positions->Add(Vector(40, 0, 0));
        positions->Add(Vector(0, 70, 0));
        MobilityHelper mobility;
        mobility.SetPositionAllocator(positions);
        mobility.Install(enbNodes);
        mobility.Install(ueNodes);
        NetDeviceContainer enbDevs = lte->InstallEnbDevice(enbNodes);
        NetDeviceContainer ueDevs = lte->InstallUeDevice(ueNodes);
        internet.Install(ueNodes);
        Ipv4InterfaceContainer ueIfs = epc->AssignUeIpv4Address(ueDevs);
        for (uint32_t i = 0; i < ueNodes.GetN(); ++i)
        {
            routing.GetStaticRouting(ueNodes.Get(i)->GetObject<Ipv4>())
                ->SetDefaultRoute(epc->GetUeDefaultGatewayAddress(), 1);
        }
        lte->Attach(ueDevs, enbDevs.Get(0));

        Ptr<LteEnbNetDevice> enb = DynamicCast<LteEnbNetDevice>(enbDevs.Get(0));
        Ptr<SliceFfMacScheduler> sched = DynamicCast<SliceFfMacScheduler>(
            DynamicCast<ComponentCarrierEnb>(enb->GetCcMap().at(0))->GetFfMacScheduler());
        sched->SetNSlices(2);
        sched->SetLcSlice(4, 0);
        sched->SetLcSlice(5, 1);
        sched->SetSliceQuotas({6, 6});
        std::vector<SliceTtiRecord> records;
        sched->TraceConnectWithoutContext("SliceTti", MakeBoundCallback(&RecordSliceTti, &records));

        // ports 1000 + slice; one bearer per slice and UE, in slice order (LCIDs 4 and 5)
        const double rateMbps[2] = {0.5, 10};
        const uint32_t packetBytes = 1000;
        std::map<uint16_t, uint64_t> rx;
        for (uint32_t i = 0; i < ueNodes.GetN(); ++i)
        {
            for (uint16_t s = 0; s < 2; ++s)
            {
                uint16_t port = 1000 + s;
                Ptr<EpcTft> tft = Create<EpcTft>();
                EpcTft::PacketFilter filter;
                filter.localPortStart = port;
                filter.localPortEnd = port;
                filter.direction = EpcTft::DOWNLINK;
                tft->Add(filter);
                lte->ActivateDedicatedEpsBearer(ueDevs.Get(i),
                                                EpsBearer(EpsBearer::NGBR_VIDEO_TCP_DEFAULT),
                                                tft);
                PacketSinkHelper sink("ns3::UdpSocketFactory",
                                      InetSocketAddress(Ipv4Address::GetAny(), port));
                ApplicationContainer sinkApp = sink.Install(ueNodes.Get(i));
                sinkApp.Get(0)->TraceConnectWithoutContext(
                    "Rx",
                    MakeBoundCallback(&RecordUdpRx, &rx, port));
                UdpClientHelper client(ueIfs.GetAddress(i), port);
                client.SetAttribute("Interval",
                                    TimeValue(Seconds(packetBytes * 8 / (rateMbps[s] * 1e6))));
                client.SetAttribute("PacketSize", UintegerValue(packetBytes));
                client.SetAttribute("MaxPackets", UintegerValue(100000000));
                ApplicationContainer clientApp = client.Install(remote.Get(0));
                clientApp.Start(Seconds(0.4));
            }
        }
        Simulator::Stop(Seconds(2.0));
        Simulator::Run();
        Simulator::Destroy();

        // The per-TTI records the strict check below rests on: the scheduler reports every
        // slice in every DL TTI, 1000 TTIs per second, so [1, 2) s holds 1000 records per slice
        // (without this, an empty trace would pass the loop vacuously).
        NS_TEST_ASSERT_MSG_GT(records.size(), 0, "per-TTI records exist");
        uint32_t perSlice[2] = {0, 0};
        uint32_t heavyFull = 0;
        for (const auto& rec : records)
        {
            NS_TEST_ASSERT_MSG_LT_OR_EQ(rec.used, rec.quota, "strict: used <= quota");
            NS_TEST_ASSERT_MSG_LT(rec.slice, 2, "two slices");
            if (rec.timeS >= 1.0 && rec.timeS < 2.0 && rec.slice < 2)
            {
                ++perSlice[rec.slice];
                heavyFull += (rec.slice == 1 && rec.used == rec.quota) ? 1 : 0;
            }
        }
        for (uint32_t k = 0; k < 2; ++k)
        {
            NS_TEST_ASSERT_MSG_GT_OR_EQ(perSlice[k], 999, "one record per TTI, slice " << k);
            NS_TEST_ASSERT_MSG_LT_OR_EQ(perSlice[k], 1001, "one record per TTI, slice " << k);
        }
        // The backlogged heavy slice fills its quota in nearly every TTI.
        NS_TEST_ASSERT_MSG_GT(heavyFull, 900, "the heavy slice uses its 6 PRBs");
        // goodput over [1, 2) s, both UEs together
        const double light = rx[1000] * 8 / 1e6;
        const double heavy = rx[1001] * 8 / 1e6;
        Ptr<LteAmc> amc = CreateObject<LteAmc>();
        const double capMbps = amc->GetDlTbSizeFromMcs(28, 6) * 1000 / 1e6;
        NS_TEST_ASSERT_MSG_GT_OR_EQ(light, 2 * 0.5 * 0.95, "the light slice is served in full");
        NS_TEST_ASSERT_MSG_LT_OR_EQ(light, 2 * 0.5 * 1.05, "and gets no more than offered");
        NS_TEST_ASSERT_MSG_LT_OR_EQ(heavy, capMbps, "the heavy slice is capped by its 6 PRBs");
        NS_TEST_ASSERT_MSG_GT(heavy, 0.6 * capMbps, "but not starved");
    }
};

/**
 * \ingroup microscope-tests
 * Two runs of the LEND scenario with the same seed and run give the same per-TTI trace.
 */
class DeterminismTestCase : public TestCase
{
public:
    DeterminismTestCase()
        : TestCase("Same seed, same per-TTI slice trace")
    {
    }

private:
    void DoRun() override
    {
        ScenarioConfig config;
        config.sharing = SliceFfMacScheduler::LEND;
        config.quotas = {8, 8, 8};
        config.lcSlice = {{3, 0}, {4, 2}};
        config.bearersPerUe = 2;
        config.durationS = 0.4;
        RngSeedManager::SetSeed(7);
        RngSeedManager::SetRun(3);
        ScenarioResult a = RunScenario(config);
        RngSeedManager::SetSeed(7);
        RngSeedManager::SetRun(3);
        ScenarioResult b = RunScenario(config);
        NS_TEST_ASSERT_MSG_GT(a.records.size(), 3 * 300, "a trace was recorded");
        uint64_t usedA = 0;
        for (const auto& rec : a.records)
        {
            usedA += rec.used;
        }
        NS_TEST_ASSERT_MSG_GT(usedA, 0, "something was scheduled");
        NS_TEST_ASSERT_MSG_EQ(a.records.size(), b.records.size(), "same number of calls");
        NS_TEST_ASSERT_MSG_EQ((a.records == b.records), true, "same per-TTI trace");
        NS_TEST_ASSERT_MSG_EQ((a.rxBytes == b.rxBytes), true, "same bytes received");
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
    }
};

/**
 * \ingroup microscope-tests
 * The LTE scheduler suite.
 */
class MicroscopeLteSchedulerTestSuite : public TestSuite
{
public:
    MicroscopeLteSchedulerTestSuite()
        : TestSuite("microscope-lte-scheduler", SYSTEM)
    {
        AddTestCase(new BadQuotaTestCase, TestCase::QUICK);
        AddTestCase(new StrictQuotaTestCase, TestCase::QUICK);
        AddTestCase(new LendTestCase, TestCase::QUICK);
        AddTestCase(new DeterminismTestCase, TestCase::QUICK);
        AddTestCase(new EpcUdpTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static MicroscopeLteSchedulerTestSuite g_microscopeLteSchedulerTestSuite;
