/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_LTE_SLICE_ALLOCATION_STEP_H
#define MICROSCOPE_LTE_SLICE_ALLOCATION_STEP_H

#include "aggregate-history.h"
#include "decomposer.h"
#include "demand-matrix.h"
#include "lte-slice-wiring.h"
#include "network-level.h"

#include "ns3/callback.h"

#include <array>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The allocation step of the packet-level slicing loop: decompose -> allocate ->
 * enforce. At the end of slot j each level's decomposer estimates the per-service demand from
 * the measured aggregate (Decompose()); the allocators turn the estimate into Mbps per service
 * and node, times QuotaScale (Allocate()); Enforce() sums them per slice and sets, for slot
 * j+1, the PRB quotas of the eNBs' SliceFfMacSchedulers (QuotasFor(): whole RBGs, fitted to
 * the cell) and the cores of the datacenters' VNFs (VnfAllocator::CoresFor(), at least
 * MinimumCores), and keeps what it set.
 *
 * It needs no LTE stack: without schedulers (null) the quotas are only computed and kept, and
 * VNF applications can be made on their own.
 */
class LteSliceAllocationStep
{
public:
    /**
     * Callback signature of the quotas set on an eNB (LteSliceController's "Quotas" trace).
     * \param slot the slot they are for. \param enb the eNB. \param quotas PRBs per slice.
     */
    typedef Callback<void, uint32_t, uint32_t, const std::vector<uint32_t>&> QuotasCallback;

    LteSliceAllocationStep();

    /**
     * The cell the PRB quotas are fitted to (enough for QuotasFor()).
     * \param spectrum converts Mbps to PRBs.
     * \param bandwidthPrbs downlink PRBs of a cell.
     * \param rbgSize PRBs per RBG (0 is taken as 1).
     * \param minRbgs RBGs every slice keeps while the cell has RBGs.
     */
    void SetCell(Ptr<SpectrumAllocator> spectrum,
                 uint32_t bandwidthPrbs,
                 uint32_t rbgSize,
                 uint32_t minRbgs);

    /**
     * Take the decomposers, allocators, schedulers and VNFs from the wiring, and size the
     * record of quotas and cores for slots 0..nSlots. Calls SetCell().
     * \param wiring what the helper built (decomposers at every level).
     * \param nSlots evaluated slots.
     * \param quotaScale factor applied to every allocation.
     * \param minCores cores every slice keeps at every datacenter.
     * \param minRbgs RBGs every slice keeps at every eNB.
     * \param history T, aggregate snapshots in each decomposer's history.
     */
    void Setup(const LteSliceWiring& wiring,
               uint32_t nSlots,
               double quotaScale,
               uint32_t minCores,
               uint32_t minRbgs,
               uint32_t history);

    /// \param sink called with the quotas set on each eNB
    void SetQuotasCallback(QuotasCallback sink);

    /// Drop the references to the wiring's objects.
    void Dispose();

    /**
     * Set up a level's decomposer and empty its history.
     * \param setup the level's setup (its level and nNodes are used here too).
     */
    void SetupLevel(const DecomposerSetup& setup);

    /**
     * Train a level's decomposer on one slot of the demand model.
     * \param context the slot (its level is the level trained).
     * \param truth the per-service demand (Mbps); its aggregate enters the history.
     */
    void Train(const DecompositionContext& context, const DemandMatrix& truth);

    /// End every level's training.
    void EndTraining();

    /**
     * Decompose a measured slot at a level: push the aggregate into the level's history, let
     * the decomposer estimate, check the shape and repair the estimate to the aggregate
     * (Decomposer::EnforceConstraints()).
     * \param context the slot.
     * \param aggregate the measured aggregate per node, Mbps.
     * \param estimate receives the estimate.
     * \return the number of nodes whose estimate was repaired.
     * \throw std::runtime_error if the estimate has the wrong shape.
     */
    uint32_t Decompose(const DecompositionContext& context,
                       const std::vector<double>& aggregate,
                       DemandMatrix& estimate);

