/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "grid-mapper.h"

#include "atomic-file-writer.h"
#include "input-error.h"
#include "linear-assignment-solver.h"

#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <future>
#include <iomanip>
#include <limits>
#include <sstream>
#include <thread>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("GridMapper");

NS_OBJECT_ENSURE_REGISTERED(GridMapper);

TypeId
GridMapper::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::GridMapper")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<GridMapper>()
            .AddAttribute("Kappa",
                          "Contraction of the grid towards the nodes' centroid, g' = c + kappa "
                          "(g - c) (the paper used 0.25). A value <= 0 chooses kappa "
                          "automatically by minimum total displacement.",
                          DoubleValue(-1.0),
                          MakeDoubleAccessor(&GridMapper::m_kappaAttribute),
                          MakeDoubleChecker<double>(-1.0, 10.0))
            .AddAttribute("KappaMin",
                          "Lower bound of the automatic kappa search.",
                          DoubleValue(0.05),
                          MakeDoubleAccessor(&GridMapper::m_kappaMin),
                          MakeDoubleChecker<double>(0.001, 10.0))
            .AddAttribute("KappaMax",
                          "Upper bound of the automatic kappa search.",
                          DoubleValue(1.2),
                          MakeDoubleAccessor(&GridMapper::m_kappaMax),
                          MakeDoubleChecker<double>(0.001, 10.0))
            .AddAttribute("Rows",
                          "Grid rows (along y); 0 derives them from the aspect ratio.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&GridMapper::m_rowsAttribute),
                          MakeUintegerChecker<uint32_t>(0, 100000))
            .AddAttribute("Cols",
                          "Grid columns (along x); 0 derives them from the rows.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&GridMapper::m_colsAttribute),
                          MakeUintegerChecker<uint32_t>(0, 100000))
            .AddAttribute(
                "Solver",
                "Assignment method, both exact: auction (an epsilon-scaling auction "
                "for near-optimal prices, then shortest augmenting paths from them; "
                "fast on large layouts) or dense (shortest augmenting paths from "
                "zero duals over the dense cost matrix, the method of earlier "
                "versions; the reference).",
                EnumValue(GridMapper::AUCTION),
                MakeEnumAccessor(&GridMapper::m_solver),
                MakeEnumChecker(GridMapper::AUCTION, "auction", GridMapper::DENSE, "dense"));
    return tid;
}

GridMapper::GridMapper()
    : m_kappaAttribute(-1.0),
      m_kappaMin(0.05),
      m_kappaMax(1.2),
      m_rowsAttribute(0),
      m_colsAttribute(0),
      m_rows(0),
      m_cols(0),
      m_xmin(0),
      m_xmax(0),
      m_ymin(0),
      m_ymax(0),
      m_kappa(1.0),
      m_evaluations(0),
      m_solver(AUCTION)
{
    NS_LOG_FUNCTION(this);
}

GridMapper::~GridMapper()
{
    NS_LOG_FUNCTION(this);
}

