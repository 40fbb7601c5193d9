/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "service-traffic-application.h"

#include "input-error.h"

#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/seq-ts-header.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ServiceTrafficApplication");

NS_OBJECT_ENSURE_REGISTERED(ServiceTrafficApplication);

namespace
{
/// Bytes of the SeqTsHeader at the start of every payload.
constexpr uint32_t SEQ_TS_BYTES = 12;
} // namespace

TypeId
ServiceTrafficApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ServiceTrafficApplication")
            .SetParent<Application>()
            .SetGroupName("Microscope")
            .AddConstructor<ServiceTrafficApplication>()
            .AddAttribute("Category",
                          "Service category, which selects the packet pattern: streaming (CBR), "
                          "gaming (small packets), messaging (bursts), social or web (on-off).",
                          StringValue("streaming"),
                          MakeStringAccessor(&ServiceTrafficApplication::m_category),
                          MakeStringChecker())
            .AddAttribute("Remote",
                          "Where the packets go: the first VNF of the path, or the UE.",
                          AddressValue(),
                          MakeAddressAccessor(&ServiceTrafficApplication::m_remote),
                          MakeAddressChecker())
            .AddAttribute("PacketSize",
                          "UDP payload bytes of streaming, messaging, social and web packets.",
                          UintegerValue(1400),
                          MakeUintegerAccessor(&ServiceTrafficApplication::m_packetSize),
                          MakeUintegerChecker<uint32_t>(SEQ_TS_BYTES, 65000))
            .AddAttribute("GamingPacketSize",
                          "UDP payload bytes of gaming packets.",
                          UintegerValue(120),
                          MakeUintegerAccessor(&ServiceTrafficApplication::m_gamingSize),
                          MakeUintegerChecker<uint32_t>(SEQ_TS_BYTES, 65000))
            .AddAttribute("BurstBytes",
                          "Mean size of a messaging burst, bytes (exponential).",
                          UintegerValue(20000),
                          MakeUintegerAccessor(&ServiceTrafficApplication::m_burstBytes),
                          MakeUintegerChecker<uint32_t>(1, 100000000))
            .AddAttribute("OnMean",
                          "Mean ON period of social and web traffic (exponential).",
                          TimeValue(MilliSeconds(300)),
                          MakeTimeAccessor(&ServiceTrafficApplication::m_onMean),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("OffMean",
                          "Mean OFF period of social and web traffic (exponential).",
                          TimeValue(MilliSeconds(300)),
                          MakeTimeAccessor(&ServiceTrafficApplication::m_offMean),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddTraceSource("Tx",
                            "A packet was sent (payload with its SeqTsHeader, flow tag).",
                            MakeTraceSourceAccessor(&ServiceTrafficApplication::m_txTrace),
                            "ns3::ServiceTrafficApplication::TxTracedCallback");
    return tid;
}

ServiceTrafficApplication::ServiceTrafficApplication()
    : m_pattern(CBR),
      m_packetSize(1400),
      m_gamingSize(120),
      m_burstBytes(20000),
      m_rateMbps(0),
      m_running(false),
      m_on(false),
      m_seq(0),
      m_txBytes(0)
{
    NS_LOG_FUNCTION(this);
    m_uniform = CreateObject<UniformRandomVariable>();
    m_exponential = CreateObject<ExponentialRandomVariable>();
    m_exponential->SetAttribute("Mean", DoubleValue(1.0));
    m_exponential->SetAttribute("Bound", DoubleValue(30.0));
}

ServiceTrafficApplication::~ServiceTrafficApplication()
{
    NS_LOG_FUNCTION(this);
}

ServiceTrafficApplication::Pattern
ServiceTrafficApplication::PatternOf(const std::string& category)
{
    if (category == "streaming")
    {
        return CBR;
    }
    if (category == "gaming")
    {
        return SMALL;
    }
    if (category == "messaging")
    {
        return BURST;
    }
    if (category == "social" || category == "web")
    {
        return ON_OFF;
    }
    throw InputError::ForAttribute("ns3::ServiceTrafficApplication::Category",
                                   "unknown service category '" + category +
                                       "' (streaming, gaming, messaging, social or web)");
}

void
ServiceTrafficApplication::SetFlowTag(const SliceFlowTag& tag)
{
    NS_LOG_FUNCTION(this);
    m_tag = tag;
}

const SliceFlowTag&
ServiceTrafficApplication::GetFlowTag() const
{
    return m_tag;
}

void
ServiceTrafficApplication::SetRate(double mbps)
{
    NS_LOG_FUNCTION(this << mbps);
    if (!(mbps >= 0.0) || !std::isfinite(mbps))
    {
        throw InputError("ServiceTrafficApplication::SetRate: the rate must be finite and "
                         "non-negative, got " +
                         std::to_string(mbps) + " Mbps");
    }
    m_rateMbps = mbps;
    if (!m_running)
    {
        return;
    }
    m_event.Cancel();
    if (m_rateMbps <= 0)
    {
        return;
    }
    if (m_pattern == CBR)
    {
        // A random phase, so that flows whose rate changes at the same instant do not send
        // in lockstep.
        const double interval = GetPatternPacketSize() * 8.0 / (m_rateMbps * 1e6);
        m_event = Simulator::Schedule(Seconds(interval * m_uniform->GetValue()),
                                      &ServiceTrafficApplication::Emit,
                                      this);
    }
    else
    {
        ScheduleNext();
    }
}

double
ServiceTrafficApplication::GetRate() const
{
    return m_rateMbps;
}

uint64_t
ServiceTrafficApplication::GetTxBytes() const
{
    return m_txBytes;
}

int64_t
ServiceTrafficApplication::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_uniform->SetStream(stream);
    m_exponential->SetStream(stream + 1);
    return 2;
}

