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
                          MakeDoubleChecker<double>(0.0, 1e6));
    return tid;
}

VnfAllocator::VnfAllocator()
    : m_coresDataPlane(20.0),
      m_coresSdn(6.0)
{
    NS_LOG_FUNCTION(this);
}

VnfAllocator::~VnfAllocator()
{
    NS_LOG_FUNCTION(this);
}

double
VnfAllocator::GetCoresPerGbps() const
{
    return m_coresDataPlane + m_coresSdn;
}

uint64_t
VnfAllocator::CoresFor(double mbps) const
{
    const double cores = mbps / 1000.0 * GetCoresPerGbps();
    if (!(cores > 0.0))
    {
        return 0;
    }
    return static_cast<uint64_t>(std::ceil(cores * (1.0 - 1e-9)));
}

} // namespace ns3