void
GridMapper::Map(const std::vector<Vector>& positions)
{
    NS_LOG_FUNCTION(this << positions.size());
    if (positions.empty())
    {
        throw InputError("grid mapping needs at least one node");
    }
    m_positions = positions;
    const uint32_t n = static_cast<uint32_t>(positions.size());
    m_xmin = m_xmax = positions[0].x;
    m_ymin = m_ymax = positions[0].y;
    m_centroid = Vector(0, 0, 0);
    for (const auto& p : positions)
    {
        m_xmin = std::min(m_xmin, p.x);
        m_xmax = std::max(m_xmax, p.x);
        m_ymin = std::min(m_ymin, p.y);
        m_ymax = std::max(m_ymax, p.y);
        m_centroid.x += p.x / n;
        m_centroid.y += p.y / n;
    }
    const double width = m_xmax - m_xmin;
    const double height = m_ymax - m_ymin;
    if (m_rowsAttribute > 0)
    {
        m_rows = m_rowsAttribute;
    }
    else if (height <= 0)
    {
        m_rows = 1;
    }
    else if (width <= 0)
    {
        m_rows = n;
    }
    else
    {
        const double rho = width / height;
        m_rows = static_cast<uint32_t>(std::max(1.0, std::round(std::sqrt(n / rho))));
        m_rows = std::min(m_rows, n);
    }
    m_cols = m_colsAttribute > 0 ? m_colsAttribute : (n + m_rows - 1) / m_rows;
    if (static_cast<uint64_t>(m_rows) * m_cols < n)
    {
        throw InputError::ForAttribute("Rows/Cols",
                                       std::to_string(m_rows) + " x " + std::to_string(m_cols) +
                                           " grid points for " + std::to_string(n) + " nodes");
    }

    m_evaluations = 0;
    if (m_kappaAttribute > 0)
    {
        m_kappa = m_kappaAttribute;
    }
    else
    {
        // Coarse scan of 5 values, then golden-section refinement around the best one; the
        // cells of the best kappa seen are kept, so no final solve is needed. Independent
        // evaluations (the coarse scan, the first golden pair) run on parallel threads; the
        // best is chosen in a fixed order, so the result does not depend on the threads.
        double bestCost = std::numeric_limits<double>::infinity();
        auto consider = [&](double k, double c, std::vector<uint32_t>& cells)
        {
            ++m_evaluations;
            if (c < bestCost)
            {
                bestCost = c;
                m_kappa = k;
                m_cells = std::move(cells);
            }
            return c;
        };
        auto evaluateAll = [&](const std::vector<double>& ks)
        {
            std::vector<std::vector<uint32_t>> cells(ks.size());
            std::vector<double> costs(ks.size());
            // At most one thread per core: each holds an n x m cost matrix.
            const size_t workers =
                std::min<size_t>(ks.size(), std::max(1U, std::thread::hardware_concurrency()));
            std::vector<std::future<void>> running;
            for (size_t w = 0; w < workers; ++w)
            {
                running.push_back(std::async(std::launch::async,
                                             [this, &ks, &cells, &costs, w, workers]()
                                             {
                                                 for (size_t i = w; i < ks.size(); i += workers)
                                                 {
                                                     costs[i] = Assign(ks[i], cells[i]);
                                                 }
                                             }));
            }
            for (auto& r : running)
            {
                r.get();
            }
            std::vector<double> out;
            for (size_t i = 0; i < ks.size(); ++i)
            {
                out.push_back(consider(ks[i], costs[i], cells[i]));
            }
            return out;
        };
        auto evaluate = [&](double k)
        {
            std::vector<uint32_t> cells;
            const double c = Assign(k, cells);
            return consider(k, c, cells);
        };
        const uint32_t steps = 4;
        std::vector<double> coarse;
        for (uint32_t i = 0; i <= steps; ++i)
        {
            coarse.push_back(m_kappaMin + (m_kappaMax - m_kappaMin) * i / steps);
        }
        evaluateAll(coarse);
        const double step = (m_kappaMax - m_kappaMin) / steps;
        double a = std::max(m_kappaMin, m_kappa - step);
        double b = std::min(m_kappaMax, m_kappa + step);
        const double phi = (std::sqrt(5.0) - 1.0) / 2.0;
        double x1 = b - phi * (b - a);
        double x2 = a + phi * (b - a);
        const std::vector<double> pair = evaluateAll({x1, x2});
        double f1 = pair[0];
        double f2 = pair[1];
        for (int it = 0; it < 5; ++it)
        {
            if (f1 < f2)
            {
                b = x2;
                x2 = x1;
                f2 = f1;
                x1 = b - phi * (b - a);
                f1 = evaluate(x1);
            }
            else
            {
                a = x1;
                x1 = x2;
                f1 = f2;
                x2 = a + phi * (b - a);
                f2 = evaluate(x2);
            }
        }
    }
    if (m_kappaAttribute > 0)
    {
        Assign(m_kappa, m_cells);
        ++m_evaluations;
    }
    m_buffers.clear();
    m_buffers.shrink_to_fit();
    NS_LOG_INFO("mapped " << n << " nodes on a " << m_rows << " x " << m_cols << " grid, kappa "
                          << m_kappa << ", mean displacement " << GetMeanDisplacement()
                          << " m, max " << GetMaxDisplacement() << " m");
}

