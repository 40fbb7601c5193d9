/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "lte-slice-trace-connector.h"

#include "ns3/abort.h"
#include "ns3/epc-enb-application.h"
#include "ns3/ipv4-header.h"
#include "ns3/log.h"
#include "ns3/lte-enb-net-device.h"
#include "ns3/lte-enb-rrc.h"
#include "ns3/lte-pdcp.h"
#include "ns3/lte-radio-bearer-info.h"
#include "ns3/lte-rlc-um.h"
#include "ns3/lte-rlc.h"
#include "ns3/object-map.h"
#include "ns3/pointer.h"
#include "ns3/seq-ts-header.h"
#include "ns3/simulator.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"
#include "ns3/uinteger.h"

#include <stdexcept>
#include <string>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LteSliceTraceConnector");

LteSliceTraceConnector::LteSliceTraceConnector()
{
    NS_LOG_FUNCTION(this);
}

void
LteSliceTraceConnector::SetCalculator(LteSliceStatsCalculator* stats)
{
    NS_LOG_FUNCTION(this << stats);
    m_stats = stats;
}

void
LteSliceTraceConnector::ConnectApplications(const LteSliceWiring& w)
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_stats, "no calculator to connect the traces to");
    m_bearerSlice = w.bearerSlice;
    m_basePort = w.basePort;
    m_nServices = static_cast<uint32_t>(w.serviceSlice.size());
    const auto nEnbs = static_cast<uint32_t>(w.flows.size());
    for (uint32_t e = 0; e < nEnbs; ++e)
    {
        for (const auto& flow : w.flows[e])
        {
            flow->TraceConnectWithoutContext("Tx",
                                             MakeCallback(&LteSliceTraceConnector::FlowTx, this));
        }
        for (uint32_t i = 0; i < w.sinks[e].size(); ++i)
        {
            const uint32_t slice = w.serviceSlice[i % m_nServices];
            w.sinks[e][i]->TraceConnectWithoutContext(
                "Rx",
                MakeCallback(&LteSliceTraceConnector::SinkRx, this, e, slice));
        }
        Ptr<Node> enbNode = w.enbDevices.Get(e)->GetNode();
        for (uint32_t a = 0; a < enbNode->GetNApplications(); ++a)
        {
            Ptr<EpcEnbApplication> s1 = DynamicCast<EpcEnbApplication>(enbNode->GetApplication(a));
            if (s1)
            {
                const bool ok = s1->TraceConnectWithoutContext(
                    "RxFromS1u",
                    MakeCallback(&LteSliceTraceConnector::S1uRx, this, e));
                NS_ABORT_MSG_IF(!ok, "cannot connect EpcEnbApplication RxFromS1u");
            }
        }
        if (w.schedulers[e])
        {
            w.schedulers[e]->TraceConnectWithoutContext(
                "SliceTti",
                MakeCallback(&LteSliceTraceConnector::SliceTti, this, e));
        }
    }
    for (auto level : LTE_SLICE_DC_LEVELS)
    {
        const uint32_t l = NetworkLevelIndex(level);
        for (uint32_t node = 0; node < w.vnfs[l].size(); ++node)
        {
            Ptr<VnfApplication> vnf = w.vnfs[l][node];
            vnf->TraceConnectWithoutContext(
                "Enqueue",
                MakeCallback(&LteSliceTraceConnector::VnfEnqueue, this, l, node));
            vnf->TraceConnectWithoutContext(
                "Drop",
                MakeCallback(&LteSliceTraceConnector::VnfDrop, this, l, node));
            vnf->TraceConnectWithoutContext(
                "Served",
                MakeCallback(&LteSliceTraceConnector::VnfServed, this, l, node));
        }
    }
}

