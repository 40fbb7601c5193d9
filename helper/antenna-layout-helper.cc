/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "antenna-layout-helper.h"

#include "ns3/constant-position-mobility-model.h"
#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("AntennaLayoutHelper");

AntennaLayoutHelper::AntennaLayoutHelper()
{
    NS_LOG_FUNCTION(this);
    m_factory.SetTypeId(MetroLayoutGenerator::GetTypeId());
}

void
AntennaLayoutHelper::SetGeneratorAttribute(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    m_factory.Set(name, value);
    if (m_generator)
    {
        m_generator->SetAttribute(name, value);
    }
}

Ptr<MetroLayoutGenerator>
AntennaLayoutHelper::GetGenerator()
{
    if (!m_generator)
    {
        m_generator = m_factory.Create<MetroLayoutGenerator>();
    }
    return m_generator;
}

std::vector<Vector>
AntennaLayoutHelper::Generate()
{
    NS_LOG_FUNCTION(this);
    return GetGenerator()->Generate();
}

NodeContainer
AntennaLayoutHelper::Install(const std::vector<Vector>& positions) const
{
    NS_LOG_FUNCTION(this << positions.size());
    NodeContainer nodes;
    nodes.Create(static_cast<uint32_t>(positions.size()));
    for (uint32_t i = 0; i < positions.size(); ++i)
    {
        Ptr<ConstantPositionMobilityModel> mobility = CreateObject<ConstantPositionMobilityModel>();
        mobility->SetPosition(positions[i]);
        nodes.Get(i)->AggregateObject(mobility);
    }
    return nodes;
}

int64_t
AntennaLayoutHelper::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    return GetGenerator()->AssignStreams(stream);
}

} // namespace ns3