std::vector<Vector>
GridMapper::BaseGrid() const
{
    std::vector<Vector> grid;
    grid.reserve(static_cast<size_t>(m_rows) * m_cols);
    const double dx = (m_xmax - m_xmin) / m_cols;
    const double dy = (m_ymax - m_ymin) / m_rows;
    for (uint32_t r = 0; r < m_rows; ++r)
    {
        for (uint32_t c = 0; c < m_cols; ++c)
        {
            grid.emplace_back(m_xmin + (c + 0.5) * dx, m_ymin + (r + 0.5) * dy, 0.0);
        }
    }
    return grid;
}

double
GridMapper::Assign(double kappa, std::vector<uint32_t>& cells) const
{
    return m_solver == DENSE ? AssignDense(kappa, cells) : AssignAuction(kappa, cells);
}

double
GridMapper::AssignDense(double kappa, std::vector<uint32_t>& cells) const
{
    const uint32_t n = static_cast<uint32_t>(m_positions.size());
    const uint32_t m = m_rows * m_cols;
    std::vector<Vector> grid = BaseGrid();
    std::vector<double> cost(static_cast<size_t>(n) * m);
    for (uint32_t i = 0; i < n; ++i)
    {
        for (uint32_t j = 0; j < m; ++j)
        {
            const double gx = m_centroid.x + kappa * (grid[j].x - m_centroid.x);
            const double gy = m_centroid.y + kappa * (grid[j].y - m_centroid.y);
            cost[static_cast<size_t>(i) * m + j] =
                std::hypot(m_positions[i].x - gx, m_positions[i].y - gy);
        }
    }
    cells = LinearAssignmentSolver::Solve(cost, n, m);
    return LinearAssignmentSolver::Cost(cost, m, cells);
}

double
GridMapper::AssignAuction(double kappa, std::vector<uint32_t>& cells) const
{
    const uint32_t n = static_cast<uint32_t>(m_positions.size());
    const uint32_t m = m_rows * m_cols;
    const std::vector<Vector> grid = BaseGrid();
    // The scaled grid, computed as in AssignDense.
    std::vector<double> gx(m);
    std::vector<double> gy(m);
    for (uint32_t j = 0; j < m; ++j)
    {
        gx[j] = m_centroid.x + kappa * (grid[j].x - m_centroid.x);
        gy[j] = m_centroid.y + kappa * (grid[j].y - m_centroid.y);
    }
    // sqrt rather than std::hypot (as AssignDense), which is many times slower and agrees with
    // it to the last bit or two.
    std::vector<double> cost = TakeBuffer(static_cast<size_t>(n) * m);
    for (uint32_t i = 0; i < n; ++i)
    {
        const double x = m_positions[i].x;
        const double y = m_positions[i].y;
        double* row = cost.data() + static_cast<size_t>(i) * m;
        for (uint32_t j = 0; j < m; ++j)
        {
            const double dx = x - gx[j];
            const double dy = y - gy[j];
            row[j] = std::sqrt(dx * dx + dy * dy);
        }
    }
    // No node-point distance exceeds (1 + kappa) times the bounding box's diagonal.
    const double scale =
        std::max(1.0, (1.0 + kappa) * std::hypot(m_xmax - m_xmin, m_ymax - m_ymin));
    std::vector<double> v;
    cells = LinearAssignmentSolver::SolveAuction(cost, n, m, scale, v);
    GiveBuffer(std::move(cost));
    double total = 0.0;
    for (uint32_t i = 0; i < n; ++i)
    {
        total += std::hypot(m_positions[i].x - gx[cells[i]], m_positions[i].y - gy[cells[i]]);
    }
    return total;
}

std::vector<double>
GridMapper::TakeBuffer(size_t size) const
{
    std::vector<double> buffer;
    {
        std::lock_guard<std::mutex> lock(m_buffersMutex);
        if (!m_buffers.empty())
        {
            buffer = std::move(m_buffers.back());
            m_buffers.pop_back();
        }
    }
    buffer.resize(size);
    return buffer;
}

