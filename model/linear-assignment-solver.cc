/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "linear-assignment-solver.h"

#include "input-error.h"

#include <cmath>
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

} // namespace ns3
