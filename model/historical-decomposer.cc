/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "historical-decomposer.h"

#include "huge-pages.h"
#include "input-error.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HistoricalDecomposer");

NS_OBJECT_ENSURE_REGISTERED(HistoricalDecomposer);

TypeId
HistoricalDecomposer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::HistoricalDecomposer")
            .SetParent<Decomposer>()
            .SetGroupName("Microscope")
            .AddConstructor<HistoricalDecomposer>()
            .AddAttribute("SmoothingWindow",
                          "Number of neighbouring intervals of the day, on each side, whose "
                          "training volumes are pooled with a bin's own (circularly, same day "
                          "type). 0, the default, uses each bin alone. A window wider than "
                          "(intervals per day - 1) / 2 is capped at that: every interval of "
                          "the day is then pooled once.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&HistoricalDecomposer::m_smoothing),
                          MakeUintegerChecker<uint32_t>(0, 1440));
    return tid;
}

HistoricalDecomposer::HistoricalDecomposer()
    : m_smoothing(0),
      m_nServices(0),
      m_nNodes(0),
      m_intervalsPerDay(0),
      m_nTraining(0),
      m_nodeFallbacks(0),
      m_catalogFallbacks(0),
      m_trained(false)
{
    NS_LOG_FUNCTION(this);
}

HistoricalDecomposer::~HistoricalDecomposer()
{
    NS_LOG_FUNCTION(this);
}

void
HistoricalDecomposer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_sums.clear();
    m_shares.clear();
    m_nodeSums.clear();
    Decomposer::DoDispose();
}

void
HistoricalDecomposer::Setup(const DecomposerSetup& setup)
{
    NS_LOG_FUNCTION(this << setup.level << setup.nNodes << setup.nServices
                         << setup.intervalsPerDay);
    Decomposer::Setup(setup);
    if (setup.nNodes == 0 || setup.nServices == 0 || setup.intervalsPerDay == 0)
    {
        throw InputError("historical decomposer: empty level (nodes, services or intervals)");
    }
    if (setup.catalog && setup.catalog->GetN() != setup.nServices)
    {
        throw InputError("historical decomposer: the catalog has " +
                         std::to_string(setup.catalog->GetN()) + " services, the level " +
                         std::to_string(setup.nServices));
    }
    m_nServices = setup.nServices;
    m_nNodes = setup.nNodes;
    m_intervalsPerDay = setup.intervalsPerDay;
    const size_t binSize = static_cast<size_t>(m_nServices) * m_nNodes;
    // Tens of MB at the antenna level: huge pages spare a page fault per 4 KiB.
    ReserveHugePages(m_sums, 2 * static_cast<size_t>(m_intervalsPerDay) * binSize);
    m_sums.assign(2 * static_cast<size_t>(m_intervalsPerDay) * binSize, 0.0);
    m_shares.clear();
    m_nodeSums.assign(binSize, 0.0);
    m_nTraining = 0;
    m_nodeFallbacks = 0;
    m_catalogFallbacks = 0;
    m_trained = false;
}

size_t
HistoricalDecomposer::BinOffset(DayType dayType, uint32_t intervalOfDay) const
{
    NS_ABORT_MSG_IF(intervalOfDay >= m_intervalsPerDay,
                    "interval of the day " << intervalOfDay << " beyond " << m_intervalsPerDay);
    const size_t bin =
        static_cast<size_t>(dayType == DayType::HOLIDAY ? 1 : 0) * m_intervalsPerDay +
        intervalOfDay;
    return bin * m_nServices * m_nNodes;
}

