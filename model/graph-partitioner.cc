/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "graph-partitioner.h"

#include "input-error.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <metis.h>
#include <numeric>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("GraphPartitioner");

NS_OBJECT_ENSURE_REGISTERED(GraphPartitioner);

TypeId
GraphPartitioner::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::GraphPartitioner")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<GraphPartitioner>()
            .AddAttribute("Imbalance",
                          "Allowed load imbalance of the parts: the heaviest part may carry up "
                          "to this factor times the average load (METIS load imbalance "
                          "tolerance; connectivity repair may exceed it slightly).",
                          DoubleValue(1.05),
                          MakeDoubleAccessor(&GraphPartitioner::m_imbalance),
                          MakeDoubleChecker<double>(1.001, 10.0))
            .AddAttribute("EdgeWeightScale",
                          "Exponent p of the edge weights 100 * (median length / length)^p: "
                          "0 weighs all Delaunay links alike, larger values make METIS avoid "
                          "cutting short links more strongly.",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&GraphPartitioner::m_edgeWeightScale),
                          MakeDoubleChecker<double>(0.0, 4.0))
            .AddAttribute("Contiguous",
                          "Ask METIS for contiguous parts (METIS_OPTION_CONTIG).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&GraphPartitioner::m_contiguous),
                          MakeBooleanChecker());
    return tid;
}

GraphPartitioner::GraphPartitioner()
    : m_imbalance(1.05),
      m_edgeWeightScale(1.0),
      m_contiguous(true),
      m_nRepaired(0)
{
    NS_LOG_FUNCTION(this);
    m_seedStream = CreateObject<UniformRandomVariable>();
}

GraphPartitioner::~GraphPartitioner()
{
    NS_LOG_FUNCTION(this);
}

int64_t
GraphPartitioner::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_seedStream->SetStream(stream);
    return 1;
}

uint32_t
GraphPartitioner::GetNRepaired() const
{
    return m_nRepaired;
}

std::vector<uint32_t>
GraphPartitioner::Partition(const DelaunayGraph& graph,
                            const std::vector<Vector>& positions,
                            const std::vector<double>& vertexLoad,
                            uint32_t k)
{
    NS_LOG_FUNCTION(this << k);
    const uint32_t n = graph.GetNVertices();
    if (positions.size() != n || vertexLoad.size() != n)
    {
        throw InputError("partition: positions, loads and graph differ in size");
    }
    if (k == 0 || k > n)
    {
        throw InputError("cannot make " + std::to_string(k) + " clusters of " + std::to_string(n) +
                         " antennas");
    }
    double total = 0.0;
    for (double l : vertexLoad)
    {
        if (!(l >= 0.0) || !std::isfinite(l))
        {
            throw InputError("partition: antenna loads must be finite and non-negative");
        }
        total += l;
    }
    m_nRepaired = 0;
    std::vector<uint32_t> part(n, 0);
    if (k == 1)
    {
        return part;
    }
    if (k == n)
    {
        std::iota(part.begin(), part.end(), 0U);
        return part;
    }

    // CSR adjacency with weights.
    const auto& neighbours = graph.GetNeighbours();
    std::vector<double> lengths;
    for (const auto& [a, b] : graph.GetEdges())
    {
        lengths.push_back(CalculateDistance(positions[a], positions[b]));
    }
    std::vector<double> sorted = lengths;
    std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
    const double reference = std::max(sorted[sorted.size() / 2], 1e-9);
    std::vector<idx_t> xadj(n + 1, 0);
    std::vector<idx_t> adjncy;
    std::vector<idx_t> adjwgt;
    for (uint32_t v = 0; v < n; ++v)
    {
        for (uint32_t w : neighbours[v])
        {
            const double len = std::max(CalculateDistance(positions[v], positions[w]), 1e-9);
            const double weight = 100.0 * std::pow(reference / len, m_edgeWeightScale);
            adjncy.push_back(static_cast<idx_t>(w));
            adjwgt.push_back(static_cast<idx_t>(std::clamp(std::round(weight), 1.0, 1e6)));
        }
        xadj[v + 1] = static_cast<idx_t>(adjncy.size());
    }
    const double mean = total / n;
    std::vector<idx_t> vwgt(n, 1);
    for (uint32_t v = 0; v < n; ++v)
    {
        vwgt[v] = mean > 0
                      ? static_cast<idx_t>(std::max(1.0, std::round(1000.0 * vertexLoad[v] / mean)))
                      : 1;
    }

    idx_t options[METIS_NOPTIONS];
    METIS_SetDefaultOptions(options);
    options[METIS_OPTION_NUMBERING] = 0;
    options[METIS_OPTION_CONTIG] = m_contiguous ? 1 : 0;
    options[METIS_OPTION_SEED] = static_cast<idx_t>(m_seedStream->GetInteger(0, 1 << 30));
    idx_t nvtxs = static_cast<idx_t>(n);
    idx_t ncon = 1;
    idx_t nparts = static_cast<idx_t>(k);
    real_t ubvec = static_cast<real_t>(m_imbalance);
    idx_t objval = 0;
    std::vector<idx_t> result(n, 0);
    int status = METIS_PartGraphKway(&nvtxs,
                                     &ncon,
                                     xadj.data(),
                                     adjncy.data(),
                                     vwgt.data(),
                                     nullptr,
                                     adjwgt.data(),
                                     &nparts,
                                     nullptr,
                                     &ubvec,
                                     options,
                                     &objval,
                                     result.data());
    if (status != METIS_OK && m_contiguous)
    {
        // Contiguity cannot always be met (e.g. a disconnected graph): retry without it and
        // let the repair below restore connected parts.
        NS_LOG_WARN("METIS failed with contiguous parts (" << status << "), retrying without");
        options[METIS_OPTION_CONTIG] = 0;
        status = METIS_PartGraphKway(&nvtxs,
                                     &ncon,
                                     xadj.data(),
                                     adjncy.data(),
                                     vwgt.data(),
                                     nullptr,
                                     adjwgt.data(),
                                     &nparts,
                                     nullptr,
                                     &ubvec,
                                     options,
                                     &objval,
                                     result.data());
    }
    if (status != METIS_OK)
    {
        throw InputError("METIS could not partition the graph (status " + std::to_string(status) +
                         ")");
    }
    for (uint32_t v = 0; v < n; ++v)
    {
        part[v] = static_cast<uint32_t>(result[v]);
    }
    Repair(graph, vertexLoad, k, part);
    NS_LOG_INFO("partitioned " << n << " vertices into " << k << " parts, edge cut " << objval
                               << ", " << m_nRepaired << " vertices moved by the repair");
    return part;
}

