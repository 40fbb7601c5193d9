/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantile-decomposer.h"

#include "csv-table-reader.h"
#include "input-error.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/string.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("QuantileDecomposer");

NS_OBJECT_ENSURE_REGISTERED(QuantileDecomposer);

TypeId
QuantileDecomposer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::QuantileDecomposer")
            .SetParent<Decomposer>()
            .SetGroupName("Microscope")
            .AddConstructor<QuantileDecomposer>()
            .AddAttribute("Quantiles",
                          "Candidate quantiles, a comma-separated list of numbers in (0, 1); "
                          "the one of least validation cost is used. The default spans the "
                          "median to the 99th percentile (illustrative, not fitted).",
                          StringValue("0.5,0.6,0.7,0.8,0.85,0.9,0.95,0.975,0.99"),
                          MakeStringAccessor(&QuantileDecomposer::m_quantilesText),
                          MakeStringChecker())
            .AddAttribute("PerService",
                          "Choose one quantile per service (true) or one for the whole level.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&QuantileDecomposer::m_perService),
                          MakeBooleanChecker());
    return tid;
}

QuantileDecomposer::QuantileDecomposer()
    : m_quantilesText("0.5,0.6,0.7,0.8,0.85,0.9,0.95,0.975,0.99"),
      m_perService(true),
      m_intervalsPerDay(0),
      m_nSeries(0),
      m_trained(false),
      m_tuned(false)
{
    NS_LOG_FUNCTION(this);
}

QuantileDecomposer::~QuantileDecomposer()
{
    NS_LOG_FUNCTION(this);
}

void
QuantileDecomposer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_samples.clear();
    m_counts.clear();
    m_costs.clear();
    m_search = CandidateCosts();
    Decomposer::DoDispose();
}

std::vector<double>
QuantileDecomposer::ParseQuantiles(const std::string& text)
{
    std::vector<double> out;
    for (const auto& item : CsvTableReader::SplitList(text))
    {
        double q = 0;
        size_t used = 0;
        try
        {
            q = std::stod(item, &used);
        }
        catch (const std::exception&)
        {
            used = 0;
        }
        if (used == 0 || used != item.size())
        {
            throw InputError::ForAttribute("Quantiles", "'" + item + "' is not a number");
        }
        if (!(q > 0.0 && q < 1.0))
        {
            throw InputError::ForAttribute("Quantiles",
                                           "'" + item +
                                               "' is outside (0, 1): a quantile of "
                                               "the training demand must be in (0, 1)");
        }
        out.push_back(q);
    }
    if (out.empty())
    {
        throw InputError::ForAttribute("Quantiles",
                                       "no candidate quantile in '" + text +
                                           "': give a comma-separated list in (0, 1)");
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void
QuantileDecomposer::Setup(const DecomposerSetup& setup)
{
    NS_LOG_FUNCTION(this << setup.level << setup.nNodes << setup.nServices);
    m_candidates = ParseQuantiles(m_quantilesText);
    Decomposer::Setup(setup);
    if (setup.nNodes == 0 || setup.nServices == 0 || setup.intervalsPerDay == 0)
    {
        throw InputError("quantile decomposer: empty level (nodes, services or intervals)");
    }
    m_intervalsPerDay = setup.intervalsPerDay;
    m_nSeries = static_cast<size_t>(setup.nServices) * setup.nNodes;
    m_samples.assign(2 * static_cast<size_t>(m_intervalsPerDay), {});
    m_counts.assign(2 * static_cast<size_t>(m_intervalsPerDay), 0);
    m_search.Reset(m_candidates,
                   setup.nServices,
                   setup.nNodes,
                   m_perService,
                   setup.costAlpha,
                   setup.violationTolerance);
    m_chosen.assign(setup.nServices, 0.5);
    m_costs.clear();
    m_trained = false;
    m_tuned = false;
}

void
QuantileDecomposer::Train(const DecompositionContext& context,
                          const AggregateHistory& history,
                          const DemandMatrix& truth)
{
    NS_ABORT_MSG_IF(m_nSeries == 0, "Setup() must come before Train()");
    NS_ABORT_MSG_IF(m_trained, "Train() after EndTraining()");
    NS_ABORT_MSG_IF(truth.GetNServices() * static_cast<size_t>(truth.GetNNodes()) != m_nSeries,
                    "training matrix of the wrong shape");
    NS_ABORT_MSG_IF(context.intervalOfDay >= m_intervalsPerDay, "interval of the day too large");
    const size_t bin =
        static_cast<size_t>(context.dayType == DayType::HOLIDAY ? 1 : 0) * m_intervalsPerDay +
        context.intervalOfDay;
    auto& samples = m_samples[bin];
    const double* d = truth.Data();
    for (size_t i = 0; i < m_nSeries; ++i)
    {
        samples.push_back(static_cast<float>(std::max(d[i], 0.0)));
    }
    ++m_counts[bin];
}

void
QuantileDecomposer::EndTraining()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_nSeries == 0, "Setup() must come before EndTraining()");
    if (m_trained)
    {
        return;
    }
    // [sample][series] -> [series][sample], each series sorted.
    uint64_t empty = 0;
    uint64_t samples = 0;
    for (size_t bin = 0; bin < m_samples.size(); ++bin)
    {
        const uint32_t m = m_counts[bin];
        samples += m;
        if (m == 0)
        {
            ++empty;
            continue;
        }
        std::vector<float> sorted(m_samples[bin].size());
        const float* in = m_samples[bin].data();
        for (size_t i = 0; i < m_nSeries; ++i)
        {
            float* out = sorted.data() + i * m;
            for (uint32_t j = 0; j < m; ++j)
            {
                out[j] = in[j * m_nSeries + i];
            }
            std::sort(out, out + m);
        }
        m_samples[bin] = std::move(sorted);
    }
    m_trained = true;
    NS_LOG_INFO("quantile decomposer at "
                << GetSetup().level << ": " << samples << " training intervals, " << empty << " of "
                << m_samples.size() << " (day type, interval of day) cells without any");
}

