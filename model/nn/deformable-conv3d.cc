/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "deformable-conv3d.h"

#include "mtd-network.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

namespace
{

/// Taps of a 3x3x3 kernel.
constexpr int64_t TAPS_3D = 27;

/**
 * Trilinear sampling of every tap of one sample at its offset position, zero outside the
 * input: what grid_sample (bilinear, zero padding, align_corners = false) computes in Deform(),
 * written as one pass over the points without autograd (inference only). Each point's 8
 * corner weights are computed once and applied to every channel; corners outside the input
 * get weight 0 (and a clamped, valid index).
 * \param x [C, D, H, W], contiguous.
 * \param offsets [TAPS_3D, 3, D, H, W], contiguous.
 * \param out [C * TAPS_3D, D * H * W]: row c * TAPS_3D + k holds channel c at tap k.
 */
template <typename T>
void
SampleTaps3d(const T* x, const T* offsets, T* out, int64_t C, int64_t D, int64_t H, int64_t W)
{
    const int64_t volume = D * H * W;
    at::parallel_for(
        0,
        TAPS_3D,
        1,
        [&](int64_t begin, int64_t end)
        {
            for (int64_t k = begin; k < end; ++k)
            {
                const int64_t gd = k / 9 - 1;
                const int64_t gh = (k / 3) % 3 - 1;
                const int64_t gw = k % 3 - 1;
                const T* od = offsets + k * 3 * volume;
                const T* oh = od + volume;
                const T* ow = oh + volume;
                T* ok = out + k * volume;
                int64_t p = 0;
                for (int64_t d = 0; d < D; ++d)
                {
                    for (int64_t h = 0; h < H; ++h)
                    {
                        for (int64_t w = 0; w < W; ++w, ++p)
                        {
                            const T zd = static_cast<T>(d + gd) + od[p];
                            const T zh = static_cast<T>(h + gh) + oh[p];
                            const T zw = static_cast<T>(w + gw) + ow[p];
                            // floor without a libm call: truncate, then step down below zero.
                            int64_t d0 = static_cast<int64_t>(zd);
                            int64_t h0 = static_cast<int64_t>(zh);
                            int64_t w0 = static_cast<int64_t>(zw);
                            d0 -= zd < static_cast<T>(d0) ? 1 : 0;
                            h0 -= zh < static_cast<T>(h0) ? 1 : 0;
                            w0 -= zw < static_cast<T>(w0) ? 1 : 0;
                            const T td = zd - static_cast<T>(d0);
                            const T th = zh - static_cast<T>(h0);
                            const T tw = zw - static_cast<T>(w0);
                            // Per axis: the two corners' weights (0 outside) and indices.
                            const T wd[2] = {d0 >= 0 && d0 < D ? 1 - td : 0,
                                             d0 + 1 >= 0 && d0 + 1 < D ? td : 0};
                            const T wh[2] = {h0 >= 0 && h0 < H ? 1 - th : 0,
                                             h0 + 1 >= 0 && h0 + 1 < H ? th : 0};
                            const T ww[2] = {w0 >= 0 && w0 < W ? 1 - tw : 0,
                                             w0 + 1 >= 0 && w0 + 1 < W ? tw : 0};
                            if (wd[0] + wd[1] == 0 || wh[0] + wh[1] == 0 || ww[0] + ww[1] == 0)
                            {
                                for (int64_t c = 0; c < C; ++c)
                                {
                                    ok[c * TAPS_3D * volume + p] = 0;
                                }
                                continue;
                            }
                            const int64_t id[2] = {std::clamp<int64_t>(d0, 0, D - 1),
                                                   std::clamp<int64_t>(d0 + 1, 0, D - 1)};
                            const int64_t ih[2] = {std::clamp<int64_t>(h0, 0, H - 1),
                                                   std::clamp<int64_t>(h0 + 1, 0, H - 1)};
                            const int64_t iw[2] = {std::clamp<int64_t>(w0, 0, W - 1),
                                                   std::clamp<int64_t>(w0 + 1, 0, W - 1)};
                            int64_t index[8];
                            T weight[8];
                            for (int c = 0; c < 8; ++c)
                            {
                                const int a = c >> 2;
                                const int b = (c >> 1) & 1;
                                const int e = c & 1;
                                index[c] = (id[a] * H + ih[b]) * W + iw[e];
                                weight[c] = wd[a] * wh[b] * ww[e];
                            }
                            for (int64_t c = 0; c < C; ++c)
                            {
                                const T* xc = x + c * volume;
                                T value = 0;
                                for (int i = 0; i < 8; ++i)
                                {
                                    value += weight[i] * xc[index[i]];
                                }
                                ok[c * TAPS_3D * volume + p] = value;
                            }
                        }
                    }
                }
            }
        });
}

/**
 * out[b] = weight x in[b] + bias, one matrix product per sample written in place: a broadcast
 * torch::matmul of [M, K] by [B, K, N] copies and transposes the batch (most of the batched
 * layer's time in LibTorch 1.13).
 * \param weight [M, K].
 * \param bias [M].
 * \param in [B, K, N], each sample contiguous.
 * \param out [B, M, N], contiguous.
 */
void
ContractPerSample3d(const torch::Tensor& weight,
                    const torch::Tensor& bias,
                    const torch::Tensor& in,
                    torch::Tensor out)
{
    auto column = bias.view({-1, 1});
    for (int64_t b = 0; b < in.size(0); ++b)
    {
        auto slice = out.select(0, b);
        torch::addmm_out(slice, column, weight, in.select(0, b));
    }
}

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
DeformableConv3dImpl::OffsetFeatures(const torch::Tensor& x)
{
    return offsetNet->ptr(3)->as<torch::nn::LeakyReLU>()->forward(
        offsetNet->ptr(2)->as<torch::nn::Conv3d>()->forward(
            offsetNet->ptr(1)->as<torch::nn::LeakyReLU>()->forward(
                offsetNet->ptr(0)->as<torch::nn::Conv3d>()->forward(x))));
}

bool
DeformableConv3dImpl::UsesInferencePath(const torch::Tensor& x, const torch::Tensor& offsets)
{
    bool needs = x.requires_grad() || weight.requires_grad() || bias.requires_grad();
    if (offsets.defined())
    {
        needs = needs || offsets.requires_grad();
    }
    else
    {
        for (const auto& p : offsetNet->parameters())
        {
            needs = needs || p.requires_grad();
        }
    }
    const bool autograd = torch::GradMode::is_enabled() && needs;
    return !autograd && x.device().is_cpu() &&
           (x.scalar_type() == torch::kFloat || x.scalar_type() == torch::kDouble);
}

torch::Tensor
DeformableConv3dImpl::PredictOffsets(const torch::Tensor& x)
{
    if (!UsesInferencePath(x, torch::Tensor()))
    {
        return offsetNet->forward(x);
    }
    // Inference: the last 1x1x1 convolution as matrix products (LibTorch 1.13's CPU conv3d
    // is about 200 times slower per sample on this shape at batch 16 and more).
    auto hidden = OffsetFeatures(x);
    const auto* last = offsetNet->ptr(4)->as<torch::nn::Conv3d>();
    const int64_t B = hidden.size(0);
    auto y = torch::empty({B, 3 * TAPS_3D, x.size(2), x.size(3), x.size(4)}, hidden.options());
    ContractPerSample3d(last->weight.view({3 * TAPS_3D, m_hidden}),
                        last->bias,
                        hidden.reshape({B, m_hidden, -1}),
                        y.view({B, 3 * TAPS_3D, -1}));
    return y;
}

torch::Tensor
DeformableConv3dImpl::forward(torch::Tensor x)
{
    if (!UsesInferencePath(x, torch::Tensor()))
    {
        return Deform(x, PredictOffsets(x));
    }
    // Inference, one sample at a time past the offset features: its offsets (81 maps) and
    // taps stay in the cache instead of a batch-sized tensor written and read back.
    auto input = x.contiguous();
    const int64_t B = x.size(0);
    const int64_t C = x.size(1);
    const int64_t D = x.size(2);
    const int64_t H = x.size(3);
    const int64_t W = x.size(4);
    const int64_t volume = D * H * W;
    auto hidden = OffsetFeatures(input).contiguous();
    const auto* last = offsetNet->ptr(4)->as<torch::nn::Conv3d>();
    auto lastWeight = last->weight.view({3 * TAPS_3D, m_hidden});
    auto lastBias = last->bias.view({-1, 1});
    auto contraction = weight.view({m_out, C * TAPS_3D});
    auto biasColumn = bias.view({-1, 1});
    auto offsets = torch::empty({3 * TAPS_3D, volume}, x.options());
    auto sampled = torch::empty({C * TAPS_3D, volume}, x.options());
    auto y = torch::empty({B, m_out, D, H, W}, x.options());
    auto out = y.view({B, m_out, volume});
    for (int64_t b = 0; b < B; ++b)
    {
        torch::addmm_out(offsets, lastBias, lastWeight, hidden.select(0, b).view({m_hidden, -1}));
        AT_DISPATCH_FLOATING_TYPES(x.scalar_type(),
                                   "SampleTaps3d",
                                   [&]
                                   {
                                       SampleTaps3d<scalar_t>(
                                           input.select(0, b).data_ptr<scalar_t>(),
                                           offsets.data_ptr<scalar_t>(),
                                           sampled.data_ptr<scalar_t>(),
                                           C,
                                           D,
                                           H,
                                           W);
                                   });
        auto slice = out.select(0, b);
        torch::addmm_out(slice, biasColumn, contraction, sampled);
    }
    return y;
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
    if (UsesInferencePath(x, offsets))
    {
        // Inference: the same trilinear sampling in one pass (grid_sample's 5-D CPU kernel
        // costs about 100 ns a point), then the same contraction.
        auto input = x.contiguous();
        auto shifts = offsets.contiguous();
        const int64_t volume = D * H * W;
        auto sampled = torch::empty({B, C * TAPS_3D, volume}, opts);
        for (int64_t b = 0; b < B; ++b)
        {
            AT_DISPATCH_FLOATING_TYPES(x.scalar_type(),
                                       "SampleTaps3d",
                                       [&]
                                       {
                                           SampleTaps3d<scalar_t>(
                                               input.select(0, b).data_ptr<scalar_t>(),
                                               shifts.select(0, b).data_ptr<scalar_t>(),
                                               sampled.select(0, b).data_ptr<scalar_t>(),
                                               C,
                                               D,
                                               H,
                                               W);
                                       });
        }
        auto y = torch::empty({B, m_out, D, H, W}, opts);
        ContractPerSample3d(weight.view({m_out, C * TAPS_3D}),
                            bias,
                            sampled,
                            y.view({B, m_out, volume}));
        return y;
    }
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
