/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_QUANTILE_DECOMPOSER_H
#define MICROSCOPE_QUANTILE_DECOMPOSER_H

#include "cost-tuning.h"
#include "decomposer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The "quantile" decomposer, a cost baseline: the capacity of every (node, service) in
 * an interval is a quantile q of the true demand that (node, service) had over the training
 * days of the same day type (workday or holiday) at the same interval of the day. This is the
 * textbook answer to an asymmetric cost (shortfalls cost far more than surplus), and the fair
 * opponent of a cost-aware network.
 *
 * The quantile is the exact order statistic of the cell's m training samples: the k-th
 * smallest with `k = ceil(q m)` (the inverse of the empirical distribution function; q m
 * within 1e-9 of an integer counts as that integer), so q = 0.5 of {1, 2, 3, 4} is 2.
 * A cell whose day type has no training day uses the other day type's samples; if neither
 * has any, the capacity is 0.
 *
 * q is chosen among the Quantiles candidates on the validation days only, per service
 * (PerService, the default) or one for the level, to minimise the total cost the
 * CostAccountant would charge for the allocation x = the quantile: for each validation
 * interval and (service s, node n) with truth d, the fee `alpha * peak(s, n)` if
 * `x < d (1 - tol)` (alpha and tol: the run's CostAccountant Alpha and ViolationTolerance, the
 * peak: the largest d of (s, n) over the validation days) plus the overprovisioning
 * `(x - d)+` (ties: the smallest q). The tuning assumes that the allocation equals the
 * estimate, i.e. the SliceAllocator's Headroom is 0 (the default). Until EndValidation() the
 * median (q = 0.5) is used.
 *
 * The aggregate is not used: the estimates are capacities (PreservesAggregate() is false).
 * Memory: every training value is kept, as a float (4 bytes per node, service and training
 * interval).
 */
class QuantileDecomposer : public Decomposer
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    QuantileDecomposer();
    ~QuantileDecomposer() override;

    /**
     * \param setup level, shape, catalog, cost alpha and tolerance.
     * \throw InputError naming Quantiles if a candidate is not a number in (0, 1) or there is
     *        none; InputError if the level is empty.
     */
    void Setup(const DecomposerSetup& setup) override;

    /**
     * Keep the interval's true demand in its (day type, interval of the day) cell.
     * \param context where and when.
     * \param history unused.
     * \param truth the true per-service demand.
     */
    void Train(const DecompositionContext& context,
               const AggregateHistory& history,
               const DemandMatrix& truth) override;

    /// Sort every cell's samples.
    void EndTraining() override;

    /// \return true: the quantile is chosen on the validation days.
    bool NeedsValidation() const override;

    /**
     * Add a validation interval's costs for every candidate quantile.
     * \param context where and when.
     * \param history unused.
     * \param truth the interval's true per-service demand.
     */
    void Validate(const DecompositionContext& context,
                  const AggregateHistory& history,
                  const DemandMatrix& truth) override;

    /// Choose the quantiles (and log them at NS_LOG_INFO).
    void EndValidation() override;

    /**
     * \param context where and when (day type and interval of the day select the cell).
     * \param history unused.
     * \param estimate receives the chosen quantile of every (service, node).
     */
    void Decompose(const DecompositionContext& context,
                   const AggregateHistory& history,
                   DemandMatrix& estimate) override;

    /// \return false: the estimates are capacities.
    bool PreservesAggregate() const override;

    /// \return "quantile".
    std::string GetName() const override;

    /**
     * \param text a comma-separated list of quantiles.
     * \return the quantiles, sorted and without duplicates.
     * \throw InputError naming Quantiles if one is not a number in (0, 1), or there is none.
     */
    static std::vector<double> ParseQuantiles(const std::string& text);

    /**
     * \param dayType the day type.
     * \param intervalOfDay the interval of the day.
     * \param service the service.
     * \param node the node.
     * \param q a quantile in (0, 1).
     * \return the q-quantile of the cell's training samples (after EndTraining()).
     */
    double GetQuantile(DayType dayType,
                       uint32_t intervalOfDay,
                       uint32_t service,
                       uint32_t node,
                       double q) const;

    /// \return true after EndValidation().
    bool IsTuned() const;

    /// \return the quantile used for every service (0.5 before EndValidation()).
    const std::vector<double>& GetChosenQuantiles() const;

    /// \return the candidate quantiles, sorted (after Setup()).
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
    /**
     * \param dayType a day type.
     * \param intervalOfDay an interval of the day.
     * \return the cell index whose samples serve it (its own, or the other day type's if it
     *         has none).
     */
    size_t ServingBin(DayType dayType, uint32_t intervalOfDay) const;

    /**
     * \param q a quantile in (0, 1).
     * \param m the number of samples.
     * \return the 0-based index of the q-quantile in m sorted samples, ceil(q m) - 1.
     */
    static uint32_t OrderIndex(double q, uint32_t m);

    /**
     * \param bin a bin.
     * \param series service * nodes + node.
     * \param q a quantile.
     * \return the order statistic (0 if the bin has no sample).
     */
    double OrderStatistic(size_t bin, size_t series, double q) const;

    std::string m_quantilesText;               //!< Quantiles attribute
    bool m_perService;                         //!< PerService attribute
    std::vector<double> m_candidates;          //!< parsed candidates
    std::vector<double> m_chosen;              //!< per service
    std::vector<std::vector<float>> m_samples; //!< per bin: [series][sample] after EndTraining
    std::vector<uint32_t> m_counts;            //!< per bin: samples per series
    std::vector<std::vector<double>> m_costs;  //!< per group, validation cost per candidate
    std::vector<uint32_t> m_index;             //!< candidates' sample indices in a cell
    CandidateCosts m_search;                   //!< the search
    uint32_t m_intervalsPerDay;                //!< bins per day type
    size_t m_nSeries;                          //!< services x nodes
    bool m_trained;                            //!< EndTraining() ran
    bool m_tuned;                              //!< EndValidation() ran
};

} // namespace ns3

#endif /* MICROSCOPE_QUANTILE_DECOMPOSER_H */
