/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Private header (model/nn/): includes torch/torch.h, never installed, never included from a
 * public header.
 */

#ifndef MICROSCOPE_LSTM_FORECASTER_H
#define MICROSCOPE_LSTM_FORECASTER_H

#include <torch/torch.h>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Stacked LSTM that reads a window of past values and predicts the next one.
 *
 * The cells are written out rather than taken from torch::nn::LSTM, whose candidate and
 * output activations are fixed to tanh. As in Keras' `LSTM(activation=...)`, the chosen
 * activation phi (ReLU or tanh) is applied to the cell candidate and to the cell state on the
 * way out; the input, forget and output gates stay sigmoid:
 *   [i, f, g, o] = W_x x_t + b + W_h h_{t-1};
 *   c_t = sigmoid(f) * c_{t-1} + sigmoid(i) * phi(g);  h_t = sigmoid(o) * phi(c_t).
 * A linear layer maps the last layer's final h to the prediction.
 */
class LstmForecasterImpl : public torch::nn::Module
{
public:
    /**
     * \param inputSize features per time step.
     * \param hidden units per layer.
     * \param layers number of stacked layers.
     * \param relu true for ReLU, false for tanh.
     */
    LstmForecasterImpl(int64_t inputSize, int64_t hidden, int64_t layers, bool relu);

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

TORCH_MODULE(LstmForecaster);

} // namespace ns3

#endif /* MICROSCOPE_LSTM_FORECASTER_H */
