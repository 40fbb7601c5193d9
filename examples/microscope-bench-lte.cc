/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/*
 * Benchmark of the packet-level (LTE) slicing mode: wall time, simulated events and wall-clock
 * seconds per simulated second of whole runs (eNBs x UEs x the catalog's services, every slot
 * decomposed and enforced), for several scenario sizes and both radio configurations (fast,
 * the default of microscope-lte-slicing, and full), each next to a plain LENA peer measured
 * in the same run.
 *
 * The peer is the same network without the module: the same eNB and UE positions, bandwidth
 * and radio configuration (LteSlicingHelper::ConfigureLteHelper and ConfigureDevices), ns-3's
 * PfFfMacScheduler, the default bearer only, and two UdpClients per UE from a remote host
 * behind the PGW offering the same mean load per eNB, in 1400-byte packets and, for the share
 * of the bytes the module's run offered in its gaming slice, 120-byte packets (the module's
 * GamingPacketSize); no slicing, no dedicated bearers, no datacenters or VNFs, no
 * measurement. "vs LENA" is the module's wall
 * time per simulated second over the peer's.
 *
 *   ./microscope bench microscope-bench-lte
 *   build/examples/microscope-bench-lte --points=5x5,10x10,20x10 --radio=fast,full --slots=3
 */

#include "ns3/applications-module.h"
#include "ns3/boolean.h"
#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/csv-table-reader.h"
#include "ns3/input-error.h"
#include "ns3/internet-module.h"
#include "ns3/lte-module.h"
#include "ns3/lte-slice-controller.h"
#include "ns3/lte-slicing-helper.h"
#include "ns3/mobility-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/scenario-flags.h"

#include <chrono>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

/// One measured run.
struct Row
{
    double setup{0};     //!< set-up wall seconds
    double run{0};       //!< Simulator::Run wall seconds
    double sim{0};       //!< simulated seconds
    uint64_t events{0};  //!< events executed
    uint64_t flows{0};   //!< traffic flows
    double delivered{0}; //!< share of the offered bytes delivered
};

/// The network a microscope run built, for its peer.
struct Network
{
    std::vector<Vector> enbs; //!< eNB positions
    std::vector<Vector> ues;  //!< UE positions, eNB by eNB
    double enbLoadMbps{0};    //!< mean offered load per eNB
    double smallShare{0};     //!< share of the bytes in the gaming slice (120-byte packets)
    Time stop;                //!< the simulation's end
};

/// Radio overrides of the configuration's values (empty or 0: the configuration's).
struct Overrides
{
    std::string channel;       //!< SpectrumChannelType
    std::string pathLoss;      //!< PathLoss
    double maxLossDb{-1};      //!< MaxLossDb (< 0: the configuration's)
    uint32_t cqiMs{0};         //!< CqiPeriodicity, ms
    uint32_t traceSample{0};   //!< PhyTraceSamplePeriod
    uint32_t srs{0};           //!< SrsPeriodicity
    bool isolatedCells{false}; //!< IsolatedCells
    bool pdschForCqi{true};    //!< PdschForCqi
};

/**
 * \param radio fast or full
 * \param o the overrides
 * \return a helper with the radio attributes of the configuration and the overrides
 */
Ptr<LteSlicingHelper>
MakeHelper(const std::string& radio, const Overrides& o)
{
    Ptr<LteSlicingHelper> lte = CreateObject<LteSlicingHelper>();
    lte->SetRadio(radio);
    lte->SetPathLoss("urban-macro"); // microscope-lte-slicing's default
    if (!o.channel.empty())
    {
        lte->SetAttribute("SpectrumChannelType", StringValue(o.channel));
    }
    if (!o.pathLoss.empty())
    {
        lte->SetPathLoss(o.pathLoss);
    }
    if (o.maxLossDb >= 0)
    {
        lte->SetMaxLossDb(o.maxLossDb);
    }
    if (o.cqiMs > 0)
    {
        lte->SetAttribute("CqiPeriodicity", TimeValue(MilliSeconds(o.cqiMs)));
    }
    if (o.traceSample > 0)
    {
        lte->SetAttribute("PhyTraceSamplePeriod", UintegerValue(o.traceSample));
    }
    if (o.srs > 0)
    {
        lte->SetSrsPeriodicity(o.srs);
    }
    lte->SetIsolatedCells(o.isolatedCells);
    lte->SetAttribute("PdschForCqi", BooleanValue(o.pdschForCqi));
    return lte;
}

