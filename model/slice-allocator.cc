/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "slice-allocator.h"

#include "input-error.h"

#include "ns3/double.h"
#include "ns3/log.h"

#include <string>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SliceAllocator");

NS_OBJECT_ENSURE_REGISTERED(SliceAllocator);

TypeId
SliceAllocator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SliceAllocator")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<SliceAllocator>()
            .AddAttribute("Headroom",
                          "Relative capacity added on top of the decomposed demand of every "
                          "slice: allocation = estimate * (1 + Headroom). The default 0 "
                          "allocates exactly the MTD estimate, as the Microscope paper does "
                          "(MobiCom 2020, Sec. 7).",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&SliceAllocator::m_headroom),
                          MakeDoubleChecker<double>(0.0, 100.0));
    return tid;
}

SliceAllocator::SliceAllocator()
    : m_headroom(0.0)
{
    NS_LOG_FUNCTION(this);
}

SliceAllocator::~SliceAllocator()
{
    NS_LOG_FUNCTION(this);
}

void
SliceAllocator::Allocate(const DemandMatrix& estimate, DemandMatrix& allocation) const
{
    if (allocation.GetNServices() != estimate.GetNServices() ||
        allocation.GetNNodes() != estimate.GetNNodes())
    {
        allocation.Resize(estimate.GetNServices(), estimate.GetNNodes());
    }
    const double factor = 1.0 + m_headroom;
    const size_t n = estimate.Values().size();
    const double* in = estimate.Data();
    double* out = allocation.Data();
    for (size_t i = 0; i < n; ++i)
    {
        out[i] = in[i] * factor;
    }
}

double
SliceAllocator::GetHeadroom() const
{
    return m_headroom;
}

void
SliceAllocator::SetHeadroom(double headroom)
{
    NS_LOG_FUNCTION(this << headroom);
    if (!(headroom >= 0.0 && headroom <= 100.0))
    {
        throw InputError::ForAttribute("Headroom",
                                       "must lie in [0, 100], got " + std::to_string(headroom));
    }
    m_headroom = headroom;
}

} // namespace ns3
