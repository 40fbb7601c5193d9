/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "datacenter-tier-builder.h"

#include "input-error.h"

#include "ns3/boolean.h"
#include "ns3/constant-position-mobility-model.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/node-container.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DatacenterTierBuilder");

NS_OBJECT_ENSURE_REGISTERED(DatacenterTierBuilder);

namespace
{

/// The paper's antennas and datacenter counts (Sec. 6.4).
constexpr double PAPER_ANTENNAS = 792.0;

/**
 * \param level a datacenter level.
 * \return the paper's datacenter count.
 */
double
PaperCount(NetworkLevel level)
{
    switch (level)
    {
    case NetworkLevel::MEC:
        return 50;
    case NetworkLevel::CRAN:
        return 30;
    case NetworkLevel::CORE:
        return 10;
    default:
        return 0;
    }
}

/**
 * \param level a datacenter level.
 * \return the name of its count attribute.
 */
std::string
AttributeName(NetworkLevel level)
{
    switch (level)
    {
    case NetworkLevel::MEC:
        return "MecNodes";
    case NetworkLevel::CRAN:
        return "CranNodes";
    default:
        return "CoreNodes";
    }
}

} // namespace

TypeId
DatacenterTierBuilder::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DatacenterTierBuilder")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<DatacenterTierBuilder>()
            .AddAttribute("MecNodes",
                          "MEC facilities; 0 scales the paper's 50 for 792 antennas with the "
                          "number of antennas.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&DatacenterTierBuilder::m_mecNodes),
                          MakeUintegerChecker<uint32_t>(0, 100000))
            .AddAttribute("CranNodes",
                          "C-RAN datacenters; 0 scales the paper's 30 for 792 antennas with the "
                          "number of antennas.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&DatacenterTierBuilder::m_cranNodes),
                          MakeUintegerChecker<uint32_t>(0, 100000))
            .AddAttribute("CoreNodes",
                          "Core datacenters; 0 scales the paper's 10 for 792 antennas with the "
                          "number of antennas.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&DatacenterTierBuilder::m_coreNodes),
                          MakeUintegerChecker<uint32_t>(0, 100000))
            .AddAttribute("Imbalance",
                          "Allowed load imbalance of each level's clusters (GraphPartitioner).",
                          DoubleValue(1.05),
                          MakeDoubleAccessor(&DatacenterTierBuilder::m_imbalance),
                          MakeDoubleChecker<double>(1.001, 10.0))
            .AddAttribute("EdgeWeightScale",
                          "Exponent of the edge-length weighting of the partition "
                          "(GraphPartitioner): larger values avoid cutting short links more.",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&DatacenterTierBuilder::m_edgeWeightScale),
                          MakeDoubleChecker<double>(0.0, 4.0))
            .AddAttribute("Contiguous",
                          "Ask METIS for contiguous clusters (GraphPartitioner).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&DatacenterTierBuilder::m_contiguous),
                          MakeBooleanChecker())
            .AddTraceSource("LevelBuilt",
                            "A datacenter level was built: its load balance and shape.",
                            MakeTraceSourceAccessor(&DatacenterTierBuilder::m_levelBuiltTrace),
                            "ns3::DatacenterTierBuilder::LevelBuiltTracedCallback");
    return tid;
}

DatacenterTierBuilder::DatacenterTierBuilder()
    : m_mecNodes(0),
      m_cranNodes(0),
      m_coreNodes(0),
      m_imbalance(1.05),
      m_edgeWeightScale(1.0),
      m_contiguous(true)
{
    NS_LOG_FUNCTION(this);
    m_partitioner = CreateObject<GraphPartitioner>();
}

DatacenterTierBuilder::~DatacenterTierBuilder()
{
    NS_LOG_FUNCTION(this);
}

int64_t
DatacenterTierBuilder::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    return m_partitioner->AssignStreams(stream);
}

uint32_t
DatacenterTierBuilder::GetNodeCount(NetworkLevel level, uint32_t nAntennas) const
{
    uint32_t given = level == NetworkLevel::MEC    ? m_mecNodes
                     : level == NetworkLevel::CRAN ? m_cranNodes
                                                   : m_coreNodes;
    if (given > 0)
    {
        return given;
    }
    const double scaled = std::round(PaperCount(level) * nAntennas / PAPER_ANTENNAS);
    return static_cast<uint32_t>(std::max(1.0, scaled));
}

