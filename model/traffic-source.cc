/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "traffic-source.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TrafficSource");

NS_OBJECT_ENSURE_REGISTERED(TrafficSource);

TypeId
TrafficSource::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TrafficSource").SetParent<Object>().SetGroupName("Microscope");
    return tid;
}

TrafficSource::~TrafficSource()
{
    NS_LOG_FUNCTION(this);
}

int64_t
TrafficSource::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    return 0;
}

} // namespace ns3
