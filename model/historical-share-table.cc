/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "historical-share-table.h"

#include "huge-pages.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HistoricalShareTable");

NS_OBJECT_ENSURE_REGISTERED(HistoricalShareTable);

TypeId
HistoricalShareTable::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HistoricalShareTable")
                            .SetParent<Object>()
                            .SetGroupName("Microscope")
                            .AddConstructor<HistoricalShareTable>();
    return tid;
}

HistoricalShareTable::HistoricalShareTable()
{
    NS_LOG_FUNCTION(this);
}

HistoricalShareTable::~HistoricalShareTable()
{
    NS_LOG_FUNCTION(this);
}

void
HistoricalShareTable::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_sums.clear();
    m_shares.clear();
    m_nodeSums.clear();
    m_added.clear();
    Object::DoDispose();
}

std::string
HistoricalShareTable::Key(const std::string& level,
                          uint32_t nServices,
                          uint32_t nNodes,
                          uint32_t intervalsPerDay,
                          uint32_t smoothing)
{
    return "historical-shares/" + level + "/" + std::to_string(nServices) + "x" +
           std::to_string(nNodes) + "/" + std::to_string(intervalsPerDay) + "/w" +
           std::to_string(smoothing);
}

void
HistoricalShareTable::Allocate(uint32_t nServices,
                               uint32_t nNodes,
                               uint32_t intervalsPerDay,
                               uint32_t smoothing)
{
    NS_LOG_FUNCTION(this << nServices << nNodes << intervalsPerDay << smoothing);
    NS_ABORT_MSG_IF(nServices == 0 || nNodes == 0 || intervalsPerDay == 0, "empty table");
    m_nServices = nServices;
    m_nNodes = nNodes;
    m_intervalsPerDay = intervalsPerDay;
    m_smoothing = smoothing;
    const size_t binSize = static_cast<size_t>(m_nServices) * m_nNodes;
    // Tens of MB at the antenna level: huge pages spare a page fault per 4 KiB.
    ReserveHugePages(m_sums, 2 * static_cast<size_t>(m_intervalsPerDay) * binSize);
    m_sums.assign(2 * static_cast<size_t>(m_intervalsPerDay) * binSize, 0.0);
    m_shares.clear();
    m_nodeSums.assign(binSize, 0.0);
    m_added.clear();
    m_nodeFallbacks = 0;
    m_catalogFallbacks = 0;
    m_finished = false;
}

size_t
HistoricalShareTable::BinOffset(DayType dayType, uint32_t intervalOfDay) const
{
    NS_ABORT_MSG_IF(intervalOfDay >= m_intervalsPerDay,
                    "interval of the day " << intervalOfDay << " beyond " << m_intervalsPerDay);
    const size_t bin =
        static_cast<size_t>(dayType == DayType::HOLIDAY ? 1 : 0) * m_intervalsPerDay +
        intervalOfDay;
    return bin * m_nServices * m_nNodes;
}

void
HistoricalShareTable::Add(uint64_t ordinal,
                          uint64_t interval,
                          DayType dayType,
                          uint32_t intervalOfDay,
                          const DemandMatrix& truth)
{
    NS_ABORT_MSG_IF(m_nNodes == 0, "Allocate() must come before Add()");
    NS_ABORT_MSG_IF(m_finished, "training after the shares were computed");
    NS_ABORT_MSG_IF(ordinal == 0 || ordinal > m_added.size() + 1,
                    "training interval " << ordinal << " of a table holding " << m_added.size());
    if (ordinal <= m_added.size())
    {
        // A decomposer sharing the table brought this interval already.
        NS_ABORT_MSG_IF(m_added[ordinal - 1] != interval,
                        "decomposers sharing a historical table trained on different intervals ("
                            << interval << " against " << m_added[ordinal - 1] << ")");
        return;
    }
    NS_ABORT_MSG_IF(truth.GetNServices() != m_nServices || truth.GetNNodes() != m_nNodes,
                    "training matrix of the wrong shape");
    const size_t n = static_cast<size_t>(m_nServices) * m_nNodes;
    double* bin = m_sums.data() + BinOffset(dayType, intervalOfDay);
    double* all = m_nodeSums.data();
    const double* d = truth.Data();
    for (size_t i = 0; i < n; ++i)
    {
        const double v = std::max(d[i], 0.0);
        bin[i] += v;
        all[i] += v;
    }
    m_added.push_back(interval);
}

