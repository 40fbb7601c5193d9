/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_COST_TUNING_H
#define MICROSCOPE_COST_TUNING_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The total cost of K candidate allocation rules on the validation days, per group of
 * services, in O(1) per (node, service, interval) where the rule allows it: the search behind
 * HistoricalTunedDecomposer (candidate headrooms) and QuantileDecomposer (candidate
 * quantiles).
 *
 * The cost is the CostAccountant's (Microscope paper, Sec. 7.1), over the validation
 * intervals instead of the evaluated ones: for allocation x and truth d of a (service s,
 * node n) in an interval,
 * - SLA violation if `x < d (1 - tolerance)`, costing the fee `alpha * peak(s, n)`, where the
 *   peak is the largest truth of (s, n) over the validation intervals (known at the end);
 * - overprovisioning `(x - d)+`.
 *
 * Candidates are indexed 0..K-1 in increasing order of allocation (a larger headroom, a
 * higher quantile), so that the candidates that violate in an interval always form a prefix
 * [0, end) and those that overprovision a suffix. Both are kept as difference arrays:
 * - per series (s, n), the number of violated intervals of every candidate (a prefix adds 1 at
 *   index 0 and -1 at `end`), turned into fees with the series' peak by Totals();
 * - per group, the overprovisioning of every candidate as `c_k + m_k v_k`, with v_k the
 *   candidate's value: a suffix [from, K) that is linear in v_k (headroom h: `(1 + h) e - d =
 *   (e - d) + e h`) adds (e - d) to c and e to m from `from` on; a single candidate's amount
 *   adds it to c at k only.
 *
 * Groups: one per service (per-service tuning) or a single one for the level. Totals are sums
 * over the validation intervals, not means: the argmin is the same.
 */
class CandidateCosts
{
public:
    CandidateCosts();

    /**
     * Start a search.
     * \param values the candidates' values v_k (headrooms, quantiles), increasing.
     * \param nServices services.
     * \param nNodes nodes.
     * \param perService one group per service (true) or one for the level (false).
     * \param alpha SLA fee factor (CostAccountant Alpha).
     * \param tolerance CostAccountant ViolationTolerance.
     */
    void Reset(const std::vector<double>& values,
               uint32_t nServices,
               uint32_t nNodes,
               bool perService,
               double alpha,
               double tolerance);

    /// \return K, the number of candidates.
    uint32_t GetNCandidates() const;

    /// \return the number of groups (services, or 1).
    uint32_t GetNGroups() const;

    /**
     * \param service a service.
     * \return its group.
     */
    uint32_t GetGroup(uint32_t service) const;

    /// \return `1 - tolerance`: a violation is `x < d * keep`.
    double GetKeep() const;

    /**
     * Record a truth for the peak of its series.
     * \param service the service.
     * \param node the node.
     * \param truth its true demand in the interval, Mbps.
     */
    void AddTruth(uint32_t service, uint32_t node, double truth);

    /**
     * Candidates [0, end) violate the SLA of (service, node) in one interval.
     * \param service the service.
     * \param node the node.
     * \param end one past the last violating candidate (0: none; K: all).
     */
    void AddViolationPrefix(uint32_t service, uint32_t node, uint32_t end);

    /**
     * Candidates k in [from, K) overprovision by `constant + slope * v_k`.
     * \param service the service (its group gets the amount).
     * \param from the first overprovisioning candidate (K: none).
     * \param constant the constant part, Mbps.
     * \param slope the part per unit of the candidate's value, Mbps.
     */
    void AddLinearSuffix(uint32_t service, uint32_t from, double constant, double slope);

    /**
     * Candidate k overprovisions by `amount`.
     * \param service the service (its group gets the amount).
     * \param k the candidate.
     * \param amount Mbps.
     */
    void AddOverprovisioning(uint32_t service, uint32_t k, double amount);

    /// \return the validation intervals counted by AddInterval().
    uint64_t GetNIntervals() const;

    /// Count one interval (informative only).
    void AddInterval();

    /**
     * The total cost of every candidate in a group: fees (alpha times the series' peak per
     * violated interval) plus overprovisioning, summed over the validation intervals and over
     * the group's (service, node) series, Mbps.
     * \param group the group.
     * \return K totals.
     */
    std::vector<double> Totals(uint32_t group) const;

    /**
     * \param totals the totals of a group (Totals()).
     * \return the index of the smallest total, the smallest index among ties (the smallest
     *         allocation); totals within 1e-12 relative of each other are ties.
     */
    static uint32_t ArgMin(const std::vector<double>& totals);

private:
    std::vector<double> m_values;      //!< candidate values v_k
    uint32_t m_nServices;              //!< services
    uint32_t m_nNodes;                 //!< nodes
    bool m_perService;                 //!< one group per service
    double m_alpha;                    //!< fee factor
    double m_keep;                     //!< 1 - tolerance
    uint64_t m_nIntervals;             //!< intervals counted
    std::vector<int32_t> m_violations; //!< [series][K + 1] difference array of violations
    std::vector<double> m_peak;        //!< [series] peak truth
    std::vector<double> m_constant;    //!< [group][K + 1] difference array of c_k
    std::vector<double> m_slope;       //!< [group][K + 1] difference array of m_k
};

} // namespace ns3

#endif /* MICROSCOPE_COST_TUNING_H */
