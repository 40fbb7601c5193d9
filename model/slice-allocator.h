/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_SLICE_ALLOCATOR_H
#define MICROSCOPE_SLICE_ALLOCATOR_H

#include "demand-matrix.h"
#include "network-level.h"

#include "ns3/object.h"

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The allocation policy shared by the resource allocators: the capacity reserved for
 * each (node, service) slice over a management interval is the decomposed demand times
 * (1 + Headroom).
 *
 * With the default Headroom of 0 the slice gets exactly the MTD estimate, which is what the
 * Microscope paper evaluates (Sec. 7). SpectrumAllocator (antennas) and VnfAllocator
 * (datacenters) derive from it and translate the allocation into radio or computing
 * resources.
 */
class SliceAllocator : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SliceAllocator();
    ~SliceAllocator() override;

    /**
     * Compute the capacity of every slice: `allocation(s, n) = estimate(s, n) * (1 + h)`.
     * \param estimate the decomposed demand, (services, nodes) in Mbps.
     * \param allocation receives the allocated capacity in Mbps, same shape.
     */
    void Allocate(const DemandMatrix& estimate, DemandMatrix& allocation) const;

    /// \return the Headroom attribute, h.
    double GetHeadroom() const;

    /**
     * \param headroom the relative headroom h, in [0, 100].
     * \throw InputError (attribute Headroom) otherwise.
     */
    void SetHeadroom(double headroom);

private:
    double m_headroom; //!< relative headroom over the estimate
};

} // namespace ns3

#endif /* MICROSCOPE_SLICE_ALLOCATOR_H */
