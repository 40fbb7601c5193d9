/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_DATACENTER_TIER_BUILDER_H
#define MICROSCOPE_DATACENTER_TIER_BUILDER_H

#include "delaunay-graph.h"
#include "graph-partitioner.h"
#include "network-level.h"
#include "network-topology.h"

#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Load balance and shape of one datacenter level.
 */
struct TierStatistics
{
    uint32_t nodes{0};            //!< datacenters
    double maxLoad{0};            //!< load of the most loaded datacenter (Mbps)
    double minLoad{0};            //!< load of the least loaded datacenter (Mbps)
    double maxMinLoadRatio{0};    //!< maxLoad / minLoad (infinite if minLoad is 0)
    uint32_t minAntennas{0};      //!< antennas of the smallest cluster
    uint32_t maxAntennas{0};      //!< antennas of the largest cluster
    bool allConnected{false};     //!< every cluster connected in the Delaunay graph
    double meanDistanceM{0};      //!< mean antenna-to-datacenter distance (m)
    uint32_t repairedAntennas{0}; //!< antennas moved by the connectivity repair
};

/**
 * \ingroup microscope
 * \brief Builds the MEC, C-RAN and core datacenter levels above the antennas: the Delaunay
 * graph of the antenna positions is partitioned by METIS (GraphPartitioner) once per level
 * into clusters of comparable traffic load, each cluster gets a datacenter at its centroid
 * (an ns-3 Node with a ConstantPositionMobilityModel), and the NetworkTopology is filled.
 *
 * The Microscope paper (Sec. 6.4) uses 50 MEC facilities, 30 C-RAN and 10 core datacenters
 * for 792 antennas; by default the counts scale with the number of antennas.
 */
class DatacenterTierBuilder : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    DatacenterTierBuilder();
    ~DatacenterTierBuilder() override;

    /**
     * TracedCallback signature of a built level.
     * \param level the level.
     * \param statistics its load balance and shape.
     */
    typedef void (*LevelBuiltTracedCallback)(NetworkLevel level, const TierStatistics& statistics);

    /**
     * Build the three datacenter levels.
     * \param topology the topology, with its antennas set; its levels are set here.
     * \param antennaLoad each antenna's mean traffic (Mbps), the partition's vertex weights.
     * \throw InputError if a level has more datacenters than there are antennas (naming the
     *        attribute), or on invalid positions or loads.
     */
    void Build(Ptr<NetworkTopology> topology, const std::vector<double>& antennaLoad);

    /**
     * \param level MEC, CRAN or CORE.
     * \param nAntennas the number of antennas.
     * \return the number of datacenters the level gets: the attribute, or if it is 0,
     *         round(paper count * nAntennas / 792), at least 1.
     */
    uint32_t GetNodeCount(NetworkLevel level, uint32_t nAntennas) const;

    /**
     * \param level MEC, CRAN or CORE (after Build()).
     * \return the level's statistics.
     */
    TierStatistics GetStatistics(NetworkLevel level) const;

    /// \return the Delaunay graph of the last Build().
    const DelaunayGraph& GetGraph() const;

    /// \return the partitioner.
    Ptr<GraphPartitioner> GetPartitioner() const;

    /**
     * Assign fixed random variable streams (METIS seeds).
     * \param stream first stream index to use
     * \return the number of stream indices assigned
     */
    int64_t AssignStreams(int64_t stream);

protected:
    void DoDispose() override;

private:
    uint32_t m_mecNodes;                                  //!< MEC datacenters (0: scaled)
    uint32_t m_cranNodes;                                 //!< C-RAN datacenters (0: scaled)
    uint32_t m_coreNodes;                                 //!< core datacenters (0: scaled)
    double m_imbalance;                                   //!< partition imbalance
    double m_edgeWeightScale;                             //!< edge-length weighting
    bool m_contiguous;                                    //!< contiguous clusters
    Ptr<GraphPartitioner> m_partitioner;                  //!< METIS wrapper
    DelaunayGraph m_graph;                                //!< last graph
    std::array<TierStatistics, N_NETWORK_LEVELS> m_stats; //!< per level
    TracedCallback<NetworkLevel, const TierStatistics&> m_levelBuiltTrace; //!< LevelBuilt
};

} // namespace ns3

#endif /* MICROSCOPE_DATACENTER_TIER_BUILDER_H */
