/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_GRAPH_PARTITIONER_H
#define MICROSCOPE_GRAPH_PARTITIONER_H

#include "delaunay-graph.h"

#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/vector.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Balanced k-way partition of the antennas' Delaunay graph into clusters of comparable
 * traffic load that favour short links, with METIS (METIS_PartGraphKway).
 *
 * Vertex weights are the antennas' loads scaled to integers (mean 1000); edge weights are
 * 100 * (reference length / edge length)^EdgeWeightScale, at least 1, with the median edge
 * length as reference, so that cutting a long link costs less than cutting a short one. After
 * METIS, every part is checked to be non-empty and connected in the Delaunay graph; a
 * disconnected fragment is moved to the adjacent part with the least load, and an empty part
 * takes one vertex from the most loaded part that stays connected without it. The result
 * always has k non-empty connected parts.
 */
class GraphPartitioner : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    GraphPartitioner();
    ~GraphPartitioner() override;

    /**
     * Partition the graph.
     * \param graph the Delaunay graph of the positions.
     * \param positions the vertices' positions in metres (edge lengths).
     * \param vertexLoad each vertex's load (non-negative).
     * \param k the number of parts, 1 to the number of vertices.
     * \return for each vertex, its part in [0, k).
     * \throw InputError if k is 0 or exceeds the number of vertices, or loads are invalid.
     */
    std::vector<uint32_t> Partition(const DelaunayGraph& graph,
                                    const std::vector<Vector>& positions,
                                    const std::vector<double>& vertexLoad,
                                    uint32_t k);

    /// \return the number of vertices moved by the last Partition()'s connectivity repair.
    uint32_t GetNRepaired() const;

    /**
     * Assign a fixed random variable stream (METIS's seed is drawn from it).
     * \param stream first stream index to use
     * \return the number of stream indices assigned (1)
     */
    int64_t AssignStreams(int64_t stream);

private:
    /**
     * Make every part non-empty and connected.
     * \param graph the graph.
     * \param load the vertex loads.
     * \param k the number of parts.
     * \param part the partition, repaired in place.
     */
    void Repair(const DelaunayGraph& graph,
                const std::vector<double>& load,
                uint32_t k,
                std::vector<uint32_t>& part);

    double m_imbalance;                      //!< allowed load imbalance (METIS ubvec)
    double m_edgeWeightScale;                //!< exponent of the edge-length weighting
    bool m_contiguous;                       //!< METIS_OPTION_CONTIG
    uint32_t m_nRepaired;                    //!< vertices moved by the last repair
    Ptr<UniformRandomVariable> m_seedStream; //!< METIS seeds
};

} // namespace ns3

#endif /* MICROSCOPE_GRAPH_PARTITIONER_H */
