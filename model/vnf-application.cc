/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "vnf-application.h"

#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("VnfApplication");

NS_OBJECT_ENSURE_REGISTERED(VnfApplication);

TypeId
VnfApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::VnfApplication")
            .SetParent<Application>()
            .SetGroupName("Microscope")
            .AddConstructor<VnfApplication>()
            .AddAttribute("Port",
                          "UDP port the VNF listens on (and sends to at the next VNF).",
                          UintegerValue(9000),
                          MakeUintegerAccessor(&VnfApplication::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("CoreThroughput",
                          "Throughput of one core, Mbps (default 1000/26: VnfAllocator's 26 "
                          "cores per Gbps).",
                          DoubleValue(1000.0 / 26.0),
                          MakeDoubleAccessor(&VnfApplication::m_coreMbps),
                          MakeDoubleChecker<double>(1e-3, 1e6))
            .AddAttribute("QueueLimitBytes",
                          "Capacity of each slice's queue, bytes; arrivals that do not fit are "
                          "dropped.",
                          UintegerValue(200000),
                          MakeUintegerAccessor(&VnfApplication::m_limit),
                          MakeUintegerChecker<uint32_t>(1))
            .AddTraceSource("Enqueue",
                            "A packet entered its slice's queue.",
                            MakeTraceSourceAccessor(&VnfApplication::m_enqueueTrace),
                            "ns3::VnfApplication::PacketTracedCallback")
            .AddTraceSource("Drop",
                            "A packet was dropped: its slice's queue was full.",
                            MakeTraceSourceAccessor(&VnfApplication::m_dropTrace),
                            "ns3::VnfApplication::PacketTracedCallback")
            .AddTraceSource("Served",
                            "A packet left its slice's queue, served.",
                            MakeTraceSourceAccessor(&VnfApplication::m_servedTrace),
                            "ns3::VnfApplication::ServedTracedCallback");
    return tid;
}

VnfApplication::VnfApplication()
    : m_port(9000),
      m_coreMbps(1000.0 / 26.0),
      m_limit(200000)
{
    NS_LOG_FUNCTION(this);
}

VnfApplication::~VnfApplication()
{
    NS_LOG_FUNCTION(this);
}

void
VnfApplication::SetNSlices(uint16_t n)
{
    NS_LOG_FUNCTION(this << n);
    for (auto& s : m_slices)
    {
        s.event.Cancel();
    }
    m_slices.clear();
    m_slices.resize(n);
}

uint16_t
VnfApplication::GetNSlices() const
{
    return static_cast<uint16_t>(m_slices.size());
}

void
VnfApplication::SetSliceCores(uint16_t slice, uint32_t cores)
{
    NS_LOG_FUNCTION(this << slice << cores);
    NS_ABORT_MSG_IF(slice >= m_slices.size(), "no slice " << slice);
    m_slices[slice].cores = cores;
    TryServe(slice);
}

uint32_t
VnfApplication::GetSliceCores(uint16_t slice) const
{
    NS_ABORT_MSG_IF(slice >= m_slices.size(), "no slice " << slice);
    return m_slices[slice].cores;
}

double
VnfApplication::GetSliceRateMbps(uint16_t slice) const
{
    return GetSliceCores(slice) * m_coreMbps;
}

uint32_t
VnfApplication::GetQueueBytes(uint16_t slice) const
{
    NS_ABORT_MSG_IF(slice >= m_slices.size(), "no slice " << slice);
    return m_slices[slice].bytes;
}

void
VnfApplication::AddRoute(uint16_t enb, Ipv4Address next)
{
    NS_LOG_FUNCTION(this << enb << next);
    m_routes[enb] = next;
}

void
VnfApplication::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& s : m_slices)
    {
        s.event.Cancel();
    }
    m_slices.clear();
    m_socket = nullptr;
    Application::DoDispose();
}

void
VnfApplication::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port));
        m_socket->SetRecvCallback(MakeCallback(&VnfApplication::HandleRead, this));
    }
}

void
VnfApplication::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
VnfApplication::HandleRead(Ptr<Socket> socket)
{
    Ptr<Packet> packet;
    Address from;
    while ((packet = socket->RecvFrom(from)))
    {
        SliceFlowTag tag;
        if (!packet->PeekPacketTag(tag) || tag.GetSlice() >= m_slices.size())
        {
            NS_LOG_WARN("packet without a valid slice tag dropped");
            continue;
        }
        Slice& s = m_slices[tag.GetSlice()];
        const uint32_t bytes = packet->GetSize();
        if (s.bytes + bytes > m_limit)
        {
            m_dropTrace(tag, bytes);
            continue;
        }
        s.queue.push_back(Item{packet, tag, Simulator::Now()});
        s.bytes += bytes;
        m_enqueueTrace(tag, bytes);
        TryServe(tag.GetSlice());
    }
}

void
VnfApplication::TryServe(uint16_t slice)
{
    Slice& s = m_slices[slice];
    if (s.busy || s.queue.empty() || s.cores == 0)
    {
        return;
    }
    s.busy = true;
    const double rate = s.cores * m_coreMbps * 1e6; // bit/s
    const Time service = Seconds(s.queue.front().packet->GetSize() * 8.0 / rate);
    s.event = Simulator::Schedule(service, &VnfApplication::EndService, this, slice);
}

void
VnfApplication::EndService(uint16_t slice)
{
    Slice& s = m_slices[slice];
    Item item = s.queue.front();
    s.queue.pop_front();
    s.bytes -= item.packet->GetSize();
    s.busy = false;
    const uint32_t bytes = item.packet->GetSize();
    m_servedTrace(item.tag, bytes, Simulator::Now() - item.arrival);
    if (!m_socket)
    {
        return; // stopped
    }

    // Forward a clean copy: the payload (SeqTsHeader first) is kept, the socket tags of the
    // reception are dropped; the flow tag stays until the last VNF of the path.
    Ptr<Packet> out = item.packet->Copy();
    out->RemoveAllPacketTags();
    out->RemoveAllByteTags();
    auto route = m_routes.find(item.tag.GetEnb());
    if (route != m_routes.end())
    {
        out->AddPacketTag(item.tag);
        m_socket->SendTo(out, 0, InetSocketAddress(route->second, m_port));
    }
    else
    {
        m_socket->SendTo(out, 0, InetSocketAddress(item.tag.GetUeAddress(), item.tag.GetPort()));
    }
    TryServe(slice);
}

} // namespace ns3
