/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_DEMAND_MATRIX_H
#define MICROSCOPE_DEMAND_MATRIX_H

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Per-service demand at a set of network nodes for one snapshot, `d[s][n]` in Mbps
 * averaged over the snapshot.
 *
 * The nodes are antennas, or datacenters of one level. Storage is service-major (all nodes of
 * service 0, then service 1, ...), which matches the `[services, rows, cols]` layout of the
 * neural networks' outputs.
 */
class DemandMatrix
{
public:
    /// An empty matrix (0 services, 0 nodes).
    DemandMatrix();

    /**
     * \param nServices number of services.
     * \param nNodes number of nodes.
     * \param value initial value of every entry.
     */
    DemandMatrix(uint32_t nServices, uint32_t nNodes, double value = 0.0);

    /**
     * Change the shape; the entries are all set to value.
     * \param nServices number of services.
     * \param nNodes number of nodes.
     * \param value the value of every entry.
     */
    void Resize(uint32_t nServices, uint32_t nNodes, double value = 0.0);

    /// \return the number of services.
    uint32_t GetNServices() const;

    /// \return the number of nodes.
    uint32_t GetNNodes() const;

    /**
     * \param service the service index.
     * \param node the node index.
     * \return a reference to `d[service][node]`.
     */
    double& operator()(uint32_t service, uint32_t node);

    /**
     * \param service the service index.
     * \param node the node index.
     * \return `d[service][node]`.
     */
    double operator()(uint32_t service, uint32_t node) const;

    /**
     * \param node the node index.
     * \return the aggregate demand of the node, the sum over services.
     */
    double NodeTotal(uint32_t node) const;

    /**
     * \param service the service index.
     * \return the demand of the service summed over nodes.
     */
    double ServiceTotal(uint32_t service) const;

    /// \return the sum of all entries.
    double Total() const;

    /**
     * \return the aggregate snapshot, one entry per node (the sum over services).
     */
    std::vector<double> Aggregate() const;

    /**
     * \param value the value every entry takes.
     */
    void Fill(double value);

    /**
     * Add another matrix of the same shape, entry by entry.
     * \param other the matrix to add.
     * \return this matrix.
     */
    DemandMatrix& operator+=(const DemandMatrix& other);

    /**
     * Multiply every entry.
     * \param factor the factor.
     * \return this matrix.
     */
    DemandMatrix& operator*=(double factor);

    /// \return the entries, service-major.
    const double* Data() const;

    /// \return the entries, service-major.
    double* Data();

    /// \return the entries, service-major.
    const std::vector<double>& Values() const;

    /**
     * \param other another matrix.
     * \return true if both have the same shape and the same entries.
     */
    bool operator==(const DemandMatrix& other) const;

private:
    uint32_t m_nServices;       //!< number of services
    uint32_t m_nNodes;          //!< number of nodes
    std::vector<double> m_data; //!< entries, service-major
};

} // namespace ns3

#endif /* MICROSCOPE_DEMAND_MATRIX_H */
