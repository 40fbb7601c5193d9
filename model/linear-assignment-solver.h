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
 * cost (the linear assignment problem).
 *
 * Solve: the shortest augmenting path method of Jonker and Volgenant with dual potentials,
 * in the form described by D. F. Crouse, "On implementing 2D rectangular assignment
 * algorithms", IEEE Trans. Aerospace and Electronic Systems 52(4), 2016. Each row is added in
 * turn: a Dijkstra-like search over reduced costs c(i, j) - u(i) - v(j) finds the cheapest
 * path to a free column, the potentials are updated so that reduced costs stay non-negative,
 * and the path is augmented. O(n^2 m) in the worst case, exact for real costs.
 *
 * SolveAuction: the same optimum, faster on large geometric problems whose optimum moves rows
 * far (the grid mapping): an epsilon-scaling auction first finds near-optimal column prices,
 * then the shortest augmenting paths above, started from those prices (SolveWarm), finish
 * exactly.
 *
 * Libraries: dlib's assignment solver needs integer costs and is a large dependency; LEMON's
 * min-cost flow (Debian's liblemon-dev) would need the n x m arcs as a graph and was not
 * evaluated. Hence this implementation, tested against brute force and LP duality.
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
     * Solve from given column duals (a warm start): the rectangular problem is completed to a
     * square one by m - n rows of zero cost, every row starts at u(i) = min_j c(i, j) - v(j)
     * (feasible duals), a row whose best column is still free takes it, and the others are
     * added by the shortest augmenting paths of Solve. Exact for any starting v; near-optimal
     * duals leave few and short paths.
     * \param cost row-major n x m costs (finite).
     * \param n rows.
     * \param m columns, at least n.
     * \param v in: the starting column duals (m finite values, or empty for zeros); out: the
     *        final duals of the completed square problem.
     * \return for each row, its column.
     * \throw InputError if m < n, the sizes are wrong or a cost or dual is not finite.
     */
    static std::vector<uint32_t> SolveWarm(const std::vector<double>& cost,
                                           uint32_t n,
                                           uint32_t m,
                                           std::vector<double>& v);

    /**
     * Exact solve, faster on large problems: the auction algorithm with epsilon scaling
     * (D. P. Bertsekas, "The auction algorithm: a distributed relaxation method for the
     * assignment problem", Annals of Operations Research 14, 1988) on the square completion
     * (m - n rows of zero cost): an unassigned row bids for its cheapest column c(i, j) +
     * p(j), raising its price by the margin to the second cheapest plus epsilon, and takes it
     * from its holder; phases of epsilon from scale / 32 down to scale * 1e-5 (each an eighth of
     * the last), each restarting the assignment from the last prices. Its result is within m *
     * epsilon of the optimum; SolveWarm from v = -p then returns the optimum itself. \param cost
     * row-major n x m costs (finite). \param n rows. \param m columns, at least n. \param scale a
     * typical large cost (e.g. the largest), setting the epsilons (> 0). \param v receives the
     * final column duals (as SolveWarm). \return for each row, its column. \throw InputError if m <
     * n, the size is wrong, scale is not positive or a cost is not finite.
     */
    static std::vector<uint32_t> SolveAuction(const std::vector<double>& cost,
                                              uint32_t n,
                                              uint32_t m,
                                              double scale,
                                              std::vector<double>& v);

    /**
     * \param cost row-major n x m costs.
     * \param m columns.
     * \param assignment for each row, its column.
     * \return the summed cost of the assignment.
     */
    static double Cost(const std::vector<double>& cost,
                       uint32_t m,
                       const std::vector<uint32_t>& assignment);

    /**
     * Largest violation of the optimality certificate of an assignment and column duals v of
     * the square completion (as returned by SolveWarm and SolveAuction) on a dense cost
     * matrix. With u(i) = c(i, a(i)) - v(a(i)) for the rows and u = -max_j v(j) for the
     * completing zero-cost rows, the assignment is optimal (LP duality) if every reduced cost
     * c(i, j) - u(i) - v(j) is non-negative and every column left free has v(j) = max v.
     * \param cost row-major n x m costs.
     * \param n rows.
     * \param m columns.
     * \param assignment for each row, its column (one to one).
     * \param v column duals.
     * \return the largest violation, as a non-negative amount (0 proves optimality).
     */
    static double CertificateViolation(const std::vector<double>& cost,
                                       uint32_t n,
                                       uint32_t m,
                                       const std::vector<uint32_t>& assignment,
                                       const std::vector<double>& v);
};

} // namespace ns3

#endif /* MICROSCOPE_LINEAR_ASSIGNMENT_SOLVER_H */
