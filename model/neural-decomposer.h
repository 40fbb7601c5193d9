/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_NEURAL_DECOMPOSER_H
#define MICROSCOPE_NEURAL_DECOMPOSER_H

#include "decomposer.h"
#include "historical-decomposer.h"
#include "neural-model-info.h"

#include <memory>
#include <string>

namespace ns3
{

class NeuralDecomposerEngine;

/**
 * \ingroup microscope
 * \brief The "neural" decomposer: runs a trained Microscope network (model file written by
 * microscope-train) on the last T aggregate snapshots of its level, every management interval.
 *
 * Setup() loads ModelFile and checks that the scenario has the model's shape: level,
 * management interval, T (History), services (names and order), number of nodes and their
 * positions (the grid mapping is the model's); any difference is an InputError that names it.
 * Estimates are softmax ratios times the aggregate (ratio losses) or, for a regression model,
 * the output clamped at 0 and rescaled to the aggregate. With CostAware (the "cost-aware"
 * lane, a model trained with the cost loss) they are per-slice capacities,
 * `r_s * aggregate * (1 + softplus(m_s))`, that need not sum to the aggregate. GetNRepaired()
 * counts the node estimates that rescaling changed. A NaN or infinite value in the history window
 * is an InputError.
 */
class NeuralDecomposer : public Decomposer
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    NeuralDecomposer();
    ~NeuralDecomposer() override;

    void Setup(const DecomposerSetup& setup) override;

    /**
     * For a HistoricalPrior model, train its prior (a HistoricalDecomposer) on the interval's
     * true demand, as the trainer did on the same days; otherwise nothing.
     * \param context where and when.
     * \param history the aggregate snapshots.
     * \param truth the true per-service demand.
     */
    void Train(const DecompositionContext& context,
               const AggregateHistory& history,
               const DemandMatrix& truth) override;

    /// Finish the prior's training (HistoricalPrior models).
    void EndTraining() override;

    /// \return the BatchSize attribute.
    uint32_t GetBatchSize() const override;

    /**
     * Run the forward passes of the intervals told ahead as one batch, and keep their
     * estimates for Decompose(), which uses one only if the history it is given is the one
     * told (else it computes afresh). A window with a NaN or infinite aggregate ends the batch
     * before it (Decompose() then reports it). Repairs of regression outputs are counted here.
     * \param contexts the intervals.
     * \param history the history of the first.
     * \param upcoming the snapshots of the others.
     */
    void Prefetch(const std::vector<DecompositionContext>& contexts,
                  const AggregateHistory& history,
                  const std::vector<std::vector<double>>& upcoming) override;

    void Decompose(const DecompositionContext& context,
                   const AggregateHistory& history,
                   DemandMatrix& estimate) override;
    std::string GetName() const override;

    /// \return false with CostAware (capacities), true otherwise (a split of the aggregate).
    bool PreservesAggregate() const override;

    /**
     * Read a model file's shape without keeping the network.
     * \param path the model file.
     * \return its shape.
     * \throw InputError if the file is missing or not a readable model.
     */
    static NeuralModelInfo ReadInfo(const std::string& path);

    /**
     * Why a model file does not fit a level of a scenario, without loading the network: what
     * an example asks before it chooses the neural lane (--decomposer=auto), where Setup()
     * would refuse the model with an error.
     * \param file the model file.
     * \param nodePositions the level's node positions (m), in node order.
     * \param interval the level's management interval.
     * \param history the scenario's T.
     * \param services the scenario's services, in catalog order.
     * \return an empty string if it fits, else the reason, naming the file ("no model file
     *         FILE", "FILE was trained for another interval or history", ...:
     *         NeuralModelInfo::WhyUnfit()).
     * \throw InputError if the file exists but is not a readable model.
     */
    static std::string WhyUnfit(const std::string& file,
                                const std::vector<Vector>& nodePositions,
                                Time interval,
                                uint32_t history,
                                const std::vector<std::string>& services);

    /// \return the loaded model's shape.
    const NeuralModelInfo& GetInfo() const;

    /// \return node estimates changed by the regression repair so far.
    int64_t GetNRepaired() const;

    /// \return FLOPs of one inference.
    double GetFlops() const;

    /// \return the batched forward passes run so far (Prefetch()).
    uint64_t GetNBatches() const;

    /// \return the Decompose() calls served from a batch so far.
    uint64_t GetNBatchedDecompositions() const;

protected:
    void DoDispose() override;

private:
    /**
     * One batch-one forward pass on the window in the engine, into its estimates.
     * \param context the interval.
     */
    void Infer(const DecompositionContext& context);

    /// \throw InputError if a HistoricalPrior model's prior, or a LevelDeviation model's usual
    /// level, saw no training interval.
    void CheckPriorTrained() const;

    std::string m_modelFile;                          //!< ModelFile attribute
    uint32_t m_threads;                               //!< Threads attribute
    uint32_t m_batchSize;                             //!< BatchSize attribute
    bool m_costAware{false};                          //!< CostAware attribute
    std::unique_ptr<NeuralDecomposerEngine> m_engine; //!< LibTorch state
    Ptr<HistoricalDecomposer> m_prior;                //!< the prior of HistoricalPrior models
    bool m_priorTrained{false};                       //!< EndTraining() ran with training intervals
};

} // namespace ns3

#endif /* MICROSCOPE_NEURAL_DECOMPOSER_H */
