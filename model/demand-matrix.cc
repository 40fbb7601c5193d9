/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "demand-matrix.h"

#include "ns3/assert.h"

#include <cstddef>

#include <numeric>

namespace ns3
{

DemandMatrix::DemandMatrix()
    : m_nServices(0),
      m_nNodes(0)
{
}

DemandMatrix::DemandMatrix(uint32_t nServices, uint32_t nNodes, double value)
    : m_nServices(nServices),
      m_nNodes(nNodes),
      m_data(static_cast<size_t>(nServices) * nNodes, value)
{
}

void
DemandMatrix::Resize(uint32_t nServices, uint32_t nNodes, double value)
{
    m_nServices = nServices;
    m_nNodes = nNodes;
    m_data.assign(static_cast<size_t>(nServices) * nNodes, value);
}

uint32_t
DemandMatrix::GetNServices() const
{
    return m_nServices;
}

uint32_t
DemandMatrix::GetNNodes() const
{
    return m_nNodes;
}

double&
DemandMatrix::operator()(uint32_t service, uint32_t node)
{
    NS_ASSERT(service < m_nServices && node < m_nNodes);
    return m_data[static_cast<size_t>(service) * m_nNodes + node];
}

double
DemandMatrix::operator()(uint32_t service, uint32_t node) const
{
    NS_ASSERT(service < m_nServices && node < m_nNodes);
    return m_data[static_cast<size_t>(service) * m_nNodes + node];
}

double
DemandMatrix::NodeTotal(uint32_t node) const
{
    NS_ASSERT(node < m_nNodes);
    double total = 0.0;
    for (uint32_t s = 0; s < m_nServices; ++s)
    {
        total += m_data[static_cast<size_t>(s) * m_nNodes + node];
    }
    return total;
}

double
DemandMatrix::ServiceTotal(uint32_t service) const
{
    NS_ASSERT(service < m_nServices);
    auto begin = m_data.begin() + static_cast<std::ptrdiff_t>(service) * m_nNodes;
    return std::accumulate(begin, begin + m_nNodes, 0.0);
}

double
DemandMatrix::Total() const
{
    return std::accumulate(m_data.begin(), m_data.end(), 0.0);
}

std::vector<double>
DemandMatrix::Aggregate() const
{
    std::vector<double> total(m_nNodes, 0.0);
    for (uint32_t s = 0; s < m_nServices; ++s)
    {
        const double* row = m_data.data() + static_cast<size_t>(s) * m_nNodes;
        for (uint32_t n = 0; n < m_nNodes; ++n)
        {
            total[n] += row[n];
        }
    }
    return total;
}

void
DemandMatrix::Fill(double value)
{
    std::fill(m_data.begin(), m_data.end(), value);
}

DemandMatrix&
DemandMatrix::operator+=(const DemandMatrix& other)
{
    NS_ASSERT(other.m_nServices == m_nServices && other.m_nNodes == m_nNodes);
    for (size_t i = 0; i < m_data.size(); ++i)
    {
        m_data[i] += other.m_data[i];
    }
    return *this;
}

DemandMatrix&
DemandMatrix::operator*=(double factor)
{
    for (auto& v : m_data)
    {
        v *= factor;
    }
    return *this;
}

const double*
DemandMatrix::Data() const
{
    return m_data.data();
}

double*
DemandMatrix::Data()
{
    return m_data.data();
}

const std::vector<double>&
DemandMatrix::Values() const
{
    return m_data;
}

bool
DemandMatrix::operator==(const DemandMatrix& other) const
{
    return m_nServices == other.m_nServices && m_nNodes == other.m_nNodes && m_data == other.m_data;
}

} // namespace ns3