void
GridMapper::GiveBuffer(std::vector<double>&& buffer) const
{
    std::lock_guard<std::mutex> lock(m_buffersMutex);
    m_buffers.push_back(std::move(buffer));
}

double
GridMapper::EvaluateKappa(double kappa) const
{
    std::vector<uint32_t> cells;
    ++m_evaluations;
    return Assign(kappa, cells);
}

uint32_t
GridMapper::GetRows() const
{
    return m_rows;
}

uint32_t
GridMapper::GetCols() const
{
    return m_cols;
}

uint32_t
GridMapper::GetNNodes() const
{
    return static_cast<uint32_t>(m_positions.size());
}

double
GridMapper::GetKappa() const
{
    return m_kappa;
}

std::pair<uint32_t, uint32_t>
GridMapper::GetCell(uint32_t node) const
{
    const uint32_t cell = m_cells.at(node);
    return {cell / m_cols, cell % m_cols};
}

const std::vector<uint32_t>&
GridMapper::GetCells() const
{
    return m_cells;
}

Vector
GridMapper::GetGridPoint(uint32_t row, uint32_t col) const
{
    const double dx = (m_xmax - m_xmin) / m_cols;
    const double dy = (m_ymax - m_ymin) / m_rows;
    const double gx = m_xmin + (col + 0.5) * dx;
    const double gy = m_ymin + (row + 0.5) * dy;
    return Vector(m_centroid.x + m_kappa * (gx - m_centroid.x),
                  m_centroid.y + m_kappa * (gy - m_centroid.y),
                  0.0);
}

double
GridMapper::GetDisplacement(uint32_t node) const
{
    auto [row, col] = GetCell(node);
    const Vector g = GetGridPoint(row, col);
    return std::hypot(m_positions[node].x - g.x, m_positions[node].y - g.y);
}

double
GridMapper::GetTotalDisplacement() const
{
    double total = 0.0;
    for (uint32_t i = 0; i < m_positions.size(); ++i)
    {
        total += GetDisplacement(i);
    }
    return total;
}

double
GridMapper::GetMeanDisplacement() const
{
    return m_positions.empty() ? 0.0 : GetTotalDisplacement() / m_positions.size();
}

double
GridMapper::GetMaxDisplacement() const
{
    double largest = 0.0;
    for (uint32_t i = 0; i < m_positions.size(); ++i)
    {
        largest = std::max(largest, GetDisplacement(i));
    }
    return largest;
}

uint32_t
GridMapper::GetNEvaluations() const
{
    return m_evaluations;
}

void
GridMapper::WriteCsv(const std::string& path, const std::string& level, bool append) const
{
    NS_LOG_FUNCTION(this << path << level << append);
    std::ostringstream rows;
    rows << std::fixed << std::setprecision(3);
    for (uint32_t i = 0; i < m_positions.size(); ++i)
    {
        auto [row, col] = GetCell(i);
        const Vector g = GetGridPoint(row, col);
        rows << level << "," << i << "," << m_positions[i].x << "," << m_positions[i].y << ","
             << row << "," << col << "," << g.x << "," << g.y << "," << GetDisplacement(i) << "\n";
    }
    if (append)
    {
        std::ofstream out(path, std::ios::app);
        if (!out)
        {
            throw InputError::InFile(path, "cannot append to the file");
        }
        out << rows.str();
        return;
    }
    AtomicFileWriter writer(path);
    writer.Stream() << "level,node,x_m,y_m,row,col,grid_x_m,grid_y_m,displacement_m\n"
                    << rows.str();
    writer.Commit();
}

void
GridMapper::Scatter(const double* nodeValues, float* grid) const
{
    std::fill(grid, grid + static_cast<size_t>(m_rows) * m_cols, 0.0f);
    for (uint32_t i = 0; i < m_cells.size(); ++i)
    {
        grid[m_cells[i]] = static_cast<float>(nodeValues[i]);
    }
}

void
GridMapper::Gather(const float* grid, double* nodeValues) const
{
    for (uint32_t i = 0; i < m_cells.size(); ++i)
    {
        nodeValues[i] = grid[m_cells[i]];
    }
}

} // namespace ns3
