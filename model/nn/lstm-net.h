/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_LSTM_NET_H
#define MICROSCOPE_LSTM_NET_H

#include "mtd-network.h"

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Stacked LSTM (Microscope Table 1: 3 layers of 500 units; small: 2 of 128) over the
 * T snapshots, each flattened into one input vector; a linear layer maps the last hidden
 * state to one output per service and grid point.
 */
class LstmNetImpl : public MtdNetworkImpl
{
public:
    /// \param options shape and size.
    explicit LstmNetImpl(const NetworkOptions& options);
    torch::Tensor forward(torch::Tensor x) override;
    double Flops() const override;

private:
    int64_t m_hidden;                 //!< hidden units
    int64_t m_layersCount;            //!< stacked layers
    torch::nn::LSTM m_lstm{nullptr};  //!< the LSTM
    torch::nn::Linear m_out{nullptr}; //!< readout
};

TORCH_MODULE(LstmNet);

} // namespace ns3

#endif /* MICROSCOPE_LSTM_NET_H */
