/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_HISTORICAL_DECOMPOSER_H
#define MICROSCOPE_HISTORICAL_DECOMPOSER_H

#include "decomposer.h"
#include "historical-share-table.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The "historical" decomposer, a non-neural baseline: each node's aggregate is split
 * with the service shares that node had, in the training period, at the same time of day on
 * the same kind of day.
 *
 * Training accumulates, for every (node n, day type, interval of the day) bin, the true
 * per-service demand and the aggregate. The share of service s in a bin is volume-weighted:
 * `r(s) = sum over the bin's training intervals of d_s / sum of d`, i.e. busy intervals count
 * more than quiet ones (and a quiet interval's noisy shares count less). With SmoothingWindow
 * w > 0 the sums also take in the w bins before and after (circularly, same day type); w is
 * capped at (intervals per day - 1) / 2, where the window covers the whole day once.
 * Decompose() returns `r(s) * D_n(t)`, the shares of the current interval's bin times the
 * node's current aggregate, so the estimate is non-negative and sums to the aggregate.
 *
 * Fallbacks, for a bin without training traffic: the node's shares over all its training
 * intervals; for a node without any training traffic: the catalog's service shares.
 *
 * The volumes and shares live in a HistoricalShareTable. With DecomposerSetup::sharedState
 * (the SlotOrchestrator's ShareTraining), every historical-type decomposer of the run at the
 * same level, with the same SmoothingWindow, shares one table: the historical lane, the
 * historical-tuned lane and the historical prior of each neural and cost-aware lane learn the
 * same shares once, with bit-identical results.
 */
class HistoricalDecomposer : public Decomposer
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    HistoricalDecomposer();
    ~HistoricalDecomposer() override;

    /**
     * Allocate the bins of a level.
     * \param setup level, shape, intervals per day and catalog.
     * \throw InputError if the shape is empty or the catalog does not match.
     */
    void Setup(const DecomposerSetup& setup) override;

    /**
     * Add the interval's true demand to its bin.
     * \param context where and when.
     * \param history unused.
     * \param truth the true per-service demand.
     */
    void Train(const DecompositionContext& context,
               const AggregateHistory& history,
               const DemandMatrix& truth) override;

    /// Turn the accumulated volumes into shares, applying the fallbacks.
    void EndTraining() override;

    /**
     * \param context where and when (day type and interval of the day select the bin).
     * \param history the aggregate snapshots; the newest is split.
     * \param estimate receives the shares times the aggregate.
     */
    void Decompose(const DecompositionContext& context,
                   const AggregateHistory& history,
                   DemandMatrix& estimate) override;

    /// \return "historical".
    std::string GetName() const override;

    /// \return the number of training intervals seen.
    uint64_t GetNTrainingIntervals() const;

    /// \return the (node, bin) pairs that use the node's overall shares (after EndTraining()).
    uint64_t GetNNodeFallbacks() const;

    /// \return the (node, bin) pairs that use the catalog shares (after EndTraining()).
    uint64_t GetNCatalogFallbacks() const;

    /**
     * \param dayType a day type.
     * \param intervalOfDay an interval of the day.
     * \param service a service.
     * \param node a node.
     * \return the learnt share (after EndTraining()).
     */
    double GetShare(DayType dayType, uint32_t intervalOfDay, uint32_t service, uint32_t node) const;

    /**
     * \param dayType a day type.
     * \param intervalOfDay an interval of the day.
     * \return the bin's learnt shares, [service][node] (after EndTraining()).
     */
    const double* GetShares(DayType dayType, uint32_t intervalOfDay) const;

    /// \return the table of volumes and shares (shared with other lanes under ShareTraining).
    Ptr<const HistoricalShareTable> GetTable() const;

protected:
    void DoDispose() override;

private:
    uint32_t m_smoothing;              //!< SmoothingWindow attribute
    uint32_t m_nServices;              //!< services
    uint32_t m_nNodes;                 //!< nodes
    uint32_t m_intervalsPerDay;        //!< bins per day type
    Ptr<HistoricalShareTable> m_table; //!< volumes and shares, maybe shared with other lanes
    uint64_t m_nTraining;              //!< training intervals seen
    bool m_trained;                    //!< EndTraining() ran
};

} // namespace ns3

#endif /* MICROSCOPE_HISTORICAL_DECOMPOSER_H */
