/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * GoogleTest cases of the deformable convolutions built from grid_sample (model/nn/, LibTorch
 * only, no ns-3 simulator): zero offsets reproduce plain convolutions, integer offsets
 * reproduce shifted sampling, and the gradients agree with central finite differences.
 */

#include "../../model/nn/deformable-conv2d.h"
#include "../../model/nn/deformable-conv3d.h"

#include <array>
#include <functional>
#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace ns3;

namespace
{

/**
 * Largest relative difference between autograd and central differences over a few entries of
 * a tensor that a scalar function depends on.
 * \param f the function.
 * \param t the tensor (a leaf with requires_grad, or a parameter).
 * \param entries how many entries to probe.
 * \return the largest |analytic - numeric| / max(1e-6, |numeric|).
 */
double
GradientError(const std::function<torch::Tensor()>& f, torch::Tensor t, int64_t entries)
{
    if (t.grad().defined())
    {
        t.mutable_grad().zero_();
    }
    f().backward();
    auto analytic = t.grad().clone().view(-1);
    auto flat = t.detach().view(-1);
    const double h = 1e-6;
    double worst = 0.0;
    const int64_t n = flat.numel();
    for (int64_t e = 0; e < entries; ++e)
    {
        const int64_t i = (e * 7919) % n;
        const double saved = flat[i].item<double>();
        flat[i] = saved + h;
        const double up = f().item<double>();
        flat[i] = saved - h;
        const double down = f().item<double>();
        flat[i] = saved;
        const double numeric = (up - down) / (2 * h);
        const double a = analytic[i].item<double>();
        worst = std::max(worst, std::abs(a - numeric) / std::max(1e-6, std::abs(numeric)));
    }
    return worst;
}

} // namespace

// 3D deformable convolution: zero offsets = conv3d, integer offsets = shifted sampling, per-tap
// offsets by hand.
TEST(DeformableConv3d, ZeroIntegerAndPerTapOffsets)
{
    torch::manual_seed(1);
    at::set_num_threads(1);
    torch::NoGradGuard noGrad;
    DeformableConv3d layer(3, 4);
    layer->to(torch::kDouble);
    auto x = torch::randn({2, 3, 4, 5, 6}, torch::kDouble);
    auto reference = torch::conv3d(x, layer->weight, layer->bias, 1, 1);
    // The offset predictor starts at zero: forward() is a plain convolution.
    double diff = (layer->forward(x) - reference).abs().max().item<double>();
    EXPECT_LT(diff, 1e-12) << "untrained layer = conv3d";
    auto zero = torch::zeros({2, 81, 4, 5, 6}, torch::kDouble);
    diff = (layer->Deform(x, zero) - reference).abs().max().item<double>();
    EXPECT_LT(diff, 1e-12) << "zero offsets = conv3d";

    // Integer offsets delta = (1, 0, -2) for every tap: y(p) = sum_g w(g) x(p + g + delta),
    // x zero outside. Expected: a valid convolution of x padded by P, read at
    // p + delta + P - 1 on each axis.
    const int64_t P = 3;
    const std::array<int64_t, 3> delta = {1, 0, -2};
    auto offsets = torch::zeros({2, 27, 3, 4, 5, 6}, torch::kDouble);
    for (int a = 0; a < 3; ++a)
    {
        offsets.select(2, a).fill_(static_cast<double>(delta[a]));
    }
    auto padded = torch::constant_pad_nd(x, {P, P, P, P, P, P});
    auto full = torch::conv3d(padded, layer->weight, layer->bias);
    auto expected = full.slice(2, delta[0] + P - 1, delta[0] + P - 1 + 4)
                        .slice(3, delta[1] + P - 1, delta[1] + P - 1 + 5)
                        .slice(4, delta[2] + P - 1, delta[2] + P - 1 + 6);
    diff = (layer->Deform(x, offsets.view({2, 81, 4, 5, 6})) - expected).abs().max().item<double>();
    EXPECT_LT(diff, 1e-12) << "integer offsets = shifted sampling";

    // A different offset per tap: tap k of every position shifted by one row up for even
    // k only, checked at one interior point by hand.
    auto mixed = torch::zeros({1, 27, 3, 4, 5, 6}, torch::kDouble);
    for (int k = 0; k < 27; k += 2)
    {
        mixed.select(1, k).select(1, 1).fill_(-1.0);
    }
    auto x1 = x.slice(0, 0, 1);
    auto y = layer->Deform(x1, mixed.view({1, 81, 4, 5, 6}));
    const int64_t d = 2;
    const int64_t h = 2;
    const int64_t w = 3;
    for (int64_t o = 0; o < 4; ++o)
    {
        double sum = layer->bias[o].item<double>();
        for (int k = 0; k < 27; ++k)
        {
            const int64_t gd = k / 9 - 1;
            const int64_t gh = (k / 3) % 3 - 1 - (k % 2 == 0 ? 1 : 0);
            const int64_t gw = k % 3 - 1;
            for (int64_t c = 0; c < 3; ++c)
            {
                sum += layer->weight[o][c][k / 9][(k / 3) % 3][k % 3].item<double>() *
                       x1[0][c][d + gd][h + gh][w + gw].item<double>();
            }
        }
        EXPECT_NEAR(y[0][o][d][h][w].item<double>(), sum, 1e-10) << "per-tap offsets, output " << o;
    }
}

