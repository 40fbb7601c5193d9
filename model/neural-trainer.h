/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_NEURAL_TRAINER_H
#define MICROSCOPE_NEURAL_TRAINER_H

#include "historical-decomposer.h"
#include "mtd-dataset.h"
#include "neural-model-info.h"

#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Decomposition accuracy on a set of samples (the module's metrics): MAE in Mbps and NMAE in
 * percent, overall and per service. NMAE divides each (service, node) series' mean absolute
 * error by the range max - min of its true values over the samples; series with zero range
 * are left out (and counted).
 */
struct NeuralEvaluation
{
    double maeMbps{0};               //!< mean absolute error over services and nodes
    double nmaePct{0};               //!< normalised MAE (%)
    std::vector<double> serviceMae;  //!< per service
    std::vector<double> serviceNmae; //!< per service (%)
    uint64_t samples{0};             //!< evaluated intervals
    uint64_t skippedSeries{0};       //!< zero-range series left out of NMAE
    int64_t repaired{0};             //!< node estimates repaired (regression output)
};

/**
 * \ingroup microscope
 * \brief One row of a NeuralTrainer's learning curve: what one epoch did.
 */
struct NeuralEpochRecord
{
    uint32_t epoch{0};           //!< epoch (1-based)
    double learningRate{0};      //!< Adam's learning rate during the epoch
    double trainLoss{0};         //!< mean training loss over the epoch's mini-batches
    double validationLoss{0};    //!< validation loss after the epoch (NaN: no validation)
    double validationMaeMbps{0}; //!< validation MAE after the epoch (NaN: no validation)
    double validationNmaePct{0}; //!< validation NMAE after the epoch (NaN: no validation)
    double seconds{0};           //!< wall-clock time of the epoch, validation included
    bool best{false};            //!< the best validation loss so far: the kept parameters
};

class NeuralTrainerEngine;

/**
 * \ingroup microscope
 * \brief Trains a decomposition network of the Microscope paper on an MtdDataset (one level,
 * one management interval) and evaluates it beside the historical and oracle baselines on the
 * same samples.
 *
 * The level's nodes are placed on a grid by minimum-displacement mapping (GridMapper). Inputs
 * are the T aggregate snapshots divided by the training mean node aggregate, optionally with
 * three calendar channels (sin and cos of the time of day, holiday flag) — see
 * CalendarFeatures. Training: Adam, mini-batches of shuffled training samples, a learning-rate
 * schedule (constant, reduced on a validation plateau, or cosine), early stopping on the
 * validation loss (the best epoch's parameters are kept), a learning curve of every epoch
 * (GetLearningCurve), an optional checkpoint after every epoch that Train() can resume from. Every
 * random choice (initial weights, shuffles) derives from one seed drawn from an ns-3 random stream,
 * so a run is reproducible for a given --seed/--run and thread count.
 */
