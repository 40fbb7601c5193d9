/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "linear-decomposer.h"

#include "huge-pages.h"
#include "input-error.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LinearDecomposer");

NS_OBJECT_ENSURE_REGISTERED(LinearDecomposer);

namespace
{
/// Shares below this are clamped before their log is taken (fit target and base shares).
constexpr double SHARE_FLOOR = 1e-6;
} // namespace

TypeId
LinearDecomposer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::LinearDecomposer")
            .SetParent<Decomposer>()
            .SetGroupName("Microscope")
            .AddConstructor<LinearDecomposer>()
            .AddAttribute("NearNeighbours",
                          "Nearest nodes of the same level (by position) averaged with the node "
                          "itself in the 'near' feature and its lagged changes; capped at the "
                          "level's nodes minus one. 8, the value of the traffic section's "
                          "learnability check (illustrative, not tuned).",
                          UintegerValue(8),
                          MakeUintegerAccessor(&LinearDecomposer::m_nearCount),
                          MakeUintegerChecker<uint32_t>(0, 10000))
            .AddAttribute("WideNeighbours",
                          "Nearest nodes of the same level averaged with the node itself in "
                          "the 'wide' feature; capped at the level's nodes minus one. 32 "
                          "(illustrative, not tuned).",
                          UintegerValue(32),
                          MakeUintegerAccessor(&LinearDecomposer::m_wideCount),
                          MakeUintegerChecker<uint32_t>(0, 10000))
            .AddAttribute("ShortLag",
                          "Management intervals back of the first change feature, "
                          "near(t) - near(t - ShortLag). 3 (15 minutes at 5-minute intervals).",
                          UintegerValue(3),
                          MakeUintegerAccessor(&LinearDecomposer::m_shortLag),
                          MakeUintegerChecker<uint32_t>(1, 1000))
            .AddAttribute("LongLag",
                          "Management intervals back of the second change feature, "
                          "near(t) - near(t - LongLag); must exceed ShortLag. 6 (30 minutes).",
                          UintegerValue(6),
                          MakeUintegerAccessor(&LinearDecomposer::m_longLag),
                          MakeUintegerChecker<uint32_t>(2, 1000))
            .AddAttribute("FitStride",
                          "Every FitStride-th training interval, from the first whose lags are "
                          "known, is a row of the least-squares fit (every node of it); 1 fits "
                          "on all of them. The means use every training interval. 4 (a "
                          "systematic quarter, spread over every training day) keeps the fit's "
                          "memory and time at a quarter; on microscope-bench-traffic the "
                          "test MAE is the same to five digits as with 1.",
                          UintegerValue(4),
                          MakeUintegerAccessor(&LinearDecomposer::m_fitStride),
                          MakeUintegerChecker<uint32_t>(1, 1000));
    return tid;
}

LinearDecomposer::LinearDecomposer()
    : m_nearCount(8),
      m_wideCount(32),
      m_shortLag(3),
      m_longLag(6),
      m_fitStride(4),
      m_nServices(0),
      m_nNodes(0),
      m_nBins(0),
      m_intervalsPerDay(0),
      m_nFitRows(0),
      m_trained(false)
{
    NS_LOG_FUNCTION(this);
}

LinearDecomposer::~LinearDecomposer()
{
    NS_LOG_FUNCTION(this);
}

void
LinearDecomposer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_near.clear();
    m_wide.clear();
    m_count.clear();
    m_logMean.clear();
    m_shareMean.clear();
    m_logShareFloor.clear();
    m_trainLogAggregate.clear();
    m_trainLogShare.clear();
    m_trainBin.clear();
    m_trainInterval.clear();
    m_recent.clear();
    Decomposer::DoDispose();
}

