/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mlp-net.h"

namespace ns3
{

MlpNetImpl::MlpNetImpl(const NetworkOptions& o)
    : MtdNetworkImpl(o)
{
    namespace nn = torch::nn;
    const bool paper = o.size == "paper";
    const int64_t hidden = paper ? 1000 : 256;
    const int64_t depth = paper ? 5 : 3;
    m_widths.push_back(o.channels * o.history * o.rows * o.cols);
    for (int64_t i = 0; i < depth; ++i)
    {
        m_widths.push_back(hidden);
    }
    m_widths.push_back(o.services * o.rows * o.cols);
    nn::Sequential layers;
    for (size_t i = 0; i + 1 < m_widths.size(); ++i)
    {
        layers->push_back(nn::Linear(m_widths[i], m_widths[i + 1]));
        if (i + 2 < m_widths.size())
        {
            layers->push_back(nn::ReLU());
        }
    }
    m_layers = register_module("layers", layers);
}

torch::Tensor
MlpNetImpl::forward(torch::Tensor x)
{
    const int64_t b = x.size(0);
    return AddPositionBias(m_layers->forward(x.reshape({b, -1}))
                               .view({b, m_options.services, m_options.rows, m_options.cols}));
}

double
MlpNetImpl::Flops() const
{
    double flops = 0.0;
    for (size_t i = 0; i + 1 < m_widths.size(); ++i)
    {
        flops += FlopCount::Linear(m_widths[i], m_widths[i + 1]);
        if (i + 2 < m_widths.size())
        {
            flops += m_widths[i + 1];
        }
    }
    return flops;
}

} // namespace ns3