/**
 * The plain LENA peer of a microscope run.
 * \param radio the helper whose radio configuration the peer shares
 * \param net the microscope run's network
 * \param uesPerEnb UEs per eNB
 * \return its measurement
 */
Row
RunPeer(Ptr<LteSlicingHelper> radio, const Network& net, uint32_t uesPerEnb)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    const auto t0 = std::chrono::steady_clock::now();
    Ptr<LteHelper> lte = CreateObject<LteHelper>();
    Ptr<PointToPointEpcHelper> epc = CreateObject<PointToPointEpcHelper>();
    lte->SetEpcHelper(epc);
    lte->SetSchedulerType("ns3::PfFfMacScheduler");
    radio->ConfigureLteHelper(lte);

    NodeContainer enbNodes;
    enbNodes.Create(net.enbs.size());
    NodeContainer ueNodes;
    ueNodes.Create(net.ues.size());
    Ptr<ListPositionAllocator> positions = CreateObject<ListPositionAllocator>();
    for (const auto& p : net.enbs)
    {
        positions->Add(p);
    }
    for (const auto& p : net.ues)
    {
        positions->Add(p);
    }
    MobilityHelper mobility;
    mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    mobility.SetPositionAllocator(positions);
    mobility.Install(enbNodes);
    mobility.Install(ueNodes);
    NetDeviceContainer enbDevices = lte->InstallEnbDevice(enbNodes);
    NetDeviceContainer ueDevices = lte->InstallUeDevice(ueNodes);
    radio->ConfigureDevices(enbDevices, ueDevices);

    // A remote host behind the PGW, as in ns-3's lena-simple-epc.
    NodeContainer remote;
    remote.Create(1);
    InternetStackHelper internet;
    internet.Install(remote);
    internet.Install(ueNodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(MilliSeconds(1)));
    NetDeviceContainer link = p2p.Install(epc->GetPgwNode(), remote.Get(0));
    Ipv4AddressHelper addresses("1.0.0.0", "255.0.0.0");
    addresses.Assign(link);
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(remote.Get(0)->GetObject<Ipv4>())
        ->AddNetworkRouteTo(Ipv4Address("7.0.0.0"), Ipv4Mask("255.0.0.0"), 1);
    Ipv4InterfaceContainer ueIfs = epc->AssignUeIpv4Address(ueDevices);
    for (uint32_t i = 0; i < ueNodes.GetN(); ++i)
    {
        routing.GetStaticRouting(ueNodes.Get(i)->GetObject<Ipv4>())
            ->SetDefaultRoute(epc->GetUeDefaultGatewayAddress(), 1);
    }
    for (uint32_t i = 0; i < ueDevices.GetN(); ++i)
    {
        lte->Attach(ueDevices.Get(i), enbDevices.Get(i / uesPerEnb));
    }
    // Two CBR flows per UE: the eNB's mean load split equally between its UEs, and between
    // 1400-byte packets and the gaming services' 120-byte packets as in the module's run, so
    // that the peer carries as many bytes and about as many packets.
    const double ueMbps = net.enbLoadMbps / uesPerEnb;
    ApplicationContainer apps;
    std::vector<Ptr<PacketSink>> sinks;
    for (uint32_t i = 0; i < ueNodes.GetN(); ++i)
    {
        const std::vector<std::pair<uint32_t, double>> flows = {
            {1400, ueMbps * (1 - net.smallShare)},
            {120, ueMbps * net.smallShare}};
        for (size_t f = 0; f < flows.size(); ++f)
        {
            const auto [packetBytes, mbps] = flows[f];
            if (mbps <= 0)
            {
                continue;
            }
            const uint16_t port = static_cast<uint16_t>(1234 + f);
            UdpClientHelper client(ueIfs.GetAddress(i), port);
            client.SetAttribute("MaxPackets", UintegerValue(UINT32_MAX));
            client.SetAttribute("Interval", TimeValue(Seconds(packetBytes * 8.0 / (mbps * 1e6))));
            client.SetAttribute("PacketSize", UintegerValue(packetBytes));
            apps.Add(client.Install(remote.Get(0)));
            PacketSinkHelper sink("ns3::UdpSocketFactory",
                                  InetSocketAddress(Ipv4Address::GetAny(), port));
            ApplicationContainer s = sink.Install(ueNodes.Get(i));
            sinks.push_back(DynamicCast<PacketSink>(s.Get(0)));
            apps.Add(s);
        }
    }
    apps.Start(MilliSeconds(100));
    const auto t1 = std::chrono::steady_clock::now();
    Simulator::Stop(net.stop);
    Simulator::Run();
    const auto t2 = std::chrono::steady_clock::now();
    Row row;
    row.setup = std::chrono::duration<double>(t1 - t0).count();
    row.run = std::chrono::duration<double>(t2 - t1).count();
    row.sim = Simulator::Now().GetSeconds();
    row.events = Simulator::GetEventCount();
    row.flows = sinks.size();
    uint64_t received = 0;
    for (const auto& s : sinks)
    {
        received += s->GetTotalRx();
    }
    const double offered = net.enbLoadMbps * 1e6 / 8 * net.enbs.size() * (row.sim - 0.1);
    row.delivered = offered > 0 ? received / offered : 0;
    Simulator::Destroy();
    return row;
}

