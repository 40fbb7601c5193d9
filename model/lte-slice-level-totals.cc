/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "lte-slice-level-totals.h"

#include "delay-quantile-calculator.h"

#include "ns3/log.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LteSliceLevelTotals");

namespace
{
} // namespace

LteSliceLevelTotals::LteSliceLevelTotals(uint32_t nSlices)
    : m_sliceOffered(nSlices, 0),
      m_sliceDelivered(nSlices, 0),
      m_sliceDropped(nSlices, 0),
      m_sliceViolations(nSlices, 0),
      m_sliceDelays(nSlices)
{
    NS_LOG_FUNCTION(this << nSlices);
}

void
LteSliceLevelTotals::Add(LteSliceStatsCalculator::Counter& c,
                         uint32_t slice,
                         bool violated,
                         double peakMBps)
{
    m_offered += c.offered;
    m_delivered += c.delivered;
    m_dropped += c.dropped;
    m_sliceOffered.at(slice) += c.offered;
    m_sliceDelivered[slice] += c.delivered;
    m_sliceDropped[slice] += c.dropped;
    if (c.offered > 0)
    {
        ++m_rows;
    }
    if (violated)
    {
        ++m_violations;
        ++m_sliceViolations[slice];
        m_fee += peakMBps;
    }
    m_delays.insert(m_delays.end(), c.delay.begin(), c.delay.end());
    m_sliceDelays[slice].insert(m_sliceDelays[slice].end(), c.delay.begin(), c.delay.end());
    std::vector<float>().swap(c.delay);
}

uint64_t
LteSliceLevelTotals::GetOffered() const
{
    return m_offered;
}

uint64_t
LteSliceLevelTotals::GetDelivered() const
{
    return m_delivered;
}

uint64_t
LteSliceLevelTotals::GetDropped() const
{
    return m_dropped;
}

uint64_t
LteSliceLevelTotals::GetRows() const
{
    return m_rows;
}

uint64_t
LteSliceLevelTotals::GetViolations() const
{
    return m_violations;
}

double
LteSliceLevelTotals::GetDeliveredShare() const
{
    return m_offered > 0 ? static_cast<double>(m_delivered) / m_offered : NAN;
}

double
LteSliceLevelTotals::GetViolationSharePct() const
{
    return m_rows > 0 ? 100.0 * static_cast<double>(m_violations) / m_rows : NAN;
}

double
LteSliceLevelTotals::GetSlaViolationMBps(double alpha, double nSlots) const
{
    return alpha * m_fee / nSlots;
}

double
LteSliceLevelTotals::GetDelayQuantile(double q)
{
    return DelayQuantileCalculator::Quantile(m_delays, q);
}

double
LteSliceLevelTotals::GetSliceDelayQuantile(uint32_t slice, double q)
{
    return DelayQuantileCalculator::Quantile(m_sliceDelays.at(slice), q);
}

uint64_t
LteSliceLevelTotals::GetSliceViolations(uint32_t slice) const
{
    return m_sliceViolations.at(slice);
}

nlohmann::ordered_json
LteSliceLevelTotals::JsonNumber(double value)
{
    if (!std::isfinite(value))
    {
        return nullptr;
    }
    return value == 0.0 ? 0.0 : value;
}

nlohmann::ordered_json
LteSliceLevelTotals::ToJson(double alpha,
                            double nSlots,
                            double trueDemandMBps,
                            const std::vector<std::string>& sliceNames,
                            const std::vector<double>& slaDelivered,
                            const std::vector<double>& slaDelayMs)
{
    nlohmann::ordered_json m;
    m["offered_bytes"] = m_offered;
    m["delivered_bytes"] = m_delivered;
    m["dropped_bytes"] = m_dropped;
    m["delivered_share"] = JsonNumber(GetDeliveredShare());
    m["node_slice_slots"] = m_rows;
    m["sla_violations"] = m_violations;
    m["sla_violation_share_pct"] = JsonNumber(GetViolationSharePct());
    const double feeMBps = GetSlaViolationMBps(alpha, nSlots);
    m["sla_violation_MBps"] = JsonNumber(feeMBps);
    m["sla_violation_pct"] =
        JsonNumber(trueDemandMBps > 0 ? 100.0 * feeMBps / trueDemandMBps : NAN);
    m["delay_p50_ms"] = JsonNumber(GetDelayQuantile(0.5));
    m["delay_p95_ms"] = JsonNumber(GetDelayQuantile(0.95));
    nlohmann::ordered_json slices = nlohmann::ordered_json::array();
    for (uint32_t k = 0; k < m_sliceOffered.size(); ++k)
    {
        nlohmann::ordered_json s;
        s["slice"] = sliceNames.at(k);
        s["sla_delivered"] = slaDelivered.at(k);
        s["sla_delay_ms"] = slaDelayMs.at(k);
        s["offered_bytes"] = m_sliceOffered[k];
        s["delivered_bytes"] = m_sliceDelivered[k];
        s["dropped_bytes"] = m_sliceDropped[k];
        s["sla_violations"] = m_sliceViolations[k];
        s["delay_p50_ms"] = JsonNumber(GetSliceDelayQuantile(k, 0.5));
        s["delay_p95_ms"] = JsonNumber(GetSliceDelayQuantile(k, 0.95));
        slices.push_back(s);
    }
    m["slices"] = slices;
    NS_LOG_INFO(m_rows << " (node, slice, slot) rows judged, " << m_violations << " violated (fee "
                       << feeMBps << " MB/s), delivered share " << GetDeliveredShare());
    return m;
}

} // namespace ns3
