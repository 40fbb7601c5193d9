/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "conv-lstm-cell.h"

#include "mtd-network.h"

namespace ns3
{

ConvLstmCellImpl::ConvLstmCellImpl(int64_t in, int64_t hidden)
    : m_in(in),
      m_hidden(hidden)
{
    namespace nn = torch::nn;
    m_gates = register_module("gates",
                              nn::Conv2d(nn::Conv2dOptions(in + hidden, 4 * hidden, 3).padding(1)));
}

std::pair<torch::Tensor, torch::Tensor>
ConvLstmCellImpl::forward(const torch::Tensor& x,
                          const std::pair<torch::Tensor, torch::Tensor>& state)
{
    auto gates = m_gates->forward(torch::cat({x, state.first}, 1)).chunk(4, 1);
    auto i = torch::sigmoid(gates[0]);
    auto f = torch::sigmoid(gates[1]);
    auto o = torch::sigmoid(gates[2]);
    auto g = torch::tanh(gates[3]);
    auto c = f * state.second + i * g;
    auto h = o * torch::tanh(c);
    return {h, c};
}

double
ConvLstmCellImpl::Flops(int64_t rows, int64_t cols) const
{
    const double positions = static_cast<double>(rows) * cols;
    return FlopCount::Conv(m_in + m_hidden, 4 * m_hidden, 9, positions) +
           10.0 * m_hidden * positions;
}

int64_t
ConvLstmCellImpl::GetHidden() const
{
    return m_hidden;
}

} // namespace ns3
