/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "historical-tuned-decomposer.h"

#include "input-error.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HistoricalTunedDecomposer");

NS_OBJECT_ENSURE_REGISTERED(HistoricalTunedDecomposer);

namespace
{
/// Largest candidate grid accepted.
constexpr double MAX_CANDIDATES = 100000;

/**
 * \param x a real number, possibly out of range or NaN.
 * \param k the number of candidates.
 * \return ceil(x) clamped to [0, k].
 */
uint32_t
ClampedCeil(double x, uint32_t k)
{
    if (!(x > 0))
    {
        return 0;
    }
    if (x >= k)
    {
        return k;
    }
    return static_cast<uint32_t>(std::ceil(x));
}
} // namespace

TypeId
HistoricalTunedDecomposer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::HistoricalTunedDecomposer")
            .SetParent<HistoricalDecomposer>()
            .SetGroupName("Microscope")
            .AddConstructor<HistoricalTunedDecomposer>()
            .AddAttribute("MinHeadroom",
                          "Smallest candidate headroom h (estimate = (1 + h) x the historical "
                          "one). 0 by default: the search never allocates below the historical "
                          "estimate. Illustrative, not fitted.",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&HistoricalTunedDecomposer::m_minHeadroom),
                          MakeDoubleChecker<double>(-1.0, 1000.0))
            .AddAttribute("MaxHeadroom",
                          "Largest candidate headroom (3: up to 4x the historical estimate, far "
                          "above the shortfalls of the default scenario). Must not be below "
                          "MinHeadroom.",
                          DoubleValue(3.0),
                          MakeDoubleAccessor(&HistoricalTunedDecomposer::m_maxHeadroom),
                          MakeDoubleChecker<double>(-1.0, 1000.0))
            .AddAttribute("HeadroomStep",
                          "Spacing of the candidate headrooms (0.01: 301 candidates from 0 to "
                          "3). Must be > 0, with at most 100,000 candidates.",
                          DoubleValue(0.01),
                          MakeDoubleAccessor(&HistoricalTunedDecomposer::m_step),
                          MakeDoubleChecker<double>())
            .AddAttribute("PerService",
                          "Tune one headroom per service (true) or one for the whole level.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&HistoricalTunedDecomposer::m_perService),
                          MakeBooleanChecker());
    return tid;
}

HistoricalTunedDecomposer::HistoricalTunedDecomposer()
    : m_minHeadroom(0.0),
      m_maxHeadroom(3.0),
      m_step(0.01),
      m_perService(true),
      m_tuned(false)
{
    NS_LOG_FUNCTION(this);
}

HistoricalTunedDecomposer::~HistoricalTunedDecomposer()
{
    NS_LOG_FUNCTION(this);
}

void
HistoricalTunedDecomposer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_candidates.clear();
    m_costs.clear();
    m_search = CandidateCosts();
    HistoricalDecomposer::DoDispose();
}

void
HistoricalTunedDecomposer::Setup(const DecomposerSetup& setup)
{
    NS_LOG_FUNCTION(this << setup.level);
    if (!(m_step > 0) || !std::isfinite(m_step))
    {
        std::ostringstream v;
        v << m_step;
        throw InputError::ForAttribute("HeadroomStep",
                                       "the headroom search needs a step > 0, got " + v.str());
    }
    if (!(m_maxHeadroom >= m_minHeadroom))
    {
        std::ostringstream v;
        v << "the headroom search range is empty: MaxHeadroom " << m_maxHeadroom
          << " < MinHeadroom " << m_minHeadroom;
        throw InputError::ForAttribute("MaxHeadroom", v.str());
    }
    const double steps = (m_maxHeadroom - m_minHeadroom) / m_step;
    if (steps + 1 > MAX_CANDIDATES)
    {
        std::ostringstream v;
        v << "too fine: " << m_step << " makes " << std::floor(steps) + 1
          << " candidate headrooms, at most 100000";
        throw InputError::ForAttribute("HeadroomStep", v.str());
    }
    HistoricalDecomposer::Setup(setup);
    const auto k = static_cast<uint32_t>(std::floor(steps + 1e-9)) + 1;
    m_candidates.resize(k);
    for (uint32_t j = 0; j < k; ++j)
    {
        m_candidates[j] = m_minHeadroom + j * m_step;
    }
    m_search.Reset(m_candidates,
                   setup.nServices,
                   setup.nNodes,
                   m_perService,
                   setup.costAlpha,
                   setup.violationTolerance);
    m_headroom.assign(setup.nServices, 0.0);
    m_costs.clear();
    m_tuned = false;
}

bool
HistoricalTunedDecomposer::NeedsValidation() const
{
    return true;
}