void
HistoricalDecomposer::Train(const DecompositionContext& context,
                            const AggregateHistory& history,
                            const DemandMatrix& truth)
{
    NS_ABORT_MSG_IF(m_nNodes == 0, "Setup() must come before Train()");
    NS_ABORT_MSG_IF(m_trained, "Train() after EndTraining()");
    NS_ABORT_MSG_IF(truth.GetNServices() != m_nServices || truth.GetNNodes() != m_nNodes,
                    "training matrix of the wrong shape");
    const size_t n = static_cast<size_t>(m_nServices) * m_nNodes;
    double* bin = m_sums.data() + BinOffset(context.dayType, context.intervalOfDay);
    double* all = m_nodeSums.data();
    const double* d = truth.Data();
    for (size_t i = 0; i < n; ++i)
    {
        const double v = std::max(d[i], 0.0);
        bin[i] += v;
        all[i] += v;
    }
    ++m_nTraining;
}

void
HistoricalDecomposer::EndTraining()
{
    NS_LOG_FUNCTION(this << m_nTraining);
    NS_ABORT_MSG_IF(m_nNodes == 0, "Setup() must come before EndTraining()");
    if (m_trained)
    {
        return;
    }
    const uint32_t S = m_nServices;
    const uint32_t N = m_nNodes;
    const size_t binSize = static_cast<size_t>(S) * N;

    // Catalog shares, normalised (a catalog's shares already sum to 1).
    std::vector<double> catalog(S, 1.0 / S);
    const auto& cat = GetSetup().catalog;
    if (cat)
    {
        double total = 0.0;
        for (uint32_t s = 0; s < S; ++s)
        {
            total += cat->Get(s).share;
        }
        if (total > 0.0)
        {
            for (uint32_t s = 0; s < S; ++s)
            {
                catalog[s] = cat->Get(s).share / total;
            }
        }
    }
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
    const int64_t w = std::min<int64_t>(m_smoothing, (ipd - 1) / 2);
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
    m_trained = true;
    NS_LOG_INFO("historical decomposer at "
                << GetSetup().level << ": " << m_nTraining << " training intervals, "
                << m_nodeFallbacks << " node and " << m_catalogFallbacks << " catalog fallbacks");
}

void
HistoricalDecomposer::Decompose(const DecompositionContext& context,
                                const AggregateHistory& history,
                                DemandMatrix& estimate)
{
    if (!m_trained)
    {
        EndTraining();
    }
    const std::vector<double>& aggregate = history.Newest();
    NS_ABORT_MSG_IF(aggregate.size() != m_nNodes, "history of the wrong shape");
    if (estimate.GetNServices() != m_nServices || estimate.GetNNodes() != m_nNodes)
    {
        estimate.Resize(m_nServices, m_nNodes);
    }
    const double* shares = m_shares.data() + BinOffset(context.dayType, context.intervalOfDay);
    double* out = estimate.Data();
    const double* agg = aggregate.data();
    for (uint32_t s = 0; s < m_nServices; ++s)
    {
        const size_t row = static_cast<size_t>(s) * m_nNodes;
        for (uint32_t n = 0; n < m_nNodes; ++n)
        {
            out[row + n] = shares[row + n] * agg[n];
        }
    }
}

std::string
HistoricalDecomposer::GetName() const
{
    return "historical";
}

uint64_t
HistoricalDecomposer::GetNTrainingIntervals() const
{
    return m_nTraining;
}

uint64_t
HistoricalDecomposer::GetNNodeFallbacks() const
{
    return m_nodeFallbacks;
}

uint64_t
HistoricalDecomposer::GetNCatalogFallbacks() const
{
    return m_catalogFallbacks;
}

double
HistoricalDecomposer::GetShare(DayType dayType,
                               uint32_t intervalOfDay,
                               uint32_t service,
                               uint32_t node) const
{
    NS_ABORT_MSG_IF(!m_trained, "GetShare() before EndTraining()");
    NS_ABORT_MSG_IF(service >= m_nServices || node >= m_nNodes, "no such service or node");
    return m_shares[BinOffset(dayType, intervalOfDay) + static_cast<size_t>(service) * m_nNodes +
                    node];
}

} // namespace ns3
