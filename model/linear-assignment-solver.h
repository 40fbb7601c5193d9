/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_LINEAR_ASSIGNMENT_SOLVER_H
#define MICROSCOPE_LINEAR_ASSIGNMENT_SOLVER_H

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Optimal one-to-one assignment of n rows to m >= n columns minimising the summed
 * cost (the linear assignment problem), by the shortest augmenting path method of
 * Jonker and Volgenant with dual potentials, in the form described by D. F. Crouse, "On
 * implementing 2D rectangular assignment algorithms", IEEE Trans. Aerospace and Electronic
 * Systems 52(4), 2016.
 *
 * Each row is added in turn: a Dijkstra-like search over reduced costs c(i, j) - u(i) - v(j)
 * finds the cheapest path to a free column, the potentials are updated so that reduced costs
 * stay non-negative, and the path is augmented. O(n^2 m) in the worst case, exact for real
 * costs. No Debian package offers a C++ assignment solver (dlib's needs integer costs and a
 * large dependency), hence this implementation, tested against brute force.
 */
class LinearAssignmentSolver
{
public:
    /**
     * Solve for a dense cost matrix.
     * \param cost row-major n x m costs (finite).
     * \param n rows.
     * \param m columns, at least n.
     * \return for each row, its column.
     * \throw InputError if m < n or a cost is not finite.
     */
    static std::vector<uint32_t> Solve(const std::vector<double>& cost, uint32_t n, uint32_t m);

    /**
     * \param cost row-major n x m costs.
     * \param m columns.
     * \param assignment for each row, its column.
     * \return the summed cost of the assignment.
     */
    static double Cost(const std::vector<double>& cost,
                       uint32_t m,
                       const std::vector<uint32_t>& assignment);
};

} // namespace ns3

#endif /* MICROSCOPE_LINEAR_ASSIGNMENT_SOLVER_H */