void
LteSliceTraceConnector::ConnectBearers(const LteSliceWiring& w)
{
    NS_LOG_FUNCTION(this);
    const auto nEnbs = static_cast<uint32_t>(w.enbDevices.GetN());
    const auto nBearers = static_cast<uint32_t>(w.bearerLcid.size());
    m_observedLcids.assign(nBearers, 0);
    m_connectedBearers = 0;
    for (uint32_t e = 0; e < nEnbs; ++e)
    {
        Ptr<LteEnbNetDevice> dev = DynamicCast<LteEnbNetDevice>(w.enbDevices.Get(e));
        NS_ABORT_MSG_IF(!dev, "eNB " << e << " is not an LteEnbNetDevice");
        ObjectMapValue ues;
        dev->GetRrc()->GetAttribute("UeMap", ues);
        for (auto it = ues.Begin(); it != ues.End(); ++it)
        {
            Ptr<UeManager> ue = DynamicCast<UeManager>(it->second);
            ObjectMapValue drbs;
            ue->GetAttribute("DataRadioBearerMap", drbs);
            for (auto jt = drbs.Begin(); jt != drbs.End(); ++jt)
            {
                Ptr<LteDataRadioBearerInfo> drb = DynamicCast<LteDataRadioBearerInfo>(jt->second);
                UintegerValue eps;
                UintegerValue lcid;
                drb->GetAttribute("EpsBearerIdentity", eps);
                drb->GetAttribute("logicalChannelIdentity", lcid);
                // EPS bearer 1 is the default bearer; the dedicated bearers were activated in
                // order after it: 2, 3, ...
                if (eps.Get() < 2 || eps.Get() - 2 >= nBearers)
                {
                    continue;
                }
                const auto bearer = static_cast<uint32_t>(eps.Get() - 2);
                const auto id = static_cast<uint8_t>(lcid.Get());
                if (m_observedLcids[bearer] == 0)
                {
                    m_observedLcids[bearer] = id;
                }
                else if (m_observedLcids[bearer] != id)
                {
                    throw std::runtime_error(
                        "LteSliceController: dedicated bearer " + std::to_string(bearer) +
                        " has LCID " + std::to_string(id) + " at one UE and " +
                        std::to_string(m_observedLcids[bearer]) + " at another");
                }
                PointerValue pdcp;
                drb->GetAttribute("LtePdcp", pdcp);
                const bool pdcpOk = pdcp.Get<LtePdcp>()->TraceConnectWithoutContext(
                    "TxPDU",
                    MakeCallback(&LteSliceTraceConnector::PdcpTx, this, e, bearer));
                PointerValue rlc;
                drb->GetAttribute("LteRlc", rlc);
                if (w.rlcBufferBytes > 0 && DynamicCast<LteRlcUm>(rlc.Get<LteRlc>()))
                {
                    rlc.Get<LteRlc>()->SetAttribute("MaxTxBufferSize",
                                                    UintegerValue(w.rlcBufferBytes));
                }
                const bool rlcOk = rlc.Get<LteRlc>()->TraceConnectWithoutContext(
                    "TxDrop",
                    MakeCallback(&LteSliceTraceConnector::RlcDrop, this, e, bearer));
                NS_ABORT_MSG_IF(!pdcpOk || !rlcOk, "cannot connect the PDCP or RLC traces");
                ++m_connectedBearers;
                NS_LOG_LOGIC("eNB " << e << " RNTI " << it->first << ": bearer " << bearer
                                    << " (EPS bearer " << eps.Get() << ", LCID "
                                    << static_cast<uint32_t>(id) << ") connected");
            }
        }
    }
    const uint32_t expected = nEnbs * w.uesPerEnb * nBearers;
    if (m_connectedBearers != expected)
    {
        throw std::runtime_error(
            "LteSliceController: " + std::to_string(m_connectedBearers) + " of " +
            std::to_string(expected) +
            " dedicated bearers are set up at StartTime; attach or bearer set-up failed "
            "(a later StartTime may help)");
    }
    for (uint32_t b = 0; b < nBearers; ++b)
    {
        if (m_observedLcids[b] != w.bearerLcid[b])
        {
            throw std::runtime_error("LteSliceController: dedicated bearer " + std::to_string(b) +
                                     " rides LCID " + std::to_string(m_observedLcids[b]) +
                                     ", the schedulers were told " +
                                     std::to_string(w.bearerLcid[b]));
        }
    }
    NS_LOG_INFO(m_connectedBearers << " dedicated bearers connected at " << nEnbs << " eNBs");
}

const std::vector<uint8_t>&
LteSliceTraceConnector::GetObservedLcids() const
{
    return m_observedLcids;
}

