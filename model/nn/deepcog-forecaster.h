/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Private header (model/nn/): includes torch/torch.h, never installed, never included from a
 * public header.
 */

#ifndef MICROSCOPE_DEEPCOG_FORECASTER_H
#define MICROSCOPE_DEEPCOG_FORECASTER_H

#include <cstdint>
#include <torch/torch.h>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The network of DeepCogDecomposer: an MLP with two ReLU hidden layers and a softplus
 * output, the capacity of one (node, service) for the next interval divided by its training
 * peak.
 */
class DeepCogNetImpl : public torch::nn::Module
{
public:
    /**
     * \param inputs features per sample.
     * \param hidden units per hidden layer.
     */
    DeepCogNetImpl(int64_t inputs, int64_t hidden);

    /**
     * \param x features [batch, inputs].
     * \return non-negative outputs [batch].
     */
    torch::Tensor forward(torch::Tensor x);

private:
    torch::nn::Linear m_first{nullptr};  //!< inputs -> hidden
    torch::nn::Linear m_second{nullptr}; //!< hidden -> hidden
    torch::nn::Linear m_out{nullptr};    //!< hidden -> 1
};

TORCH_MODULE(DeepCogNet);

/**
 * \ingroup microscope
 * \brief Training settings of a DeepCogForecaster.
 */
struct DeepCogOptions
{
    uint32_t window{6};                //!< T, past values per sample
    uint32_t hidden{64};               //!< units per hidden layer
    uint32_t epochs{60};               //!< maximum epochs
    uint32_t batchSize{256};           //!< minibatch size
    uint32_t samplesPerEpoch{65536};   //!< samples per epoch, drawn with replacement (0: all)
    uint32_t validationSamples{65536}; //!< early-stopping samples, evenly spaced (0: all)
    uint32_t patience{8};              //!< epochs without improvement before stopping
    double learningRate{1e-3};         //!< Adam's learning rate
    double alpha{1.0};                 //!< SLA fee factor
    double epsilon{0.01};              //!< slope parameter of the cost-aware loss
    double keep{1.0};                  //!< 1 - the accountant's violation tolerance
    uint64_t seed{1};                  //!< torch seed
};

/**
 * \ingroup microscope
 * \brief Training data of a DeepCogForecaster: the true demand of every series (a node and a
 * service, series index = service * nodes + node) in every training interval.
 */
struct DeepCogData
{
    const float* values{nullptr};         //!< [interval][series] true demand, Mbps
    uint64_t intervals{0};                //!< training intervals
    uint32_t services{0};                 //!< services
    uint32_t nodes{0};                    //!< nodes
    const double* peak{nullptr};          //!< [series] training peak (> 0)
    const float* calendar{nullptr};       //!< [interval][3] calendar features (CalendarFeatures)
    uint64_t firstEarlyStoppingTarget{0}; //!< targets from this interval on are held out
};

/**
 * \ingroup microscope
 * \brief What DeepCogForecaster::Fit() did.
 */
struct DeepCogFitReport
{
    uint32_t epochs{0};               //!< epochs run
    uint32_t bestEpoch{0};            //!< epoch whose parameters are kept (1-based; 0: last)
    double trainingLoss{0};           //!< mean cost-aware loss of the last epoch, Mbps
    double earlyStoppingCost{0};      //!< mean cost per held-out sample of the kept epoch, Mbps
    uint64_t trainingSamples{0};      //!< (target interval, series) pairs to train on
    uint64_t earlyStoppingSamples{0}; //!< held-out pairs evaluated per epoch
};

/**
 * \ingroup microscope
 * \brief The LibTorch side of DeepCogDecomposer: features, training with the cost-aware loss
 * and batched inference.
 *
 * Features of the sample (target interval t, series i of service s): the T true values of i
 * before t divided by the series' training peak (clamped to [0, 16]), the calendar of t
 * (sin and cos of 2 pi times the interval of the day over the intervals per day, and 1 on a
 * holiday), and a one-hot of s. Output y: the capacity divided by the peak.
 *
 * Loss of a minibatch: the mean of `peak * CostAware(y - d / peak, alpha, eps)`
 * (DecompositionLoss::CostAware, DeepCog's Eq. 15-16 on the normalised error), so that a fee
 * costs alpha * peak and an overprovisioning of x Mbps about x Mbps, the CostAccountant's
 * units. Adam, random minibatches (torch's generator, seeded by Fit()), and early stopping
 * on the accountant's cost of the held-out targets (the parameters of the best epoch are
 * kept).
 */
class DeepCogForecaster
{
public:
    /**
     * \param options the settings.
     * \param services services (one-hot size).
     * \param nodes nodes per service.
     */
    DeepCogForecaster(const DeepCogOptions& options, uint32_t services, uint32_t nodes);

    /// \return features per sample: T + 3 + services.
    int64_t GetNFeatures() const;

    /**
     * \param intervalOfDay the interval of the day.
     * \param intervalsPerDay intervals per day.
     * \param holiday true on a holiday.
     * \param out receives the three calendar features.
     */
    static void CalendarFeatures(uint32_t intervalOfDay,
                                 uint32_t intervalsPerDay,
                                 bool holiday,
                                 float* out);

    /**
     * Seed torch and train.
     * \param data the training data.
     * \return what was done.
     */
    DeepCogFitReport Fit(const DeepCogData& data);

    /**
     * Forecast every series' capacity for one interval, in one forward pass.
     * \param windows [series][T] the T true values before the interval, Mbps.
     * \param peak [series] the training peaks.
     * \param calendar the interval's three calendar features.
     * \param out receives [series] capacities, Mbps.
     */
    void Predict(const std::vector<float>& windows,
                 const std::vector<double>& peak,
                 const float* calendar,
                 std::vector<double>& out);

private:
    /**
     * Write one sample's features.
     * \param row the sample's features, GetNFeatures() of them.
     * \param values the first of the T past values.
     * \param stride distance between consecutive past values.
     * \param peak the series' peak.
     * \param calendar the target's calendar features.
     * \param service the series' service.
     */
    void FillRow(float* row,
                 const float* values,
                 size_t stride,
                 double peak,
                 const float* calendar,
                 uint32_t service) const;

    DeepCogOptions m_options;  //!< settings
    uint32_t m_services;       //!< services
    uint32_t m_nodes;          //!< nodes
    DeepCogNet m_net{nullptr}; //!< the network
    torch::Tensor m_input;     //!< inference input buffer
};

} // namespace ns3

#endif /* MICROSCOPE_DEEPCOG_FORECASTER_H */
