/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_LTE_SLICE_CONTROLLER_H
#define MICROSCOPE_LTE_SLICE_CONTROLLER_H

#include "aggregate-history.h"
#include "cost-accountant.h"
#include "decomposer.h"
#include "demand-matrix.h"
#include "network-level.h"
#include "network-topology.h"
#include "service-catalog.h"
#include "service-traffic-application.h"
#include "slice-ff-mac-scheduler.h"
#include "spectrum-allocator.h"
#include "traffic-source.h"
#include "vnf-allocator.h"
#include "vnf-application.h"

#include "ns3/net-device-container.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet-sink.h"
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
    static constexpr std::array<NetworkLevel, 3> DC_LEVELS = {NetworkLevel::CORE,
                                                              NetworkLevel::CRAN,
                                                              NetworkLevel::MEC};

    /**
     * What the helper built, handed to the controller before Start().
     */
    struct Wiring
    {
        Ptr<ServiceCatalog> catalog;           //!< services
        Ptr<TrafficSource> source;             //!< demand model (5-minute slots)
        Ptr<NetworkTopology> topology;         //!< eNBs (antenna level) and datacenters
        std::vector<double> demandScale;       //!< per eNB: model Mbps -> offered Mbps
        uint32_t uesPerEnb{1};                 //!< UEs per eNB
        std::vector<uint16_t> serviceSlice;    //!< slice of each service
        std::vector<std::string> sliceNames;   //!< slice names
        std::vector<double> sliceSlaDelivered; //!< per slice
        std::vector<double> sliceSlaDelayMs;   //!< per slice
        std::vector<uint16_t> serviceBearer;   //!< dedicated bearer of each service
        std::vector<uint8_t> bearerLcid;       //!< expected LCID of each bearer
        std::vector<uint16_t> bearerSlice;     //!< slice of each bearer
        uint16_t basePort{20000};              //!< UE port of service s: basePort + s
        uint32_t rlcBufferBytes{0};            //!< eNB RLC UM MaxTxBufferSize (0: leave it)
        NetDeviceContainer enbDevices;         //!< one per eNB
        std::vector<Ptr<SliceFfMacScheduler>> schedulers; //!< per eNB (null: not sliced)
        uint32_t bandwidthPrbs{0};                        //!< DL PRBs of a cell
        uint32_t rbgSize{1};                              //!< PRBs per RBG
        std::vector<uint32_t> fixedQuotas;                //!< PRBs per slice; empty: decomposer
        /// [eNB][ue * services + service] the server's flows
        std::vector<std::vector<Ptr<ServiceTrafficApplication>>> flows;
        /// [eNB][ue * services + service] the UEs' sinks
        std::vector<std::vector<Ptr<PacketSink>>> sinks;
        /// per level index (NetworkLevel): the datacenters' VNFs (empty for the antennas)
        std::array<std::vector<Ptr<VnfApplication>>, N_NETWORK_LEVELS> vnfs;
        /// per level: its decomposer (null: level not decomposed)
        std::array<Ptr<Decomposer>, N_NETWORK_LEVELS> decomposers;
        std::string decomposerName;      //!< lane name
        Ptr<SpectrumAllocator> spectrum; //!< antenna allocator
        Ptr<VnfAllocator> vnf;           //!< datacenter allocator
        Ptr<CostAccountant> accountant;  //!< fluid-mode costs
    };

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
    /// Per-level measurement of one slot.
    struct LevelSlot
    {
        DemandMatrix bytes;            //!< (services, nodes) bytes arrived
        DemandMatrix truth;            //!< Mbps
        std::vector<double> aggregate; //!< Mbps per node
        DemandMatrix estimate;         //!< estimate of this slot
        DemandMatrix allocation;       //!< allocation in force during this slot (Mbps)
    };

    /// Per (slot, node, slice) traffic counters.
    struct Counter
    {
        uint64_t offered{0};      //!< bytes offered
        uint64_t delivered{0};    //!< bytes delivered
        uint64_t dropped{0};      //!< bytes dropped
        std::vector<float> delay; //!< delays, ms
    };

    /**
     * \param t a time.
     * \return its slot j, or -1 outside [StartTime, end of the last slot).
     */
    int64_t SlotOf(Time t) const;
    /// \param slot a slot j \return the demand model's slot
    uint64_t MappedSlot(uint32_t slot) const;
    /**
     * The offered demand of a model slot: the model's demand times each eNB's scale.
     * \param modelSlot a slot of the demand model.
     * \param demand receives (services, eNBs) in Mbps.
     */
    void GetOfferedDemand(uint64_t modelSlot, DemandMatrix& demand) const;
    /// Train the decomposers on the demand model.
    void Train();
    /// Find the services' bearers in the eNBs' RRC and connect their PDCP and RLC traces.
    void ConnectBearers();
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
    /**
     * Set the quotas and cores for slot j from the allocation.
     * \param slot the slot.
     * \param allocation per level, (services, nodes) Mbps.
     */
    void Enforce(uint32_t slot, const std::array<DemandMatrix, N_NETWORK_LEVELS>& allocation);
    /**
     * \param mbps per slice.
     * \return PRB quotas per slice in whole RBGs, fitted to the cell.
     * \param scaled set to true if they had to be scaled down.
     */
    std::vector<uint32_t> QuotasFor(const std::vector<double>& mbps, bool& scaled) const;
    /// End of the drain: build the records, stop the simulator.
    void Finish();
    /// Build the records and the costs.
    void BuildRecords();

    // Trace sinks.
    /**
     * \param enb eNB \param bearer bearer \param rnti UE \param lcid LC \param size bytes
     */
    void PdcpTx(uint32_t enb, uint32_t bearer, uint16_t rnti, uint8_t lcid, uint32_t size);
    /**
     * \param enb eNB \param bearer bearer \param packet the dropped RLC SDU
     */
    void RlcDrop(uint32_t enb, uint32_t bearer, Ptr<const Packet> packet);
    /**
     * \param enb eNB \param packet a packet from the S1-U tunnel (IP header first)
     */
    void S1uRx(uint32_t enb, Ptr<Packet> packet);
    /**
     * \param packet the packet \param tag its flow
     */
    void FlowTx(Ptr<const Packet> packet, const SliceFlowTag& tag);
    /**
     * \param enb eNB \param slice slice \param packet packet \param from sender
     */
    void SinkRx(uint32_t enb, uint32_t slice, Ptr<const Packet> packet, const Address& from);
    /**
     * \param level level \param node datacenter \param tag flow \param bytes bytes
     */
    void VnfEnqueue(uint32_t level, uint32_t node, const SliceFlowTag& tag, uint32_t bytes);
    /**
     * \param level level \param node datacenter \param tag flow \param bytes bytes
     */
    void VnfDrop(uint32_t level, uint32_t node, const SliceFlowTag& tag, uint32_t bytes);
    /**
     * \param level level \param node node \param tag flow \param bytes bytes \param sojourn time
     */
    void VnfServed(uint32_t level,
                   uint32_t node,
                   const SliceFlowTag& tag,
                   uint32_t bytes,
                   Time sojourn);
    /**
     * \param enb eNB \param frame frame \param subframe subframe \param slice slice
     * \param quota quota \param used used \param lent lent
     */
    void SliceTti(uint32_t enb,
                  uint16_t frame,
                  uint16_t subframe,
                  uint16_t slice,
                  uint32_t quota,
                  uint32_t used,
                  uint32_t lent);

    /// \param slot j \param node node \param slice slice \param nNodes nodes \return index
    size_t Index(uint32_t slot, uint32_t node, uint32_t slice, uint32_t nNodes) const;

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

    Wiring m_w;                                            //!< wiring
    uint32_t m_nServices{0};                               //!< services
    uint32_t m_nSlices{0};                                 //!< slices
    uint32_t m_nEnbs{0};                                   //!< eNBs
    uint32_t m_nBearers{0};                                //!< dedicated bearers per UE
    bool m_started{false};                                 //!< Start() ran
    bool m_finished{false};                                //!< Finish() ran
    bool m_built{false};                                   //!< records built
    std::vector<uint8_t> m_observedLcids;                  //!< per service
    uint32_t m_connectedBearers{0};                        //!< bearers connected
    uint64_t m_scaledQuotas{0};                            //!< scaled (slot, eNB) pairs
    std::vector<std::vector<uint32_t>> m_quotas;           //!< [slot][enb * slices + slice]
    std::vector<std::vector<uint32_t>> m_cores;            //!< [slot][level-packed (node, slice)]
    std::array<uint32_t, N_NETWORK_LEVELS> m_coreOffset{}; //!< offset of a level in m_cores
    std::array<std::vector<LevelSlot>, N_NETWORK_LEVELS> m_levels; //!< [level][slot]
    std::array<AggregateHistory, N_NETWORK_LEVELS> m_histories;    //!< per level
    std::vector<Counter> m_e2e;                                    //!< (slot, enb, slice)
    std::vector<uint64_t> m_pdcpBytes; //!< (slot, enb, bearer): PDCP PDU bytes at the eNB
    std::array<std::vector<Counter>, N_NETWORK_LEVELS> m_vnfCounters; //!< (slot, dc, slice)
    std::vector<double> m_usedPrbSum; //!< (slot, enb, slice): PRBs summed over TTIs
    std::vector<uint32_t> m_ttis;     //!< (slot, enb): TTIs traced
    std::array<uint64_t, N_NETWORK_LEVELS> m_repairs{}; //!< repaired node estimates
    std::vector<SliceRecord> m_sliceRecords;            //!< slices.csv
    std::vector<VnfRecord> m_vnfRecords;                //!< vnf.csv
    std::string m_summary;                              //!< summary.json text

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
