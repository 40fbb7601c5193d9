/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_NEURAL_MODEL_H
#define MICROSCOPE_NEURAL_MODEL_H

#include "../historical-decomposer.h"
#include "../neural-model-info.h"
#include "../traffic-calendar.h"
#include "decomposition-loss.h"
#include "mtd-network.h"

#include <string>
#include <torch/torch.h>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief A decomposition network with its shape (NeuralModelInfo): builds inputs from
 * aggregate windows, turns outputs into feasible per-node estimates, and saves to / loads from
 * a model file (torch::serialize archive: the network's parameters and buffers, plus the
 * shape as JSON under the key "microscope_info").
 */
class NeuralModel
{
public:
    /// LevelDeviation inputs are clipped to +-this (log units).
    static constexpr double MAX_LEVEL_DEVIATION = 5.0;

    NeuralModel();

    /**
     * Create a fresh network.
     * \param info the shape; architecture, loss and size must be valid.
     * \throw InputError on an unknown architecture, loss or size.
     */
    void Create(const NeuralModelInfo& info);

    /**
     * Write the model: to "<path>.partial", then renamed, so a good model is never
     * overwritten by a partial one.
     * \param path the model file.
     */
    void Save(const std::string& path) const;

    /**
     * Read a model file.
     * \param path the model file.
     * \throw InputError naming the file if it is missing, truncated, corrupt or not a
     *        microscope model.
     */
    void Load(const std::string& path);

    /// \return the shape.
    const NeuralModelInfo& GetInfo() const;

    /// \return the network.
    MtdNetworkPtr GetNetwork() const;

    /// \return the loss the model was trained with.
    const DecompositionLoss& GetLoss() const;

    /**
     * Set the per-slice peak demand of the cost-aware loss (training only).
     * \param peak [S, rows, cols] in normalised units.
     */
    void SetCostPeak(const torch::Tensor& peak);

    /// \return the grid mask [rows, cols]: 1 where a node sits.
    torch::Tensor GetMask() const;

    /**
     * Fill one sample's input: [channels, T, rows, cols], normalised.
     * \param window T x nodes aggregates (Mbps), oldest first.
     * \param intervalOfDay the target interval's index in its day.
     * \param dayType the target interval's day type.
     * \param out channels * T * rows * cols floats.
     */
    void FillInput(const float* window, uint32_t intervalOfDay, DayType dayType, float* out) const;

    /**
     * Start learning the usual level of LevelDeviation models afresh: each node's mean log
     * aggregate per day type and interval of the day, over the training intervals.
     */
    void ResetUsualLevel();

    /**
     * Add one training interval to the usual level.
     * \param dayType its day type.
     * \param intervalOfDay its index in the day.
     * \param aggregate one aggregate per node (Mbps).
     */
    void AddUsualLevel(DayType dayType, uint32_t intervalOfDay, const double* aggregate);

    /**
     * Turn the sums into means. A (day type, interval) that no training interval had takes
     * the node's mean over every training interval.
     * \return the training intervals added.
     */
    uint64_t FinishUsualLevel();

    /// \return whether FinishUsualLevel() ran on at least one training interval.
    bool HasUsualLevel() const;

    /**
     * \param aggregate a node's aggregate (Mbps).
     * \return the value whose training mean is the usual level: log(aggregate / scale + 1e-3).
     */
    double LogLevel(double aggregate) const;

    /**
     * Scatter per-node values on the grid, normalised.
     * \param values one value per node (Mbps).
     * \param out rows * cols floats.
     */
    void FillGrid(const float* values, float* out) const;

    /**
     * Fill one sample's historical prior (HistoricalPrior models): the shares that a trained
     * HistoricalDecomposer gives each node for the sample's day type and interval of the day.
     * \param historical the trained decomposer.
     * \param intervalOfDay the target interval's index in its day.
     * \param dayType the target interval's day type.
     * \param out services * rows * cols floats (0 where no node sits).
     */
    void FillPrior(const HistoricalDecomposer& historical,
                   uint32_t intervalOfDay,
                   DayType dayType,
                   float* out) const;

    /**
     * Run the network: its output, plus the historical prior if the model has one (ratio
     * losses: the log of the prior shares is added to the logits; volume losses: the prior
     * shares times the aggregate are added to the volumes), so that the network learns a
     * correction of the historical baseline.
     * \param x the input [B, C, T, rows, cols].
     * \param prior the prior shares [B, S, rows, cols] (ignored without a prior).
     * \param aggregate the normalised aggregate [B, rows, cols].
     * \return the output [B, S, rows, cols].
     */
    torch::Tensor Forward(const torch::Tensor& x,
                          const torch::Tensor& prior,
                          const torch::Tensor& aggregate) const;

    /**
     * Per-node estimates (Mbps) from network outputs.
     * \param output [B, S, rows, cols].
     * \param aggregate [B, rows, cols] normalised aggregates.
     * \param estimates receives B x S x nodes values (Mbps), service-major per sample.
     * \param repaired incremented by the nodes whose regression output had to be repaired.
     */
    void Gather(const torch::Tensor& output,
                const torch::Tensor& aggregate,
                std::vector<double>& estimates,
                int64_t& repaired) const;

private:
    NeuralModelInfo m_info;   //!< shape
    MtdNetworkPtr m_network;  //!< network
    DecompositionLoss m_loss; //!< loss
    torch::Tensor m_mask;     //!< grid mask
    /// LevelDeviation: [day type][interval of day][node] sums, then usual log levels
    std::vector<double> m_usual;
    std::vector<uint32_t> m_usualCount; //!< [day type][interval of day] training intervals
    std::vector<double> m_nodeSum;      //!< [node] sum over every training interval
    uint64_t m_usualIntervals{0};       //!< training intervals added
    bool m_usualReady{false};           //!< FinishUsualLevel() ran
};

} // namespace ns3

#endif /* MICROSCOPE_NEURAL_MODEL_H */