void
LinearDecomposer::Setup(const DecomposerSetup& setup)
{
    NS_LOG_FUNCTION(this << setup.level << setup.nNodes << setup.nServices
                         << setup.intervalsPerDay);
    Decomposer::Setup(setup);
    if (setup.nNodes == 0 || setup.nServices == 0 || setup.intervalsPerDay == 0)
    {
        throw InputError("linear decomposer: empty level (nodes, services or intervals)");
    }
    if (setup.catalog && setup.catalog->GetN() != setup.nServices)
    {
        throw InputError("linear decomposer: the catalog has " +
                         std::to_string(setup.catalog->GetN()) + " services, the level " +
                         std::to_string(setup.nServices));
    }
    if (setup.nodePositions.size() != setup.nNodes)
    {
        throw InputError("linear decomposer: the level has " + std::to_string(setup.nNodes) +
                         " nodes but " + std::to_string(setup.nodePositions.size()) +
                         " node positions (its neighbourhood features need them)");
    }
    if (m_shortLag >= m_longLag)
    {
        throw InputError::ForAttribute("ns3::LinearDecomposer::ShortLag",
                                       "ShortLag (" + std::to_string(m_shortLag) +
                                           ") must be below LongLag (" + std::to_string(m_longLag) +
                                           ")");
    }
    m_nServices = setup.nServices;
    m_nNodes = setup.nNodes;
    m_intervalsPerDay = setup.intervalsPerDay;
    m_nBins = 2 * m_intervalsPerDay;

    // Neighbourhoods: the nearest nodes of the level, ties by index (brute force; it runs once).
    const uint32_t N = m_nNodes;
    const uint32_t nearCount = std::min(m_nearCount, N - 1);
    const uint32_t wideCount = std::min(m_wideCount, N - 1);
    const uint32_t keep = std::max(nearCount, wideCount);
    const auto& pos = setup.nodePositions;
    m_near.assign(N, {});
    m_wide.assign(N, {});
    m_nearUsed = nearCount;
    m_wideUsed = wideCount;
    m_neighbours.assign(static_cast<size_t>(N) * keep, 0);
    std::vector<std::pair<double, uint32_t>> byDistance;
    for (uint32_t a = 0; a < N; ++a)
    {
        byDistance.clear();
        for (uint32_t b = 0; b < N; ++b)
        {
            if (b != a)
            {
                const double dx = pos[a].x - pos[b].x;
                const double dy = pos[a].y - pos[b].y;
                byDistance.emplace_back(dx * dx + dy * dy, b);
            }
        }
        std::partial_sort(byDistance.begin(), byDistance.begin() + keep, byDistance.end());
        for (uint32_t i = 0; i < keep; ++i)
        {
            m_neighbours[static_cast<size_t>(a) * keep + i] = byDistance[i].second;
            if (i < nearCount)
            {
                m_near[a].push_back(byDistance[i].second);
            }
            if (i < wideCount)
            {
                m_wide[a].push_back(byDistance[i].second);
            }
        }
    }

    const size_t cells = static_cast<size_t>(m_nBins) * N;
    ReserveHugePages(m_count, cells);
    ReserveHugePages(m_logMean, cells);
    ReserveHugePages(m_shareMean, cells * m_nServices);
    m_count.assign(cells, 0);
    m_logMean.assign(cells, 0.0);
    m_shareMean.assign(cells * m_nServices, 0.0);
    m_logShareFloor.clear();
    // With the number of training intervals known, the row stores are sized once instead of
    // growing by copies (each copy faulting in fresh memory).
    const uint64_t T = setup.trainingIntervals;
    const uint64_t fitRows = T > m_longLag ? (T - m_longLag + m_fitStride - 1) / m_fitStride : 0;
    ReserveHugePages(m_trainLogAggregate, static_cast<size_t>(T) * N);
    ReserveHugePages(m_trainLogShare, static_cast<size_t>(fitRows) * N * m_nServices);
    m_trainBin.clear();
    m_trainBin.reserve(T);
    m_trainInterval.clear();
    m_trainInterval.reserve(T);
    m_beta.assign(static_cast<size_t>(m_nServices) * N_FEATURES, 0.0);
    m_nFitRows = 0;
    m_trained = false;
    m_recent.assign(m_longLag + 1, Recent{});
}

uint32_t
LinearDecomposer::Bin(DayType dayType, uint32_t intervalOfDay) const
{
    NS_ABORT_MSG_IF(intervalOfDay >= m_intervalsPerDay,
                    "interval of the day " << intervalOfDay << " beyond " << m_intervalsPerDay);
    return (dayType == DayType::HOLIDAY ? m_intervalsPerDay : 0) + intervalOfDay;
}

