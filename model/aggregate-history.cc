/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "aggregate-history.h"

#include "ns3/assert.h"

#include <cstddef>

namespace ns3
{

AggregateHistory::AggregateHistory()
    : m_length(0),
      m_nNodes(0),
      m_start(0),
      m_size(0)
{
}

void
AggregateHistory::Reset(uint32_t length, uint32_t nNodes)
{
    NS_ASSERT_MSG(length > 0, "the history must keep at least one snapshot");
    m_length = length;
    m_nNodes = nNodes;
    m_start = 0;
    m_size = 0;
    m_ring.assign(length, std::vector<double>(nNodes, 0.0));
}

void
AggregateHistory::Push(const std::vector<double>& snapshot)
{
    NS_ASSERT_MSG(snapshot.size() == m_nNodes, "snapshot has the wrong number of nodes");
    if (m_size < m_length)
    {
        m_ring[(m_start + m_size) % m_length] = snapshot;
        ++m_size;
    }
    else
    {
        m_ring[m_start] = snapshot;
        m_start = (m_start + 1) % m_length;
    }
}

uint32_t
AggregateHistory::GetLength() const
{
    return m_length;
}

uint32_t
AggregateHistory::GetSize() const
{
    return m_size;
}

uint32_t
AggregateHistory::GetNNodes() const
{
    return m_nNodes;
}

bool
AggregateHistory::IsFull() const
{
    return m_size == m_length;
}

const std::vector<double>&
AggregateHistory::Get(uint32_t k) const
{
    NS_ASSERT_MSG(k < m_size, "history index " << k << " beyond the " << m_size << " held");
    return m_ring[(m_start + k) % m_length];
}

const std::vector<double>&
AggregateHistory::Newest() const
{
    NS_ASSERT_MSG(m_size > 0, "the history is empty");
    return Get(m_size - 1);
}

void
AggregateHistory::CopyTo(float* out) const
{
    NS_ASSERT_MSG(m_size > 0, "the history is empty");
    const uint32_t missing = m_length - m_size;
    for (uint32_t t = 0; t < m_length; ++t)
    {
        const auto& snapshot = Get(t < missing ? 0 : t - missing);
        for (uint32_t n = 0; n < m_nNodes; ++n)
        {
            out[static_cast<size_t>(t) * m_nNodes + n] = static_cast<float>(snapshot[n]);
        }
    }
}

} // namespace ns3
