/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_CONV_LSTM_NET_H
#define MICROSCOPE_CONV_LSTM_NET_H

#include "conv-lstm-cell.h"
#include "mtd-network.h"

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Stacked convolutional LSTM (Microscope Table 1: 3 stacks of 108 channels; small:
 * 2 of 16) over the T snapshots; a 1x1 convolution maps the last hidden state to one channel
 * per service.
 */
class ConvLstmNetImpl : public MtdNetworkImpl
{
public:
    /// \param options shape and size.
    explicit ConvLstmNetImpl(const NetworkOptions& options);
    torch::Tensor forward(torch::Tensor x) override;
    double Flops() const override;

private:
    std::vector<ConvLstmCell> m_cells; //!< stacked cells
    torch::nn::Conv2d m_out{nullptr};  //!< readout
};

TORCH_MODULE(ConvLstmNet);

} // namespace ns3

#endif /* MICROSCOPE_CONV_LSTM_NET_H */
