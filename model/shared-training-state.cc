/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "shared-training-state.h"

#include "ns3/abort.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SharedTrainingState");

NS_OBJECT_ENSURE_REGISTERED(SharedTrainingState);

TypeId
SharedTrainingState::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SharedTrainingState")
                            .SetParent<Object>()
                            .SetGroupName("Microscope")
                            .AddConstructor<SharedTrainingState>();
    return tid;
}

SharedTrainingState::SharedTrainingState()
{
    NS_LOG_FUNCTION(this);
}

SharedTrainingState::~SharedTrainingState()
{
    NS_LOG_FUNCTION(this);
}

void
SharedTrainingState::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_objects.clear();
    m_reuses.clear();
    Object::DoDispose();
}

Ptr<Object>
SharedTrainingState::Find(const std::string& key) const
{
    const auto it = m_objects.find(key);
    if (it == m_objects.end())
    {
        return nullptr;
    }
    ++m_reuses[key];
    NS_LOG_LOGIC("sharing " << key);
    return it->second;
}

void
SharedTrainingState::Add(const std::string& key, Ptr<Object> object)
{
    NS_LOG_FUNCTION(this << key);
    NS_ABORT_MSG_IF(!object, "null object for " << key);
    NS_ABORT_MSG_IF(m_objects.count(key) != 0, "two objects under " << key);
    m_objects[key] = object;
}

uint32_t
SharedTrainingState::GetN() const
{
    return static_cast<uint32_t>(m_objects.size());
}

uint32_t
SharedTrainingState::GetNReuses(const std::string& key) const
{
    const auto it = m_reuses.find(key);
    return it == m_reuses.end() ? 0 : it->second;
}

} // namespace ns3
