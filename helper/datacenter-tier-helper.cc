/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "datacenter-tier-helper.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DatacenterTierHelper");

DatacenterTierHelper::DatacenterTierHelper()
    : m_stream(-1)
{
    m_factory.SetTypeId(DatacenterTierBuilder::GetTypeId());
}

void
DatacenterTierHelper::SetBuilderAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

Ptr<DatacenterTierBuilder>
DatacenterTierHelper::Install(Ptr<NetworkTopology> topology, const std::vector<double>& antennaLoad)
{
    NS_LOG_FUNCTION(this << topology);
    Ptr<DatacenterTierBuilder> builder = m_factory.Create<DatacenterTierBuilder>();
    if (m_stream >= 0)
    {
        builder->AssignStreams(m_stream);
    }
    builder->Build(topology, antennaLoad);
    return builder;
}

int64_t
DatacenterTierHelper::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_stream = stream;
    return 1;
}

} // namespace ns3
