/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_VNF_ALLOCATOR_H
#define MICROSCOPE_VNF_ALLOCATOR_H

#include "slice-allocator.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Datacenter-level slice allocator (MEC, C-RAN, core): turns the capacity allocated to
 * each service slice of a datacenter into CPU cores for its virtual network functions.
 *
 * A slice carrying r Gbps needs `ceil(r * (CoresPerGbpsDataPlane + CoresPerGbpsSdn))` cores,
 * rounded up per slice and datacenter (one slice's VNFs do not share cores with another's).
 * The defaults, 20 cores per Gbps for the data-plane VNFs and 6 for the SDN controller, are
 * those the Milan datacenter study (U. Paul et al., the module's second reference paper) takes
 * from A. Basta et al., "Applying NFV and SDN to LTE mobile core gateways, the functions
 * placement problem", ACM SIGCOMM AllThingsCellular workshop 2014. Rates in Mbps are converted
 * with 1 Gbps = 1000 Mbps.
 */
class VnfAllocator : public SliceAllocator
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    VnfAllocator();
    ~VnfAllocator() override;

    /// \return CoresPerGbpsDataPlane + CoresPerGbpsSdn.
    double GetCoresPerGbps() const;

    /**
     * \param mbps the capacity of one slice at one datacenter, in Mbps.
     * \return the cores it needs, `ceil(mbps / 1000 * GetCoresPerGbps())` (0 for no traffic);
     *         a relative tolerance of 1e-9 keeps exact multiples from rounding up further.
     *         DatacenterDimensioning, which reproduces the Milan paper's dimensioning, uses
     *         1 Gbps = 1024 Mb and rounds to the nearest core instead (see the zones doc).
     */
    uint64_t CoresFor(double mbps) const;

private:
    double m_coresDataPlane; //!< cores per Gbps for data-plane VNFs
    double m_coresSdn;       //!< cores per Gbps for the SDN controller
};

} // namespace ns3

#endif /* MICROSCOPE_VNF_ALLOCATOR_H */
