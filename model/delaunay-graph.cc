/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "delaunay-graph.h"

#include "input-error.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <CGAL/Delaunay_triangulation_2.h>
#include <CGAL/Exact_predicates_inexact_constructions_kernel.h>
#include <CGAL/Triangulation_vertex_base_with_info_2.h>
#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <map>
#include <numeric>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DelaunayGraph");

namespace
{

using Kernel = CGAL::Exact_predicates_inexact_constructions_kernel;
using VertexBase = CGAL::Triangulation_vertex_base_with_info_2<uint32_t, Kernel>;
using DataStructure = CGAL::Triangulation_data_structure_2<VertexBase>;
using Triangulation = CGAL::Delaunay_triangulation_2<Kernel, DataStructure>;

} // namespace

DelaunayGraph::DelaunayGraph()
    : m_nVertices(0),
      m_nHull(0)
{
}

void
DelaunayGraph::Build(const std::vector<Vector>& positions)
{
    NS_LOG_FUNCTION(this << positions.size());
    const uint32_t n = static_cast<uint32_t>(positions.size());
    if (n < 2)
    {
        throw InputError("a Delaunay graph needs at least 2 antennas, got " + std::to_string(n));
    }
    // CGAL silently merges coinciding points: refuse them first.
    std::vector<uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(),
              order.end(),
              [&positions](uint32_t a, uint32_t b)
              {
                  return std::make_pair(positions[a].x, positions[a].y) <
                         std::make_pair(positions[b].x, positions[b].y);
              });
    for (uint32_t i = 1; i < n; ++i)
    {
        const Vector& p = positions[order[i - 1]];
        const Vector& q = positions[order[i]];
        if (p.x == q.x && p.y == q.y)
        {
            throw InputError("antennas " + std::to_string(std::min(order[i - 1], order[i])) +
                             " and " + std::to_string(std::max(order[i - 1], order[i])) +
                             " have the same position (" + std::to_string(p.x) + ", " +
                             std::to_string(p.y) + ")");
        }
    }

    std::vector<std::pair<Kernel::Point_2, uint32_t>> points;
    points.reserve(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        points.emplace_back(Kernel::Point_2(positions[i].x, positions[i].y), i);
    }
    Triangulation dt(points.begin(), points.end());
    NS_ABORT_MSG_IF(dt.number_of_vertices() != n, "CGAL lost vertices");

    m_nVertices = n;
    m_edges.clear();
    for (auto e = dt.finite_edges_begin(); e != dt.finite_edges_end(); ++e)
    {
        auto face = e->first;
        int i = e->second;
        uint32_t a = face->vertex(Triangulation::cw(i))->info();
        uint32_t b = face->vertex(Triangulation::ccw(i))->info();
        m_edges.emplace_back(std::min(a, b), std::max(a, b));
    }
    std::sort(m_edges.begin(), m_edges.end());
    m_neighbours.assign(n, {});
    for (const auto& [a, b] : m_edges)
    {
        m_neighbours[a].push_back(b);
        m_neighbours[b].push_back(a);
    }
    for (auto& list : m_neighbours)
    {
        std::sort(list.begin(), list.end());
    }
    m_triangles.clear();
    if (dt.dimension() == 2)
    {
        for (auto f = dt.finite_faces_begin(); f != dt.finite_faces_end(); ++f)
        {
            m_triangles.push_back(
                {f->vertex(0)->info(), f->vertex(1)->info(), f->vertex(2)->info()});
        }
    }
    m_nHull = 0;
    auto circulator = dt.incident_vertices(dt.infinite_vertex());
    auto done = circulator;
    if (circulator != nullptr)
    {
        do
        {
            ++m_nHull;
        } while (++circulator != done);
    }
}

uint32_t
DelaunayGraph::GetNVertices() const
{
    return m_nVertices;
}

const std::vector<std::pair<uint32_t, uint32_t>>&
DelaunayGraph::GetEdges() const
{
    return m_edges;
}

const std::vector<std::vector<uint32_t>>&
DelaunayGraph::GetNeighbours() const
{
    return m_neighbours;
}

std::vector<std::array<uint32_t, 3>>
DelaunayGraph::GetTriangles() const
{
    return m_triangles;
}

uint32_t
DelaunayGraph::GetNHullVertices() const
{
    return m_nHull;
}

std::vector<std::vector<uint32_t>>
DelaunayGraph::GetComponents(const std::vector<uint32_t>& subset) const
{
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
    std::map<uint32_t, uint32_t> local;
    for (uint32_t v : subset)
    {
        local.emplace(v, static_cast<uint32_t>(local.size()));
    }
    Graph g(local.size());
    for (const auto& [v, i] : local)
    {
        for (uint32_t w : m_neighbours.at(v))
        {
            auto it = local.find(w);
            if (it != local.end() && v < w)
            {
                boost::add_edge(i, it->second, g);
            }
        }
    }
    std::vector<int> component(local.size());
    const int count = local.empty() ? 0 : boost::connected_components(g, component.data());
    std::vector<std::vector<uint32_t>> components(count);
    for (const auto& [v, i] : local)
    {
        components[component[i]].push_back(v);
    }
    std::stable_sort(components.begin(),
                     components.end(),
                     [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return components;
}

bool
DelaunayGraph::IsConnected(const std::vector<uint32_t>& subset) const
{
    return !subset.empty() && GetComponents(subset).size() == 1;
}

} // namespace ns3