class NeuralTrainer : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    NeuralTrainer();
    ~NeuralTrainer() override;

    /**
     * TracedCallback signature of a finished epoch.
     * \param epoch the epoch (1-based).
     * \param trainLoss the mean training loss.
     * \param validationLoss the validation loss (NaN without validation samples).
     * \param seconds the epoch's wall-clock time.
     */
    typedef void (*EpochTracedCallback)(uint32_t epoch,
                                        double trainLoss,
                                        double validationLoss,
                                        double seconds);

    /**
     * \param name an architecture name.
     * \throw InputError if it is not one of mlp, cnn, lstm, convlstm, zipnet, defcnn,
     *        3d-defcnn.
     */
    static void CheckArchitecture(const std::string& name);

    /**
     * \param name a loss name.
     * \throw InputError if it is not one of regression, ratio-mse, ratio-ce, cost.
     */
    static void CheckLoss(const std::string& name);

    /**
     * \param name a learning-rate schedule name.
     * \throw InputError if it is not one of constant, plateau, cosine.
     */
    static void CheckSchedule(const std::string& name);

    /**
     * The learning rate of an epoch under a schedule that depends on the epoch alone.
     * \param schedule constant or cosine.
     * \param epoch the epoch (0-based).
     * \param epochs the Epochs attribute.
     * \param initial the LearningRate attribute.
     * \param minimum the MinLearningRate attribute.
     * \return initial (constant), or minimum + (initial - minimum) (1 + cos(pi epoch /
     *         epochs)) / 2 (cosine).
     */
    static double ScheduledLearningRate(const std::string& schedule,
                                        uint32_t epoch,
                                        uint32_t epochs,
                                        double initial,
                                        double minimum);

    /**
     * \param dataset the data; kept by reference until training and evaluation are done.
     */
    void SetDataset(const MtdDataset& dataset);

    /**
     * Map the nodes on the grid, create the network and train it.
     * \param checkpoint file written after every epoch (empty: none).
     * \param resume continue from the checkpoint if it exists.
     * \throw InputError on bad attributes (architecture, loss, epochs), an incompatible
     *        checkpoint, or a dataset without training samples.
     */
    void Train(const std::string& checkpoint = "", bool resume = false);

    /**
     * \param samples target intervals of the dataset.
     * \return the trained network's accuracy on them.
     */
    NeuralEvaluation Evaluate(const std::vector<uint64_t>& samples) const;

    /**
     * The historical baseline (HistoricalDecomposer trained on every training interval, as in
     * the slot pipeline) on the same samples.
     * \param dataset the data.
     * \param samples target intervals.
     * \return its accuracy.
     */
    static NeuralEvaluation EvaluateHistorical(const MtdDataset& dataset,
                                               const std::vector<uint64_t>& samples);

    /**
     * A HistoricalDecomposer trained on every training interval of a dataset, as the slot
     * pipeline trains it (the baseline, and the prior of HistoricalPrior models).
     * \param dataset the data.
     * \return the trained decomposer.
     */
    static Ptr<HistoricalDecomposer> TrainHistorical(const MtdDataset& dataset);

    /**
     * The linear baseline (LinearDecomposer with its default attributes, fitted on every
     * training interval as the slot pipeline fits it) on the same samples. It decomposes every
     * interval after the training days in order, as the pipeline's lane does, so that its
     * lagged features are those of the pipeline.
     * \param dataset the data.
     * \param samples target intervals (after the training days).
     * \return its accuracy.
     */
    static NeuralEvaluation EvaluateLinear(const MtdDataset& dataset,
                                           const std::vector<uint64_t>& samples);

    /**
     * The oracle (the truth itself) on the same samples: zero error, as a check.
     * \param dataset the data.
     * \param samples target intervals.
     * \return its accuracy.
     */
    static NeuralEvaluation EvaluateOracle(const MtdDataset& dataset,
                                           const std::vector<uint64_t>& samples);

    /**
     * Write the trained model (parameters and shape), atomically.
     * \param path the model file.
     * \param scenario text describing the scenario trained on.
     * \param command the command that trained it.
     */
    void SaveModel(const std::string& path,
                   const std::string& scenario,
                   const std::string& command) const;

    /// \return the shape of the trained model.
    NeuralModelInfo GetInfo() const;

    /// \return FLOPs of one inference, counted analytically.
    double GetFlops() const;

    /// \return the number of trainable parameters.
    uint64_t GetParameterCount() const;

    /// \return wall-clock seconds spent training.
    double GetTrainSeconds() const;

    /// \return epochs run (including resumed ones).
    uint32_t GetEpochsRun() const;

    /// \return the best validation loss.
    double GetBestValidationLoss() const;

    /// \return one row per epoch run (resumed ones included), in order.
    const std::vector<NeuralEpochRecord>& GetLearningCurve() const;

    /// \return the validation samples the learning curve and early stopping use.
    std::vector<uint64_t> GetValidationSamples() const;

    /// \return training samples per second in the last run.
    double GetSamplesPerSecond() const;

    /**
     * Assign a fixed random variable stream (the seed of the network and the shuffles).
     * \param stream first stream index to use
     * \return the number of stream indices assigned (1)
     */
    int64_t AssignStreams(int64_t stream);

private:
    std::string m_architecture;                    //!< Architecture attribute
    std::string m_loss;                            //!< Loss attribute
    std::string m_size;                            //!< Size attribute
    uint32_t m_epochs;                             //!< Epochs attribute
    uint32_t m_batchSize;                          //!< BatchSize attribute
    double m_learningRate;                         //!< LearningRate attribute
    uint32_t m_patience;                           //!< Patience attribute
    std::string m_schedule;                        //!< LearningRateSchedule attribute
    double m_learningRateDecay;                    //!< LearningRateDecay attribute
    double m_minLearningRate;                      //!< MinLearningRate attribute
    uint32_t m_threads;                            //!< Threads attribute
    uint32_t m_samplesPerEpoch;                    //!< SamplesPerEpoch attribute
    uint32_t m_validationSamples;                  //!< ValidationSamples attribute
    bool m_calendarFeatures;                       //!< CalendarFeatures attribute
    bool m_positionBias;                           //!< PositionBias attribute
    bool m_historicalPrior;                        //!< HistoricalPrior attribute
    bool m_levelDeviation;                         //!< LevelDeviation attribute
    double m_costAlpha;                            //!< CostAlpha attribute
    double m_costEpsilon;                          //!< CostEpsilon attribute
    double m_kappa;                                //!< Kappa attribute
    bool m_progress;                               //!< Progress attribute
    Ptr<UniformRandomVariable> m_seed;             //!< seed source
    const MtdDataset* m_dataset;                   //!< data
    std::unique_ptr<NeuralTrainerEngine> m_engine; //!< LibTorch state
    TracedCallback<uint32_t, double, double, double> m_epochTrace; //!< Epoch trace
};

} // namespace ns3

#endif /* MICROSCOPE_NEURAL_TRAINER_H */
