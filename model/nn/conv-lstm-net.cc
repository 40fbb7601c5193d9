/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "conv-lstm-net.h"

namespace ns3
{

ConvLstmNetImpl::ConvLstmNetImpl(const NetworkOptions& o)
    : MtdNetworkImpl(o)
{
    namespace nn = torch::nn;
    const bool paper = o.size == "paper";
    const int64_t hidden = paper ? 108 : 16;
    const int64_t layers = paper ? 3 : 2;
    for (int64_t l = 0; l < layers; ++l)
    {
        m_cells.push_back(register_module("cell" + std::to_string(l),
                                          ConvLstmCell(l == 0 ? o.channels : hidden, hidden)));
    }
    m_out = register_module("out", nn::Conv2d(nn::Conv2dOptions(hidden, o.services, 1)));
}

torch::Tensor
ConvLstmNetImpl::forward(torch::Tensor x)
{
    const int64_t b = x.size(0);
    std::vector<std::pair<torch::Tensor, torch::Tensor>> states;
    for (auto& cell : m_cells)
    {
        auto zero =
            torch::zeros({b, cell->GetHidden(), m_options.rows, m_options.cols}, x.options());
        states.emplace_back(zero, zero);
    }
    for (int64_t t = 0; t < m_options.history; ++t)
    {
        torch::Tensor input = x.select(2, t);
        for (size_t l = 0; l < m_cells.size(); ++l)
        {
            states[l] = m_cells[l]->forward(input, states[l]);
            input = states[l].first;
        }
    }
    return AddPositionBias(m_out->forward(states.back().first));
}

double
ConvLstmNetImpl::Flops() const
{
    double flops = 0.0;
    for (const auto& cell : m_cells)
    {
        flops += m_options.history * cell->Flops(m_options.rows, m_options.cols);
    }
    return flops + FlopCount::Conv(m_cells.back()->GetHidden(),
                                   m_options.services,
                                   1,
                                   static_cast<double>(m_options.rows) * m_options.cols);
}

} // namespace ns3