size_t
QuantileDecomposer::ServingBin(DayType dayType, uint32_t intervalOfDay) const
{
    NS_ABORT_MSG_IF(intervalOfDay >= m_intervalsPerDay,
                    "interval of the day " << intervalOfDay << " beyond " << m_intervalsPerDay);
    const size_t own = (dayType == DayType::HOLIDAY ? 1 : 0);
    const size_t bin = own * m_intervalsPerDay + intervalOfDay;
    if (m_counts[bin] > 0)
    {
        return bin;
    }
    return (1 - own) * m_intervalsPerDay + intervalOfDay;
}

uint32_t
QuantileDecomposer::OrderIndex(double q, uint32_t m)
{
    // k = ceil(q m), 1-based; q m within 1e-9 of an integer is that integer.
    const double qm = q * m;
    const double rounded = std::round(qm);
    const double k = std::abs(qm - rounded) < 1e-9 ? rounded : std::ceil(qm);
    return static_cast<uint32_t>(std::clamp(k, 1.0, static_cast<double>(std::max(m, 1U)))) - 1;
}

double
QuantileDecomposer::OrderStatistic(size_t bin, size_t series, double q) const
{
    const uint32_t m = m_counts[bin];
    if (m == 0)
    {
        return 0.0;
    }
    return m_samples[bin][series * m + OrderIndex(q, m)];
}

double
QuantileDecomposer::GetQuantile(DayType dayType,
                                uint32_t intervalOfDay,
                                uint32_t service,
                                uint32_t node,
                                double q) const
{
    NS_ABORT_MSG_IF(!m_trained, "GetQuantile() before EndTraining()");
    NS_ABORT_MSG_IF(service >= GetSetup().nServices || node >= GetSetup().nNodes,
                    "no such service or node");
    return OrderStatistic(ServingBin(dayType, intervalOfDay),
                          static_cast<size_t>(service) * GetSetup().nNodes + node,
                          q);
}

bool
QuantileDecomposer::NeedsValidation() const
{
    return true;
}

