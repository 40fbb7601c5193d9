/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "linear-assignment-solver.h"

#include "input-error.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <utility>

namespace ns3
{

std::vector<uint32_t>
LinearAssignmentSolver::Solve(const std::vector<double>& cost, uint32_t n, uint32_t m)
{
    if (m < n)
    {
        throw InputError("assignment: " + std::to_string(n) + " rows but only " +
                         std::to_string(m) + " columns");
    }
    if (cost.size() != static_cast<size_t>(n) * m)
    {
        throw InputError("assignment: the cost matrix has the wrong size");
    }
    for (double c : cost)
    {
        if (!std::isfinite(c))
        {
            throw InputError("assignment: costs must be finite");
        }
    }
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> u(n, 0.0);
    std::vector<double> v(m, 0.0);
    std::vector<int64_t> col4row(n, -1);
    std::vector<int64_t> row4col(m, -1);
    std::vector<double> shortest(m);
    std::vector<int64_t> path(m);
    std::vector<uint32_t> remaining(m);
    std::vector<char> visitedRow(n);
    std::vector<char> visitedCol(m);

    for (uint32_t current = 0; current < n; ++current)
    {
        std::fill(shortest.begin(), shortest.end(), inf);
        std::fill(path.begin(), path.end(), -1);
        std::fill(visitedRow.begin(), visitedRow.end(), 0);
        std::fill(visitedCol.begin(), visitedCol.end(), 0);
        for (uint32_t j = 0; j < m; ++j)
        {
            remaining[j] = m - j - 1; // reversed, as in Crouse's implementation
        }
        uint32_t nRemaining = m;
        double minVal = 0.0;
        uint32_t i = current;
        int64_t sink = -1;
        while (sink < 0)
        {
            visitedRow[i] = 1;
            const double* row = cost.data() + static_cast<size_t>(i) * m;
            double lowest = inf;
            uint32_t index = 0;
            for (uint32_t it = 0; it < nRemaining; ++it)
            {
                const uint32_t j = remaining[it];
                const double r = minVal + row[j] - u[i] - v[j];
                if (r < shortest[j])
                {
                    path[j] = i;
                    shortest[j] = r;
                }
                // Prefer a free column on ties: it ends the search.
                if (shortest[j] < lowest || (shortest[j] == lowest && row4col[j] < 0))
                {
                    lowest = shortest[j];
                    index = it;
                }
            }
            minVal = lowest;
            const uint32_t j = remaining[index];
            if (row4col[j] < 0)
            {
                sink = j;
            }
            else
            {
                i = static_cast<uint32_t>(row4col[j]);
            }
            visitedCol[j] = 1;
            remaining[index] = remaining[--nRemaining];
        }
        // Dual update keeps every reduced cost non-negative.
        u[current] += minVal;
        for (uint32_t r = 0; r < n; ++r)
        {
            if (visitedRow[r] && r != current)
            {
                u[r] += minVal - shortest[col4row[r]];
            }
        }
        for (uint32_t c = 0; c < m; ++c)
        {
            if (visitedCol[c])
            {
                v[c] -= minVal - shortest[c];
            }
        }
        // Augment along the path back to the current row.
        int64_t j = sink;
        while (true)
        {
            const int64_t r = path[j];
            row4col[j] = r;
            std::swap(col4row[r], j);
            if (r == static_cast<int64_t>(current))
            {
                break;
            }
        }
    }
    std::vector<uint32_t> assignment(n);
    for (uint32_t r = 0; r < n; ++r)
    {
        assignment[r] = static_cast<uint32_t>(col4row[r]);
    }
    return assignment;
}

double
LinearAssignmentSolver::Cost(const std::vector<double>& cost,
                             uint32_t m,
                             const std::vector<uint32_t>& assignment)
{
    double total = 0.0;
    for (size_t r = 0; r < assignment.size(); ++r)
    {
        total += cost[r * m + assignment[r]];
    }
    return total;
}

namespace
{

/**
 * The shortest augmenting path search shared by SolveWarm: rows are added in turn, each by a
 * Dijkstra search over reduced costs to a free column, then the duals are updated and the path
 * augmented (Crouse 2016). Rows already holding a column (col4row >= 0) are skipped.
 * \param rowOf the costs of a row of the square completion.
 * \param m rows and columns of the square completion.
 * \param u row duals (feasible).
 * \param v column duals (feasible).
 * \param col4row each row's column or -1.
 * \param row4col each column's row or -1.
 */
void
AugmentFreeRows(const std::function<const double*(uint32_t)>& rowOf,
                uint32_t m,
                std::vector<double>& u,
                std::vector<double>& v,
                std::vector<int64_t>& col4row,
                std::vector<int64_t>& row4col)
{
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> shortest(m);
    std::vector<int64_t> path(m);
    std::vector<uint32_t> remaining(m);
    std::vector<uint32_t> visitedRows;
    std::vector<uint32_t> visitedCols;
    for (uint32_t current = 0; current < m; ++current)
    {
        if (col4row[current] >= 0)
        {
            continue;
        }
        std::fill(shortest.begin(), shortest.end(), inf);
        for (uint32_t j = 0; j < m; ++j)
        {
            remaining[j] = m - j - 1; // reversed, as in Crouse's implementation
        }
        uint32_t nRemaining = m;
        double minVal = 0.0;
        uint32_t i = current;
        int64_t sink = -1;
        visitedRows.clear();
        visitedCols.clear();
        while (sink < 0)
        {
            visitedRows.push_back(i);
            const double* row = rowOf(i);
            double lowest = inf;
            uint32_t index = 0;
            for (uint32_t it = 0; it < nRemaining; ++it)
            {
                const uint32_t j = remaining[it];
                const double r = minVal + row[j] - u[i] - v[j];
                if (r < shortest[j])
                {
                    path[j] = i;
                    shortest[j] = r;
                }
                // Prefer a free column on ties: it ends the search.
                if (shortest[j] < lowest || (shortest[j] == lowest && row4col[j] < 0))
                {
                    lowest = shortest[j];
                    index = it;
                }
            }
            minVal = lowest;
            const uint32_t j = remaining[index];
            if (row4col[j] < 0)
            {
                sink = j;
            }
            else
            {
                i = static_cast<uint32_t>(row4col[j]);
            }
            visitedCols.push_back(j);
            remaining[index] = remaining[--nRemaining];
        }
        u[current] += minVal;
        for (uint32_t r : visitedRows)
        {
            if (r != current)
            {
                u[r] += minVal - shortest[col4row[r]];
            }
        }
        for (uint32_t c : visitedCols)
        {
            v[c] -= minVal - shortest[c];
        }
        int64_t j = sink;
        while (true)
        {
            const int64_t r = path[j];
            row4col[j] = r;
            std::swap(col4row[r], j);
            if (r == static_cast<int64_t>(current))
            {
                break;
            }
        }
    }
}

/**
 * Check the problem's size.
 * \param cost the cost matrix.
 * \param n rows.
 * \param m columns.
 */
void
CheckShape(const std::vector<double>& cost, uint32_t n, uint32_t m)
{
    if (m < n)
    {
        throw InputError("assignment: " + std::to_string(n) + " rows but only " +
                         std::to_string(m) + " columns");
    }
    if (cost.size() != static_cast<size_t>(n) * m)
    {
        throw InputError("assignment: the cost matrix has the wrong size");
    }
}

} // namespace

std::vector<uint32_t>
LinearAssignmentSolver::SolveWarm(const std::vector<double>& cost,
                                  uint32_t n,
                                  uint32_t m,
                                  std::vector<double>& v)
{
    CheckShape(cost, n, m);
    if (v.empty())
    {
        v.assign(m, 0.0);
    }
    if (v.size() != m)
    {
        throw InputError("assignment: the starting duals have the wrong size");
    }
    // Rows n .. m - 1 complete the square problem: cost 0 to every column.
    const std::vector<double> zeros(m, 0.0);
    const std::function<const double*(uint32_t)> rowOf = [&](uint32_t i)
    { return i < n ? cost.data() + static_cast<size_t>(i) * m : zeros.data(); };
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> u(m);
    std::vector<int64_t> col4row(m, -1);
    std::vector<int64_t> row4col(m, -1);
    // Feasible starting duals; a row whose best column is free takes it (a tight edge).
    for (uint32_t i = 0; i < m; ++i)
    {
        const double* row = rowOf(i);
        double best = inf;
        uint32_t arg = 0;
        for (uint32_t j = 0; j < m; ++j)
        {
            if (!std::isfinite(row[j]) || !std::isfinite(v[j]))
            {
                throw InputError("assignment: costs and duals must be finite");
            }
            const double r = row[j] - v[j];
            if (r < best)
            {
                best = r;
                arg = j;
            }
        }
        u[i] = best;
        if (row4col[arg] < 0)
        {
            row4col[arg] = i;
            col4row[i] = arg;
        }
    }
    AugmentFreeRows(rowOf, m, u, v, col4row, row4col);
    std::vector<uint32_t> assignment(n);
    for (uint32_t r = 0; r < n; ++r)
    {
        assignment[r] = static_cast<uint32_t>(col4row[r]);
    }
    return assignment;
}

std::vector<uint32_t>
LinearAssignmentSolver::SolveAuction(const std::vector<double>& cost,
                                     uint32_t n,
                                     uint32_t m,
                                     double scale,
                                     std::vector<double>& v)
{
    CheckShape(cost, n, m);
    if (!(scale > 0) || !std::isfinite(scale))
    {
        throw InputError("assignment: the auction's cost scale must be positive");
    }
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> prices(m, 0.0);
    std::vector<int64_t> col4row(m, -1);
    std::vector<int64_t> row4col(m, -1);
    std::vector<uint32_t> stack;
    stack.reserve(m);
    const std::vector<double> zeros(m, 0.0);
    const double finalEpsilon = scale * 1e-5;
    for (double eps = scale / 32;; eps = std::max(finalEpsilon, eps / 8))
    {
        std::fill(col4row.begin(), col4row.end(), -1);
        std::fill(row4col.begin(), row4col.end(), -1);
        stack.clear();
        for (uint32_t i = m; i-- > 0;)
        {
            stack.push_back(i);
        }
        while (!stack.empty())
        {
            const uint32_t i = stack.back();
            stack.pop_back();
            const double* row = i < n ? cost.data() + static_cast<size_t>(i) * m : zeros.data();
            double best = inf;
            double second = inf;
            uint32_t arg = 0;
            for (uint32_t j = 0; j < m; ++j)
            {
                const double w = row[j] + prices[j];
                if (w < second)
                {
                    if (w < best)
                    {
                        second = best;
                        best = w;
                        arg = j;
                    }
                    else
                    {
                        second = w;
                    }
                }
            }
            if (!std::isfinite(best))
            {
                throw InputError("assignment: costs must be finite");
            }
            prices[arg] += (m > 1 ? second - best : 0.0) + eps;
            const int64_t holder = row4col[arg];
            row4col[arg] = i;
            col4row[i] = arg;
            if (holder >= 0)
            {
                col4row[holder] = -1;
                stack.push_back(static_cast<uint32_t>(holder));
            }
        }
        if (eps <= finalEpsilon)
        {
            break;
        }
    }
    // Exact finish from the prices (v = -p).
    v.resize(m);
    for (uint32_t j = 0; j < m; ++j)
    {
        v[j] = -prices[j];
    }
    return SolveWarm(cost, n, m, v);
}

double
LinearAssignmentSolver::CertificateViolation(const std::vector<double>& cost,
                                             uint32_t n,
                                             uint32_t m,
                                             const std::vector<uint32_t>& assignment,
                                             const std::vector<double>& v)
{
    const double vmax = *std::max_element(v.begin(), v.end());
    double worst = 0.0;
    std::vector<char> used(m, 0);
    for (uint32_t i = 0; i < n; ++i)
    {
        const double* row = cost.data() + static_cast<size_t>(i) * m;
        const uint32_t a = assignment[i];
        if (a >= m || used[a])
        {
            return std::numeric_limits<double>::infinity(); // not one to one
        }
        used[a] = 1;
        const double u = row[a] - v[a];
        for (uint32_t j = 0; j < m; ++j)
        {
            worst = std::max(worst, -(row[j] - u - v[j]));
        }
    }
    for (uint32_t j = 0; j < m; ++j)
    {
        if (!used[j])
        {
            worst = std::max(worst, vmax - v[j]);
        }
    }
    return worst;
}

} // namespace ns3
