/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "deformable-conv3d.h"

#include "mtd-network.h"

#include <cmath>

namespace ns3
{

namespace
{

/// Taps of a 3x3x3 kernel.
constexpr int64_t TAPS_3D = 27;

} // namespace

DeformableConv3dImpl::DeformableConv3dImpl(int64_t inChannels,
                                           int64_t outChannels,
                                           int64_t offsetChannels)
    : m_in(inChannels),
      m_out(outChannels),
      m_hidden(offsetChannels)
{
    namespace nn = torch::nn;
    weight = register_parameter("weight", torch::empty({outChannels, inChannels, 3, 3, 3}));
    bias = register_parameter("bias", torch::zeros({outChannels}));
    // Same initialisation as torch::nn::Conv3d (Kaiming uniform, a = sqrt(5)).
    nn::init::kaiming_uniform_(weight, std::sqrt(5.0));
    const double bound = 1.0 / std::sqrt(static_cast<double>(inChannels * TAPS_3D));
    nn::init::uniform_(bias, -bound, bound);
    auto last = nn::Conv3d(nn::Conv3dOptions(offsetChannels, 3 * TAPS_3D, 1));
    nn::init::zeros_(last->weight);
    nn::init::zeros_(last->bias);
    offsetNet = register_module(
        "offset",
        nn::Sequential(nn::Conv3d(nn::Conv3dOptions(inChannels, offsetChannels, 3).padding(1)),
                       nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.1)),
                       nn::Conv3d(nn::Conv3dOptions(offsetChannels, offsetChannels, 3).padding(1)),
                       nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.1)),
                       last));
}

torch::Tensor
DeformableConv3dImpl::PredictOffsets(const torch::Tensor& x)
{
    return offsetNet->forward(x);
}

torch::Tensor
DeformableConv3dImpl::forward(torch::Tensor x)
{
    return Deform(x, PredictOffsets(x));
}

torch::Tensor
DeformableConv3dImpl::Deform(const torch::Tensor& x, const torch::Tensor& offsets)
{
    const int64_t B = x.size(0);
    const int64_t C = x.size(1);
    const int64_t D = x.size(2);
    const int64_t H = x.size(3);
    const int64_t W = x.size(4);
    auto opts = x.options();
    // Tap displacements g in {-1, 0, 1}^3, row-major (depth, row, column) like conv3d weights.
    auto r = torch::arange(-1, 2, opts);
    auto gd = r.view({3, 1, 1}).expand({3, 3, 3}).reshape({1, TAPS_3D, 1, 1, 1});
    auto gh = r.view({1, 3, 1}).expand({3, 3, 3}).reshape({1, TAPS_3D, 1, 1, 1});
    auto gw = r.view({1, 1, 3}).expand({3, 3, 3}).reshape({1, TAPS_3D, 1, 1, 1});
    auto pd = torch::arange(D, opts).view({1, 1, D, 1, 1});
    auto ph = torch::arange(H, opts).view({1, 1, 1, H, 1});
    auto pw = torch::arange(W, opts).view({1, 1, 1, 1, W});
    auto off = offsets.view({B, TAPS_3D, 3, D, H, W});
    auto sd = pd + gd + off.select(2, 0); // [B, TAPS_3D, D, H, W]
    auto sh = ph + gh + off.select(2, 1);
    auto sw = pw + gw + off.select(2, 2);
    // grid_sample with align_corners = false: index i sits at (2i + 1) / size - 1, and
    // anything outside [-1, 1] reads zero, for every size including 1.
    auto zn = (2.0 * sd + 1.0) / static_cast<double>(D) - 1.0;
    auto yn = (2.0 * sh + 1.0) / static_cast<double>(H) - 1.0;
    auto xn = (2.0 * sw + 1.0) / static_cast<double>(W) - 1.0;
    auto grid = torch::stack({xn, yn, zn}, -1).view({B, TAPS_3D * D, H, W, 3});
    namespace F = torch::nn::functional;
    auto sampled = F::grid_sample(x,
                                  grid,
                                  F::GridSampleFuncOptions()
                                      .mode(torch::kBilinear)
                                      .padding_mode(torch::kZeros)
                                      .align_corners(false));
    // [B, C, TAPS_3D * D, H, W] -> [B, C * TAPS_3D, D * H * W]
    sampled = sampled.view({B, C * TAPS_3D, D * H * W});
    auto y = torch::matmul(weight.view({m_out, C * TAPS_3D}), sampled);
    y = y + bias.view({1, m_out, 1});
    return y.view({B, m_out, D, H, W});
}

double
DeformableConv3dImpl::Flops(int64_t depth, int64_t rows, int64_t cols) const
{
    const double positions = static_cast<double>(depth) * rows * cols;
    double flops = 0.0;
    // Offset predictor: two 3x3x3 convolutions and a 1x1x1 one, with activations.
    flops += FlopCount::Conv(m_in, m_hidden, TAPS_3D, positions) + positions * m_hidden;
    flops += FlopCount::Conv(m_hidden, m_hidden, TAPS_3D, positions) + positions * m_hidden;
    flops += FlopCount::Conv(m_hidden, 3 * TAPS_3D, 1, positions);
    // Sampling coordinates (3 adds and a normalisation per tap and axis) and trilinear
    // interpolation: 8 corners, a weight product (3 multiplies) and a multiply-add each.
    flops += positions * TAPS_3D * 3 * 4;
    flops += positions * TAPS_3D * m_in * 8 * 5;
    // Contraction with the weights.
    flops += FlopCount::Conv(m_in, m_out, TAPS_3D, positions);
    return flops;
}

} // namespace ns3