/**
 * \param os the stream
 * \param radio the configuration
 * \param model microscope or lena
 * \param enbs eNBs \param ues UEs per eNB
 * \param r the measurement
 * \param ratio the module over its peer (< 0: none)
 */
void
Print(std::ostream& os,
      const std::string& radio,
      const std::string& model,
      uint32_t enbs,
      uint32_t ues,
      const Row& r,
      double ratio)
{
    os << std::left << std::setw(7) << radio << std::setw(12) << model << std::setw(6) << enbs
       << std::setw(6) << ues << std::setw(7) << r.flows << std::right << std::fixed
       << std::setprecision(2) << std::setw(9) << r.setup << std::setw(10) << r.run << std::setw(8)
       << r.sim << std::setw(13) << r.events << std::setw(11) << std::setprecision(0)
       << r.events / r.run << std::setw(11) << std::setprecision(3) << r.run / r.sim
       << std::setw(11) << std::setprecision(4) << r.delivered;
    if (ratio > 0)
    {
        os << std::setw(10) << std::setprecision(2) << ratio;
    }
    os << std::endl;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string points = "5x5,10x10,20x10";
    std::string radios = "fast,full";
    uint32_t slots = 3;
    Time slot = Seconds(1);
    double load = 0.5;
    std::string decomposer = "historical";
    std::string sharing = "strict";
    bool peer = true;
    Overrides o;

    CommandLine cmd(__FILE__);
    cmd.Usage("Benchmark of the packet-level slicing mode: wall time, events and wall seconds per "
              "simulated second for several eNB x UE sizes, radio configurations, and a plain "
              "LENA peer of each run.");
    cmd.AddValue("points", "Comma-separated sizes ENBSxUES (UEs per eNB)", points);
    cmd.AddValue("radio", "Comma-separated radio configurations: fast, full", radios);
    cmd.AddValue("peer", "Also run the plain LENA peer of every run", peer);
    cmd.AddValue("slots", "Evaluated slots per run", slots);
    cmd.AddValue("slot", "Slot duration", slot);
    cmd.AddValue("load", "Mean offered load of an eNB relative to its capacity", load);
    cmd.AddValue("decomposer", "Decomposer at every level", decomposer);
    cmd.AddValue("sharing", "strict or lend", sharing);
    cmd.AddValue("channel",
                 "Spectrum channel TypeId (empty: ns3::CachedLossSpectrumChannel)",
                 o.channel);
    cmd.AddValue("path-loss",
                 "urban-macro, friis or a PropagationLossModel (empty: urban-macro)",
                 o.pathLoss);
    cmd.AddValue("max-loss-db",
                 "Spectrum channels drop signals attenuated by more than this (0: none; "
                 "negative: the configuration's)",
                 o.maxLossDb);
    cmd.AddValue("cqi-periodicity", "Downlink CQI period, ms (0: the configuration's)", o.cqiMs);
    cmd.AddValue("trace-sample-period",
                 "PHY trace sample period, TTIs (0: the configuration's)",
                 o.traceSample);
    cmd.AddValue("srs-periodicity", "SRS period, ms (0: ns-3's 40)", o.srs);
    cmd.AddValue("pdsch-cqi",
                 "LteHelper UsePdschForCqiGeneration (ns-3's default true)",
                 o.pdschForCqi);
    cmd.AddValue("isolated-cells",
                 "One spectrum channel pair per cell: no inter-cell interference",
                 o.isolatedCells);
    ScenarioFlags::AddLoggingFlag(cmd); // --logging: the module's log messages
    cmd.Parse(argc, argv);

    try
    {
        std::vector<std::pair<uint32_t, uint32_t>> sizes;
        for (const auto& item : CsvTableReader::SplitList(points))
        {
            const size_t x = item.find('x');
            if (x == std::string::npos || x == 0 || x + 1 == item.size() ||
                item.find_first_not_of("0123456789x") != std::string::npos)
            {
                throw InputError::ForAttribute("--points", "'" + item + "' is not ENBSxUES");
            }
            sizes.emplace_back(std::stoul(item.substr(0, x)), std::stoul(item.substr(x + 1)));
        }
        const std::vector<std::string> configurations = CsvTableReader::SplitList(radios);
        for (const auto& radio : configurations)
        {
            MakeHelper(radio, Overrides()); // refuses an unknown configuration
        }
        std::cout << "microscope-bench-lte: " << slots << " slots of " << slot.GetSeconds()
                  << " s, load " << load << ", decomposer " << decomposer << ", " << sharing
                  << " sharing\n";
        std::cout << std::left << std::setw(7) << "radio" << std::setw(12) << "model"
                  << std::setw(6) << "eNBs" << std::setw(6) << "UEs" << std::setw(7) << "flows"
                  << std::right << std::setw(9) << "setup s" << std::setw(10) << "run s"
                  << std::setw(8) << "sim s" << std::setw(13) << "events" << std::setw(11)
                  << "events/s" << std::setw(11) << "wall/sim" << std::setw(11) << "delivered"
                  << std::setw(10) << "vs LENA" << std::endl;
        for (const auto& radio : configurations)
        {
            for (const auto& [enbs, ues] : sizes)
            {
                RngSeedManager::SetSeed(1);
                RngSeedManager::SetRun(1);
                const auto t0 = std::chrono::steady_clock::now();
                Ptr<LteSlicingHelper> lte = MakeHelper(radio, o);
                lte->SetNEnbs(enbs);
                lte->SetUesPerEnb(ues);
                lte->SetLoad(load);
                lte->SetDecomposer(decomposer);
                lte->SetSchedulerAttribute("Sharing",
                                           StringValue(sharing == "lend" ? "Lend" : "Strict"));
                lte->SetControllerAttribute("SlotDuration", TimeValue(slot));
                lte->SetControllerAttribute("Slots", UintegerValue(slots));
                lte->AssignStreams(1);
                Ptr<LteSliceController> controller = lte->Install();
                controller->Start();
                const auto t1 = std::chrono::steady_clock::now();
                Network net;
                Simulator::Stop(controller->GetStopTime() + Seconds(1));
                Simulator::Run();
                const auto t2 = std::chrono::steady_clock::now();
                Row ours;
                ours.setup = std::chrono::duration<double>(t1 - t0).count();
                ours.run = std::chrono::duration<double>(t2 - t1).count();
                ours.sim = Simulator::Now().GetSeconds();
                ours.events = Simulator::GetEventCount();
                net.stop = Simulator::Now();
                const LteSliceController::Wiring& w = controller->GetWiring();
                ours.flows = static_cast<uint64_t>(enbs) * ues * w.catalog->GetN();
                double offered = 0;
                double delivered = 0;
                double small = 0;
                for (const auto& r : controller->GetSliceRecords())
                {
                    offered += r.offeredBytes;
                    delivered += r.deliveredBytes;
                    small += w.sliceNames[r.slice] == "gaming" ? r.offeredBytes : 0;
                }
                net.smallShare = offered > 0 ? small / offered : 0;
                ours.delivered = offered > 0 ? delivered / offered : 0;
                for (uint32_t e = 0; e < lte->GetEnbDevices().GetN(); ++e)
                {
                    net.enbs.push_back(lte->GetEnbDevices()
                                           .Get(e)
                                           ->GetNode()
                                           ->GetObject<MobilityModel>()
                                           ->GetPosition());
                }
                for (uint32_t u = 0; u < lte->GetUeNodes().GetN(); ++u)
                {
                    net.ues.push_back(
                        lte->GetUeNodes().Get(u)->GetObject<MobilityModel>()->GetPosition());
                }
                const uint32_t usable = (w.bandwidthPrbs / w.rbgSize) * w.rbgSize;
                net.enbLoadMbps = load * usable * w.spectrum->GetPrbRateMbps();
                Simulator::Destroy();
                if (!peer)
                {
                    Print(std::cout, radio, "microscope", enbs, ues, ours, -1);
                    continue;
                }
                const Row lena = RunPeer(lte, net, ues);
                Print(std::cout,
                      radio,
                      "microscope",
                      enbs,
                      ues,
                      ours,
                      (ours.run / ours.sim) / (lena.run / lena.sim));
                Print(std::cout, radio, "lena", enbs, ues, lena, -1);
            }
        }
    }
    catch (const InputError& e)
    {
        std::cerr << "microscope-bench-lte: error: " << e.what() << std::endl;
        Simulator::Destroy();
        return 1;
    }
    return 0;
}
