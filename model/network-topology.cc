/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "network-topology.h"

#include "atomic-file-writer.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <iomanip>
#include <numeric>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NetworkTopology");

NS_OBJECT_ENSURE_REGISTERED(NetworkTopology);

TypeId
NetworkTopology::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NetworkTopology")
                            .SetParent<Object>()
                            .SetGroupName("Microscope")
                            .AddConstructor<NetworkTopology>();
    return tid;
}

NetworkTopology::NetworkTopology()
{
    NS_LOG_FUNCTION(this);
}

NetworkTopology::~NetworkTopology()
{
    NS_LOG_FUNCTION(this);
}

void
NetworkTopology::SetAntennas(const std::vector<Vector>& positions,
                             const std::vector<std::string>& ids,
                             NodeContainer nodes)
{
    NS_LOG_FUNCTION(this << positions.size());
    NS_ABORT_MSG_IF(!ids.empty() && ids.size() != positions.size(),
                    "antenna ids and positions differ in number");
    NS_ABORT_MSG_IF(nodes.GetN() != 0 && nodes.GetN() != positions.size(),
                    "antenna Nodes and positions differ in number");
    m_antennaPositions = positions;
    m_antennaIds = ids;
    if (m_antennaIds.empty())
    {
        for (size_t i = 0; i < positions.size(); ++i)
        {
            m_antennaIds.push_back(std::to_string(i));
        }
    }
    Level& antenna = m_levels[NetworkLevelIndex(NetworkLevel::ANTENNA)];
    antenna.set = true;
    antenna.assignment.resize(positions.size());
    std::iota(antenna.assignment.begin(), antenna.assignment.end(), 0U);
    antenna.positions = positions;
    antenna.nodes = nodes;
}

void
NetworkTopology::SetLevel(NetworkLevel level,
                          const std::vector<uint32_t>& assignment,
                          const std::vector<Vector>& positions,
                          NodeContainer nodes)
{
    NS_LOG_FUNCTION(this << level << positions.size());
    NS_ABORT_MSG_IF(level == NetworkLevel::ANTENNA, "the antenna level is set by SetAntennas()");
    NS_ABORT_MSG_IF(assignment.size() != m_antennaPositions.size(),
                    "the assignment must cover every antenna");
    for (auto node : assignment)
    {
        NS_ABORT_MSG_IF(node >= positions.size(), "assignment to a node that does not exist");
    }
    NS_ABORT_MSG_IF(nodes.GetN() != 0 && nodes.GetN() != positions.size(),
                    "datacenter Nodes and positions differ in number");
    Level& l = m_levels[NetworkLevelIndex(level)];
    l.set = true;
    l.assignment = assignment;
    l.positions = positions;
    l.nodes = nodes;
}

uint32_t
NetworkTopology::GetNAntennas() const
{
    return static_cast<uint32_t>(m_antennaPositions.size());
}

const std::vector<Vector>&
NetworkTopology::GetAntennaPositions() const
{
    return m_antennaPositions;
}

const std::vector<std::string>&
NetworkTopology::GetAntennaIds() const
{
    return m_antennaIds;
}

bool
NetworkTopology::HasLevel(NetworkLevel level) const
{
    return m_levels[NetworkLevelIndex(level)].set;
}

uint32_t
NetworkTopology::GetNNodes(NetworkLevel level) const
{
    NS_ABORT_MSG_IF(!HasLevel(level), "level " << level << " is not set");
    return static_cast<uint32_t>(m_levels[NetworkLevelIndex(level)].positions.size());
}

uint32_t
NetworkTopology::GetNodeOf(NetworkLevel level, uint32_t antenna) const
{
    return GetAssignment(level).at(antenna);
}

const std::vector<uint32_t>&
NetworkTopology::GetAssignment(NetworkLevel level) const
{
    NS_ABORT_MSG_IF(!HasLevel(level), "level " << level << " is not set");
    return m_levels[NetworkLevelIndex(level)].assignment;
}

std::vector<uint32_t>
NetworkTopology::GetAntennasOf(NetworkLevel level, uint32_t node) const
{
    std::vector<uint32_t> antennas;
    const auto& assignment = GetAssignment(level);
    for (uint32_t a = 0; a < assignment.size(); ++a)
    {
        if (assignment[a] == node)
        {
            antennas.push_back(a);
        }
    }
    return antennas;
}

const std::vector<Vector>&
NetworkTopology::GetNodePositions(NetworkLevel level) const
{
    NS_ABORT_MSG_IF(!HasLevel(level), "level " << level << " is not set");
    return m_levels[NetworkLevelIndex(level)].positions;
}

NodeContainer
NetworkTopology::GetNodes(NetworkLevel level) const
{
    NS_ABORT_MSG_IF(!HasLevel(level), "level " << level << " is not set");
    return m_levels[NetworkLevelIndex(level)].nodes;
}

void
NetworkTopology::Aggregate(NetworkLevel level,
                           const DemandMatrix& antennaDemand,
                           DemandMatrix& nodeDemand) const
{
    const auto& assignment = GetAssignment(level);
    const uint32_t nServices = antennaDemand.GetNServices();
    const uint32_t nAntennas = antennaDemand.GetNNodes();
    NS_ABORT_MSG_IF(nAntennas != assignment.size(), "demand has the wrong number of antennas");
    nodeDemand.Resize(nServices, GetNNodes(level), 0.0);
    for (uint32_t s = 0; s < nServices; ++s)
    {
        const double* in = antennaDemand.Data() + static_cast<size_t>(s) * nAntennas;
        double* out = nodeDemand.Data() + static_cast<size_t>(s) * nodeDemand.GetNNodes();
        for (uint32_t a = 0; a < nAntennas; ++a)
        {
            out[assignment[a]] += in[a];
        }
    }
}

void
NetworkTopology::WriteTopologyCsv(const std::string& path) const
{
    NS_LOG_FUNCTION(this << path);
    AtomicFileWriter writer(path);
    auto& out = writer.Stream();
    out << "antenna,x_m,y_m,mec,cran,core\n" << std::fixed << std::setprecision(3);
    for (uint32_t a = 0; a < GetNAntennas(); ++a)
    {
        out << m_antennaIds[a] << "," << m_antennaPositions[a].x << "," << m_antennaPositions[a].y;
        for (auto level : {NetworkLevel::MEC, NetworkLevel::CRAN, NetworkLevel::CORE})
        {
            out << ",";
            if (HasLevel(level))
            {
                out << GetNodeOf(level, a);
            }
        }
        out << "\n";
    }
    writer.Commit();
}

void
NetworkTopology::WriteNodesCsv(const std::string& path) const
{
    NS_LOG_FUNCTION(this << path);
    AtomicFileWriter writer(path);
    auto& out = writer.Stream();
    out << "level,node,x_m,y_m,antennas\n" << std::fixed << std::setprecision(3);
    for (auto level : ALL_NETWORK_LEVELS)
    {
        if (!HasLevel(level))
        {
            continue;
        }
        const auto& positions = GetNodePositions(level);
        std::vector<uint32_t> counts(positions.size(), 0);
        for (auto node : GetAssignment(level))
        {
            ++counts[node];
        }
        for (uint32_t n = 0; n < positions.size(); ++n)
        {
            out << NetworkLevelName(level) << "," << n << "," << positions[n].x << ","
                << positions[n].y << "," << counts[n] << "\n";
        }
    }
    writer.Commit();
}

void
NetworkTopology::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& l : m_levels)
    {
        l.nodes = NodeContainer();
    }
    Object::DoDispose();
}

} // namespace ns3
