/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "lte-slice-stats-calculator.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LteSliceStatsCalculator");

double
LteSliceStatsCalculator::Counter::DeliveredShare() const
{
    if (offered == 0)
    {
        return std::numeric_limits<double>::quiet_NaN();
    }
    return static_cast<double>(delivered) / static_cast<double>(offered);
}

LteSliceStatsCalculator::LteSliceStatsCalculator()
{
    NS_LOG_FUNCTION(this);
}

void
LteSliceStatsCalculator::Setup(const Layout& layout)
{
    NS_LOG_FUNCTION(this << layout.nSlots << layout.nServices << layout.nSlices);
    NS_ABORT_MSG_IF(!layout.slot.IsStrictlyPositive(), "the slot duration must be positive");
    NS_ABORT_MSG_IF(layout.serviceBearer.size() != layout.nServices,
                    "one bearer per service is needed");
    for (uint16_t b : layout.serviceBearer)
    {
        NS_ABORT_MSG_IF(b >= layout.nBearers, "a service rides bearer " << b);
    }
    m_layout = layout;
    const uint32_t n = layout.nSlots + 1;
    const uint32_t nEnbs = layout.nodes[NetworkLevelIndex(NetworkLevel::ANTENNA)];
    for (auto level : ALL_NETWORK_LEVELS)
    {
        const uint32_t l = NetworkLevelIndex(level);
        m_bytes[l].assign(n, DemandMatrix());
        for (auto& bytes : m_bytes[l])
        {
            bytes.Resize(layout.nServices, layout.nodes[l]);
        }
        m_vnfCounters[l].clear();
        if (level != NetworkLevel::ANTENNA)
        {
            m_vnfCounters[l].assign(static_cast<size_t>(n) * layout.nodes[l] * layout.nSlices,
                                    Counter());
        }
    }
    m_e2e.assign(static_cast<size_t>(n) * nEnbs * layout.nSlices, Counter());
    m_pdcpBytes.assign(static_cast<size_t>(n) * nEnbs * layout.nBearers, 0);
    m_usedPrbSum.assign(static_cast<size_t>(n) * nEnbs * layout.nSlices, 0.0);
    m_ttis.assign(static_cast<size_t>(n) * nEnbs, 0);
}

int64_t
LteSliceStatsCalculator::SlotOf(Time t) const
{
    if (t < m_layout.start)
    {
        return -1;
    }
    const int64_t k = (t - m_layout.start).GetTimeStep() / m_layout.slot.GetTimeStep();
    return k > static_cast<int64_t>(m_layout.nSlots) ? -1 : k;
}

size_t
LteSliceStatsCalculator::Index(uint32_t slot, uint32_t node, uint32_t slice, uint32_t nNodes) const
{
    return (static_cast<size_t>(slot) * nNodes + node) * m_layout.nSlices + slice;
}

void
LteSliceStatsCalculator::AddPdcpBytes(uint32_t slot, uint32_t enb, uint32_t bearer, uint32_t bytes)
{
    const uint32_t nEnbs = m_layout.nodes[0];
    m_pdcpBytes[(static_cast<size_t>(slot) * nEnbs + enb) * m_layout.nBearers + bearer] += bytes;
}

void
LteSliceStatsCalculator::AddS1uBytes(uint32_t slot, uint32_t enb, uint32_t service, uint32_t bytes)
{
    m_bytes[0][slot](service, enb) += bytes;
}

void
LteSliceStatsCalculator::AddOffered(uint32_t slot, uint32_t enb, uint32_t slice, uint32_t bytes)
{
    m_e2e[Index(slot, enb, slice, m_layout.nodes[0])].offered += bytes;
}

void
LteSliceStatsCalculator::AddDelivered(uint32_t slot,
                                      uint32_t enb,
                                      uint32_t slice,
                                      uint32_t bytes,
                                      Time delay)
{
    Counter& c = m_e2e[Index(slot, enb, slice, m_layout.nodes[0])];
    c.delivered += bytes;
    c.delay.push_back(static_cast<float>(delay.GetSeconds() * 1e3));
}

void
LteSliceStatsCalculator::AddRlcDrop(uint32_t slot, uint32_t enb, uint32_t slice, uint32_t bytes)
{
    m_e2e[Index(slot, enb, slice, m_layout.nodes[0])].dropped += bytes;
}

void
LteSliceStatsCalculator::AddVnfArrival(uint32_t level,
                                       uint32_t slot,
                                       uint32_t node,
                                       uint32_t service,
                                       uint32_t slice,
                                       uint32_t bytes)
{
    m_bytes[level][slot](service, node) += bytes;
    m_vnfCounters[level][Index(slot, node, slice, m_layout.nodes[level])].offered += bytes;
}

