/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "slice-flow-tag.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SliceFlowTag");

NS_OBJECT_ENSURE_REGISTERED(SliceFlowTag);

TypeId
SliceFlowTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SliceFlowTag")
                            .SetParent<Tag>()
                            .SetGroupName("Microscope")
                            .AddConstructor<SliceFlowTag>();
    return tid;
}

TypeId
SliceFlowTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

SliceFlowTag::SliceFlowTag()
    : m_enb(0),
      m_service(0),
      m_slice(0),
      m_port(0)
{
}

SliceFlowTag::SliceFlowTag(uint16_t enb,
                           uint16_t service,
                           uint16_t slice,
                           Ipv4Address ue,
                           uint16_t port)
    : m_enb(enb),
      m_service(service),
      m_slice(slice),
      m_ue(ue),
      m_port(port)
{
}

uint32_t
SliceFlowTag::GetSerializedSize() const
{
    return 2 + 2 + 2 + 4 + 2;
}

void
SliceFlowTag::Serialize(TagBuffer i) const
{
    i.WriteU16(m_enb);
    i.WriteU16(m_service);
    i.WriteU16(m_slice);
    i.WriteU32(m_ue.Get());
    i.WriteU16(m_port);
}

void
SliceFlowTag::Deserialize(TagBuffer i)
{
    m_enb = i.ReadU16();
    m_service = i.ReadU16();
    m_slice = i.ReadU16();
    m_ue = Ipv4Address(i.ReadU32());
    m_port = i.ReadU16();
}

void
SliceFlowTag::Print(std::ostream& os) const
{
    os << "enb=" << m_enb << " service=" << m_service << " slice=" << m_slice << " ue=" << m_ue
       << ":" << m_port;
}

uint16_t
SliceFlowTag::GetEnb() const
{
    return m_enb;
}

uint16_t
SliceFlowTag::GetService() const
{
    return m_service;
}

uint16_t
SliceFlowTag::GetSlice() const
{
    return m_slice;
}

Ipv4Address
SliceFlowTag::GetUeAddress() const
{
    return m_ue;
}

uint16_t
SliceFlowTag::GetPort() const
{
    return m_port;
}

} // namespace ns3
