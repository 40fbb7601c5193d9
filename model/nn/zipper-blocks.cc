/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "zipper-blocks.h"

#include "mtd-network.h"

namespace ns3
{

ZipperBlocksImpl::ZipperBlocksImpl(int64_t channels, int64_t layers)
    : m_channels(channels)
{
    namespace nn = torch::nn;
    for (int64_t i = 0; i < layers; ++i)
    {
        m_layers.push_back(register_module(
            "zip" + std::to_string(i),
            nn::Sequential(nn::Conv2d(nn::Conv2dOptions(channels, channels, 3).padding(1)),
                           nn::BatchNorm2d(channels),
                           nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.1)))));
    }
}

torch::Tensor
ZipperBlocksImpl::forward(torch::Tensor x)
{
    torch::Tensor previous = x;
    torch::Tensor current = x;
    for (size_t i = 0; i < m_layers.size(); ++i)
    {
        torch::Tensor next = m_layers[i]->forward(current);
        if (i > 0)
        {
            next = next + previous;
        }
        previous = current;
        current = next;
    }
    return current + x;
}

double
ZipperBlocksImpl::Flops(int64_t rows, int64_t cols) const
{
    const double positions = static_cast<double>(rows) * cols;
    double flops = 0.0;
    for (size_t i = 0; i < m_layers.size(); ++i)
    {
        flops += FlopCount::Conv(m_channels, m_channels, 9, positions) +
                 FlopCount::NormActivation(m_channels * positions) +
                 (i > 0 ? m_channels * positions : 0.0);
    }
    return flops + m_channels * positions;
}

} // namespace ns3
