/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_LTE_SLICE_CONTROLLER_H
#define MICROSCOPE_LTE_SLICE_CONTROLLER_H

#include "cost-accountant.h"
#include "decomposer.h"
#include "demand-matrix.h"
#include "lte-slice-allocation-step.h"
#include "lte-slice-stats-calculator.h"
#include "lte-slice-trace-connector.h"
#include "lte-slice-wiring.h"
#include "network-level.h"
#include "slice-sla-judge.h"

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The packet-level slicing loop: every (compressed) slot it measures the traffic that
 * flowed through the LTE RAN and the datacenter VNFs, lets a decomposer per level estimate the
 * per-service demand from the measured aggregate only, turns the estimates into PRB quotas of
 * the eNBs' SliceFfMacSchedulers and into VNF cores for the next slot, sets the services'
 * rates from the demand model, and records offered, delivered and dropped bytes and delays.
 *
 * Timeline: slot j (j = 0..Slots) covers [StartTime + j SlotDuration, StartTime + (j+1)
 * SlotDuration). Slot 0 is a warm-up slot (allocation from the demand model, not evaluated);
 * slots 1..Slots are evaluated (written as 0..Slots-1). Slot j's demand is the demand model's
 * 5-minute slot `MapOffset + j * MapStride`. After the last slot the sources stop and the
 * packets in flight have DrainTime to arrive, then the simulator stops.
 *
 * Measurements (per slot, by the time the packet was sent or arrived at the node):
 * - antenna level: PDCP PDU bytes that the eNB's PDCP entities of the dedicated bearers pass
 *   to RLC (LtePdcp "TxPDU"), per bearer; summed over bearers -> the aggregate the decomposer
 *   sees (Mbps). A bearer that carries one service gives that service's truth; a bearer shared
 *   by several services (catalogs with more services than the 7 dedicated LCIDs 4..10) is
 *   split between them in proportion to their bytes arriving from the S1-U tunnel in the slot
 *   (EpcEnbApplication "RxFromS1u", by UDP port);
 * - datacenter levels: bytes arriving at each VNF (queued or dropped), per service;
 * - end to end, per (eNB, slice): UDP payload bytes sent by the server (offered) and received
 *   by the UEs (delivered, attributed to the slot the packet was sent in, delay from its
 *   SeqTsHeader); drops at the VNF queues and at the eNB's RLC (LteRlc "TxDrop");
 * - per VNF and slice: arrivals, served bytes (by arrival slot) and drops, sojourn times;
 * - per eNB and slice: PRBs used per TTI (SliceFfMacScheduler "SliceTti"), averaged.
 *
 * Allocation for slot j+1 (at the end of slot j): estimate e = Decompose(aggregate of slot j),
 * allocation x = SliceAllocator::Allocate(e) * QuotaScale (Mbps per service and node); a
 * slice's Mbps is the sum over its services. At an eNB: PRBs = SpectrumAllocator::RateToPrbs,
 * rounded up to whole RBGs of the scheduler (a slice only uses whole RBGs); if the slices need
 * more RBGs than the cell has, they are scaled down in proportion (largest remainders, at
 * least one RBG for every slice with traffic while RBGs last): counted in GetNScaledQuotas().
 * At a datacenter: VnfAllocator::CoresFor() per slice, at least MinimumCores (default 1: a
 * slice whose estimate is 0 would otherwise hold every packet that arrives in the slot). At an
 * eNB a slice gets at least MinimumRbgs RBGs (default 0).
 *
 * Costs: the CostAccountant (the fluid mode's formulas) accounts every evaluated slot with the
 * measured truth, the slot's estimate and the allocation in force during the slot; next to
 * it the measured SLA violations: a (node, slice, slot) with offered traffic whose delivered
 * share is below the slice's sla_delivered, or whose delay p95 exceeds its sla_delay_ms.
 *
 * Parts: the controller keeps the timeline, the attributes, the trace sources and the records;
 * an LteSliceTraceConnector wires the trace sources to an LteSliceStatsCalculator, which keeps
 * the counters and derives the per-level truth and the delivered shares; an
 * LteSliceAllocationStep decomposes, allocates and enforces the quotas and cores; the records
 * take their delay quantiles from DelayQuantileCalculator and their SLA verdicts from a
 * SliceSlaJudge, and each level's measured totals come from an LteSliceLevelTotals. Log components
 * of the same names report the decisions (NS_LOG_INFO: quotas per eNB and slot, allocations per
 * level, measured SLA violations; NS_LOG_LOGIC: cores, decompositions, every SLA judgement).
 */
class LteSliceController : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    LteSliceController();
    ~LteSliceController() override;

    /// Datacenter levels in path order from the server.
    static constexpr std::array<NetworkLevel, 3> DC_LEVELS = LTE_SLICE_DC_LEVELS;

    /// What the helper built, handed to the controller before Start() (LteSliceWiring).
    using Wiring = LteSliceWiring;

    /**
     * One row of slices.csv: one eNB and slice over one evaluated slot.
     */
    struct SliceRecord
    {
        uint32_t slot{0};           //!< evaluated slot (0-based)
        uint32_t enb{0};            //!< eNB
        uint32_t slice{0};          //!< slice
        uint32_t quotaPrb{0};       //!< quota in force
        double usedPrb{0};          //!< mean PRBs used per TTI (NaN if not sliced)
        uint64_t offeredBytes{0};   //!< sent by the server in the slot
        uint64_t deliveredBytes{0}; //!< of those, received by the UEs
        uint64_t droppedBytes{0};   //!< dropped at VNFs and RLC during the slot
        double delayP50Ms{0};       //!< end-to-end delay, median (NaN: nothing delivered)
        double delayP95Ms{0};       //!< end-to-end delay, 95th percentile
        bool violated{false};       //!< measured SLA violation
    };

    /**
     * One row of vnf.csv: one datacenter and slice over one evaluated slot.
     */
    struct VnfRecord
    {
        uint32_t slot{0};                      //!< evaluated slot
        NetworkLevel level{NetworkLevel::MEC}; //!< level
        uint32_t node{0};                      //!< datacenter
        uint32_t slice{0};                     //!< slice
        uint32_t cores{0};                     //!< cores in force
        uint64_t offeredBytes{0};              //!< arrivals
        uint64_t deliveredBytes{0};            //!< served (of the slot's arrivals)
        uint64_t droppedBytes{0};              //!< dropped arrivals
        double delayP50Ms{0};                  //!< sojourn, median
        double delayP95Ms{0};                  //!< sojourn, 95th percentile
        bool violated{false};                  //!< measured SLA violation
    };

    /**
     * TracedCallback signature of a completed slot at one level.
     * \param slot the slot j (0 = warm-up).
     * \param level the level.
     * \param aggregate the measured aggregate per node, Mbps (what the decomposer sees).
     * \param truth the measured per-service demand, Mbps.
     * \param estimate the decomposer's estimate.
     */
    typedef void (*SlotTracedCallback)(uint32_t slot,
                                       NetworkLevel level,
                                       const std::vector<double>& aggregate,
                                       const DemandMatrix& truth,
                                       const DemandMatrix& estimate);

    /**
     * TracedCallback signature of the quotas set on an eNB.
     * \param slot the slot they are for.
     * \param enb the eNB.
     * \param quotas PRBs per slice.
     */
    typedef void (*QuotasTracedCallback)(uint32_t slot,
                                         uint32_t enb,
                                         const std::vector<uint32_t>& quotas);

    /// \param wiring what the helper built
    void SetWiring(const Wiring& wiring);
    /// \return the wiring
    const Wiring& GetWiring() const;

    /**
     * Check the configuration, train the decomposers on the demand model's slots before
     * MapOffset, connect the traces and schedule the slots.
     * \throw InputError naming the attribute on bad configuration.
     */
    void Start();

    /// \return true once the run is over (after the drain).
    bool IsFinished() const;

    /// \return the number of evaluated slots (attribute Slots).
    uint32_t GetNSlots() const;
    /// \return the simulated time the run needs, drain included.
    Time GetStopTime() const;

    /**
     * \param slot a slot j (0 = warm-up) that is complete.
     * \param level a level.
     * \return the measured aggregate per node (Mbps).
     */
    const std::vector<double>& GetAggregate(uint32_t slot, NetworkLevel level) const;
    /**
     * \param slot a complete slot j.
     * \param level a level.
     * \return the measured per-service truth (Mbps), (services, nodes).
     */
    const DemandMatrix& GetTruth(uint32_t slot, NetworkLevel level) const;
    /**
     * \param slot a complete slot j.
     * \param level a level.
     * \return the decomposer's estimate of that slot.
     */
    const DemandMatrix& GetEstimate(uint32_t slot, NetworkLevel level) const;

    /// \return the LCID of each dedicated bearer, as found in the eNBs' RRC.
    const std::vector<uint8_t>& GetObservedLcids() const;
    /// \return the dedicated bearers whose PDCP was connected (UEs x bearers expected).
    uint32_t GetNConnectedBearers() const;
    /// \return the (slot, eNB) pairs whose quotas had to be scaled down to fit.
    uint64_t GetNScaledQuotas() const;

    /// \return the slices.csv rows (after the run).
    const std::vector<SliceRecord>& GetSliceRecords() const;
    /// \return the vnf.csv rows (after the run).
    const std::vector<VnfRecord>& GetVnfRecords() const;

    /**
     * Write slices.csv, vnf.csv and summary.json (last) into a directory, atomically
     * (the "parameters" of summary.json come from the accountant's SetParameter()).
     * \param directory an existing directory.
     */
    void WriteResults(const std::string& directory) const;

    /// \return the text of slices.csv.
    std::string GetSlicesCsv() const;
    /// \return the text of vnf.csv.
    std::string GetVnfCsv() const;
    /// \return the text of summary.json.
    std::string GetSummaryJson() const;

    /**
     * \param values samples (reordered).
     * \param q the quantile in [0, 1].
     * \return the nearest-rank quantile, NaN if there are no samples.
     */
    static double Quantile(std::vector<float>& values, double q);

protected:
    void DoDispose() override;

private:
    /// Per-level results of one slot.
    struct LevelSlot
    {
        DemandMatrix truth;            //!< measured per-service demand, Mbps
        std::vector<double> aggregate; //!< Mbps per node
        DemandMatrix estimate;         //!< estimate of this slot
        DemandMatrix allocation;       //!< allocation in force during this slot (Mbps)
    };

    /// \param slot a slot j \return the demand model's slot
    uint64_t MappedSlot(uint32_t slot) const;
    /**
     * The offered demand of a model slot: the model's demand times each eNB's scale.
     * \param modelSlot a slot of the demand model.
     * \param demand receives (services, eNBs) in Mbps.
     */
    void GetOfferedDemand(uint64_t modelSlot, DemandMatrix& demand) const;
    /**
     * \param level a level.
     * \param modelSlot a slot of the demand model.
     * \return the decomposition context of that slot, without interval and truth.
     */
    DecompositionContext ContextOf(NetworkLevel level, uint64_t modelSlot) const;
    /// Train the decomposers on the demand model.
    void Train();
    /**
     * Start of slot j: close slot j-1, allocate for j, set the rates.
     * \param slot the slot j (Slots + 1 for the end of the run).
     */
    void BeginSlot(uint32_t slot);
    /**
     * Measure, decompose and account slot j at every level.
     * \param slot the slot.
     */
    void CloseSlot(uint32_t slot);
    /// End of the drain: build the records, stop the simulator.
    void Finish();
    /// Build the records and the costs.
    void BuildRecords();
    /**
     * The measured SLA judgement of one row of the records, logged when violated.
     * \param sla the slices' SLAs.
     * \param c the row's counter.
     * \param slot the evaluated slot (0-based).
     * \param level its level.
     * \param node the eNB or datacenter.
     * \param slice the slice.
     * \param delayP95Ms the 95th percentile of its delays.
     * \return true if the SLA is violated.
     */
    bool JudgeRow(const SliceSlaJudge& sla,
                  const LteSliceStatsCalculator::Counter& c,
                  uint32_t slot,
                  NetworkLevel level,
                  uint32_t node,
                  uint32_t slice,
                  double delayP95Ms) const;

    // Attributes.
    Time m_slot;           //!< SlotDuration
    uint32_t m_nSlots;     //!< Slots
    Time m_start;          //!< StartTime
    Time m_drain;          //!< DrainTime
    uint64_t m_mapOffset;  //!< MapOffset
    uint32_t m_mapStride;  //!< MapStride
    double m_quotaScale;   //!< QuotaScale
    uint32_t m_history;    //!< History
    uint32_t m_trainSlots; //!< TrainSlots
    uint32_t m_minCores;   //!< MinimumCores
    uint32_t m_minRbgs;    //!< MinimumRbgs

    Wiring m_w;                                                    //!< wiring
    uint32_t m_nServices{0};                                       //!< services
    uint32_t m_nSlices{0};                                         //!< slices
    uint32_t m_nEnbs{0};                                           //!< eNBs
    bool m_started{false};                                         //!< Start() ran
    bool m_finished{false};                                        //!< Finish() ran
    bool m_built{false};                                           //!< records built
    LteSliceStatsCalculator m_stats;                               //!< the measurements
    LteSliceTraceConnector m_connector;                            //!< trace sources -> m_stats
    LteSliceAllocationStep m_step;                                 //!< decompose, allocate, enforce
    std::array<std::vector<LevelSlot>, N_NETWORK_LEVELS> m_levels; //!< [level][slot]
    std::vector<SliceRecord> m_sliceRecords;                       //!< slices.csv
    std::vector<VnfRecord> m_vnfRecords;                           //!< vnf.csv
    std::string m_summary;                                         //!< summary.json text

    TracedCallback<uint32_t,
                   NetworkLevel,
                   const std::vector<double>&,
                   const DemandMatrix&,
                   const DemandMatrix&>
        m_slotTrace;                                                                //!< Slot
    TracedCallback<uint32_t, uint32_t, const std::vector<uint32_t>&> m_quotasTrace; //!< Quotas
};

} // namespace ns3

#endif /* MICROSCOPE_LTE_SLICE_CONTROLLER_H */
