/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cnn-net.h"

namespace ns3
{

CnnNetImpl::CnnNetImpl(const NetworkOptions& o)
    : MtdNetworkImpl(o)
{
    namespace nn = torch::nn;
    const bool paper = o.size == "paper";
    m_width = paper ? 64 : 16;
    const int64_t layers = paper ? 8 : 4;
    m_head = register_module(
        "head",
        nn::Conv2d(nn::Conv2dOptions(o.channels * o.history, m_width, 3).padding(1)));
    m_bn = register_module("bn", nn::BatchNorm2d(m_width));
    m_zipper = register_module("zipper", ZipperBlocks(m_width, layers));
    m_tail = register_module("tail", ConvTail(m_width, 2 * m_width, o.services, false));
}

torch::Tensor
CnnNetImpl::forward(torch::Tensor x)
{
    const int64_t b = x.size(0);
    x = x.reshape({b, m_options.channels * m_options.history, m_options.rows, m_options.cols});
    x = torch::nn::functional::leaky_relu(
        m_bn->forward(m_head->forward(x)),
        torch::nn::functional::LeakyReLUFuncOptions().negative_slope(0.1));
    return AddPositionBias(m_tail->forward(m_zipper->forward(x)));
}

double
CnnNetImpl::Flops() const
{
    const double positions = static_cast<double>(m_options.rows) * m_options.cols;
    return FlopCount::Conv(m_options.channels * m_options.history, m_width, 9, positions) +
           FlopCount::NormActivation(m_width * positions) +
           m_zipper->Flops(m_options.rows, m_options.cols) +
           m_tail->Flops(m_options.rows, m_options.cols);
}

} // namespace ns3
