/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "historical-decomposer.h"

#include "input-error.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <sstream>

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
    m_table = nullptr;
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
    // The window is capped where it covers the whole day once.
    const uint32_t w = std::min<uint32_t>(m_smoothing, (m_intervalsPerDay - 1) / 2);
    m_table = nullptr;
    std::string key;
    if (setup.sharedState)
    {
        std::ostringstream level;
        level << setup.level;
        key = HistoricalShareTable::Key(level.str(), m_nServices, m_nNodes, m_intervalsPerDay, w);
        m_table = DynamicCast<HistoricalShareTable>(setup.sharedState->Find(key));
    }
    if (!m_table)
    {
        m_table = CreateObject<HistoricalShareTable>();
        m_table->Allocate(m_nServices, m_nNodes, m_intervalsPerDay, w);
        if (setup.sharedState)
        {
            setup.sharedState->Add(key, m_table);
        }
    }
    NS_ABORT_MSG_IF(m_table->GetNIntervals() != 0 || m_table->IsFinished(),
                    "a shared historical table was trained before every sharer was set up");
    m_nTraining = 0;
    m_trained = false;
}

void
HistoricalDecomposer::Train(const DecompositionContext& context,
                            const AggregateHistory& history,
                            const DemandMatrix& truth)
{
    NS_ABORT_MSG_IF(!m_table, "Setup() must come before Train()");
    NS_ABORT_MSG_IF(m_trained, "Train() after EndTraining()");
    NS_ABORT_MSG_IF(truth.GetNServices() != m_nServices || truth.GetNNodes() != m_nNodes,
                    "training matrix of the wrong shape");
    ++m_nTraining;
    m_table->Add(m_nTraining, context.interval, context.dayType, context.intervalOfDay, truth);
}

void
HistoricalDecomposer::EndTraining()
{
    NS_LOG_FUNCTION(this << m_nTraining);
    NS_ABORT_MSG_IF(!m_table, "Setup() must come before EndTraining()");
    if (m_trained)
    {
        return;
    }
    NS_ABORT_MSG_IF(m_nTraining != m_table->GetNIntervals(),
                    "decomposers sharing a historical table trained on "
                        << m_nTraining << " and " << m_table->GetNIntervals() << " intervals");
    const uint32_t S = m_nServices;
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
    m_table->Finish(catalog);
    m_trained = true;
    NS_LOG_INFO("historical decomposer at " << GetSetup().level << ": " << m_nTraining
                                            << " training intervals, " << GetNNodeFallbacks()
                                            << " node and " << GetNCatalogFallbacks()
                                            << " catalog fallbacks");
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
    const double* shares = m_table->GetShares(context.dayType, context.intervalOfDay);
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
    return m_trained ? m_table->GetNNodeFallbacks() : 0;
}

uint64_t
HistoricalDecomposer::GetNCatalogFallbacks() const
{
    return m_trained ? m_table->GetNCatalogFallbacks() : 0;
}

double
HistoricalDecomposer::GetShare(DayType dayType,
                               uint32_t intervalOfDay,
                               uint32_t service,
                               uint32_t node) const
{
    NS_ABORT_MSG_IF(!m_trained, "GetShare() before EndTraining()");
    NS_ABORT_MSG_IF(service >= m_nServices || node >= m_nNodes, "no such service or node");
    return m_table->GetShares(dayType,
                              intervalOfDay)[static_cast<size_t>(service) * m_nNodes + node];
}

const double*
HistoricalDecomposer::GetShares(DayType dayType, uint32_t intervalOfDay) const
{
    NS_ABORT_MSG_IF(!m_trained, "GetShares() before EndTraining()");
    return m_table->GetShares(dayType, intervalOfDay);
}

Ptr<const HistoricalShareTable>
HistoricalDecomposer::GetTable() const
{
    return m_table;
}

} // namespace ns3
