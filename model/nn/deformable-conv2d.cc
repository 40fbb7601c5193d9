/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "deformable-conv2d.h"

#include "mtd-network.h"

#include <cmath>

namespace ns3
{

namespace
{

/// Taps of a 3x3 kernel.
constexpr int64_t TAPS = 9;

} // namespace

DeformableConv2dImpl::DeformableConv2dImpl(int64_t inChannels,
                                           int64_t outChannels,
                                           int64_t offsetChannels)
    : m_in(inChannels),
      m_out(outChannels),
      m_hidden(offsetChannels)
{
    namespace nn = torch::nn;
    weight = register_parameter("weight", torch::empty({outChannels, inChannels, 3, 3}));
    bias = register_parameter("bias", torch::zeros({outChannels}));
    nn::init::kaiming_uniform_(weight, std::sqrt(5.0));
    const double bound = 1.0 / std::sqrt(static_cast<double>(inChannels * TAPS));
    nn::init::uniform_(bias, -bound, bound);
    auto last = nn::Conv2d(nn::Conv2dOptions(offsetChannels, 2 * TAPS, 1));
    nn::init::zeros_(last->weight);
    nn::init::zeros_(last->bias);
    offsetNet = register_module(
        "offset",
        nn::Sequential(nn::Conv2d(nn::Conv2dOptions(inChannels, offsetChannels, 3).padding(1)),
                       nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.1)),
                       nn::Conv2d(nn::Conv2dOptions(offsetChannels, offsetChannels, 3).padding(1)),
                       nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.1)),
                       last));
}

torch::Tensor
DeformableConv2dImpl::forward(torch::Tensor x)
{
    return Deform(x, offsetNet->forward(x));
}

torch::Tensor
DeformableConv2dImpl::Deform(const torch::Tensor& x, const torch::Tensor& offsets)
{
    const int64_t B = x.size(0);
    const int64_t C = x.size(1);
    const int64_t H = x.size(2);
    const int64_t W = x.size(3);
    auto opts = x.options();
    auto r = torch::arange(-1, 2, opts);
    auto gh = r.view({3, 1}).expand({3, 3}).reshape({1, TAPS, 1, 1});
    auto gw = r.view({1, 3}).expand({3, 3}).reshape({1, TAPS, 1, 1});
    auto ph = torch::arange(H, opts).view({1, 1, H, 1});
    auto pw = torch::arange(W, opts).view({1, 1, 1, W});
    auto off = offsets.view({B, TAPS, 2, H, W});
    auto sh = ph + gh + off.select(2, 0); // [B, TAPS, H, W]
    auto sw = pw + gw + off.select(2, 1);
    auto yn = (2.0 * sh + 1.0) / static_cast<double>(H) - 1.0;
    auto xn = (2.0 * sw + 1.0) / static_cast<double>(W) - 1.0;
    auto grid = torch::stack({xn, yn}, -1).view({B, TAPS * H, W, 2});
    namespace F = torch::nn::functional;
    auto sampled = F::grid_sample(x,
                                  grid,
                                  F::GridSampleFuncOptions()
                                      .mode(torch::kBilinear)
                                      .padding_mode(torch::kZeros)
                                      .align_corners(false));
    sampled = sampled.view({B, C * TAPS, H * W});
    auto y = torch::matmul(weight.view({m_out, C * TAPS}), sampled) + bias.view({1, m_out, 1});
    return y.view({B, m_out, H, W});
}

double
DeformableConv2dImpl::Flops(int64_t rows, int64_t cols) const
{
    const double positions = static_cast<double>(rows) * cols;
    double flops = 0.0;
    flops += FlopCount::Conv(m_in, m_hidden, TAPS, positions) + positions * m_hidden;
    flops += FlopCount::Conv(m_hidden, m_hidden, TAPS, positions) + positions * m_hidden;
    flops += FlopCount::Conv(m_hidden, 2 * TAPS, 1, positions);
    flops += positions * TAPS * 2 * 4;
    flops += positions * TAPS * m_in * 4 * 4;
    flops += FlopCount::Conv(m_in, m_out, TAPS, positions);
    return flops;
}

} // namespace ns3
