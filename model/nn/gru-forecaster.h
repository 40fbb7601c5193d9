/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Private header (model/nn/): includes torch/torch.h, never installed, never included from a
 * public header.
 */

#ifndef MICROSCOPE_GRU_FORECASTER_H
#define MICROSCOPE_GRU_FORECASTER_H

#include <torch/torch.h>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Stacked GRU that reads a window of past values and predicts the next one.
 *
 * Written out rather than taken from torch::nn::GRU (tanh only). As in Keras'
 * `GRU(activation=...)`, the chosen activation phi (ReLU or tanh) replaces tanh in the
 * candidate state; the reset and update gates stay sigmoid:
 *   r = sigmoid(W_xr x + b_xr + W_hr h + b_hr),  z = sigmoid(W_xz x + b_xz + W_hz h + b_hz),
 *   n = phi(W_xn x + b_xn + r * (W_hn h + b_hn)),  h_t = (1 - z) * n + z * h_{t-1}.
 * A linear layer maps the last layer's final h to the prediction.
 */
class GruForecasterImpl : public torch::nn::Module
{
public:
    /**
     * \param inputSize features per time step.
     * \param hidden units per layer.
     * \param layers number of stacked layers.
     * \param relu true for ReLU, false for tanh.
     */
    GruForecasterImpl(int64_t inputSize, int64_t hidden, int64_t layers, bool relu);

    /**
     * \param x input of shape [batch, time, inputSize].
     * \return predictions of shape [batch, 1].
     */
    torch::Tensor forward(torch::Tensor x);

private:
    int64_t m_hidden;                           //!< units per layer
    bool m_relu;                                //!< ReLU or tanh
    std::vector<torch::nn::Linear> m_input;     //!< input projections per layer
    std::vector<torch::nn::Linear> m_recurrent; //!< recurrent projections per layer
    torch::nn::Linear m_head{nullptr};          //!< output layer
};

TORCH_MODULE(GruForecaster);

} // namespace ns3

#endif /* MICROSCOPE_GRU_FORECASTER_H */