void
LinearDecomposer::Train(const DecompositionContext& context,
                        const AggregateHistory& history,
                        const DemandMatrix& truth)
{
    NS_ABORT_MSG_IF(m_nNodes == 0, "Setup() must come before Train()");
    NS_ABORT_MSG_IF(m_trained, "Train() after EndTraining()");
    NS_ABORT_MSG_IF(truth.GetNServices() != m_nServices || truth.GetNNodes() != m_nNodes,
                    "training matrix of the wrong shape");
    const uint32_t S = m_nServices;
    const uint32_t N = m_nNodes;
    const uint32_t bin = Bin(context.dayType, context.intervalOfDay);
    // The aggregate as the orchestrator's snapshot sums it: services in order.
    m_scratch.assign(N, 0.0);
    double* agg = m_scratch.data();
    const double* d = truth.Data();
    for (uint32_t s = 0; s < S; ++s)
    {
        const double* row = d + static_cast<size_t>(s) * N;
        for (uint32_t n = 0; n < N; ++n)
        {
            agg[n] += row[n];
        }
    }
    const size_t index = m_trainBin.size();
    const bool fitRow = IsFitRow(index);
    // Flat row stores (hundreds of MB at the antenna level), in huge pages where possible.
    float* logAgg = AppendHugePages(m_trainLogAggregate, N);
    float* logShare =
        fitRow ? AppendHugePages(m_trainLogShare, static_cast<size_t>(N) * S) : nullptr;
    for (uint32_t n = 0; n < N; ++n)
    {
        if (!(agg[n] > 0.0))
        {
            logAgg[n] = -std::numeric_limits<float>::infinity();
            continue;
        }
        const size_t cell = static_cast<size_t>(bin) * N + n;
        const double logA = std::log(agg[n]);
        logAgg[n] = static_cast<float>(logA);
        ++m_count[cell];
        m_logMean[cell] += logA;
        double* mean = m_shareMean.data() + cell * S;
        for (uint32_t s = 0; s < S; ++s)
        {
            const double r = std::max(d[static_cast<size_t>(s) * N + n], 0.0) / agg[n];
            mean[s] += r;
            if (fitRow)
            {
                logShare[static_cast<size_t>(n) * S + s] =
                    static_cast<float>(std::log(std::max(r, SHARE_FLOOR)));
            }
        }
    }
    m_trainBin.push_back(bin);
    m_trainInterval.push_back(context.interval);
}

bool
LinearDecomposer::IsFitRow(size_t index) const
{
    return index >= m_longLag && (index - m_longLag) % m_fitStride == 0;
}

void
LinearDecomposer::ComputeDeviations(uint32_t bin,
                                    const double* logAggregate,
                                    Recent& out,
                                    bool nearOnly) const
{
    const uint32_t N = m_nNodes;
    out.dev.resize(N);
    out.nearMean.resize(N);
    out.wideMean.resize(N);
    const size_t base = static_cast<size_t>(bin) * N;
    for (uint32_t n = 0; n < N; ++n)
    {
        const double l = logAggregate[n];
        out.dev[n] = std::isfinite(l) && m_count[base + n] > 0 ? l - m_logMean[base + n] : 0.0;
    }
    // The near and wide lists are prefixes of one list of nearest nodes, so one running sum
    // gives both means, with the same additions in the same order as two separate sums.
    const uint32_t keep = std::max(m_nearUsed, m_wideUsed);
    if (nearOnly)
    {
        const double divisor = 1.0 + m_nearUsed;
        for (uint32_t n = 0; n < N; ++n)
        {
            const uint32_t* list = m_neighbours.data() + static_cast<size_t>(n) * keep;
            double sum = out.dev[n];
            for (uint32_t k = 0; k < m_nearUsed; ++k)
            {
                sum += out.dev[list[k]];
            }
            out.nearMean[n] = sum / divisor;
        }
        return;
    }
    const double nearDivisor = 1.0 + m_nearUsed;
    const double wideDivisor = 1.0 + m_wideUsed;
    const double* dev = out.dev.data();
    // The shorter list's mean first, then the longer one's, each one division of the running
    // sum: no test inside the summing loops.
    const uint32_t shorter = std::min(m_nearUsed, m_wideUsed);
    const bool nearIsShorter = m_nearUsed <= m_wideUsed;
    const bool wideIsShorter = m_wideUsed <= m_nearUsed;
    double* nearMean = out.nearMean.data();
    double* wideMean = out.wideMean.data();
    for (uint32_t n = 0; n < N; ++n)
    {
        const uint32_t* list = m_neighbours.data() + static_cast<size_t>(n) * keep;
        double sum = dev[n];
        uint32_t k = 0;
        for (; k < shorter; ++k)
        {
            sum += dev[list[k]];
        }
        if (nearIsShorter)
        {
            nearMean[n] = sum / nearDivisor;
        }
        if (wideIsShorter)
        {
            wideMean[n] = sum / wideDivisor;
        }
        for (; k < keep; ++k)
        {
            sum += dev[list[k]];
        }
        if (!nearIsShorter)
        {
            nearMean[n] = sum / nearDivisor;
        }
        if (!wideIsShorter)
        {
            wideMean[n] = sum / wideDivisor;
        }
    }
}