void
GraphPartitioner::Repair(const DelaunayGraph& graph,
                         const std::vector<double>& load,
                         uint32_t k,
                         std::vector<uint32_t>& part)
{
    const uint32_t n = graph.GetNVertices();
    const auto& neighbours = graph.GetNeighbours();
    for (uint32_t round = 0; round < 4 * k + 10; ++round)
    {
        std::vector<std::vector<uint32_t>> members(k);
        std::vector<double> partLoad(k, 0.0);
        for (uint32_t v = 0; v < n; ++v)
        {
            members[part[v]].push_back(v);
            partLoad[part[v]] += load[v];
        }
        bool changed = false;
        // Disconnected parts: keep the largest component, move each other fragment to the
        // adjacent part with the least load.
        for (uint32_t p = 0; p < k && !changed; ++p)
        {
            if (members[p].empty())
            {
                continue;
            }
            auto components = graph.GetComponents(members[p]);
            for (size_t c = 1; c < components.size(); ++c)
            {
                int32_t target = -1;
                for (uint32_t v : components[c])
                {
                    for (uint32_t w : neighbours[v])
                    {
                        if (part[w] != p && (target < 0 || partLoad[part[w]] < partLoad[target]))
                        {
                            target = static_cast<int32_t>(part[w]);
                        }
                    }
                }
                if (target < 0)
                {
                    continue; // an isolated fragment of a disconnected graph
                }
                for (uint32_t v : components[c])
                {
                    part[v] = static_cast<uint32_t>(target);
                    ++m_nRepaired;
                }
                changed = true;
            }
        }
        if (changed)
        {
            continue;
        }
        // Empty parts: take a vertex from the most loaded part that stays connected without
        // it, preferring vertices on the part's boundary.
        for (uint32_t p = 0; p < k && !changed; ++p)
        {
            if (!members[p].empty())
            {
                continue;
            }
            std::vector<uint32_t> donors(k);
            std::iota(donors.begin(), donors.end(), 0U);
            std::sort(donors.begin(),
                      donors.end(),
                      [&partLoad](uint32_t a, uint32_t b) { return partLoad[a] > partLoad[b]; });
            for (uint32_t d : donors)
            {
                if (members[d].size() < 2)
                {
                    continue;
                }
                for (uint32_t v : members[d])
                {
                    std::vector<uint32_t> rest;
                    for (uint32_t w : members[d])
                    {
                        if (w != v)
                        {
                            rest.push_back(w);
                        }
                    }
                    if (graph.IsConnected(rest))
                    {
                        part[v] = p;
                        ++m_nRepaired;
                        changed = true;
                        break;
                    }
                }
                if (changed)
                {
                    break;
                }
            }
        }
        if (!changed)
        {
            return;
        }
    }
    NS_LOG_WARN("connectivity repair did not converge");
}

} // namespace ns3