// 2D deformable convolution: zero offsets = conv2d, integer offsets = shifted sampling.
TEST(DeformableConv2d, ZeroAndIntegerOffsets)
{
    torch::manual_seed(2);
    torch::NoGradGuard noGrad;
    DeformableConv2d layer(3, 5);
    layer->to(torch::kDouble);
    auto x = torch::randn({2, 3, 6, 7}, torch::kDouble);
    auto reference = torch::conv2d(x, layer->weight, layer->bias, 1, 1);
    double diff = (layer->forward(x) - reference).abs().max().item<double>();
    EXPECT_LT(diff, 1e-12) << "zero offsets = conv2d";
    const int64_t P = 3;
    const std::array<int64_t, 2> delta = {-1, 2};
    auto offsets = torch::zeros({2, 9, 2, 6, 7}, torch::kDouble);
    offsets.select(2, 0).fill_(static_cast<double>(delta[0]));
    offsets.select(2, 1).fill_(static_cast<double>(delta[1]));
    auto full = torch::conv2d(torch::constant_pad_nd(x, {P, P, P, P}), layer->weight, layer->bias);
    auto expected = full.slice(2, delta[0] + P - 1, delta[0] + P - 1 + 6)
                        .slice(3, delta[1] + P - 1, delta[1] + P - 1 + 7);
    diff = (layer->Deform(x, offsets.view({2, 18, 6, 7})) - expected).abs().max().item<double>();
    EXPECT_LT(diff, 1e-12) << "integer offsets = shifted sampling";
}

// Deformable convolutions: autograd gradients = central finite differences.
TEST(Deformable, GradientsMatchFiniteDifferences)
{
    torch::manual_seed(3);
    at::set_num_threads(1);
    {
        DeformableConv3d layer(2, 2, 3);
        layer->to(torch::kDouble);
        // Non-zero, fractional offsets: perturb every parameter of the offset predictor.
        {
            torch::NoGradGuard noGrad;
            for (auto& p : layer->offsetNet->parameters())
            {
                p.copy_(torch::randn_like(p) * 0.3);
            }
        }
        auto x = torch::randn({1, 2, 3, 4, 4}, torch::kDouble).requires_grad_(true);
        auto r = torch::randn({1, 2, 3, 4, 4}, torch::kDouble);
        auto f = [&]() { return (layer->forward(x) * r).sum(); };
        auto offsets = layer->PredictOffsets(x).detach();
        EXPECT_GT(offsets.abs().mean().item<double>(), 0.05) << "offsets non-zero";
        EXPECT_LT(GradientError(f, x, 25), 1e-5) << "3D: gradient wrt the input";
        EXPECT_LT(GradientError(f, layer->weight, 25), 1e-5) << "3D: gradient wrt the weights";
        auto params = layer->offsetNet->parameters();
        EXPECT_LT(GradientError(f, params.front(), 25), 1e-5)
            << "3D: gradient wrt the offset predictor's first layer";
        EXPECT_LT(GradientError(f, params[params.size() - 2], 25), 1e-5)
            << "3D: gradient wrt the offset predictor's last layer";
    }
    {
        DeformableConv2d layer(2, 3, 3);
        layer->to(torch::kDouble);
        {
            torch::NoGradGuard noGrad;
            for (auto& p : layer->offsetNet->parameters())
            {
                p.copy_(torch::randn_like(p) * 0.3);
            }
        }
        auto x = torch::randn({2, 2, 5, 4}, torch::kDouble).requires_grad_(true);
        auto r = torch::randn({2, 3, 5, 4}, torch::kDouble);
        auto f = [&]() { return (layer->forward(x) * r).sum(); };
        EXPECT_LT(GradientError(f, x, 25), 1e-5) << "2D: gradient wrt the input";
        EXPECT_LT(GradientError(f, layer->weight, 25), 1e-5) << "2D: gradient wrt the weights";
        EXPECT_LT(GradientError(f, layer->offsetNet->parameters().front(), 25), 1e-5)
            << "2D: gradient wrt the offset predictor";
    }
}