void
LinearDecomposer::Features(uint32_t node,
                           const Recent& now,
                           const Recent* shortAgo,
                           const Recent* longAgo,
                           double* x) const
{
    const double dev = now.dev[node];
    const double nearNow = now.nearMean[node];
    x[0] = 1.0;
    x[1] = dev;
    x[2] = nearNow;
    x[3] = now.wideMean[node];
    x[4] = shortAgo ? nearNow - shortAgo->nearMean[node] : 0.0;
    x[5] = longAgo ? nearNow - longAgo->nearMean[node] : 0.0;
    x[6] = dev * dev;
}

void
LinearDecomposer::EndTraining()
{
    NS_LOG_FUNCTION(this << m_trainBin.size());
    NS_ABORT_MSG_IF(m_nNodes == 0, "Setup() must come before EndTraining()");
    if (m_trained)
    {
        return;
    }
    const uint32_t S = m_nServices;
    const uint32_t N = m_nNodes;
    constexpr uint32_t F = N_FEATURES;

    // Fallback shares: the node's over all its training intervals, else the catalog's.
    std::vector<double> catalog(S, 1.0 / S);
    const auto& cat = GetSetup().catalog;
    if (cat)
    {
        double total = 0.0;
        for (uint32_t s = 0; s < S; ++s)
        {
            total += cat->Get(s).share;
        }
        for (uint32_t s = 0; s < S && total > 0.0; ++s)
        {
            catalog[s] = cat->Get(s).share / total;
        }
    }
    std::vector<double> nodeShares(static_cast<size_t>(N) * S, 0.0);
    std::vector<uint64_t> nodeCount(N, 0);
    for (uint32_t bin = 0; bin < m_nBins; ++bin)
    {
        for (uint32_t n = 0; n < N; ++n)
        {
            const size_t cell = static_cast<size_t>(bin) * N + n;
            nodeCount[n] += m_count[cell];
            for (uint32_t s = 0; s < S; ++s)
            {
                nodeShares[static_cast<size_t>(n) * S + s] += m_shareMean[cell * S + s];
            }
        }
    }
    for (uint32_t n = 0; n < N; ++n)
    {
        for (uint32_t s = 0; s < S; ++s)
        {
            double& v = nodeShares[static_cast<size_t>(n) * S + s];
            v = nodeCount[n] > 0 ? v / nodeCount[n] : catalog[s];
        }
    }
    // Means per bin.
    ReserveHugePages(m_logShareFloor, m_shareMean.size());
    m_logShareFloor.assign(m_shareMean.size(), 0.0);
    uint64_t fallbacks = 0;
    for (size_t cell = 0; cell < m_count.size(); ++cell)
    {
        const uint32_t c = m_count[cell];
        double* mean = m_shareMean.data() + cell * S;
        if (c > 0)
        {
            m_logMean[cell] /= c;
            for (uint32_t s = 0; s < S; ++s)
            {
                mean[s] /= c;
            }
        }
        else
        {
            ++fallbacks;
            const double* fb = nodeShares.data() + (cell % N) * S;
            std::copy(fb, fb + S, mean);
        }
        for (uint32_t s = 0; s < S; ++s)
        {
            m_logShareFloor[cell * S + s] = std::log(std::max(mean[s], SHARE_FLOOR));
        }
    }

    // The fit: replay the kept training intervals with the final means.
    const size_t nTrain = m_trainBin.size();
    const uint32_t R = m_longLag + 1;
    std::vector<Recent> ring(R);
    Eigen::Matrix<double, F, F> ata = Eigen::Matrix<double, F, F>::Zero();
    Eigen::Matrix<double, F, Eigen::Dynamic> atb =
        Eigen::Matrix<double, F, Eigen::Dynamic>::Zero(F, S);
    double x[F];
    size_t fitRowIndex = 0;
    for (size_t i = 0; i < nTrain; ++i)
    {
        // Only the fit rows, their lags and the last R intervals (the first decomposed
        // intervals' lags) are read back from the ring; the other intervals are skipped.
        const bool needed =
            IsFitRow(i) || IsFitRow(i + m_shortLag) || IsFitRow(i + m_longLag) || i + R >= nTrain;
        if (!needed)
        {
            continue;
        }
        const float* logAgg = m_trainLogAggregate.data() + i * N;
        m_scratch.assign(logAgg, logAgg + N);
        const uint32_t bin = m_trainBin[i];
        Recent& now = ring[i % R];
        // An interval read only as a fit row's lag needs its near means only.
        ComputeDeviations(bin, m_scratch.data(), now, !IsFitRow(i) && i + R < nTrain);
        now.interval = m_trainInterval[i];
        if (!IsFitRow(i))
        {
            continue;
        }
        const Recent& shortAgo = ring[(i - m_shortLag) % R];
        const Recent& longAgo = ring[(i - m_longLag) % R];
        const float* logShare = m_trainLogShare.data() + fitRowIndex++ * static_cast<size_t>(N) * S;
        for (uint32_t n = 0; n < N; ++n)
        {
            const size_t cell = static_cast<size_t>(bin) * N + n;
            if (!std::isfinite(m_scratch[n]) || m_count[cell] == 0)
            {
                continue;
            }
            Features(n, now, &shortAgo, &longAgo, x);
            for (uint32_t a = 0; a < F; ++a)
            {
                for (uint32_t b = a; b < F; ++b)
                {
                    ata(a, b) += x[a] * x[b];
                }
            }
            const float* ls = logShare + static_cast<size_t>(n) * S;
            const double* floorLog = m_logShareFloor.data() + cell * S;
            for (uint32_t s = 0; s < S; ++s)
            {
                const double y = static_cast<double>(ls[s]) - floorLog[s];
                for (uint32_t a = 0; a < F; ++a)
                {
                    atb(a, s) += x[a] * y;
                }
            }
            ++m_nFitRows;
        }
    }
    for (uint32_t a = 0; a < F; ++a)
    {
        for (uint32_t b = 0; b < a; ++b)
        {
            ata(a, b) = ata(b, a);
        }
    }
    if (m_nFitRows > 0)
    {
        const Eigen::Matrix<double, F, Eigen::Dynamic> beta =
            ata.completeOrthogonalDecomposition().solve(atb);
        for (uint32_t s = 0; s < S; ++s)
        {
            for (uint32_t a = 0; a < F; ++a)
            {
                const double v = beta(a, s);
                m_beta[static_cast<size_t>(s) * F + a] = std::isfinite(v) ? v : 0.0;
            }
        }
    }
    // The last training intervals are the lags of the first decomposed ones.
    for (auto& entry : ring)
    {
        if (entry.interval != UINT64_MAX)
        {
            m_recent[entry.interval % R] = std::move(entry);
        }
    }
    m_trainLogAggregate = {};
    m_trainLogShare = {};
    m_trainBin = {};
    m_trainInterval = {};
    m_trained = true;
    NS_LOG_INFO("linear decomposer at " << GetSetup().level << ": " << nTrain
                                        << " training intervals, " << m_nFitRows << " fit rows, "
                                        << fallbacks << " bins on fallback shares");
}

