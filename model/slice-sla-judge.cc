/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "slice-sla-judge.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SliceSlaJudge");

SliceSlaJudge::SliceSlaJudge()
{
    NS_LOG_FUNCTION(this);
}

SliceSlaJudge::SliceSlaJudge(std::vector<double> slaDelivered, std::vector<double> slaDelayMs)
    : m_slaDelivered(std::move(slaDelivered)),
      m_slaDelayMs(std::move(slaDelayMs))
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_slaDelivered.size() != m_slaDelayMs.size(),
                    "one delivered share and one delay bound per slice are needed");
}

uint32_t
SliceSlaJudge::GetNSlices() const
{
    return static_cast<uint32_t>(m_slaDelivered.size());
}

SliceSlaJudge::Verdict
SliceSlaJudge::Judge(uint32_t slice, uint64_t offered, uint64_t delivered, double delayP95Ms) const
{
    NS_ABORT_MSG_IF(slice >= m_slaDelivered.size(), "slice " << slice << " has no SLA");
    Verdict v;
    if (offered == 0)
    {
        return v;
    }
    v.judged = true;
    v.share = static_cast<double>(delivered) / static_cast<double>(offered);
    v.shareMissed = v.share < m_slaDelivered[slice];
    // NaN (nothing delivered) misses the bound too.
    v.delayMissed = !(delayP95Ms <= m_slaDelayMs[slice]);
    v.violated = v.shareMissed || v.delayMissed;
    NS_LOG_LOGIC("slice " << slice << ": delivered " << v.share << " (SLA " << m_slaDelivered[slice]
                          << "), delay p95 " << delayP95Ms << " ms (SLA " << m_slaDelayMs[slice]
                          << " ms): " << (v.violated ? "violated" : "met"));
    return v;
}

} // namespace ns3
