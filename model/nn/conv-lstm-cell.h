/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_CONV_LSTM_CELL_H
#define MICROSCOPE_CONV_LSTM_CELL_H

#include <torch/torch.h>
#include <utility>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Convolutional LSTM cell (Shi et al., NeurIPS 2015): the LSTM gates are 3x3
 * convolutions of the input and the hidden state, so the state keeps its spatial layout.
 */
class ConvLstmCellImpl : public torch::nn::Module
{
public:
    /**
     * \param in input channels.
     * \param hidden hidden (and cell) channels.
     */
    ConvLstmCellImpl(int64_t in, int64_t hidden);

    /**
     * One step.
     * \param x [B, in, H, W].
     * \param state (h, c), each [B, hidden, H, W].
     * \return the new (h, c).
     */
    std::pair<torch::Tensor, torch::Tensor> forward(
        const torch::Tensor& x,
        const std::pair<torch::Tensor, torch::Tensor>& state);

    /**
     * \param rows H \param cols W
     * \return FLOPs of one step on a single sample.
     */
    double Flops(int64_t rows, int64_t cols) const;

    /// \return the hidden channels.
    int64_t GetHidden() const;

private:
    int64_t m_in;                       //!< input channels
    int64_t m_hidden;                   //!< hidden channels
    torch::nn::Conv2d m_gates{nullptr}; //!< the four gates
};

TORCH_MODULE(ConvLstmCell);

} // namespace ns3

#endif /* MICROSCOPE_CONV_LSTM_CELL_H */