uint32_t
LteSliceTraceConnector::GetNConnectedBearers() const
{
    return m_connectedBearers;
}

void
LteSliceTraceConnector::PdcpTx(uint32_t enb, uint32_t bearer, uint16_t, uint8_t, uint32_t size)
{
    const int64_t j = m_stats->SlotOf(Simulator::Now());
    if (j >= 0)
    {
        m_stats->AddPdcpBytes(j, enb, bearer, size);
    }
}

void
LteSliceTraceConnector::RlcDrop(uint32_t enb, uint32_t bearer, Ptr<const Packet> packet)
{
    const int64_t j = m_stats->SlotOf(Simulator::Now());
    if (j >= 0)
    {
        const uint32_t size = packet->GetSize();
        m_stats->AddRlcDrop(j,
                            enb,
                            m_bearerSlice[bearer],
                            size > SDU_HEADER_BYTES ? size - SDU_HEADER_BYTES : 0);
    }
}

void
LteSliceTraceConnector::S1uRx(uint32_t enb, Ptr<Packet> packet)
{
    const int64_t j = m_stats->SlotOf(Simulator::Now());
    if (j < 0)
    {
        return;
    }
    const uint32_t size = packet->GetSize();
    Ipv4Header ip;
    packet->RemoveHeader(ip);
    if (ip.GetProtocol() != UdpL4Protocol::PROT_NUMBER)
    {
        return;
    }
    UdpHeader udp;
    packet->PeekHeader(udp);
    const uint32_t port = udp.GetDestinationPort();
    if (port >= m_basePort && port < m_basePort + m_nServices)
    {
        m_stats->AddS1uBytes(j, enb, port - m_basePort, size);
    }
}

void
LteSliceTraceConnector::FlowTx(Ptr<const Packet> packet, const SliceFlowTag& tag)
{
    const int64_t j = m_stats->SlotOf(Simulator::Now());
    if (j >= 0)
    {
        m_stats->AddOffered(j, tag.GetEnb(), tag.GetSlice(), packet->GetSize());
    }
}

void
LteSliceTraceConnector::SinkRx(uint32_t enb,
                               uint32_t slice,
                               Ptr<const Packet> packet,
                               const Address&)
{
    SeqTsHeader header;
    packet->PeekHeader(header);
    const Time sent = header.GetTs();
    const int64_t j = m_stats->SlotOf(sent);
    if (j >= 0)
    {
        m_stats->AddDelivered(j, enb, slice, packet->GetSize(), Simulator::Now() - sent);
    }
}

void
LteSliceTraceConnector::VnfEnqueue(uint32_t level,
                                   uint32_t node,
                                   const SliceFlowTag& tag,
                                   uint32_t bytes)
{
    const int64_t j = m_stats->SlotOf(Simulator::Now());
    if (j >= 0)
    {
        m_stats->AddVnfArrival(level, j, node, tag.GetService(), tag.GetSlice(), bytes);
    }
}

void
LteSliceTraceConnector::VnfDrop(uint32_t level,
                                uint32_t node,
                                const SliceFlowTag& tag,
                                uint32_t bytes)
{
    const int64_t j = m_stats->SlotOf(Simulator::Now());
    if (j >= 0)
    {
        m_stats->AddVnfDrop(level, j, node, tag.GetService(), tag.GetEnb(), tag.GetSlice(), bytes);
    }
}

void
LteSliceTraceConnector::VnfServed(uint32_t level,
                                  uint32_t node,
                                  const SliceFlowTag& tag,
                                  uint32_t bytes,
                                  Time sojourn)
{
    const int64_t j = m_stats->SlotOf(Simulator::Now() - sojourn);
    if (j >= 0)
    {
        m_stats->AddVnfServed(level, j, node, tag.GetSlice(), bytes, sojourn);
    }
}

void
LteSliceTraceConnector::SliceTti(uint32_t enb,
                                 uint16_t,
                                 uint16_t,
                                 uint16_t slice,
                                 uint32_t,
                                 uint32_t used,
                                 uint32_t)
{
    const int64_t j = m_stats->SlotOf(Simulator::Now());
    if (j >= 0)
    {
        m_stats->AddPrbUse(j, enb, slice, used);
    }
}

} // namespace ns3
