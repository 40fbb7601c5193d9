/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_LINEAR_DECOMPOSER_H
#define MICROSCOPE_LINEAR_DECOMPOSER_H

#include "decomposer.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The "linear" decomposer, the history-informed linear baseline: the historical shares
 * of a node, day type and interval of the day, corrected per service by `exp(beta_s . x)` from
 * seven features of the recent aggregates, and renormalised.
 *
 * Training (the training days only) learns, per (node n, day type, interval of the day) bin k
 * with a positive aggregate:
 * - `rbar_k(s)`, the mean over the bin's training intervals of the share `d_s / D` (every
 *   interval counts the same; HistoricalDecomposer weighs them by volume instead);
 * - `lbar_k`, the mean of `log D`.
 *
 * With `dev_n(t) = log D_n(t) - lbar_k` (0 if `D_n(t) = 0` or the bin saw no traffic), the
 * features of node n at interval t are
 * `x = (1, dev_n, near_n, wide_n, near_n(t) - near_n(t - ShortLag),
 * near_n(t) - near_n(t - LongLag), dev_n^2)`, where `near_n` is the mean of dev over n and its
 * NearNeighbours nearest nodes of the same level and `wide_n` the same over its WideNeighbours
 * nearest (by the node positions of the level: antennas, or the datacenters at their
 * clusters' centroids; both counts are capped at the level's nodes minus one, so at a level
 * of few nodes the neighbourhoods hold every other node). Then, per service s,
 * `beta_s` is the least-squares fit of `y = log max(r_s, 1e-6) - log max(rbar_k(s), 1e-6)` on
 * x over the training intervals (the first LongLag are skipped, their lags being unknown); x
 * does not depend on s, so one 7 x 7 normal matrix serves every service, solved with Eigen's
 * complete orthogonal decomposition (the minimum-norm solution if it is singular).
 *
 * Decompose() returns `w_s / sum_s' w_s' * D_n(t)` with `w_s = rbar_k(s) exp(beta_s . x)`:
 * non-negative, and summing to the aggregate. A bin without training traffic uses the node's
 * mean shares over all its training intervals, a node without any the catalog's.
 *
 * The lagged neighbourhood means come from the decomposer's own record of the last LongLag
 * intervals, which Train(), Decompose() and Observe() keep (the orchestrator calls one of
 * them for every interval); a lag it has not seen counts as no change.
 *
 * The fit needs the final means before it can compute any feature, so training keeps every
 * training interval's log aggregates (float) and the log-shares (float) of the fit's rows,
 * every FitStride-th training interval, until EndTraining(): 4 + 4 S / FitStride bytes per
 * node and training interval (13 bytes, 150 MB, at the default scenario's 792 antennas, 9
 * services and 14,688 training intervals; a few MB at the datacenter levels), released after
 * the fit.
 */
class LinearDecomposer : public Decomposer
{
public:
    /// Features per node: intercept, dev, near, wide, short change, long change, dev^2.
    static constexpr uint32_t N_FEATURES = 7;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    LinearDecomposer();
    ~LinearDecomposer() override;

    /**
     * Allocate the bins of a level and find every node's neighbourhoods.
     * \param setup level, shape, intervals per day, node positions and catalog.
     * \throw InputError if the shape is empty, the catalog does not match, the node positions
     *        are missing or ShortLag is not below LongLag.
     */
    void Setup(const DecomposerSetup& setup) override;

    /**
     * Add the interval to its bin's means and keep its aggregates and log-shares for the fit.
     * \param context where and when.
     * \param history the aggregate snapshots; the newest is the interval's.
     * \param truth the true per-service demand.
     */
    void Train(const DecompositionContext& context,
               const AggregateHistory& history,
               const DemandMatrix& truth) override;

    /// Turn the sums into means, fit beta on the kept training intervals, release them.
    void EndTraining() override;

    /**
     * Record the interval's aggregates (for the lagged features) if Decompose() did not.
     * \param context where and when.
     * \param truth the interval's true demand (only its per-node sums are read).
     */
    void Observe(const DecompositionContext& context, const DemandMatrix& truth) override;

    /**
     * \param context where and when (day type and interval of the day select the bin).
     * \param history the aggregate snapshots; the newest is split.
     * \param estimate receives the corrected shares times the aggregate.
     */
    void Decompose(const DecompositionContext& context,
                   const AggregateHistory& history,
                   DemandMatrix& estimate) override;

    /// \return "linear".
    std::string GetName() const override;

    /**
     * \param service a service.
     * \return beta of the service, N_FEATURES values (after EndTraining()).
     */
    std::array<double, N_FEATURES> GetCoefficients(uint32_t service) const;

    /**
     * \param dayType a day type.
     * \param intervalOfDay an interval of the day.
     * \param service a service.
     * \param node a node.
     * \return the historical share rbar the correction starts from (after EndTraining()).
     */
    double GetBaseShare(DayType dayType,
                        uint32_t intervalOfDay,
                        uint32_t service,
                        uint32_t node) const;