void
ServiceTrafficApplication::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_event.Cancel();
    m_socket = nullptr;
    Application::DoDispose();
}

uint32_t
ServiceTrafficApplication::GetPatternPacketSize() const
{
    return m_pattern == SMALL ? m_gamingSize : m_packetSize;
}

void
ServiceTrafficApplication::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_pattern = PatternOf(m_category);
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        m_socket->Bind();
        m_socket->Connect(m_remote);
    }
    m_running = true;
    const double on = m_onMean.GetSeconds();
    const double off = m_offMean.GetSeconds();
    m_on = m_uniform->GetValue() < on / (on + off);
    m_periodEnd = Simulator::Now() + Seconds((m_on ? on : off) * m_exponential->GetValue());
    SetRate(m_rateMbps);
}

void
ServiceTrafficApplication::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_running = false;
    m_event.Cancel();
    if (m_socket)
    {
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
ServiceTrafficApplication::ScheduleNext()
{
    if (!m_running || m_rateMbps <= 0)
    {
        return;
    }
    const uint32_t size = GetPatternPacketSize();
    const double meanInterval = size * 8.0 / (m_rateMbps * 1e6); // seconds
    Time delay;
    switch (m_pattern)
    {
    case CBR:
        delay = Seconds(meanInterval);
        break;
    case SMALL:
        delay = Seconds(meanInterval * m_exponential->GetValue());
        break;
    case BURST:
        delay = Seconds(m_burstBytes * 8.0 / (m_rateMbps * 1e6) * m_exponential->GetValue());
        break;
    case ON_OFF:
    {
        const double on = m_onMean.GetSeconds();
        const double off = m_offMean.GetSeconds();
        const Time peakInterval = Seconds(meanInterval * on / (on + off));
        Time next = Simulator::Now() + peakInterval;
        if (!m_on || next > m_periodEnd)
        {
            // The ON period ends before the next packet, or we are OFF: the next packet opens
            // the next ON period, after the OFF period.
            Time offEnd =
                m_on ? m_periodEnd + Seconds(off * m_exponential->GetValue()) : m_periodEnd;
            offEnd = std::max(offEnd, Simulator::Now());
            m_on = true;
            m_periodEnd = offEnd + Seconds(on * m_exponential->GetValue());
            next = offEnd;
        }
        delay = next - Simulator::Now();
        break;
    }
    }
    m_event = Simulator::Schedule(delay, &ServiceTrafficApplication::Emit, this);
}

void
ServiceTrafficApplication::Emit()
{
    if (!m_running || m_rateMbps <= 0)
    {
        return;
    }
    if (m_pattern == BURST)
    {
        const double bytes = m_burstBytes * m_exponential->GetValue();
        const uint32_t n =
            std::max<uint32_t>(1, static_cast<uint32_t>(std::floor(bytes / m_packetSize + 0.5)));
        for (uint32_t i = 0; i < n; ++i)
        {
            SendPacket(m_packetSize);
        }
    }
    else
    {
        SendPacket(GetPatternPacketSize());
    }
    ScheduleNext();
}

void
ServiceTrafficApplication::SendPacket(uint32_t size)
{
    SeqTsHeader header;
    header.SetSeq(m_seq++);
    Ptr<Packet> packet = Create<Packet>(size - SEQ_TS_BYTES);
    packet->AddHeader(header);
    packet->AddPacketTag(m_tag);
    m_txTrace(packet, m_tag);
    m_txBytes += size;
    m_socket->Send(packet);
}

} // namespace ns3