const LinearDecomposer::Recent&
LinearDecomposer::Remember(const DecompositionContext& context, const double* aggregate)
{
    Recent& entry = m_recent[context.interval % m_recent.size()];
    if (entry.interval != context.interval)
    {
        m_scratch.resize(m_nNodes);
        for (uint32_t n = 0; n < m_nNodes; ++n)
        {
            m_scratch[n] = aggregate[n] > 0.0 ? std::log(aggregate[n])
                                              : -std::numeric_limits<double>::infinity();
        }
        ComputeDeviations(Bin(context.dayType, context.intervalOfDay), m_scratch.data(), entry);
        entry.interval = context.interval;
    }
    return entry;
}

const LinearDecomposer::Recent*
LinearDecomposer::Recall(uint64_t interval) const
{
    const Recent& entry = m_recent[interval % m_recent.size()];
    return entry.interval == interval ? &entry : nullptr;
}

void
LinearDecomposer::Observe(const DecompositionContext& context, const DemandMatrix& truth)
{
    if (!m_trained || Recall(context.interval))
    {
        return;
    }
    NS_ABORT_MSG_IF(truth.GetNServices() != m_nServices || truth.GetNNodes() != m_nNodes,
                    "observed matrix of the wrong shape");
    std::vector<double> agg(m_nNodes, 0.0);
    const double* d = truth.Data();
    for (uint32_t s = 0; s < m_nServices; ++s)
    {
        const double* row = d + static_cast<size_t>(s) * m_nNodes;
        for (uint32_t n = 0; n < m_nNodes; ++n)
        {
            agg[n] += row[n];
        }
    }
    Remember(context, agg.data());
}

