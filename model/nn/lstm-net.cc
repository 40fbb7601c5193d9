/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "lstm-net.h"

namespace ns3
{

LstmNetImpl::LstmNetImpl(const NetworkOptions& o)
    : MtdNetworkImpl(o)
{
    namespace nn = torch::nn;
    const bool paper = o.size == "paper";
    m_hidden = paper ? 500 : 128;
    m_layersCount = paper ? 3 : 2;
    const int64_t in = o.channels * o.rows * o.cols;
    m_lstm = register_module(
        "lstm",
        nn::LSTM(nn::LSTMOptions(in, m_hidden).num_layers(m_layersCount).batch_first(true)));
    m_out = register_module("out", nn::Linear(m_hidden, o.services * o.rows * o.cols));
}

torch::Tensor
LstmNetImpl::forward(torch::Tensor x)
{
    const int64_t b = x.size(0);
    // [B, C, T, H, W] -> [B, T, C * H * W]
    auto seq = x.permute({0, 2, 1, 3, 4}).reshape({b, m_options.history, -1});
    auto out = std::get<0>(m_lstm->forward(seq));
    auto last = out.select(1, m_options.history - 1);
    return AddPositionBias(
        m_out->forward(last).view({b, m_options.services, m_options.rows, m_options.cols}));
}

double
LstmNetImpl::Flops() const
{
    const double in = static_cast<double>(m_options.channels) * m_options.rows * m_options.cols;
    double flops = 0.0;
    for (int64_t l = 0; l < m_layersCount; ++l)
    {
        const double input = l == 0 ? in : m_hidden;
        // Four gates (input and recurrent products, biases) and the element-wise updates.
        flops += m_options.history *
                 (4.0 * (2.0 * (input + m_hidden) + 2.0) * m_hidden + 10.0 * m_hidden);
    }
    return flops +
           FlopCount::Linear(m_hidden, m_options.services * m_options.rows * m_options.cols);
}

} // namespace ns3
