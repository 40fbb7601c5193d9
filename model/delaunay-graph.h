/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_DELAUNAY_GRAPH_H
#define MICROSCOPE_DELAUNAY_GRAPH_H

#include "ns3/vector.h"

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The Delaunay triangulation of a set of antenna positions, as a graph: vertices are
 * antennas, edges join Delaunay neighbours.
 *
 * The triangulation is computed by CGAL (Delaunay_triangulation_2 with exact predicates);
 * no CGAL type appears in this header. Positions are projected on the x-y plane. Collinear
 * input gives a one-dimensional triangulation whose edges form a path.
 */
class DelaunayGraph
{
public:
    DelaunayGraph();

    /**
     * Triangulate.
     * \param positions the antennas' positions in metres.
     * \throw InputError if there are fewer than 2 positions or two coincide (the message
     *        names both antenna indices).
     */
    void Build(const std::vector<Vector>& positions);

    /// \return the number of vertices.
    uint32_t GetNVertices() const;

    /// \return the edges (i, j) with i < j, sorted.
    const std::vector<std::pair<uint32_t, uint32_t>>& GetEdges() const;

    /// \return for each vertex, its neighbours in increasing order.
    const std::vector<std::vector<uint32_t>>& GetNeighbours() const;

    /// \return the finite triangles (vertex indices), none for collinear input.
    std::vector<std::array<uint32_t, 3>> GetTriangles() const;

    /// \return the number of vertices on the convex hull.
    uint32_t GetNHullVertices() const;

    /**
     * \param subset vertex indices.
     * \return true if the subgraph they induce is connected (false if empty).
     */
    bool IsConnected(const std::vector<uint32_t>& subset) const;

    /**
     * \param subset vertex indices.
     * \return the connected components of the subgraph they induce, largest first.
     */
    std::vector<std::vector<uint32_t>> GetComponents(const std::vector<uint32_t>& subset) const;

private:
    uint32_t m_nVertices;                               //!< vertices
    std::vector<std::pair<uint32_t, uint32_t>> m_edges; //!< edges
    std::vector<std::vector<uint32_t>> m_neighbours;    //!< adjacency lists
    std::vector<std::array<uint32_t, 3>> m_triangles;   //!< finite faces
    uint32_t m_nHull;                                   //!< hull vertices
};

} // namespace ns3

#endif /* MICROSCOPE_DELAUNAY_GRAPH_H */
