/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_DECOMPOSER_H
#define MICROSCOPE_DECOMPOSER_H

#include "aggregate-history.h"
#include "decomposition-context.h"
#include "demand-matrix.h"

#include "ns3/object.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Mobile traffic decomposition (MTD): estimates each service's demand at every node of
 * a level from the last T aggregate snapshots (Microscope paper, Sec. 2.1).
 *
 * The SlotOrchestrator calls, per level and per management interval:
 * - Train() for every interval of the training period (the first 60% of the days by
 *   default), with the true per-service demand: decomposers that learn online use it;
 * - EndTraining() once, when the training period is over;
 * - Decompose() for every interval from the end of the training period on;
 * - in the fluid mode only, for decomposers whose GetBatchSize() exceeds 1, Prefetch() with
 *   the aggregates of the next intervals to decompose, just before the Decompose() of the
 *   first of them, whenever the previous batch is used up.
 *
 * Every estimate must be non-negative and, for each node, sum to the node's aggregate
 * `history.Newest()`: EnforceConstraints() does both for implementations that need it.
 */
class Decomposer : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    Decomposer();
    ~Decomposer() override;

    /**
     * Prepare for a level. Subclasses that override it call the base version first.
     * \param setup level, shape and services.
     * \throw InputError if the decomposer cannot serve that shape.
     */
    virtual void Setup(const DecomposerSetup& setup);

    /**
     * Observe one interval of the training period.
     * \param context where and when.
     * \param history the last T aggregate snapshots, newest last.
     * \param truth the true per-service demand of the interval.
     */
    virtual void Train(const DecompositionContext& context,
                       const AggregateHistory& history,
                       const DemandMatrix& truth);

    /// Called once, after the last Train() call.
    virtual void EndTraining();

    /**
     * \return true if the decomposer tunes itself on the validation days (Validate(),
     *         EndValidation()). The orchestrator then requires validation days, and an
     *         evaluation period that starts after them, so that nothing is tuned on the days
     *         it is judged on. False by default.
     */
    virtual bool NeedsValidation() const;

    /**
     * Observe one interval of the validation period (the days after the training period and
     * before the test days), with its true per-service demand. Called after Decompose() for
     * that interval, for every decomposer; those that NeedsValidation() tune on it.
     * \param context where and when.
     * \param history the last T aggregate snapshots, newest last.
     * \param truth the true per-service demand of the interval.
     */
    virtual void Validate(const DecompositionContext& context,
                          const AggregateHistory& history,
                          const DemandMatrix& truth);

    /// Called once, after the last validation interval and before the first later Decompose().
    virtual void EndValidation();

    /**
     * Observe the true per-service demand of an interval after it has been decomposed and
     * allocated (validation and test periods). Only decomposers that model an operator with
     * per-service monitoring use it (DeepCogDecomposer): the others ignore it.
     * \param context where and when.
     * \param truth the interval's true per-service demand.
     */
    virtual void Observe(const DecompositionContext& context, const DemandMatrix& truth);

    /**
     * Estimate the per-service demand of the current interval.
     * \param context where and when.
     * \param history the last T aggregate snapshots, newest last (the current interval's).
     * \param estimate receives the estimate, (services, nodes) in Mbps.
     */
    virtual void Decompose(const DecompositionContext& context,
                           const AggregateHistory& history,
                           DemandMatrix& estimate) = 0;

    /**
     * \return true (the default) if the estimates split the current aggregate, so that every
     *         node's estimates must sum to it; false for decomposers whose estimates are
     *         capacities (ForecastDecomposer allocating ahead from a forecast, the cost-aware
     *         lanes that trade overprovisioning for SLA fees), which the pipeline only keeps
     *         non-negative.
     */
    virtual bool PreservesAggregate() const;

    /**
     * \return how many consecutive intervals the decomposer estimates in one batch when it is
     *         told their aggregates ahead of time (Prefetch()); 1, the default, for one interval
     *         at a time (Prefetch() is then never called).
     */
    virtual uint32_t GetBatchSize() const;

    /**
     * Be told the aggregates of the intervals about to be decomposed, before their time, so
     * that their estimates can be computed in one batch (NeuralDecomposer: one forward pass for
     * the batch). Only the fluid SlotOrchestrator calls it, and only for decomposers whose
     * GetBatchSize() exceeds 1: there the aggregates are the traffic source's demand, which no
     * estimate feeds back into. The packet-level LteSliceController never calls it, since its
     * measured aggregates depend on earlier allocations. Decompose() is still called for every
     * interval, in simulated time, with the history of that moment; a decomposer that
     * prefetched must return what Decompose() would have returned without the prefetch (within
     * float noise), and compute afresh if the history it is then given is not the one it was
     * told. The default does nothing.
     * \param contexts the consecutive intervals to come, the first being the one about to be
     *        decomposed (at most GetBatchSize(); their truth is null).
     * \param history the aggregate history as Decompose() sees it for contexts[0].
     * \param upcoming the aggregate snapshots of contexts[1], contexts[2], ...: the history of
     *        contexts[k] is `history` with upcoming[0] .. upcoming[k-1] pushed on top.
     */
    virtual void Prefetch(const std::vector<DecompositionContext>& contexts,
                          const AggregateHistory& history,
                          const std::vector<std::vector<double>>& upcoming);

    /// \return the decomposer's short name, as used by --decomposer ("oracle", ...).
    virtual std::string GetName() const = 0;

    /**
     * Assign fixed random variable streams to the decomposer's random variables (none by
     * default).
     * \param stream first stream index to use
     * \return the number of stream indices assigned
     */
    virtual int64_t AssignStreams(int64_t stream);

    /// \return the setup given to Setup().
    const DecomposerSetup& GetSetup() const;

    /**
     * Make an estimate feasible: negative entries become 0, then each node's entries are
     * scaled to sum to its aggregate (or, if they are all 0, the aggregate is spread evenly).
     * \param aggregate one aggregate per node.
     * \param estimate the estimate to repair.
     * \return the number of nodes whose entries had to change by more than 1e-9 relative.
     */
    static uint32_t EnforceConstraints(const std::vector<double>& aggregate,
                                       DemandMatrix& estimate);

protected:
    void DoDispose() override;

private:
    DecomposerSetup m_setup; //!< shape and services
};

} // namespace ns3

#endif /* MICROSCOPE_DECOMPOSER_H */