void
HistoricalTunedDecomposer::Validate(const DecompositionContext& context,
                                    const AggregateHistory& history,
                                    const DemandMatrix& truth)
{
    NS_ABORT_MSG_IF(m_candidates.empty(), "Setup() must come before Validate()");
    NS_ABORT_MSG_IF(m_tuned, "Validate() after EndValidation()");
    HistoricalDecomposer::Decompose(context, history, m_scratch);
    const uint32_t S = GetSetup().nServices;
    const uint32_t N = GetSetup().nNodes;
    NS_ABORT_MSG_IF(truth.GetNServices() != S || truth.GetNNodes() != N,
                    "validation matrix of the wrong shape");
    const auto k = static_cast<uint32_t>(m_candidates.size());
    const double* h = m_candidates.data();
    const double keep = m_search.GetKeep();
    for (uint32_t s = 0; s < S; ++s)
    {
        for (uint32_t n = 0; n < N; ++n)
        {
            const double e = m_scratch(s, n);
            const double d = truth(s, n);
            if (!std::isfinite(e) || !std::isfinite(d))
            {
                continue;
            }
            m_search.AddTruth(s, n, d);
            const double need = d * keep;
            if (!(e > 0))
            {
                // Every candidate allocates 0.
                m_search.AddViolationPrefix(s, n, 0 < need ? k : 0);
                continue;
            }
            // Violating candidates: (1 + h_j) e < d (1 - tol), a prefix [0, end). The guess
            // from the threshold is corrected with the very test the accountant applies.
            auto violates = [&](uint32_t j) { return (1.0 + h[j]) * e < need; };
            uint32_t end = ClampedCeil((need / e - 1.0 - h[0]) / m_step, k);
            while (end > 0 && !violates(end - 1))
            {
                --end;
            }
            while (end < k && violates(end))
            {
                ++end;
            }
            m_search.AddViolationPrefix(s, n, end);
            // Overprovisioning candidates: (1 + h_j) e > d, a suffix on which the cost is
            // (e - d) + e h_j.
            auto over = [&](uint32_t j) { return (1.0 + h[j]) * e > d; };
            uint32_t from = ClampedCeil((d / e - 1.0 - h[0]) / m_step, k);
            while (from > 0 && over(from - 1))
            {
                --from;
            }
            while (from < k && !over(from))
            {
                ++from;
            }
            m_search.AddLinearSuffix(s, from, e - d, e);
        }
    }
    m_search.AddInterval();
}

void
HistoricalTunedDecomposer::EndValidation()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_candidates.empty(), "Setup() must come before EndValidation()");
    if (m_tuned)
    {
        return;
    }
    m_tuned = true;
    const uint32_t S = GetSetup().nServices;
    if (m_search.GetNIntervals() == 0)
    {
        NS_LOG_WARN("historical-tuned at " << GetSetup().level
                                           << ": no validation interval, headroom 0");
        return;
    }
    m_costs.resize(m_search.GetNGroups());
    for (uint32_t g = 0; g < m_search.GetNGroups(); ++g)
    {
        m_costs[g] = m_search.Totals(g);
    }
    const auto& catalog = GetSetup().catalog;
    for (uint32_t s = 0; s < S; ++s)
    {
        const auto& costs = m_costs[m_search.GetGroup(s)];
        const uint32_t best = CandidateCosts::ArgMin(costs);
        m_headroom[s] = m_candidates[best];
        NS_LOG_INFO("historical-tuned at "
                    << GetSetup().level << ", "
                    << (catalog ? catalog->Get(s).name : "service " + std::to_string(s))
                    << ": headroom " << m_headroom[s] << " (validation cost " << costs[best]
                    << " Mbps-intervals, " << costs[0] << " at h = " << m_candidates[0] << ", over "
                    << m_search.GetNIntervals() << " intervals)");
    }
    m_search = CandidateCosts(); // the difference arrays are no longer needed
}

void
HistoricalTunedDecomposer::Decompose(const DecompositionContext& context,
                                     const AggregateHistory& history,
                                     DemandMatrix& estimate)
{
    HistoricalDecomposer::Decompose(context, history, estimate);
    const uint32_t N = estimate.GetNNodes();
    double* out = estimate.Data();
    for (uint32_t s = 0; s < estimate.GetNServices(); ++s)
    {
        const double scale = 1.0 + m_headroom[s];
        double* row = out + static_cast<size_t>(s) * N;
        for (uint32_t n = 0; n < N; ++n)
        {
            row[n] *= scale;
        }
    }
}

bool
HistoricalTunedDecomposer::PreservesAggregate() const
{
    return false;
}

std::string
HistoricalTunedDecomposer::GetName() const
{
    return "historical-tuned";
}

bool
HistoricalTunedDecomposer::IsTuned() const
{
    return m_tuned;
}

const std::vector<double>&
HistoricalTunedDecomposer::GetHeadrooms() const
{
    return m_headroom;
}

const std::vector<double>&
HistoricalTunedDecomposer::GetCandidates() const
{
    return m_candidates;
}

const std::vector<double>&
HistoricalTunedDecomposer::GetValidationCosts(uint32_t group) const
{
    NS_ABORT_MSG_IF(group >= m_costs.size(), "no validation costs for group " << group);
    return m_costs[group];
}

} // namespace ns3
