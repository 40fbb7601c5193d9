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
 *
 * CoreThroughput T > 0 (Mbps one core serves; the packet-level mode sets it to its
 * VnfApplication's) replaces the per-Gbps figures by the ones that follow from it: 1000 / T
 * cores per Gbps, split between the data plane and the SDN controller in the ratio of
 * CoresPerGbpsDataPlane to CoresPerGbpsSdn, i.e. `c_DP = 1000 / T * DP / (DP + SDN)` and
 * `c_SDN = 1000 / T * SDN / (DP + SDN)` (with the default 20 and 6: 20/26 and 6/26 of
 * 1000 / T; T = 1000 / 26 gives back 20 and 6). T = 0 (default): the per-Gbps attributes as
 * they are.
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

    /// \return the data-plane cores per Gbps: CoresPerGbpsDataPlane, or, with CoreThroughput
    ///         T > 0, 1000 / T * DP / (DP + SDN).
    double GetCoresPerGbpsDataPlane() const;
    /// \return the SDN cores per Gbps: CoresPerGbpsSdn, or, with CoreThroughput T > 0,
    ///         1000 / T * SDN / (DP + SDN).
    double GetCoresPerGbpsSdn() const;
    /// \return GetCoresPerGbpsDataPlane() + GetCoresPerGbpsSdn().
    double GetCoresPerGbps() const;

    /**
     * \param mbps the capacity of one slice at one datacenter, in Mbps.
     * \return the cores it needs, `ceil(mbps / 1000 * GetCoresPerGbps())` (0 for no traffic);
     *         a relative tolerance of 1e-9 keeps exact multiples from rounding up further.
     *         DatacenterDimensioning, which reproduces the Milan paper's dimensioning, uses
     *         1 Gbps = 1024 Mb and rounds to the nearest core instead (see the zones doc).
     */
    uint64_t CoresFor(double mbps) const;

    /**
     * CoresFor() of many capacities at once, with GetCoresPerGbps() read once: the same
     * arithmetic per element, so the same results.
     * \param mbps capacities, Mbps.
     * \param n how many.
     * \param cores receives the cores of each, as doubles (n of them).
     */
    void CoresFor(const double* mbps, size_t n, double* cores) const;

private:
    double m_coresDataPlane; //!< cores per Gbps for data-plane VNFs
    double m_coresSdn;       //!< cores per Gbps for the SDN controller
    double m_coreMbps;       //!< CoreThroughput, Mbps per core; 0: not used
};

} // namespace ns3

#endif /* MICROSCOPE_VNF_ALLOCATOR_H */