void
QuantileDecomposer::Validate(const DecompositionContext& context,
                             const AggregateHistory& history,
                             const DemandMatrix& truth)
{
    NS_ABORT_MSG_IF(m_nSeries == 0, "Setup() must come before Validate()");
    NS_ABORT_MSG_IF(m_tuned, "Validate() after EndValidation()");
    if (!m_trained)
    {
        EndTraining();
    }
    const uint32_t S = GetSetup().nServices;
    const uint32_t N = GetSetup().nNodes;
    NS_ABORT_MSG_IF(truth.GetNServices() != S || truth.GetNNodes() != N,
                    "validation matrix of the wrong shape");
    const size_t bin = ServingBin(context.dayType, context.intervalOfDay);
    const auto k = static_cast<uint32_t>(m_candidates.size());
    const double keep = m_search.GetKeep();
    // The candidates' positions in the cell's sorted samples (the same for every series).
    const uint32_t m = m_counts[bin];
    const float* cell = m_samples[bin].data();
    m_index.resize(k);
    for (uint32_t j = 0; j < k; ++j)
    {
        m_index[j] = OrderIndex(m_candidates[j], m);
    }
    for (uint32_t s = 0; s < S; ++s)
    {
        for (uint32_t n = 0; n < N; ++n)
        {
            const double d = truth(s, n);
            if (!std::isfinite(d))
            {
                continue;
            }
            m_search.AddTruth(s, n, d);
            const size_t series = static_cast<size_t>(s) * N + n;
            // The candidates are sorted, so their order statistics do not decrease: the
            // violating ones are a prefix.
            uint32_t end = 0;
            for (uint32_t j = 0; j < k; ++j)
            {
                const double x = m > 0 ? cell[series * m + m_index[j]] : 0.0;
                end += x < d * keep ? 1 : 0;
                if (x > d)
                {
                    m_search.AddOverprovisioning(s, j, x - d);
                }
            }
            m_search.AddViolationPrefix(s, n, end);
        }
    }
    m_search.AddInterval();
}

void
QuantileDecomposer::EndValidation()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_nSeries == 0, "Setup() must come before EndValidation()");
    if (m_tuned)
    {
        return;
    }
    m_tuned = true;
    if (m_search.GetNIntervals() == 0)
    {
        NS_LOG_WARN("quantile at " << GetSetup().level
                                   << ": no validation interval, the median is used");
        return;
    }
    m_costs.resize(m_search.GetNGroups());
    for (uint32_t g = 0; g < m_search.GetNGroups(); ++g)
    {
        m_costs[g] = m_search.Totals(g);
    }
    const auto& catalog = GetSetup().catalog;
    for (uint32_t s = 0; s < GetSetup().nServices; ++s)
    {
        const auto& costs = m_costs[m_search.GetGroup(s)];
        const uint32_t best = CandidateCosts::ArgMin(costs);
        m_chosen[s] = m_candidates[best];
        NS_LOG_INFO("quantile at "
                    << GetSetup().level << ", "
                    << (catalog ? catalog->Get(s).name : "service " + std::to_string(s))
                    << ": q = " << m_chosen[s] << " (validation cost " << costs[best]
                    << " Mbps-intervals over " << m_search.GetNIntervals() << " intervals)");
    }
    m_search = CandidateCosts();
}

void
QuantileDecomposer::Decompose(const DecompositionContext& context,
                              const AggregateHistory& history,
                              DemandMatrix& estimate)
{
    if (!m_trained)
    {
        EndTraining();
    }
    const uint32_t S = GetSetup().nServices;
    const uint32_t N = GetSetup().nNodes;
    if (estimate.GetNServices() != S || estimate.GetNNodes() != N)
    {
        estimate.Resize(S, N);
    }
    const size_t bin = ServingBin(context.dayType, context.intervalOfDay);
    for (uint32_t s = 0; s < S; ++s)
    {
        for (uint32_t n = 0; n < N; ++n)
        {
            estimate(s, n) = OrderStatistic(bin, static_cast<size_t>(s) * N + n, m_chosen[s]);
        }
    }
}

bool
QuantileDecomposer::PreservesAggregate() const
{
    return false;
}

std::string
QuantileDecomposer::GetName() const
{
    return "quantile";
}

bool
QuantileDecomposer::IsTuned() const
{
    return m_tuned;
}

const std::vector<double>&
QuantileDecomposer::GetChosenQuantiles() const
{
    return m_chosen;
}

const std::vector<double>&
QuantileDecomposer::GetCandidates() const
{
    return m_candidates;
}

const std::vector<double>&
QuantileDecomposer::GetValidationCosts(uint32_t group) const
{
    NS_ABORT_MSG_IF(group >= m_costs.size(), "no validation costs for group " << group);
    return m_costs[group];
}

} // namespace ns3