void
DatacenterTierBuilder::Build(Ptr<NetworkTopology> topology, const std::vector<double>& antennaLoad)
{
    NS_LOG_FUNCTION(this << topology);
    const std::vector<Vector>& positions = topology->GetAntennaPositions();
    const uint32_t n = static_cast<uint32_t>(positions.size());
    if (antennaLoad.size() != n)
    {
        throw InputError("tier builder: " + std::to_string(antennaLoad.size()) +
                         " antenna loads for " + std::to_string(n) + " antennas");
    }
    for (auto level : {NetworkLevel::MEC, NetworkLevel::CRAN, NetworkLevel::CORE})
    {
        const uint32_t k = GetNodeCount(level, n);
        if (k > n)
        {
            throw InputError::ForAttribute(AttributeName(level),
                                           std::to_string(k) + " datacenters for " +
                                               std::to_string(n) + " antennas");
        }
    }
    m_partitioner->SetAttribute("Imbalance", DoubleValue(m_imbalance));
    m_partitioner->SetAttribute("EdgeWeightScale", DoubleValue(m_edgeWeightScale));
    m_partitioner->SetAttribute("Contiguous", BooleanValue(m_contiguous));
    m_graph.Build(positions);

    for (auto level : {NetworkLevel::MEC, NetworkLevel::CRAN, NetworkLevel::CORE})
    {
        const uint32_t k = GetNodeCount(level, n);
        std::vector<uint32_t> part = m_partitioner->Partition(m_graph, positions, antennaLoad, k);

        std::vector<Vector> centroids(k, Vector(0, 0, 0));
        std::vector<uint32_t> counts(k, 0);
        std::vector<double> load(k, 0.0);
        std::vector<std::vector<uint32_t>> members(k);
        for (uint32_t a = 0; a < n; ++a)
        {
            centroids[part[a]].x += positions[a].x;
            centroids[part[a]].y += positions[a].y;
            ++counts[part[a]];
            load[part[a]] += antennaLoad[a];
            members[part[a]].push_back(a);
        }
        for (uint32_t c = 0; c < k; ++c)
        {
            centroids[c].x /= counts[c];
            centroids[c].y /= counts[c];
        }
        NodeContainer nodes;
        nodes.Create(k);
        for (uint32_t c = 0; c < k; ++c)
        {
            Ptr<ConstantPositionMobilityModel> mobility =
                CreateObject<ConstantPositionMobilityModel>();
            mobility->SetPosition(centroids[c]);
            nodes.Get(c)->AggregateObject(mobility);
        }
        topology->SetLevel(level, part, centroids, nodes);

        TierStatistics s;
        s.nodes = k;
        s.maxLoad = *std::max_element(load.begin(), load.end());
        s.minLoad = *std::min_element(load.begin(), load.end());
        s.maxMinLoadRatio =
            s.minLoad > 0 ? s.maxLoad / s.minLoad : std::numeric_limits<double>::infinity();
        s.minAntennas = *std::min_element(counts.begin(), counts.end());
        s.maxAntennas = *std::max_element(counts.begin(), counts.end());
        s.allConnected = true;
        for (const auto& m : members)
        {
            s.allConnected = s.allConnected && m_graph.IsConnected(m);
        }
        double distance = 0.0;
        for (uint32_t a = 0; a < n; ++a)
        {
            distance += CalculateDistance(positions[a], centroids[part[a]]);
        }
        s.meanDistanceM = distance / n;
        s.repairedAntennas = m_partitioner->GetNRepaired();
        m_stats[NetworkLevelIndex(level)] = s;
        NS_LOG_INFO(NetworkLevelName(level)
                    << ": " << k << " datacenters, " << s.minAntennas << "-" << s.maxAntennas
                    << " antennas each, max/min load " << s.maxMinLoadRatio << ", connected "
                    << s.allConnected << ", mean distance " << s.meanDistanceM << " m");
        m_levelBuiltTrace(level, s);
    }
}

TierStatistics
DatacenterTierBuilder::GetStatistics(NetworkLevel level) const
{
    return m_stats[NetworkLevelIndex(level)];
}

const DelaunayGraph&
DatacenterTierBuilder::GetGraph() const
{
    return m_graph;
}

Ptr<GraphPartitioner>
DatacenterTierBuilder::GetPartitioner() const
{
    return m_partitioner;
}

void
DatacenterTierBuilder::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_partitioner = nullptr;
    Object::DoDispose();
}

} // namespace ns3
