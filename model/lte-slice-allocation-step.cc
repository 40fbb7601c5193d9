/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "lte-slice-allocation-step.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <string>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LteSliceAllocationStep");

namespace
{
/**
 * \param values numbers.
 * \param from first index.
 * \param n how many.
 * \return "[a b c]", for the log.
 */
template <typename T>
std::string
Join(const std::vector<T>& values, size_t from, size_t n)
{
    std::ostringstream out;
    out << '[';
    for (size_t k = 0; k < n; ++k)
    {
        out << (k > 0 ? " " : "") << values[from + k];
    }
    out << ']';
    return out.str();
}

/**
 * \param x a matrix.
 * \return the sum of its entries, for the log.
 */
double
Total(const DemandMatrix& x)
{
    double sum = 0;
    for (uint32_t s = 0; s < x.GetNServices(); ++s)
    {
        for (uint32_t n = 0; n < x.GetNNodes(); ++n)
        {
            sum += x(s, n);
        }
    }
    return sum;
}
} // namespace

LteSliceAllocationStep::LteSliceAllocationStep()
{
    NS_LOG_FUNCTION(this);
}

void
LteSliceAllocationStep::SetCell(Ptr<SpectrumAllocator> spectrum,
                                uint32_t bandwidthPrbs,
                                uint32_t rbgSize,
                                uint32_t minRbgs)
{
    NS_LOG_FUNCTION(this << bandwidthPrbs << rbgSize << minRbgs);
    m_spectrum = spectrum;
    m_bandwidthPrbs = bandwidthPrbs;
    m_rbgSize = rbgSize;
    m_minRbgs = minRbgs;
}

void
LteSliceAllocationStep::Setup(const LteSliceWiring& wiring,
                              uint32_t nSlots,
                              double quotaScale,
                              uint32_t minCores,
                              uint32_t minRbgs,
                              uint32_t history)
{
    NS_LOG_FUNCTION(this << nSlots << quotaScale << minCores << minRbgs << history);
    SetCell(wiring.spectrum, wiring.bandwidthPrbs, wiring.rbgSize, minRbgs);
    m_vnf = wiring.vnf;
    m_decomposers = wiring.decomposers;
    m_schedulers = wiring.schedulers;
    m_vnfs = wiring.vnfs;
    m_serviceSlice = wiring.serviceSlice;
    m_fixedQuotas = wiring.fixedQuotas;
    m_nServices = static_cast<uint32_t>(wiring.serviceSlice.size());
    m_nSlices = static_cast<uint32_t>(wiring.sliceNames.size());
    m_nEnbs = static_cast<uint32_t>(wiring.schedulers.size());
    m_minCores = minCores;
    m_quotaScale = quotaScale;
    m_history = history;
    m_scaledQuotas = 0;
    m_repairs.fill(0);
    const uint32_t n = nSlots + 1;
    uint32_t coreOffset = 0;
    for (auto level : ALL_NETWORK_LEVELS)
    {
        const uint32_t l = NetworkLevelIndex(level);
        if (level != NetworkLevel::ANTENNA)
        {
            m_coreOffset[l] = coreOffset;
            coreOffset += static_cast<uint32_t>(m_vnfs[l].size()) * m_nSlices;
        }
    }
    m_quotas.assign(n, std::vector<uint32_t>(static_cast<size_t>(m_nEnbs) * m_nSlices, 0));
    m_cores.assign(n, std::vector<uint32_t>(coreOffset, 0));
}

void
LteSliceAllocationStep::SetQuotasCallback(QuotasCallback sink)
{
    m_quotasSink = sink;
}

void
LteSliceAllocationStep::Dispose()
{
    NS_LOG_FUNCTION(this);
    m_spectrum = nullptr;
    m_vnf = nullptr;
    m_decomposers = {};
    m_schedulers.clear();
    m_vnfs = {};
    m_quotasSink = QuotasCallback();
}

void
LteSliceAllocationStep::SetupLevel(const DecomposerSetup& setup)
{
    NS_LOG_FUNCTION(this << setup.level << setup.nNodes);
    const uint32_t l = NetworkLevelIndex(setup.level);
    NS_ABORT_MSG_IF(!m_decomposers[l], "no decomposer at the " << setup.level << " level");
    m_histories[l].Reset(m_history, setup.nNodes);
    m_decomposers[l]->Setup(setup);
}

void
LteSliceAllocationStep::Train(const DecompositionContext& context, const DemandMatrix& truth)
{
    const uint32_t l = NetworkLevelIndex(context.level);
    m_histories[l].Push(truth.Aggregate());
    m_decomposers[l]->Train(context, m_histories[l], truth);
}

