/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_NETWORK_TOPOLOGY_H
#define MICROSCOPE_NETWORK_TOPOLOGY_H

#include "demand-matrix.h"
#include "network-level.h"

#include "ns3/node-container.h"
#include "ns3/object.h"
#include "ns3/vector.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The antennas and the datacenters above them: for each level (MEC, C-RAN, core), the
 * datacenter that serves every antenna, the datacenters' positions and their ns-3 Nodes.
 *
 * The antenna level is the identity: node i is antenna i. The levels are independent
 * partitions of the antennas, as in the Microscope paper (Sec. 6.4).
 */
class NetworkTopology : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    NetworkTopology();
    ~NetworkTopology() override;

    /**
     * Set the antennas.
     * \param positions positions in metres.
     * \param ids identifiers (as read from a file); empty for "0", "1", ...
     * \param nodes the antennas' ns-3 Nodes (may be empty).
     */
    void SetAntennas(const std::vector<Vector>& positions,
                     const std::vector<std::string>& ids,
                     NodeContainer nodes);

    /**
     * Set a datacenter level.
     * \param level MEC, CRAN or CORE.
     * \param assignment for each antenna, the index of its datacenter.
     * \param positions the datacenters' positions in metres.
     * \param nodes the datacenters' ns-3 Nodes (may be empty).
     */
    void SetLevel(NetworkLevel level,
                  const std::vector<uint32_t>& assignment,
                  const std::vector<Vector>& positions,
                  NodeContainer nodes);

    /// \return the number of antennas.
    uint32_t GetNAntennas() const;

    /// \return the antennas' positions in metres.
    const std::vector<Vector>& GetAntennaPositions() const;

    /// \return the antennas' identifiers.
    const std::vector<std::string>& GetAntennaIds() const;

    /**
     * \param level a level.
     * \return true if it is set (the antenna level always is, once antennas are).
     */
    bool HasLevel(NetworkLevel level) const;

    /**
     * \param level a level.
     * \return its number of nodes (antennas at the antenna level).
     */
    uint32_t GetNNodes(NetworkLevel level) const;

    /**
     * \param level a level.
     * \param antenna an antenna index.
     * \return the index of the level's node serving the antenna.
     */
    uint32_t GetNodeOf(NetworkLevel level, uint32_t antenna) const;

    /**
     * \param level a level.
     * \return for each antenna, its node at the level.
     */
    const std::vector<uint32_t>& GetAssignment(NetworkLevel level) const;

    /**
     * \param level a level.
     * \param node a node index.
     * \return the antennas it serves, in increasing order.
     */
    std::vector<uint32_t> GetAntennasOf(NetworkLevel level, uint32_t node) const;

    /**
     * \param level a level.
     * \return the positions of its nodes in metres.
     */
    const std::vector<Vector>& GetNodePositions(NetworkLevel level) const;

    /**
     * \param level a level.
     * \return its ns-3 Nodes (antenna or datacenter Nodes).
     */
    NodeContainer GetNodes(NetworkLevel level) const;

    /**
     * Sum antenna-level demand into a level's nodes.
     * \param level the level.
     * \param antennaDemand (services, antennas).
     * \param nodeDemand receives (services, nodes of the level).
     */
    void Aggregate(NetworkLevel level,
                   const DemandMatrix& antennaDemand,
                   DemandMatrix& nodeDemand) const;

    /**
     * Write `antenna,x_m,y_m,mec,cran,core` (antenna identifiers and datacenter indices).
     * \param path the CSV file.
     */
    void WriteTopologyCsv(const std::string& path) const;

    /**
     * Write `level,node,x_m,y_m,antennas`, one row per node of every level that is set.
     * \param path the CSV file.
     */
    void WriteNodesCsv(const std::string& path) const;

protected:
    void DoDispose() override;

private:
    /// One level's partition.
    struct Level
    {
        bool set{false};                  //!< whether the level is set
        std::vector<uint32_t> assignment; //!< antenna -> node
        std::vector<Vector> positions;    //!< node positions
        NodeContainer nodes;              //!< ns-3 Nodes
    };

    std::vector<Vector> m_antennaPositions;       //!< antenna positions
    std::vector<std::string> m_antennaIds;        //!< antenna identifiers
    std::array<Level, N_NETWORK_LEVELS> m_levels; //!< per level
};

} // namespace ns3

#endif /* MICROSCOPE_NETWORK_TOPOLOGY_H */
