/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_FORECAST_DECOMPOSER_H
#define MICROSCOPE_FORECAST_DECOMPOSER_H

#include "decomposer.h"
#include "historical-decomposer.h"

#include "ns3/random-variable-stream.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class ForecastDecomposerEngine;

/**
 * \ingroup microscope
 * \brief Forecast-driven (anticipatory) allocation, the "forecast" decomposer: the capacity of
 * each slice for the coming interval is set before its traffic is seen, from a forecast of
 * each node's aggregate (second paper, Sec. V: LSTM or GRU, 2 layers of 50 units, or the
 * average hourly traffic), split into services with the per-node, day-type and time-of-day
 * shares that HistoricalDecomposer learns.
 *
 * Unlike a decomposer, it ignores the newest aggregate snapshot (the traffic of the interval
 * being allocated, unknown when allocating ahead): the forecast reads the Window snapshots
 * before it, so History must be at least Window + 1. Its estimates therefore do not sum to the
 * current aggregate (PreservesAggregate() is false) and the costs measure the forecast error
 * plus the decomposition error. With the same accounting, a researcher compares
 * decomposition with perfect knowledge (oracle), decomposition of the current aggregate
 * (historical, neural: a nowcast) and this forecast-driven allocation.
 *
 * Model "average": the mean aggregate of the node at that day type and time of day over the
 * training days. Models "lstm" and "gru": one recurrent network shared by the level's nodes,
 * each node's series divided by its training mean, trained at EndTraining() on windows of the
 * training days (Adam on the MSE; seeded from an ns-3 random stream).
 */
class ForecastDecomposer : public Decomposer
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    ForecastDecomposer();
    ~ForecastDecomposer() override;

    void Setup(const DecomposerSetup& setup) override;
    void Train(const DecompositionContext& context,
               const AggregateHistory& history,
               const DemandMatrix& truth) override;
    void EndTraining() override;
    void Decompose(const DecompositionContext& context,
                   const AggregateHistory& history,
                   DemandMatrix& estimate) override;
    std::string GetName() const override;
    bool PreservesAggregate() const override;

    /**
     * The forecast of every node's aggregate for the interval after the history's window.
     * \param context the interval being forecast.
     * \param history the snapshots; the newest is ignored.
     * \return one forecast per node (Mbps).
     */
    std::vector<double> ForecastAggregate(const DecompositionContext& context,
                                          const AggregateHistory& history);

    /// \return the final mean training loss of the recurrent model (0 for "average").
    double GetTrainingLoss() const;

    /**
     * Assign a fixed random variable stream (the network's seed).
     * \param stream first stream index to use
     * \return the number of stream indices assigned (1)
     */
    int64_t AssignStreams(int64_t stream) override;

protected:
    void DoDispose() override;

private:
    std::string m_model;                                //!< Model attribute
    std::string m_activation;                           //!< Activation attribute
    uint32_t m_window;                                  //!< Window attribute
    uint32_t m_epochs;                                  //!< Epochs attribute
    uint32_t m_samplesPerEpoch;                         //!< SamplesPerEpoch attribute
    uint32_t m_threads;                                 //!< Threads attribute
    Ptr<HistoricalDecomposer> m_shares;                 //!< per-bin service shares
    Ptr<UniformRandomVariable> m_seed;                  //!< network seed
    std::vector<std::vector<double>> m_series;          //!< per node, training aggregates
    std::vector<double> m_binSums;                      //!< (day type, interval of day, node) sums
    std::vector<uint32_t> m_binCounts;                  //!< (day type, interval of day) counts
    std::vector<double> m_nodeMean;                     //!< per node, training mean aggregate
    AggregateHistory m_scratch;                         //!< one-snapshot history for the shares
    std::unique_ptr<ForecastDecomposerEngine> m_engine; //!< LibTorch state
};

} // namespace ns3

#endif /* MICROSCOPE_FORECAST_DECOMPOSER_H */