    /// \return the (node, interval) rows the fit used (after EndTraining()).
    uint64_t GetNFitRows() const;

    /**
     * \param node a node.
     * \return its NearNeighbours nearest nodes, nearest first (after Setup()).
     */
    const std::vector<uint32_t>& GetNearNeighbours(uint32_t node) const;

protected:
    void DoDispose() override;

private:
    /// What the decomposer remembers of one recent interval.
    struct Recent
    {
        uint64_t interval{UINT64_MAX}; //!< interval index; UINT64_MAX for none
        std::vector<double> dev;       //!< dev of every node
        std::vector<double> nearMean;  //!< near of every node
        std::vector<double> wideMean;  //!< wide of every node
    };

    /**
     * \param dayType a day type.
     * \param intervalOfDay an interval of the day.
     * \return the bin's index (day type major).
     */
    uint32_t Bin(DayType dayType, uint32_t intervalOfDay) const;

    /**
     * Compute dev, near and wide of every node from an interval's log aggregates and the
     * trained log means.
     * \param bin the interval's bin.
     * \param logAggregate the log of each node's aggregate, -infinity for a zero aggregate.
     * \param out receives the three vectors.
     * \param nearOnly compute dev and near only (an interval read only as another one's lag:
     *        its wide means are left as they were).
     */
    void ComputeDeviations(uint32_t bin,
                           const double* logAggregate,
                           Recent& out,
                           bool nearOnly = false) const;

    /**
     * \param index a training interval's index in the training period (0 for the first).
     * \return true if its nodes are rows of the fit (FitStride).
     */
    bool IsFitRow(size_t index) const;

    /**
     * Remember an interval (after training) unless it is remembered already.
     * \param context where and when.
     * \param aggregate its aggregates.
     * \return the entry.
     */
    const Recent& Remember(const DecompositionContext& context, const double* aggregate);

    /**
     * \param interval an interval index.
     * \return the remembered entry of that interval, or nullptr.
     */
    const Recent* Recall(uint64_t interval) const;

    /**
     * Fill the features of one node.
     * \param node the node.
     * \param now the current interval's deviations.
     * \param shortAgo the deviations ShortLag intervals ago, or nullptr.
     * \param longAgo the deviations LongLag intervals ago, or nullptr.
     * \param x receives the features.
     */
    void Features(uint32_t node,
                  const Recent& now,
                  const Recent* shortAgo,
                  const Recent* longAgo,
                  double* x) const;

    uint32_t m_nearCount;       //!< NearNeighbours attribute
    uint32_t m_wideCount;       //!< WideNeighbours attribute
    uint32_t m_shortLag;        //!< ShortLag attribute
    uint32_t m_longLag;         //!< LongLag attribute
    uint32_t m_fitStride;       //!< FitStride attribute
    uint32_t m_nServices;       //!< services
    uint32_t m_nNodes;          //!< nodes
    uint32_t m_nBins;           //!< 2 x intervals per day
    uint32_t m_intervalsPerDay; //!< intervals per day

    std::vector<std::vector<uint32_t>> m_near; //!< near neighbours of each node
    std::vector<std::vector<uint32_t>> m_wide; //!< wide neighbours of each node
    /// [node][k]: each node's max(near, wide) nearest nodes, nearest first (both lists are
    /// prefixes of it), flat for ComputeDeviations().
    std::vector<uint32_t> m_neighbours;
    uint32_t m_nearUsed{0}; //!< near neighbours per node (NearNeighbours, capped)
    uint32_t m_wideUsed{0}; //!< wide neighbours per node (WideNeighbours, capped)

    std::vector<uint32_t> m_count;       //!< [bin][node] training intervals with traffic
    std::vector<double> m_logMean;       //!< [bin][node] sum, then mean, of log D
    std::vector<double> m_shareMean;     //!< [bin][node][service] sum, then mean, of the shares
    std::vector<double> m_logShareFloor; //!< [bin][node][service] log max(rbar, 1e-6)

    /// [training interval][node]: log of each node's aggregate (-infinity for 0), as float.
    std::vector<float> m_trainLogAggregate;
    /// [fit row][node][service]: log max(share, 1e-6) of the training intervals of the fit.
    std::vector<float> m_trainLogShare;
    std::vector<double> m_scratch;         //!< per-node scratch values
    std::vector<uint32_t> m_trainBin;      //!< bin of each training interval
    std::vector<uint64_t> m_trainInterval; //!< interval index of each training interval

    std::vector<double> m_beta; //!< [service][feature]
    uint64_t m_nFitRows;        //!< rows of the fit
    bool m_trained;             //!< EndTraining() ran

    std::vector<Recent> m_recent; //!< ring of the last LongLag + 1 intervals
};

} // namespace ns3

#endif /* MICROSCOPE_LINEAR_DECOMPOSER_H */
