/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cost-tuning.h"

#include "ns3/abort.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

CandidateCosts::CandidateCosts()
    : m_nServices(0),
      m_nNodes(0),
      m_perService(true),
      m_alpha(1.0),
      m_keep(1.0),
      m_nIntervals(0)
{
}

void
CandidateCosts::Reset(const std::vector<double>& values,
                      uint32_t nServices,
                      uint32_t nNodes,
                      bool perService,
                      double alpha,
                      double tolerance)
{
    NS_ABORT_MSG_IF(values.empty(), "no candidate");
    m_values = values;
    m_nServices = nServices;
    m_nNodes = nNodes;
    m_perService = perService;
    m_alpha = alpha;
    m_keep = 1.0 - tolerance;
    m_nIntervals = 0;
    const size_t k1 = values.size() + 1;
    const size_t series = static_cast<size_t>(nServices) * nNodes;
    m_violations.assign(series * k1, 0);
    m_peak.assign(series, 0.0);
    m_constant.assign(GetNGroups() * k1, 0.0);
    m_slope.assign(GetNGroups() * k1, 0.0);
}

uint32_t
CandidateCosts::GetNCandidates() const
{
    return static_cast<uint32_t>(m_values.size());
}

uint32_t
CandidateCosts::GetNGroups() const
{
    return m_perService ? m_nServices : 1;
}

uint32_t
CandidateCosts::GetGroup(uint32_t service) const
{
    return m_perService ? service : 0;
}

double
CandidateCosts::GetKeep() const
{
    return m_keep;
}

void
CandidateCosts::AddTruth(uint32_t service, uint32_t node, double truth)
{
    double& peak = m_peak[static_cast<size_t>(service) * m_nNodes + node];
    peak = std::max(peak, truth);
}

void
CandidateCosts::AddViolationPrefix(uint32_t service, uint32_t node, uint32_t end)
{
    if (end == 0)
    {
        return;
    }
    int32_t* row = m_violations.data() +
                   (static_cast<size_t>(service) * m_nNodes + node) * (m_values.size() + 1);
    ++row[0];
    --row[std::min<size_t>(end, m_values.size())];
}

void
CandidateCosts::AddLinearSuffix(uint32_t service, uint32_t from, double constant, double slope)
{
    const size_t k = m_values.size();
    if (from >= k)
    {
        return;
    }
    const size_t row = GetGroup(service) * (k + 1);
    m_constant[row + from] += constant;
    m_constant[row + k] -= constant;
    m_slope[row + from] += slope;
    m_slope[row + k] -= slope;
}

void
CandidateCosts::AddOverprovisioning(uint32_t service, uint32_t k, double amount)
{
    if (k >= m_values.size())
    {
        return;
    }
    const size_t row = GetGroup(service) * (m_values.size() + 1);
    m_constant[row + k] += amount;
    m_constant[row + k + 1] -= amount;
}

uint64_t
CandidateCosts::GetNIntervals() const
{
    return m_nIntervals;
}

void
CandidateCosts::AddInterval()
{
    ++m_nIntervals;
}

std::vector<double>
CandidateCosts::Totals(uint32_t group) const
{
    NS_ABORT_MSG_IF(group >= GetNGroups(), "no such group");
    const size_t k = m_values.size();
    std::vector<double> totals(k, 0.0);
    // Fees: each series' violation counts, times alpha and its peak.
    for (uint32_t s = 0; s < m_nServices; ++s)
    {
        if (GetGroup(s) != group)
        {
            continue;
        }
        for (uint32_t n = 0; n < m_nNodes; ++n)
        {
            const size_t series = static_cast<size_t>(s) * m_nNodes + n;
            const int32_t* row = m_violations.data() + series * (k + 1);
            const double fee = m_alpha * m_peak[series];
            int64_t count = 0;
            for (size_t j = 0; j < k; ++j)
            {
                count += row[j];
                totals[j] += fee * static_cast<double>(count);
            }
        }
    }
    // Overprovisioning: c_k + m_k v_k.
    const double* c = m_constant.data() + group * (k + 1);
    const double* m = m_slope.data() + group * (k + 1);
    double cSum = 0.0;
    double mSum = 0.0;
    for (size_t j = 0; j < k; ++j)
    {
        cSum += c[j];
        mSum += m[j];
        totals[j] += cSum + mSum * m_values[j];
    }
    return totals;
}

uint32_t
CandidateCosts::ArgMin(const std::vector<double>& totals)
{
    NS_ABORT_MSG_IF(totals.empty(), "no candidate");
    // Totals that differ by rounding only (the difference arrays sum in another order than a
    // direct sum would) count as ties.
    uint32_t best = 0;
    for (uint32_t j = 1; j < totals.size(); ++j)
    {
        if (totals[j] < totals[best] - 1e-12 * std::max(1.0, std::abs(totals[best])))
        {
            best = j;
        }
    }
    return best;
}

} // namespace ns3
