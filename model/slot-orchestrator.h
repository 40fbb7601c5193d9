/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_SLOT_ORCHESTRATOR_H
#define MICROSCOPE_SLOT_ORCHESTRATOR_H

#include "aggregate-history.h"
#include "cost-accountant.h"
#include "decomposer.h"
#include "demand-matrix.h"
#include "network-level.h"
#include "network-topology.h"
#include "spectrum-allocator.h"
#include "traffic-source.h"
#include "vnf-allocator.h"

#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The fluid slicing pipeline: once per traffic slot it takes the per-antenna,
 * per-service demand from a TrafficSource, aggregates it into the management intervals of
 * every network level, has each lane's decomposers estimate the per-service demand from the
 * aggregate history, allocates slice capacity and accounts the costs.
 *
 * Per level (antenna, MEC, C-RAN, core) the demand of a node over a management interval is
 * the mean of its slots' demand (Mbps). When an interval completes, the level's aggregate
 * snapshot (per node, summed over services) is pushed into its AggregateHistory (History
 * snapshots, shared by every lane), then for every lane with a decomposer at that level:
 * - in the training period (the first round(TrainFraction * days) days):
 *   Decomposer::Train() with the true demand; Decomposer::EndTraining() once at its end;
 * - afterwards: Decomposer::Decompose(); the estimate is checked (finite, non-negative,
 *   summing to the aggregate within 1e-6 relative; otherwise Decomposer::EnforceConstraints()
 *   repairs it and the repair is counted); the level's allocator (SpectrumAllocator at the
 *   antennas, VnfAllocator at datacenters) sets the slice capacities; the Estimate,
 *   Allocation and Cost traces fire; and in the evaluation period (by default the test days,
 *   after round(ValidationFraction * days) validation days) the CostAccountant accounts the
 *   interval.
 *
 * A lane is a named decomposer configuration, one decomposer per level (AddLane()); all
 * lanes see the same demand in the same pass. The first lane is the primary one. Levels that
 * no lane decomposes, or that the topology does not have, are skipped.
 *
 * Batched inference: nothing a decomposer estimates here feeds back into the aggregates it
 * sees later, so a decomposer whose GetBatchSize() B exceeds 1 (NeuralDecomposer's BatchSize)
 * is told, just before it decomposes an interval not yet covered, the aggregate snapshots of
 * its next B intervals to decompose (Decomposer::Prefetch()); the orchestrator reads the
 * slots they need from the source ahead of time (in order, at most B intervals ahead) and
 * keeps them until their time. Decompose(), the allocation, the accounting and the traces
 * still happen interval by interval in simulated time. With no such decomposer nothing is
 * read ahead.
 *
 * Start() schedules the slots on the ns-3 simulator: slot k runs at k * SlotDuration after
 * Start() (the calendar's SlotDuration); Simulator::Run() runs them. After the last slot,
 * Finish() finalises the accountant (and writes the per-slot file if enabled). An exception
 * thrown by the source or a decomposer leaves Simulator::Run() after the accountant has
 * removed its temporary files.
 */
class SlotOrchestrator : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SlotOrchestrator();
    ~SlotOrchestrator() override;

    /**
     * TracedCallback signature of the demand of a slot.
     * \param slot the slot index.
     * \param demand the per-antenna, per-service demand (services, antennas), Mbps.
     */
    typedef void (*DemandTracedCallback)(uint64_t slot, const DemandMatrix& demand);

    /**
     * TracedCallback signature of a completed management interval (training ones included).
     * \param level the level.
     * \param interval the interval's index at that level.
     * \param firstSlot the index of its first slot.
     * \param truth its true demand (services, nodes), the mean of its slots, Mbps.
     */
    typedef void (*IntervalTracedCallback)(NetworkLevel level,
                                           uint64_t interval,
                                           uint64_t firstSlot,
                                           const DemandMatrix& truth);

    /**
     * TracedCallback signature of a decomposition (after any repair).
     * \param lane the lane's name.
     * \param level the level.
     * \param interval the interval's index at that level.
     * \param truth the true demand (services, nodes), Mbps.
     * \param estimate the decomposer's estimate, same shape.
     */
    typedef void (*EstimateTracedCallback)(const std::string& lane,
                                           NetworkLevel level,
                                           uint64_t interval,
                                           const DemandMatrix& truth,
                                           const DemandMatrix& estimate);

    /**
     * TracedCallback signature of a slice allocation.
     * \param lane the lane's name.
     * \param level the level.
     * \param interval the interval's index at that level.
     * \param allocation the capacity of every (service, node) slice, Mbps.
     */
    typedef void (*AllocationTracedCallback)(const std::string& lane,
                                             NetworkLevel level,
                                             uint64_t interval,
                                             const DemandMatrix& allocation);

    /**
     * TracedCallback signature of the immediate costs of an allocation. SLA fees depend on
     * peaks known only at the end, so the trace gives the violated slices and the shortfall.
     * \param lane the lane's name.
     * \param level the level.
     * \param interval the interval's index at that level.
     * \param overprovisioningMbps sum over slices of (allocation - truth)+.
     * \param shortfallMbps sum over slices of (truth - allocation)+.
     * \param violations slices whose allocation is below the truth (SLA violations).
     * \param evaluated true if the interval is in the evaluation period (accounted).
     */
    typedef void (*CostTracedCallback)(const std::string& lane,
                                       NetworkLevel level,
                                       uint64_t interval,
                                       double overprovisioningMbps,
                                       double shortfallMbps,
                                       uint32_t violations,
                                       bool evaluated);

    /// \param source where the demand comes from.
    void SetTrafficSource(Ptr<TrafficSource> source);
    /// \return the traffic source.
    Ptr<TrafficSource> GetTrafficSource() const;

    /// \param topology the antennas and datacenter levels.
    void SetTopology(Ptr<NetworkTopology> topology);
    /// \return the topology.
    Ptr<NetworkTopology> GetTopology() const;

    /// \param allocator the antenna-level allocator (a default one is created otherwise).
    void SetSpectrumAllocator(Ptr<SpectrumAllocator> allocator);
    /// \return the antenna-level allocator.
    Ptr<SpectrumAllocator> GetSpectrumAllocator() const;

    /// \param allocator the datacenter allocator (a default one is created otherwise).
    void SetVnfAllocator(Ptr<VnfAllocator> allocator);
    /// \return the datacenter allocator.
    Ptr<VnfAllocator> GetVnfAllocator() const;

    /// \param accountant the cost accountant (a default one is created otherwise).
    void SetCostAccountant(Ptr<CostAccountant> accountant);
    /// \return the cost accountant.
    Ptr<CostAccountant> GetCostAccountant() const;

    /**
     * Give a lane a decomposer at one level. The first lane named is the primary one; call
     * again with the same name for the lane's other levels. Each decomposer object serves
     * one (lane, level) only.
     * \param name the lane's name (e.g. "historical", "oracle", "neural").
     * \param level the level.
     * \param decomposer the decomposer; Start() calls its Setup().
     * \throw InputError if the name is empty, the decomposer null or already used, or the
     *        lane already has a decomposer at that level.
     */
    void AddLane(const std::string& name, NetworkLevel level, Ptr<Decomposer> decomposer);

    /// \return the lane names, primary first.
    std::vector<std::string> GetLaneNames() const;

    /**
     * \param lane a lane's name.
     * \param level a level.
     * \return its decomposer there, or null.
     */
    Ptr<Decomposer> GetDecomposer(const std::string& lane, NetworkLevel level) const;

    /**
     * Write the primary lane's evaluated intervals to a CSV file (CostAccountant). Call it
     * after SetCostAccountant(), if used, and before Start().
     * \param path the file.
     */
    void EnablePerSlotOutput(const std::string& path);

    /**
     * Check the configuration, set up the levels, decomposers and accountant, and schedule
     * the first slot.
     * \throw InputError naming the attribute or the missing piece on bad configuration.
     */
    void Start();

    /**
     * End the run: cancels pending slots and finalises the accountant. Called automatically
     * after the last slot; calling it again does nothing.
     */
    void Finish();

    /// \return true once Finish() has run.
    bool IsFinished() const;

    /**
     * Write summary.json, node_costs.csv and table3.csv into a directory (after Finish()).
     * \param directory an existing directory.
     */
    void WriteResults(const std::string& directory) const;

    /// \return the number of days of the run (the last one may be partial); after Start().
    uint32_t GetNDays() const;
    /// \return the days of the training period; after Start().
    uint32_t GetTrainDays() const;
    /// \return the days of the validation period; after Start().
    uint32_t GetValidationDays() const;
    /// \return the first evaluated day; after Start().
    uint32_t GetEvaluationStartDay() const;
    /// \return one past the last evaluated day; after Start().
    uint32_t GetEvaluationEndDay() const;

    /**
     * \param level a level.
     * \return its management interval (the attribute).
     */
    Time GetInterval(NetworkLevel level) const;

    /**
     * \param level a level.
     * \return true if the run decomposes it; after Start().
     */
    bool IsLevelActive(NetworkLevel level) const;

    /**
     * \param level an active level.
     * \return its aggregate history.
     */
    const AggregateHistory& GetHistory(NetworkLevel level) const;

    /**
     * \param lane a lane's name.
     * \param level a level.
     * \return the node estimates repaired there so far (all decomposed intervals).
     */
    uint64_t GetNRepairs(const std::string& lane, NetworkLevel level) const;

    /// \return the slots processed so far.
    uint64_t GetNSlotsProcessed() const;

protected:
    void DoDispose() override;

private:
    /// One lane's state at one level.
    struct LaneLevel
    {
        Ptr<Decomposer> decomposer;  //!< null if the lane skips the level
        DemandMatrix estimate;       //!< last estimate
        DemandMatrix allocation;     //!< last allocation
        bool trainingEnded{false};   //!< EndTraining() called
        bool validationEnded{false}; //!< EndValidation() called
        uint64_t repairs{0};         //!< repaired node estimates
        uint32_t batchSize{1};       //!< the decomposer's GetBatchSize()
        uint64_t prefetchedEnd{0};   //!< one past the last interval given to Prefetch()
    };

    /// A lane.
    struct Lane
    {
        std::string name;                               //!< name
        uint32_t account{0};                            //!< index in the accountant
        std::array<LaneLevel, N_NETWORK_LEVELS> levels; //!< per level
    };

    /// One level's state.
    struct Level
    {
        bool active{false};                    //!< decomposed in this run
        uint32_t nNodes{0};                    //!< nodes
        uint32_t slotsPerInterval{1};          //!< slots in a management interval
        uint32_t slotsInInterval{0};           //!< slots accumulated so far
        uint64_t interval{0};                  //!< index of the current interval
        std::vector<uint32_t> assignment;      //!< antenna -> node
        DemandMatrix sum;                      //!< demand summed over the interval's slots
        DemandMatrix truth;                    //!< the last completed interval's mean demand
        std::vector<double> snapshot;          //!< its aggregate per node
        AggregateHistory history;              //!< the last T snapshots
        std::deque<std::vector<double>> ahead; //!< snapshots of the intervals after `interval`
        uint64_t aheadFirst{0};                //!< the interval of ahead.front()
        DemandMatrix aheadSum;                 //!< scratch: an upcoming interval's sum
        DemandMatrix aheadTruth;               //!< scratch: its mean
    };

    /**
     * \param level a level.
     * \param name the attribute's name.
     * \param value its value.
     * \throw InputError naming the attribute unless it is a multiple of the slot dividing a day.
     */
    void CheckInterval(NetworkLevel level, const std::string& name, Time value) const;

    /**
     * The checks and set-up of Start().
     * \throw InputError on bad configuration.
     */
    void Configure();

    /**
     * Run one slot and schedule the next.
     * \param slot the slot index.
     */
    void ProcessSlot(uint64_t slot);

    /**
     * The work of one slot.
     * \param slot the slot index.
     */
    void DoProcessSlot(uint64_t slot);

    /**
     * Read a slot from the traffic source and check it.
     * \param slot the slot index.
     * \param demand receives its demand.
     * \throw InputError on a wrong shape or a negative or non-finite demand.
     */
    void ReadSlot(uint64_t slot, DemandMatrix& demand);

    /**
     * A slot after the current one, read ahead from the source (for Prefetch()) and kept until
     * its time comes.
     * \param slot the slot index, after the one being processed.
     * \return its demand.
     */
    const DemandMatrix& SlotAhead(uint64_t slot);

    /**
     * Add one slot's demand to a level's interval sum.
     * \param index the level's index.
     * \param demand the slot's per-antenna demand.
     * \param sum the level's (services, nodes) sum.
     */
    void AccumulateSlot(uint32_t index, const DemandMatrix& demand, DemandMatrix& sum) const;

    /**
     * The mean of an interval's slots and its aggregate snapshot; the sum is zeroed.
     * \param index the level's index.
     * \param sum the interval's sum over its slots.
     * \param truth receives the mean (services, nodes).
     * \param snapshot receives the aggregate per node.
     */
    void FinishInterval(uint32_t index,
                        DemandMatrix& sum,
                        DemandMatrix& truth,
                        std::vector<double>& snapshot) const;

    /**
     * \param index the level's index.
     * \param interval an interval of that level.
     * \return where and when it is (no truth).
     */
    DecompositionContext MakeContext(uint32_t index, uint64_t interval) const;

    /**
     * \param day a day index after the training period.
     * \return true if the lanes decompose its intervals.
     */
    bool IsDecomposed(uint64_t day) const;

    /**
     * The aggregate snapshot of an interval after the level's current one, computed from slots
     * read ahead exactly as CompleteInterval() will compute it.
     * \param index the level's index.
     * \param interval the interval, after the current one.
     * \return its snapshot.
     */
    const std::vector<double>& UpcomingSnapshot(uint32_t index, uint64_t interval);

    /**
     * Tell a batching decomposer the aggregates of its next intervals to decompose.
     * \param index the level's index.
     * \param ll the lane's state at that level.
     * \param first the interval about to be decomposed.
     */
    void PrefetchLane(uint32_t index, LaneLevel& ll, const DecompositionContext& first);

    /**
     * A level's interval is complete: decompose, allocate, account.
     * \param index the level's index.
     * \param firstSlot the interval's first slot.
     */
    void CompleteInterval(uint32_t index, uint64_t firstSlot);

    /**
     * Check an estimate and repair it if needed.
     * \param lane the lane.
     * \param level the level.
     * \param interval the interval index.
     * \param aggregate the aggregate per node.
     * \param estimate the estimate.
     * \return the node estimates repaired.
     */
    uint64_t CheckEstimate(const Lane& lane,
                           NetworkLevel level,
                           uint64_t interval,
                           const std::vector<double>& aggregate,
                           DemandMatrix& estimate);

    /**
     * \param name a lane name.
     * \return its index, or -1.
     */
    int32_t FindLane(const std::string& name) const;

    // Attributes.
    uint32_t m_historyLength;    //!< T
    Time m_antennaInterval;      //!< antenna management interval
    Time m_mecInterval;          //!< MEC management interval
    Time m_cranInterval;         //!< C-RAN management interval
    Time m_coreInterval;         //!< core management interval
    double m_trainFraction;      //!< share of days for training
    double m_validationFraction; //!< share of days for validation
    int32_t m_evaluationStart;   //!< EvaluationStartDay attribute
    int32_t m_evaluationEnd;     //!< EvaluationEndDay attribute
    uint32_t m_progressDays;     //!< progress log period (days), 0 = off

    // Wiring.
    Ptr<TrafficSource> m_source;       //!< demand
    Ptr<NetworkTopology> m_topology;   //!< levels
    Ptr<SpectrumAllocator> m_spectrum; //!< antenna allocator
    Ptr<VnfAllocator> m_vnf;           //!< datacenter allocator
    Ptr<CostAccountant> m_accountant;  //!< costs
    std::vector<Lane> m_lanes;         //!< lanes, primary first

    // Run state.
    std::array<Level, N_NETWORK_LEVELS> m_levels;      //!< per level
    Ptr<TrafficCalendar> m_calendar;                   //!< the source's calendar
    DemandMatrix m_demand;                             //!< current slot's demand
    std::deque<DemandMatrix> m_slotsAhead;             //!< slots read ahead (Prefetch())
    uint64_t m_slotsAheadFirst;                        //!< the slot of m_slotsAhead.front()
    std::vector<double> m_nodeSums;                    //!< scratch for CheckEstimate
    Time m_slotDuration;                               //!< slot
    uint32_t m_slotsPerDay;                            //!< slots in a day
    uint32_t m_nServices;                              //!< services
    uint32_t m_nAntennas;                              //!< antennas
    uint64_t m_nSlots;                                 //!< slots of the run
    uint32_t m_nDays;                                  //!< days of the run
    bool m_decomposeUnevaluated;                       //!< decompose the validation days too
    bool m_shareTraining;                              //!< ShareTraining attribute
    uint32_t m_trainDays;                              //!< training days
    uint32_t m_validationDays;                         //!< validation days
    uint32_t m_evalStartDay;                           //!< first evaluated day
    uint32_t m_evalEndDay;                             //!< one past the last evaluated day
    uint64_t m_slotsProcessed;                         //!< slots done
    bool m_started;                                    //!< Start() ran
    bool m_finished;                                   //!< Finish() ran
    EventId m_next;                                    //!< the next slot's event
    std::chrono::steady_clock::time_point m_wallStart; //!< for the progress log

    // Traces.
    TracedCallback<uint64_t, const DemandMatrix&> m_demandTrace; //!< Demand
    TracedCallback<NetworkLevel, uint64_t, uint64_t, const DemandMatrix&>
        m_intervalTrace; //!< Interval
    TracedCallback<const std::string&,
                   NetworkLevel,
                   uint64_t,
                   const DemandMatrix&,
                   const DemandMatrix&>
        m_estimateTrace; //!< Estimate
    TracedCallback<const std::string&, NetworkLevel, uint64_t, const DemandMatrix&>
        m_allocationTrace; //!< Allocation
    TracedCallback<const std::string&, NetworkLevel, uint64_t, double, double, uint32_t, bool>
        m_costTrace; //!< Cost
};

} // namespace ns3

#endif /* MICROSCOPE_SLOT_ORCHESTRATOR_H */