void
LteSliceAllocationStep::EndTraining()
{
    NS_LOG_FUNCTION(this);
    for (auto level : ALL_NETWORK_LEVELS)
    {
        m_decomposers[NetworkLevelIndex(level)]->EndTraining();
    }
}

uint32_t
LteSliceAllocationStep::Decompose(const DecompositionContext& context,
                                  const std::vector<double>& aggregate,
                                  DemandMatrix& estimate)
{
    NS_LOG_FUNCTION(this << context.level << context.interval);
    const uint32_t l = NetworkLevelIndex(context.level);
    m_histories[l].Push(aggregate);
    // Per-slot inference only: the measured aggregate depends on earlier allocations, so
    // no decomposer is ever told aggregates ahead (Decomposer::Prefetch() is not called
    // here, and a NeuralDecomposer's BatchSize has no effect).
    m_decomposers[l]->Decompose(context, m_histories[l], estimate);
    if (estimate.GetNServices() != m_nServices || estimate.GetNNodes() != aggregate.size())
    {
        throw std::runtime_error("LteSliceController: the " + NetworkLevelName(context.level) +
                                 " decomposer returned an estimate of the wrong shape");
    }
    const uint32_t repaired = Decomposer::EnforceConstraints(aggregate, estimate);
    m_repairs[l] += repaired;
    NS_LOG_LOGIC("slot " << context.interval << ' ' << context.level << ": aggregate "
                         << std::accumulate(aggregate.begin(), aggregate.end(), 0.0)
                         << " Mbps, estimate " << Total(estimate) << " Mbps, " << repaired
                         << " node estimates repaired to the aggregate");
    return repaired;
}

void
LteSliceAllocationStep::Allocate(NetworkLevel level,
                                 const DemandMatrix& basis,
                                 DemandMatrix& allocation) const
{
    if (level == NetworkLevel::ANTENNA)
    {
        m_spectrum->Allocate(basis, allocation);
    }
    else
    {
        m_vnf->Allocate(basis, allocation);
    }
    allocation *= m_quotaScale;
    NS_LOG_INFO(level << ": allocated " << Total(allocation) << " Mbps for an estimate of "
                      << Total(basis) << " Mbps (QuotaScale " << m_quotaScale << ")");
}

std::vector<uint32_t>
LteSliceAllocationStep::QuotasFor(const std::vector<double>& mbps, bool& scaled) const
{
    const uint32_t rbg = std::max<uint32_t>(1, m_rbgSize);
    const uint32_t usable = m_bandwidthPrbs / rbg;
    const size_t n = mbps.size();
    std::vector<uint32_t> need(n, 0);
    uint64_t total = 0;
    for (size_t k = 0; k < n; ++k)
    {
        if (mbps[k] > 0)
        {
            const double prbs = m_spectrum->RateToPrbs(mbps[k]);
            need[k] =
                static_cast<uint32_t>(std::min(1e6, std::max(1.0, std::ceil(prbs / rbg - 1e-9))));
        }
        need[k] = std::max(need[k], m_minRbgs);
        total += need[k];
    }
    std::vector<uint32_t> rbgs(n, 0);
    scaled = total > usable;
    if (!scaled)
    {
        rbgs = need;
    }
    else
    {
        NS_LOG_LOGIC("the slices need " << total << " RBGs " << Join(need, 0, n)
                                        << ", the cell has " << usable << ": scaled down");
        // One RBG for every slice with traffic (largest needs first) while RBGs last, then
        // the rest in proportion to the remaining needs, largest remainders first.
        std::vector<size_t> order(n);
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(),
                         order.end(),
                         [&need](size_t a, size_t b) { return need[a] > need[b]; });
        uint32_t left = usable;
        for (size_t k : order)
        {
            if (need[k] > 0 && left > 0)
            {
                rbgs[k] = 1;
                --left;
            }
        }
        double extraTotal = 0;
        for (size_t k = 0; k < n; ++k)
        {
            extraTotal += need[k] - rbgs[k];
        }
        if (left > 0 && extraTotal > 0)
        {
            std::vector<double> remainder(n, 0.0);
            const uint32_t budget = left;
            for (size_t k = 0; k < n; ++k)
            {
                const double share = (need[k] - rbgs[k]) * budget / extraTotal;
                const auto whole = static_cast<uint32_t>(std::floor(share));
                rbgs[k] += whole;
                left -= whole;
                remainder[k] = share - whole;
            }
            std::stable_sort(order.begin(),
                             order.end(),
                             [&remainder](size_t a, size_t b)
                             { return remainder[a] > remainder[b]; });
            for (size_t k : order)
            {
                if (left == 0)
                {
                    break;
                }
                if (rbgs[k] < need[k])
                {
                    ++rbgs[k];
                    --left;
                }
            }
        }
    }
    std::vector<uint32_t> quotas(n);
    for (size_t k = 0; k < n; ++k)
    {
        quotas[k] = rbgs[k] * rbg;
    }
    return quotas;
}

