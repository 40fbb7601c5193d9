/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "vnf-allocator.h"

#include "ns3/double.h"
#include "ns3/log.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("VnfAllocator");

NS_OBJECT_ENSURE_REGISTERED(VnfAllocator);

TypeId
VnfAllocator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::VnfAllocator")
            .SetParent<SliceAllocator>()
            .SetGroupName("Microscope")
            .AddConstructor<VnfAllocator>()
            .AddAttribute("CoresPerGbpsDataPlane",
                          "CPU cores per Gbps of slice capacity for the data-plane VNFs (virtual "
                          "gateways). Default 20, as in Basta et al. (SIGCOMM AllThingsCellular "
                          "2014), used by the Milan datacenter study.",
                          DoubleValue(20.0),
                          MakeDoubleAccessor(&VnfAllocator::m_coresDataPlane),
                          MakeDoubleChecker<double>(0.0, 1e6))
            .AddAttribute("CoresPerGbpsSdn",
                          "CPU cores per Gbps of slice capacity for the SDN controller. Default "
                          "6, as in Basta et al. (SIGCOMM AllThingsCellular 2014), used by the "
                          "Milan datacenter study.",
                          DoubleValue(6.0),
                          MakeDoubleAccessor(&VnfAllocator::m_coresSdn),
                          MakeDoubleChecker<double>(0.0, 1e6))
            .AddAttribute("CoreThroughput",
                          "Mbps one core serves (0: not used). When > 0, the cores per Gbps "
                          "follow from it: 1000 / CoreThroughput, split between the data plane "
                          "and the SDN controller in the ratio CoresPerGbpsDataPlane : "
                          "CoresPerGbpsSdn. The packet-level mode sets it to its "
                          "VnfApplication's CoreThroughput.",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&VnfAllocator::m_coreMbps),
                          MakeDoubleChecker<double>(0.0, 1e6));
    return tid;
}

VnfAllocator::VnfAllocator()
    : m_coresDataPlane(20.0),
      m_coresSdn(6.0),
      m_coreMbps(0.0)
{
    NS_LOG_FUNCTION(this);
}

VnfAllocator::~VnfAllocator()
{
    NS_LOG_FUNCTION(this);
}

double
VnfAllocator::GetCoresPerGbpsDataPlane() const
{
    if (!(m_coreMbps > 0.0))
    {
        return m_coresDataPlane;
    }
    const double sum = m_coresDataPlane + m_coresSdn;
    // All of them to the data plane when the ratio is undefined (both 0).
    return sum > 0.0 ? 1000.0 / m_coreMbps * m_coresDataPlane / sum : 1000.0 / m_coreMbps;
}

double
VnfAllocator::GetCoresPerGbpsSdn() const
{
    if (!(m_coreMbps > 0.0))
    {
        return m_coresSdn;
    }
    const double sum = m_coresDataPlane + m_coresSdn;
    return sum > 0.0 ? 1000.0 / m_coreMbps * m_coresSdn / sum : 0.0;
}

double
VnfAllocator::GetCoresPerGbps() const
{
    return GetCoresPerGbpsDataPlane() + GetCoresPerGbpsSdn();
}

namespace
{
/**
 * \param mbps a capacity, Mbps.
 * \param coresPerGbps the cores per Gbps.
 * \return its cores, `ceil(mbps / 1000 * coresPerGbps)` less a 1e-9 relative tolerance.
 */
inline uint64_t
CoresAt(double mbps, double coresPerGbps)
{
    const double cores = mbps / 1000.0 * coresPerGbps;
    if (!(cores > 0.0))
    {
        return 0;
    }
    return static_cast<uint64_t>(std::ceil(cores * (1.0 - 1e-9)));
}
} // namespace

uint64_t
VnfAllocator::CoresFor(double mbps) const
{
    return CoresAt(mbps, GetCoresPerGbps());
}

void
VnfAllocator::CoresFor(const double* mbps, size_t n, double* cores) const
{
    const double coresPerGbps = GetCoresPerGbps();
    for (size_t i = 0; i < n; ++i)
    {
        cores[i] = static_cast<double>(CoresAt(mbps[i], coresPerGbps));
    }
}

} // namespace ns3