void
HistoricalShareTable::Finish(const std::vector<double>& catalog)
{
    NS_LOG_FUNCTION(this << m_added.size());
    NS_ABORT_MSG_IF(m_nNodes == 0, "Allocate() must come before Finish()");
    NS_ABORT_MSG_IF(catalog.size() != m_nServices, "catalog shares of the wrong size");
    if (m_finished)
    {
        return;
    }
    const uint32_t S = m_nServices;
    const uint32_t N = m_nNodes;
    const size_t binSize = static_cast<size_t>(S) * N;

    // Each node's overall shares, or the catalog's.
    std::vector<double> nodeShares(binSize);
    std::vector<bool> nodeHasTraffic(N, false);
    for (uint32_t n = 0; n < N; ++n)
    {
        double total = 0.0;
        for (uint32_t s = 0; s < S; ++s)
        {
            total += m_nodeSums[static_cast<size_t>(s) * N + n];
        }
        nodeHasTraffic[n] = total > 0.0;
        for (uint32_t s = 0; s < S; ++s)
        {
            nodeShares[static_cast<size_t>(s) * N + n] =
                total > 0.0 ? m_nodeSums[static_cast<size_t>(s) * N + n] / total : catalog[s];
        }
    }

    ReserveHugePages(m_shares, m_sums.size());
    m_shares.assign(m_sums.size(), 0.0);
    std::vector<double> pooled(binSize);
    const int64_t ipd = m_intervalsPerDay;
    const int64_t w = m_smoothing;
    for (DayType dayType : {DayType::WORKDAY, DayType::HOLIDAY})
    {
        for (int64_t k = 0; k < ipd; ++k)
        {
            std::fill(pooled.begin(), pooled.end(), 0.0);
            for (int64_t j = k - w; j <= k + w; ++j)
            {
                const uint32_t neighbour = static_cast<uint32_t>(((j % ipd) + ipd) % ipd);
                const double* src = m_sums.data() + BinOffset(dayType, neighbour);
                for (size_t i = 0; i < binSize; ++i)
                {
                    pooled[i] += src[i];
                }
            }
            double* dst = m_shares.data() + BinOffset(dayType, static_cast<uint32_t>(k));
            for (uint32_t n = 0; n < N; ++n)
            {
                double total = 0.0;
                for (uint32_t s = 0; s < S; ++s)
                {
                    total += pooled[static_cast<size_t>(s) * N + n];
                }
                if (total > 0.0)
                {
                    for (uint32_t s = 0; s < S; ++s)
                    {
                        const size_t i = static_cast<size_t>(s) * N + n;
                        dst[i] = pooled[i] / total;
                    }
                }
                else
                {
                    ++(nodeHasTraffic[n] ? m_nodeFallbacks : m_catalogFallbacks);
                    for (uint32_t s = 0; s < S; ++s)
                    {
                        const size_t i = static_cast<size_t>(s) * N + n;
                        dst[i] = nodeShares[i];
                    }
                }
            }
        }
    }
    m_sums.clear();
    m_sums.shrink_to_fit();
    m_finished = true;
}

bool
HistoricalShareTable::IsFinished() const
{
    return m_finished;
}

uint64_t
HistoricalShareTable::GetNIntervals() const
{
    return m_added.size();
}

uint64_t
HistoricalShareTable::GetNNodeFallbacks() const
{
    return m_nodeFallbacks;
}

uint64_t
HistoricalShareTable::GetNCatalogFallbacks() const
{
    return m_catalogFallbacks;
}

const double*
HistoricalShareTable::GetShares(DayType dayType, uint32_t intervalOfDay) const
{
    NS_ABORT_MSG_IF(!m_finished, "shares read before Finish()");
    return m_shares.data() + BinOffset(dayType, intervalOfDay);
}

} // namespace ns3
