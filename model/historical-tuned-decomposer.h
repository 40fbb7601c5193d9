/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_HISTORICAL_TUNED_DECOMPOSER_H
#define MICROSCOPE_HISTORICAL_TUNED_DECOMPOSER_H

#include "cost-tuning.h"
#include "historical-decomposer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The "historical-tuned" decomposer, a cost baseline: HistoricalDecomposer's estimate
 * times `(1 + h)`, with a headroom h chosen on the validation days to minimise the total cost
 * (SLA fees plus overprovisioning), per service (PerService, the default) or one for the
 * level.
 *
 * The headroom is searched on the grid `h_k = MinHeadroom + k HeadroomStep`, k = 0, 1, ...
 * while `h_k <= MaxHeadroom`. For every validation interval (Validate()), every (service s,
 * node n) with historical estimate e and truth d contributes to the cost of each candidate
 * what the CostAccountant would charge for the allocation `x = (1 + h_k) e`:
 * - the fee `alpha * peak(s, n)` if `x < d (1 - tol)`, where alpha and tol are the run's
 *   CostAccountant Alpha and ViolationTolerance (DecomposerSetup::costAlpha,
 *   violationTolerance) and the peak is the largest d of (s, n) over the validation days;
 * - the overprovisioning `(x - d)+`.
 * The chosen h_s minimises the sum over the validation intervals and the service's nodes
 * (ties: the smallest h). The work is O(1) per (node, service, interval) plus O(K) per series
 * at EndValidation(): with e > 0 the violating candidates are a prefix of the grid, the
 * overprovisioning ones a suffix on which the cost is linear in h, `(e - d) + e h`; both are
 * accumulated in difference arrays (CandidateCosts).
 *
 * The tuning assumes that the allocation equals the estimate, i.e. the SliceAllocator's
 * Headroom is 0 (the default); with an allocator headroom H the allocation is
 * `(1 + H)(1 + h) e` and the tuned h is no longer the cost-minimising one.
 *
 * Until EndValidation() the estimate is the historical one (h = 0). The estimates are
 * capacities that need not sum to the aggregate: PreservesAggregate() is false, and the
 * orchestrator requires validation days before the evaluated ones (NeedsValidation()).
 */
class HistoricalTunedDecomposer : public HistoricalDecomposer
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    HistoricalTunedDecomposer();
    ~HistoricalTunedDecomposer() override;

    /**
     * \param setup level, shape, catalog, cost alpha and tolerance.
     * \throw InputError naming MinHeadroom, MaxHeadroom or HeadroomStep if the search range is
     *        empty (MaxHeadroom < MinHeadroom, HeadroomStep <= 0) or too fine (over 100,000
     *        candidates), or as HistoricalDecomposer::Setup().
     */
    void Setup(const DecomposerSetup& setup) override;

    /// \return true: the headroom is tuned on the validation days.
    bool NeedsValidation() const override;

    /**
     * Add a validation interval's costs for every candidate headroom.
     * \param context where and when.
     * \param history the aggregate snapshots (the historical estimate splits the newest).
     * \param truth the interval's true per-service demand.
     */
    void Validate(const DecompositionContext& context,
                  const AggregateHistory& history,
                  const DemandMatrix& truth) override;

    /// Choose the headrooms (and log them at NS_LOG_INFO).
    void EndValidation() override;

    /**
     * \param context where and when.
     * \param history the aggregate snapshots.
     * \param estimate receives `(1 + h_s)` times the historical estimate.
     */
    void Decompose(const DecompositionContext& context,
                   const AggregateHistory& history,
                   DemandMatrix& estimate) override;

    /// \return false: the estimates are capacities.
    bool PreservesAggregate() const override;

    /// \return "historical-tuned".
    std::string GetName() const override;

    /// \return true after EndValidation().
    bool IsTuned() const;

    /// \return the headroom of every service (all 0 before EndValidation()).
    const std::vector<double>& GetHeadrooms() const;

    /// \return the candidate headrooms h_k (after Setup()).
    const std::vector<double>& GetCandidates() const;

    /**
     * \param group a group (a service, or 0 if not PerService).
     * \return the validation cost of every candidate, Mbps summed over the validation
     *         intervals (after EndValidation()).
     */
    const std::vector<double>& GetValidationCosts(uint32_t group) const;

protected:
    void DoDispose() override;

private:
    double m_minHeadroom;                     //!< MinHeadroom attribute
    double m_maxHeadroom;                     //!< MaxHeadroom attribute
    double m_step;                            //!< HeadroomStep attribute
    bool m_perService;                        //!< PerService attribute
    std::vector<double> m_candidates;         //!< h_k
    std::vector<double> m_headroom;           //!< per service
    std::vector<std::vector<double>> m_costs; //!< per group, validation cost per candidate
    CandidateCosts m_search;                  //!< the search
    DemandMatrix m_scratch;                   //!< historical estimate of a validation interval
    bool m_tuned;                             //!< EndValidation() ran
};

} // namespace ns3

#endif /* MICROSCOPE_HISTORICAL_TUNED_DECOMPOSER_H */
