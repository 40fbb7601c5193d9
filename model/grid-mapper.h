/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_GRID_MAPPER_H
#define MICROSCOPE_GRID_MAPPER_H

#include "ns3/object.h"
#include "ns3/vector.h"

#include <cstdint>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Minimum-displacement grid mapping (Microscope paper, Sec. 3.1): places the
 * nodes of a level (antennas or datacenters) one-to-one on a regular grid, so that their
 * traffic snapshots become matrices a convolutional network can read, while moving each node
 * as little as possible.
 *
 * Grid design: with rho = (xmax - xmin) / (ymax - ymin) the aspect ratio of the nodes'
 * bounding box, the grid has n_rows = round(sqrt(|A| / rho)) rows (along y) and
 * n_cols = ceil(|A| / n_rows) columns (along x), at least |A| points (792 antennas in a
 * 16 x 22 km box give 33 x 24, as in the paper). The grid points are the cell centres of the
 * bounding box, then every point is moved towards the nodes' centroid c by the factor kappa:
 * g' = c + kappa (g - c). Our reading of the paper's "scaling distances by a factor kappa to
 * account for the heterogeneous antenna density" is this contraction of the grid towards the
 * dense centre (kappa = 0.25 in the paper); with Kappa <= 0 it is chosen automatically as the
 * value in [KappaMin, KappaMax] that minimises the total displacement (a coarse scan refined by
 * golden-section search, each evaluation solving the assignment).
 *
 * Assignment: nodes to grid points, one to one, minimising the summed Euclidean displacement
 * (LinearAssignmentSolver). Grid points without a node hold zero traffic. Solver = "auction"
 * (the default) finds near-optimal prices by an epsilon-scaling auction and finishes exactly
 * by shortest augmenting paths from them (LinearAssignmentSolver::SolveAuction); Solver =
 * "dense" runs the shortest augmenting paths from zero duals, the method of earlier versions.
 * Both return the optimum (ties aside).
 */
class GridMapper : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    GridMapper();
    ~GridMapper() override;

    /**
     * Design the grid and assign the nodes.
     * \param positions the nodes' positions in metres (at least one).
     * \throw InputError on an empty set or a Rows/Cols override with too few points.
     */
    void Map(const std::vector<Vector>& positions);

    /// \return the number of grid rows (along y).
    uint32_t GetRows() const;

    /// \return the number of grid columns (along x).
    uint32_t GetCols() const;

    /// \return the number of mapped nodes.
    uint32_t GetNNodes() const;

    /// \return kappa, given or chosen.
    double GetKappa() const;

    /**
     * \param node a node index.
     * \return its (row, column).
     */
    std::pair<uint32_t, uint32_t> GetCell(uint32_t node) const;

    /// \return for each node, its cell index row * cols + col.
    const std::vector<uint32_t>& GetCells() const;

    /**
     * \param row a row.
     * \param col a column.
     * \return the grid point's position (after the kappa scaling).
     */
    Vector GetGridPoint(uint32_t row, uint32_t col) const;

    /**
     * \param node a node index.
     * \return the distance between the node and its grid point (m).
     */
    double GetDisplacement(uint32_t node) const;

    /// \return the mean displacement (m).
    double GetMeanDisplacement() const;

    /// \return the largest displacement (m).
    double GetMaxDisplacement() const;

    /// \return the summed displacement (m).
    double GetTotalDisplacement() const;

    /// \return the number of assignment problems solved by the last Map().
    uint32_t GetNEvaluations() const;

    /// The assignment method.
    enum Solver
    {
        AUCTION, //!< auction for prices, then exact augmenting paths
        DENSE    //!< augmenting paths from zero duals, as in earlier versions
    };

    /**
     * Total displacement of the optimal assignment for a given kappa (the grid shape of the
     * last Map()).
     * \param kappa the scaling.
     * \return the summed displacement (m).
     */
    double EvaluateKappa(double kappa) const;

    /**
     * Write `level,node,x_m,y_m,row,col,grid_x_m,grid_y_m,displacement_m`.
     * \param path the CSV file.
     * \param level the level's name, first column.
     * \param append append rows (no header) to an existing file instead of creating it.
     */
    void WriteCsv(const std::string& path, const std::string& level, bool append) const;

    /**
     * Scatter per-node values on the grid (row-major rows x cols; empty points get 0).
     * \param nodeValues one value per node.
     * \param grid rows * cols values.
     */
    void Scatter(const double* nodeValues, float* grid) const;

    /**
     * Gather per-node values from a grid.
     * \param grid rows * cols values.
     * \param nodeValues receives one value per node.
     */
    void Gather(const float* grid, double* nodeValues) const;

private:
    /**
     * Grid point positions before the kappa scaling.
     * \return rows * cols points, row-major.
     */
    std::vector<Vector> BaseGrid() const;

    /**
     * Solve the assignment for one kappa.
     * \param kappa the scaling.
     * \param cells receives node -> cell.
     * \return the summed displacement.
     */
    double Assign(double kappa, std::vector<uint32_t>& cells) const;

    /**
     * Dense assignment for one kappa (every node-point pair).
     * \param kappa the scaling.
     * \param cells receives node -> cell.
     * \return the summed displacement.
     */
    double AssignDense(double kappa, std::vector<uint32_t>& cells) const;

    /**
     * Auction then exact augmenting paths, for one kappa.
     * \param kappa the scaling.
     * \param cells receives node -> cell.
     * \return the summed displacement.
     */
    double AssignAuction(double kappa, std::vector<uint32_t>& cells) const;

    /**
     * A cost-matrix buffer from the pool (fresh memory is slow to fault in at n x m doubles,
     * 200 MB at 5,000 nodes; the kappa search reuses it).
     * \param size the values needed.
     * \return a buffer of that size (contents unspecified).
     */
    std::vector<double> TakeBuffer(size_t size) const;

    /**
     * Return a buffer to the pool (emptied at the end of Map()).
     * \param buffer the buffer.
     */
    void GiveBuffer(std::vector<double>&& buffer) const;

    double m_kappaAttribute;                            //!< Kappa attribute (<= 0: automatic)
    double m_kappaMin;                                  //!< automatic search lower bound
    double m_kappaMax;                                  //!< automatic search upper bound
    uint32_t m_rowsAttribute;                           //!< Rows override
    uint32_t m_colsAttribute;                           //!< Cols override
    std::vector<Vector> m_positions;                    //!< nodes
    uint32_t m_rows;                                    //!< grid rows
    uint32_t m_cols;                                    //!< grid columns
    double m_xmin;                                      //!< bounding box
    double m_xmax;                                      //!< bounding box
    double m_ymin;                                      //!< bounding box
    double m_ymax;                                      //!< bounding box
    Vector m_centroid;                                  //!< nodes' centroid
    double m_kappa;                                     //!< kappa used
    std::vector<uint32_t> m_cells;                      //!< node -> cell
    mutable uint32_t m_evaluations;                     //!< assignment problems solved
    Solver m_solver;                                    //!< Solver attribute
    mutable std::mutex m_buffersMutex;                  //!< guards m_buffers
    mutable std::vector<std::vector<double>> m_buffers; //!< cost-matrix pool
};

} // namespace ns3

#endif /* MICROSCOPE_GRID_MAPPER_H */