void
LteSliceStatsCalculator::AddVnfDrop(uint32_t level,
                                    uint32_t slot,
                                    uint32_t node,
                                    uint32_t service,
                                    uint32_t enb,
                                    uint32_t slice,
                                    uint32_t bytes)
{
    AddVnfArrival(level, slot, node, service, slice, bytes);
    m_vnfCounters[level][Index(slot, node, slice, m_layout.nodes[level])].dropped += bytes;
    m_e2e[Index(slot, enb, slice, m_layout.nodes[0])].dropped += bytes;
}

void
LteSliceStatsCalculator::AddVnfServed(uint32_t level,
                                      uint32_t slot,
                                      uint32_t node,
                                      uint32_t slice,
                                      uint32_t bytes,
                                      Time sojourn)
{
    Counter& c = m_vnfCounters[level][Index(slot, node, slice, m_layout.nodes[level])];
    c.delivered += bytes;
    c.delay.push_back(static_cast<float>(sojourn.GetSeconds() * 1e3));
}

void
LteSliceStatsCalculator::AddPrbUse(uint32_t slot, uint32_t enb, uint16_t slice, uint32_t used)
{
    if (slice >= m_layout.nSlices)
    {
        return;
    }
    const uint32_t nEnbs = m_layout.nodes[0];
    m_usedPrbSum[Index(slot, enb, slice, nEnbs)] += used;
    if (slice == 0)
    {
        ++m_ttis[static_cast<size_t>(slot) * nEnbs + enb];
    }
}

void
LteSliceStatsCalculator::ComputeTruth(uint32_t slot, NetworkLevel level, DemandMatrix& truth) const
{
    NS_LOG_FUNCTION(this << slot << level);
    const double toMbps = 8.0 / m_layout.slot.GetSeconds() / 1e6;
    const uint32_t l = NetworkLevelIndex(level);
    const DemandMatrix& bytes = m_bytes[l][slot];
    if (level != NetworkLevel::ANTENNA)
    {
        truth = bytes;
        truth *= toMbps;
        return;
    }
    // Per-bearer PDCP bytes, split over the bearer's services by their S1-U bytes.
    const uint32_t nServices = m_layout.nServices;
    const uint32_t nBearers = m_layout.nBearers;
    const uint32_t nEnbs = m_layout.nodes[l];
    const std::vector<uint16_t>& bearerOf = m_layout.serviceBearer;
    truth.Resize(nServices, nEnbs);
    for (uint32_t e = 0; e < nEnbs; ++e)
    {
        std::vector<double> s1u(nBearers, 0.0);
        std::vector<uint32_t> members(nBearers, 0);
        for (uint32_t s = 0; s < nServices; ++s)
        {
            s1u[bearerOf[s]] += bytes(s, e);
            ++members[bearerOf[s]];
        }
        for (uint32_t s = 0; s < nServices; ++s)
        {
            const uint32_t b = bearerOf[s];
            const double pdcp = static_cast<double>(
                m_pdcpBytes[(static_cast<size_t>(slot) * nEnbs + e) * nBearers + b]);
            const double share = s1u[b] > 0 ? bytes(s, e) / s1u[b] : 1.0 / members[b];
            truth(s, e) = pdcp * share * toMbps;
        }
    }
}

const DemandMatrix&
LteSliceStatsCalculator::GetArrivedBytes(uint32_t slot, NetworkLevel level) const
{
    return m_bytes[NetworkLevelIndex(level)].at(slot);
}

uint64_t
LteSliceStatsCalculator::GetPdcpBytes(uint32_t slot, uint32_t enb, uint32_t bearer) const
{
    const uint32_t nEnbs = m_layout.nodes[0];
    return m_pdcpBytes.at((static_cast<size_t>(slot) * nEnbs + enb) * m_layout.nBearers + bearer);
}

LteSliceStatsCalculator::Counter&
LteSliceStatsCalculator::GetEndToEnd(uint32_t slot, uint32_t enb, uint32_t slice)
{
    return m_e2e.at(Index(slot, enb, slice, m_layout.nodes[0]));
}

LteSliceStatsCalculator::Counter&
LteSliceStatsCalculator::GetVnf(NetworkLevel level, uint32_t slot, uint32_t node, uint32_t slice)
{
    const uint32_t l = NetworkLevelIndex(level);
    return m_vnfCounters[l].at(Index(slot, node, slice, m_layout.nodes[l]));
}

uint32_t
LteSliceStatsCalculator::GetTtis(uint32_t slot, uint32_t enb) const
{
    return m_ttis.at(static_cast<size_t>(slot) * m_layout.nodes[0] + enb);
}

double
LteSliceStatsCalculator::GetMeanUsedPrbs(uint32_t slot, uint32_t enb, uint32_t slice) const
{
    const uint32_t ttis = GetTtis(slot, enb);
    if (ttis == 0)
    {
        return std::numeric_limits<double>::quiet_NaN();
    }
    return m_usedPrbSum.at(Index(slot, enb, slice, m_layout.nodes[0])) / ttis;
}

} // namespace ns3