void
LinearDecomposer::Decompose(const DecompositionContext& context,
                            const AggregateHistory& history,
                            DemandMatrix& estimate)
{
    if (!m_trained)
    {
        EndTraining();
    }
    const std::vector<double>& aggregate = history.Newest();
    NS_ABORT_MSG_IF(aggregate.size() != m_nNodes, "history of the wrong shape");
    const uint32_t S = m_nServices;
    const uint32_t N = m_nNodes;
    constexpr uint32_t F = N_FEATURES;
    if (estimate.GetNServices() != S || estimate.GetNNodes() != N)
    {
        estimate.Resize(S, N);
    }
    const Recent& now = Remember(context, aggregate.data());
    const Recent* shortAgo =
        context.interval >= m_shortLag ? Recall(context.interval - m_shortLag) : nullptr;
    const Recent* longAgo =
        context.interval >= m_longLag ? Recall(context.interval - m_longLag) : nullptr;
    const uint32_t bin = Bin(context.dayType, context.intervalOfDay);
    double* out = estimate.Data();
    double x[F];
    std::vector<double> e(S);
    for (uint32_t n = 0; n < N; ++n)
    {
        const double agg = aggregate[n];
        const double* base = m_shareMean.data() + (static_cast<size_t>(bin) * N + n) * S;
        if (!(agg > 0.0))
        {
            for (uint32_t s = 0; s < S; ++s)
            {
                out[static_cast<size_t>(s) * N + n] = 0.0;
            }
            continue;
        }
        Features(n, now, shortAgo, longAgo, x);
        double eMax = -INFINITY;
        for (uint32_t s = 0; s < S; ++s)
        {
            const double* beta = m_beta.data() + static_cast<size_t>(s) * F;
            double v = 0.0;
            for (uint32_t a = 0; a < F; ++a)
            {
                v += beta[a] * x[a];
            }
            e[s] = v;
            eMax = std::max(eMax, v);
        }
        double z = 0.0;
        for (uint32_t s = 0; s < S; ++s)
        {
            e[s] = base[s] * std::exp(e[s] - eMax);
            z += e[s];
        }
        const bool usable = z > 0.0 && std::isfinite(z);
        for (uint32_t s = 0; s < S; ++s)
        {
            // Shares of a usable correction, else the base shares (which sum to 1).
            out[static_cast<size_t>(s) * N + n] = (usable ? e[s] / z : base[s]) * agg;
        }
    }
}

std::string
LinearDecomposer::GetName() const
{
    return "linear";
}

std::array<double, LinearDecomposer::N_FEATURES>
LinearDecomposer::GetCoefficients(uint32_t service) const
{
    NS_ABORT_MSG_IF(!m_trained, "GetCoefficients() before EndTraining()");
    NS_ABORT_MSG_IF(service >= m_nServices, "no such service");
    std::array<double, N_FEATURES> beta;
    std::copy_n(m_beta.data() + static_cast<size_t>(service) * N_FEATURES, N_FEATURES, beta.data());
    return beta;
}

double
LinearDecomposer::GetBaseShare(DayType dayType,
                               uint32_t intervalOfDay,
                               uint32_t service,
                               uint32_t node) const
{
    NS_ABORT_MSG_IF(!m_trained, "GetBaseShare() before EndTraining()");
    NS_ABORT_MSG_IF(service >= m_nServices || node >= m_nNodes, "no such service or node");
    return m_shareMean[(static_cast<size_t>(Bin(dayType, intervalOfDay)) * m_nNodes + node) *
                           m_nServices +
                       service];
}

uint64_t
LinearDecomposer::GetNFitRows() const
{
    return m_nFitRows;
}

const std::vector<uint32_t>&
LinearDecomposer::GetNearNeighbours(uint32_t node) const
{
    NS_ABORT_MSG_IF(node >= m_near.size(), "no such node (Setup() first)");
    return m_near[node];
}

} // namespace ns3
