/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_ZONE_FORECASTER_H
#define MICROSCOPE_ZONE_FORECASTER_H

#include "traffic-calendar.h"

#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief One forecaster's scores on one zone's series of one day type.
 */
struct ForecastResult
{
    uint32_t zone{0};               //!< zone index (set by the caller)
    DayType type{DayType::WORKDAY}; //!< day type of the series (set by the caller)
    std::string model;              //!< "lstm", "gru" or "baseline"
    std::string activation;         //!< "relu" or "tanh" ("" for the baseline)
    std::string horizon;            //!< "hour" (one step ahead) or "day" (recursive)
    uint32_t trainDays{0};          //!< days used for training
    uint32_t testDays{0};           //!< days forecast
    double rmse{0};                 //!< RMSE over the test hours (MB)
    double smape{0};                //!< SMAPE over the test hours (percent)
    double trainSeconds{0};         //!< wall-clock training time
    double predictSeconds{0};       //!< wall-clock prediction time
    double finalLoss{0};            //!< last epoch's mean training loss (scaled MSE)
    std::vector<double> actual;     //!< test hours' volumes (MB)
    std::vector<double> predicted;  //!< their forecasts (MB)
};

/**
 * \ingroup microscope
 * \brief Forecasts a zone's hourly traffic with an LSTM or a GRU (second paper, Sec. V), and
 * scores it against the average-hourly-traffic baseline.
 *
 * The series is one day type's hourly volumes, days concatenated in time order (holidays and
 * workdays are forecast apart). The first TrainFraction of the days (70 %) trains, the rest
 * tests. Values are min-max scaled on the training part. The network reads the Window past
 * hours, one value per step (the paper's 1 x 1 input and output), through Layers recurrent
 * layers of HiddenUnits units (2 x 50), and predicts the next hour. Horizon "hour" forecasts
 * each test hour from the actual previous hours (one step ahead, as the paper's set-up
 * implies); "day" forecasts each test day from its midnight, feeding its own forecasts back
 * (24 steps ahead). Training: Adam on the MSE, mini-batches shuffled by torch's generator,
 * gradient norm clipped at 1.
 *
 * LibTorch is seeded, per Evaluate()/Fit() call, from an ns-3 random stream, and runs with
 * Threads threads, so results follow --seed/--run (the timings do not).
 */
class ZoneForecaster : public Object
{
public:
    /// Recurrent network type.
    enum Model
    {
        LSTM, //!< long short-term memory
        GRU,  //!< gated recurrent unit
    };

    /// Activation of the candidate (and LSTM output) path.
    enum Activation
    {
        RELU, //!< rectified linear unit
        TANH, //!< hyperbolic tangent
    };

    /// What a forecast may see.
    enum Horizon
    {
        HOUR_AHEAD, //!< each hour from the actual previous hours
        DAY_AHEAD,  //!< each day from its midnight, recursively
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    ZoneForecaster();
    ~ZoneForecaster() override;

    /**
     * TracedCallback signature for a finished training epoch.
     * \param epoch the epoch index, from 0.
     * \param loss the epoch's mean training loss (MSE on the scaled values).
     */
    typedef void (*EpochTracedCallback)(uint32_t epoch, double loss);

    /**
     * \param nDays days in a series.
     * \return the training days: TrainFraction of them, rounded, kept in 1..nDays - 1.
     * \throw InputError if nDays < 2.
     */
    uint32_t GetTrainDays(uint32_t nDays) const;

    /**
     * Train a fresh network on the training days and forecast the test days.
     * \param series hourly volumes (MB), whole days.
     * \return the scores (zone and type left for the caller).
     * \throw InputError if the series is not whole days, has fewer than 2 days, or the
     *        training part is not longer than the window.
     */
    ForecastResult Evaluate(const std::vector<double>& series);

    /**
     * Score the baseline on the same split.
     * \param series hourly volumes (MB), whole days.
     * \return the baseline's scores.
     */
    ForecastResult EvaluateBaseline(const std::vector<double>& series) const;

    /**
     * Train a fresh network on the first trainDays days of the series.
     * \param series hourly volumes, whole days.
     * \param trainDays the training days.
     * \return the last epoch's mean training loss (MSE on the scaled values).
     */
    double Fit(const std::vector<double>& series, uint32_t trainDays);

    /**
     * Forecast every hour from day fromDay to the end with the trained network, as Horizon
     * says.
     * \param series hourly volumes, whole days (the history the forecasts may use).
     * \param fromDay the first forecast day; fromDay * 24 must be at least Window.
     * \return one forecast (MB) per hour from fromDay * 24 on.
     */
    std::vector<double> Forecast(const std::vector<double>& series, uint32_t fromDay);

    /**
     * \param windows input windows of Window values each (MB).
     * \return one forecast (MB) of the next value per window.
     */
    std::vector<double> PredictNext(const std::vector<std::vector<double>>& windows);

    /// \return the number of trainable parameters of the current network (0 before Fit()).
    uint64_t GetParameterCount() const;

    /**
     * \param model a model.
     * \return "lstm" or "gru".
     */
    static std::string ModelName(Model model);

    /**
     * \param activation an activation.
     * \return "relu" or "tanh".
     */
    static std::string ActivationName(Activation activation);

    /**
     * Write results and settings as JSON.
     * \param out the stream.
     * \param results the results.
     */
    void WriteJson(std::ostream& out, const std::vector<ForecastResult>& results) const;

    /**
     * Assign a fixed random stream to the LibTorch seeds.
     * \param stream first stream index.
     * \return the number of streams used (1).
     */
    int64_t AssignStreams(int64_t stream);

private:
    struct Impl; //!< LibTorch state, kept out of the public header

    /// Seed LibTorch from the ns-3 stream and set its thread count.
    void SeedTorch();

    Model m_model;                                 //!< network type
    Activation m_activation;                       //!< activation
    Horizon m_horizon;                             //!< forecast horizon
    uint32_t m_hidden;                             //!< units per layer
    uint32_t m_layers;                             //!< recurrent layers
    uint32_t m_window;                             //!< input hours
    uint32_t m_epochs;                             //!< training epochs
    uint32_t m_batchSize;                          //!< mini-batch size
    double m_learningRate;                         //!< Adam learning rate
    double m_trainFraction;                        //!< share of days that train
    uint32_t m_threads;                            //!< LibTorch threads
    Ptr<UniformRandomVariable> m_seedRng;          //!< LibTorch seeds
    std::unique_ptr<Impl> m_impl;                  //!< network and scaling
    TracedCallback<uint32_t, double> m_epochTrace; //!< training epochs
};

} // namespace ns3

#endif /* MICROSCOPE_ZONE_FORECASTER_H */
