/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_DEEPCOG_DECOMPOSER_H
#define MICROSCOPE_DEEPCOG_DECOMPOSER_H

#include "decomposer.h"

#include "ns3/random-variable-stream.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class DeepCogForecaster;

/**
 * \ingroup microscope
 * \brief The "deepcog" lane, the Microscope paper's reference point for cost-aware slicing
 * (Sec. 7.1, citing DeepCog, Bega et al., INFOCOM 2019): an operator with per-service
 * monitoring forecasts each (node, service)'s capacity for the next interval from that
 * service's TRUE past demand, trained with DeepCog's cost-aware loss. It does not decompose
 * anything: comparing it with the MTD lanes shows what MTD costs against measuring the
 * services directly.
 *
 * One network per level, shared by its nodes and services (a small MLP, two hidden layers of
 * Hidden units, softplus output). Inputs of the forecast of interval t for (node n, service
 * s): the Window true values of (n, s) before t divided by the (n, s) training peak, the
 * calendar of t (sin and cos of the interval of the day, holiday flag) and a one-hot of s.
 * Output: the capacity divided by the peak.
 *
 * Training (EndTraining(), from the truths given to Train()): the cost-aware loss of
 * DeepCog's Eq. 15-16 (DecompositionLoss::CostAware) on the normalised error
 * `D = (capacity - d) / peak`, weighted by the peak, i.e. `peak * CostAware(D, alpha, eps)`:
 * a violation costs about alpha * peak, the CostAccountant's fee, and an overprovisioning of
 * x Mbps about x Mbps (alpha = the run's CostAccountant Alpha, DecomposerSetup::costAlpha;
 * eps = Epsilon). Adam (LearningRate), random minibatches, at most Epochs epochs of
 * SamplesPerEpoch samples, early stopping (Patience) on the accountant's cost of the last
 * EarlyStoppingFraction of the training days: the validation and test days are never used.
 * LibTorch is seeded from an ns-3 random stream (AssignStreams()) and runs Threads threads,
 * so that a run is reproducible.
 *
 * Operation: Observe() appends the truth of every interval after training (validation and
 * test) to the per-service history, and Decompose() for interval i forecasts from the truths
 * up to i - 1, all nodes and services in one forward pass. The aggregate is not used; the
 * estimates are capacities (PreservesAggregate() is false). The capacity assumes the
 * SliceAllocator's Headroom is 0 (the default).
 *
 * Memory: the training truths are kept as floats until EndTraining() (4 bytes per node,
 * service and training interval), then only the last Window intervals.
 */
class DeepCogDecomposer : public Decomposer
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    DeepCogDecomposer();
    ~DeepCogDecomposer() override;

    /**
     * \param setup level, shape, history length, cost alpha and tolerance.
     * \throw InputError naming Epsilon (not > 0) or LearningRate (not > 0), or if the level is
     *        empty.
     */
    void Setup(const DecomposerSetup& setup) override;

    /**
     * Keep the interval's true demand.
     * \param context where and when (intervals must come in order, without gaps).
     * \param history unused.
     * \param truth the true per-service demand.
     */
    void Train(const DecompositionContext& context,
               const AggregateHistory& history,
               const DemandMatrix& truth) override;

    /**
     * Train the network.
     * \throw InputError if the training period is not longer than Window intervals.
     */
    void EndTraining() override;

    /**
     * Append an interval's truth to the per-service history.
     * \param context where and when.
     * \param truth the interval's true per-service demand.
     */
    void Observe(const DecompositionContext& context, const DemandMatrix& truth) override;

    /**
     * \param context where and when (the calendar of the forecast interval).
     * \param history unused.
     * \param estimate receives the forecast capacities.
     */
    void Decompose(const DecompositionContext& context,
                   const AggregateHistory& history,
                   DemandMatrix& estimate) override;

    /// \return false: the estimates are capacities.
    bool PreservesAggregate() const override;

    /// \return "deepcog".
    std::string GetName() const override;

    /**
     * Assign a fixed random variable stream (the network's seed).
     * \param stream first stream index to use
     * \return the number of stream indices assigned (1)
     */
    int64_t AssignStreams(int64_t stream) override;

    /// \return the window T in use (after Setup()).
    uint32_t GetWindow() const;

    /// \return epochs run by EndTraining().
    uint32_t GetEpochsRun() const;

    /// \return the epoch whose parameters are kept (1-based; 0 if there was no held-out data).
    uint32_t GetBestEpoch() const;

    /// \return the mean cost-aware loss of the last training epoch, Mbps per sample.
    double GetTrainingLoss() const;

    /// \return the mean accountant cost per held-out sample of the kept parameters, Mbps.
    double GetEarlyStoppingCost() const;

    /// \return the wall-clock seconds of the training (informative; not reproducible).
    double GetTrainingSeconds() const;

protected:
    void DoDispose() override;

private:
    uint32_t m_windowAttr;                       //!< Window attribute (0: History)
    uint32_t m_hidden;                           //!< Hidden attribute
    uint32_t m_epochs;                           //!< Epochs attribute
    uint32_t m_batchSize;                        //!< BatchSize attribute
    uint32_t m_samplesPerEpoch;                  //!< SamplesPerEpoch attribute
    uint32_t m_validationSamples;                //!< EarlyStoppingSamples attribute
    uint32_t m_patience;                         //!< Patience attribute
    double m_learningRate;                       //!< LearningRate attribute
    double m_epsilon;                            //!< Epsilon attribute
    double m_earlyStoppingFraction;              //!< EarlyStoppingFraction attribute
    uint32_t m_threads;                          //!< Threads attribute
    Ptr<UniformRandomVariable> m_seed;           //!< torch seed
    uint32_t m_window;                           //!< T in use
    size_t m_nSeries;                            //!< services x nodes
    std::vector<float> m_train;                  //!< [interval][series] training truths
    std::vector<float> m_calendar;               //!< [interval][3] training calendar
    std::vector<uint64_t> m_days;                //!< [interval] training day
    std::vector<double> m_peak;                  //!< [series] training peak (> 0)
    std::vector<float> m_recent;                 //!< [T][series] ring of the last truths
    uint32_t m_ringStart;                        //!< oldest row of m_recent
    uint64_t m_seen;                             //!< intervals whose truth has been seen
    std::vector<float> m_windows;                //!< [series][T] inference input
    std::vector<double> m_forecast;              //!< [series] last forecast
    std::unique_ptr<DeepCogForecaster> m_engine; //!< LibTorch state
    uint32_t m_epochsRun;                        //!< epochs run
    uint32_t m_bestEpoch;                        //!< kept epoch
    double m_trainingLoss;                       //!< last epoch's loss
    double m_earlyStoppingCost;                  //!< held-out cost
    double m_trainingSeconds;                    //!< training time
    bool m_trained;                              //!< EndTraining() ran
    bool m_warnedGap;                            //!< a forecast without the latest truth
};

} // namespace ns3

#endif /* MICROSCOPE_DEEPCOG_DECOMPOSER_H */
