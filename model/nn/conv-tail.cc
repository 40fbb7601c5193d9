/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "conv-tail.h"

#include "mtd-network.h"

namespace ns3
{

ConvTailImpl::ConvTailImpl(int64_t in, int64_t width, int64_t services, bool deformable)
    : m_in(in),
      m_width(width),
      m_services(services),
      m_deformable(deformable)
{
    namespace nn = torch::nn;
    if (deformable)
    {
        m_def1 = register_module("def1", DeformableConv2d(in, width));
        m_def2 = register_module("def2", DeformableConv2d(width, width));
    }
    else
    {
        m_conv1 = register_module("conv1", nn::Conv2d(nn::Conv2dOptions(in, width, 3).padding(1)));
        m_conv2 =
            register_module("conv2", nn::Conv2d(nn::Conv2dOptions(width, width, 3).padding(1)));
    }
    m_bn1 = register_module("bn1", nn::BatchNorm2d(width));
    m_bn2 = register_module("bn2", nn::BatchNorm2d(width));
    m_out = register_module("out", nn::Conv2d(nn::Conv2dOptions(width, services, 1)));
}

torch::Tensor
ConvTailImpl::forward(torch::Tensor x)
{
    namespace F = torch::nn::functional;
    auto act = F::LeakyReLUFuncOptions().negative_slope(0.1);
    x = m_deformable ? m_def1->forward(x) : m_conv1->forward(x);
    x = F::leaky_relu(m_bn1->forward(x), act);
    x = m_deformable ? m_def2->forward(x) : m_conv2->forward(x);
    x = F::leaky_relu(m_bn2->forward(x), act);
    return m_out->forward(x);
}

double
ConvTailImpl::Flops(int64_t rows, int64_t cols) const
{
    const double positions = static_cast<double>(rows) * cols;
    double flops = 0.0;
    if (m_deformable)
    {
        flops += m_def1->Flops(rows, cols) + m_def2->Flops(rows, cols);
    }
    else
    {
        flops += FlopCount::Conv(m_in, m_width, 9, positions) +
                 FlopCount::Conv(m_width, m_width, 9, positions);
    }
    flops += 2 * FlopCount::NormActivation(m_width * positions);
    flops += FlopCount::Conv(m_width, m_services, 1, positions);
    return flops;
}

} // namespace ns3