    /**
     * \param level a level.
     * \param basis the per-service demand to allocate for (an estimate), Mbps.
     * \param allocation receives the allocation (Mbps per service and node) times QuotaScale.
     */
    void Allocate(NetworkLevel level, const DemandMatrix& basis, DemandMatrix& allocation) const;

    /**
     * Set the quotas and cores for a slot from the allocation and keep them.
     * \param slot the slot j.
     * \param allocation per level, (services, nodes) Mbps.
     */
    void Enforce(uint32_t slot, const std::array<DemandMatrix, N_NETWORK_LEVELS>& allocation);

    /**
     * PRB quotas of one cell: each slice with traffic gets ceil(PRBs / RBG size) RBGs, at
     * least one and at least MinimumRbgs; if they exceed the cell's RBGs, every slice with
     * traffic first gets one RBG (largest needs first) while RBGs last, then the rest go in
     * proportion to the remaining needs, largest remainders first.
     * \param mbps per slice.
     * \param scaled set to true if the quotas had to be scaled down.
     * \return PRBs per slice, whole RBGs.
     */
    std::vector<uint32_t> QuotasFor(const std::vector<double>& mbps, bool& scaled) const;

    /// \param slot j \param enb eNB \param slice slice \return the PRB quota set
    uint32_t GetQuota(uint32_t slot, uint32_t enb, uint32_t slice) const;
    /**
     * \param slot j \param level a datacenter level \param node datacenter \param slice slice
     * \return the cores set
     */
    uint32_t GetCores(uint32_t slot, NetworkLevel level, uint32_t node, uint32_t slice) const;
    /// \return the (slot, eNB) pairs whose quotas had to be scaled down to fit.
    uint64_t GetNScaledQuotas() const;
    /// \param level a level \return the node estimates repaired so far
    uint64_t GetNRepairs(NetworkLevel level) const;

private:
    // Configuration.
    Ptr<SpectrumAllocator> m_spectrum;                                     //!< antenna allocator
    Ptr<VnfAllocator> m_vnf;                                               //!< datacenter allocator
    std::array<Ptr<Decomposer>, N_NETWORK_LEVELS> m_decomposers;           //!< per level
    std::vector<Ptr<SliceFfMacScheduler>> m_schedulers;                    //!< per eNB (null: none)
    std::array<std::vector<Ptr<VnfApplication>>, N_NETWORK_LEVELS> m_vnfs; //!< per level
    std::vector<uint16_t> m_serviceSlice; //!< slice of each service
    std::vector<uint32_t> m_fixedQuotas;  //!< PRBs per slice; empty: from the allocation
    uint32_t m_nServices{0};              //!< services
    uint32_t m_nSlices{0};                //!< slices
    uint32_t m_nEnbs{0};                  //!< eNBs
    uint32_t m_bandwidthPrbs{0};          //!< DL PRBs of a cell
    uint32_t m_rbgSize{1};                //!< PRBs per RBG
    uint32_t m_minRbgs{0};                //!< MinimumRbgs
    uint32_t m_minCores{1};               //!< MinimumCores
    double m_quotaScale{1.0};             //!< QuotaScale
    uint32_t m_history{1};                //!< T
    QuotasCallback m_quotasSink;          //!< Quotas trace

    // State.
    std::array<AggregateHistory, N_NETWORK_LEVELS> m_histories; //!< per level
    std::vector<std::vector<uint32_t>> m_quotas;                //!< [slot][enb * slices + k]
    std::vector<std::vector<uint32_t>> m_cores;                 //!< [slot][level-packed]
    std::array<uint32_t, N_NETWORK_LEVELS> m_coreOffset{};      //!< offset of a level
    uint64_t m_scaledQuotas{0};                                 //!< scaled (slot, eNB) pairs
    std::array<uint64_t, N_NETWORK_LEVELS> m_repairs{};         //!< repaired node estimates
};

} // namespace ns3

#endif /* MICROSCOPE_LTE_SLICE_ALLOCATION_STEP_H */