void
LteSliceAllocationStep::Enforce(uint32_t slot,
                                const std::array<DemandMatrix, N_NETWORK_LEVELS>& allocation)
{
    NS_LOG_FUNCTION(this << slot);
    // eNBs: PRB quotas.
    const DemandMatrix& ran = allocation[NetworkLevelIndex(NetworkLevel::ANTENNA)];
    std::vector<double> mbps(m_nSlices);
    for (uint32_t e = 0; e < m_nEnbs; ++e)
    {
        std::fill(mbps.begin(), mbps.end(), 0.0);
        for (uint32_t s = 0; s < m_nServices; ++s)
        {
            mbps[m_serviceSlice[s]] += ran(s, e);
        }
        std::vector<uint32_t> quotas;
        bool scaled = false;
        if (!m_fixedQuotas.empty())
        {
            quotas = m_fixedQuotas;
        }
        else
        {
            quotas = QuotasFor(mbps, scaled);
            m_scaledQuotas += scaled ? 1 : 0;
        }
        if (m_schedulers[e])
        {
            m_schedulers[e]->SetSliceQuotas(quotas);
        }
        std::copy(quotas.begin(), quotas.end(), m_quotas[slot].begin() + e * m_nSlices);
        NS_LOG_INFO("slot " << slot << " eNB " << e << ": PRB quotas " << Join(quotas, 0, m_nSlices)
                            << " for " << Join(mbps, 0, m_nSlices) << " Mbps"
                            << (!m_fixedQuotas.empty() ? " (fixed)" : "")
                            << (scaled ? " (scaled down to the cell)" : "")
                            << (slot == 0 ? ""
                                : std::equal(quotas.begin(),
                                             quotas.end(),
                                             m_quotas[slot - 1].begin() + e * m_nSlices)
                                    ? ", unchanged"
                                    : ", changed from " +
                                          Join(m_quotas[slot - 1], e * m_nSlices, m_nSlices)));
        if (!m_quotasSink.IsNull())
        {
            m_quotasSink(slot, e, quotas);
        }
    }
    // Datacenters: VNF cores.
    for (auto level : LTE_SLICE_DC_LEVELS)
    {
        const uint32_t l = NetworkLevelIndex(level);
        const DemandMatrix& x = allocation[l];
        for (uint32_t node = 0; node < x.GetNNodes(); ++node)
        {
            std::fill(mbps.begin(), mbps.end(), 0.0);
            for (uint32_t s = 0; s < m_nServices; ++s)
            {
                mbps[m_serviceSlice[s]] += x(s, node);
            }
            const size_t row = m_coreOffset[l] + static_cast<size_t>(node) * m_nSlices;
            for (uint32_t k = 0; k < m_nSlices; ++k)
            {
                const auto cores =
                    std::max<uint32_t>(m_minCores, static_cast<uint32_t>(m_vnf->CoresFor(mbps[k])));
                if (!m_vnfs[l].empty())
                {
                    m_vnfs[l][node]->SetSliceCores(static_cast<uint16_t>(k), cores);
                }
                m_cores[slot][row + k] = cores;
            }
            NS_LOG_LOGIC(
                "slot " << slot << ' ' << level << " datacenter " << node << ": cores "
                        << Join(m_cores[slot], row, m_nSlices) << " for "
                        << Join(mbps, 0, m_nSlices) << " Mbps"
                        << (slot == 0 ? ""
                            : std::equal(m_cores[slot].begin() + row,
                                         m_cores[slot].begin() + row + m_nSlices,
                                         m_cores[slot - 1].begin() + row)
                                ? ", unchanged"
                                : ", changed from " + Join(m_cores[slot - 1], row, m_nSlices)));
        }
    }
}

uint32_t
LteSliceAllocationStep::GetQuota(uint32_t slot, uint32_t enb, uint32_t slice) const
{
    return m_quotas.at(slot).at(static_cast<size_t>(enb) * m_nSlices + slice);
}

uint32_t
LteSliceAllocationStep::GetCores(uint32_t slot,
                                 NetworkLevel level,
                                 uint32_t node,
                                 uint32_t slice) const
{
    return m_cores.at(slot).at(m_coreOffset[NetworkLevelIndex(level)] +
                               static_cast<size_t>(node) * m_nSlices + slice);
}

uint64_t
LteSliceAllocationStep::GetNScaledQuotas() const
{
    return m_scaledQuotas;
}

uint64_t
LteSliceAllocationStep::GetNRepairs(NetworkLevel level) const
{
    return m_repairs[NetworkLevelIndex(level)];
}

} // namespace ns3
