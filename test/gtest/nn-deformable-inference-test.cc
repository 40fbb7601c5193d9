/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * GoogleTest cases of the 3D deformable convolution's inference path (model/nn/): with
 * autograd off it samples the taps in one direct pass and runs the offset predictor's last
 * 1x1x1 convolution as a matrix product; both must equal the differentiable path (grid_sample,
 * conv3d) within rounding, for offsets that reach outside the input, in double and float, at
 * batch sizes 1 and 5.
 */

#include "../../model/nn/deformable-conv3d.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace ns3;

namespace
{

/**
 * \param a a tensor.
 * \param b another, same shape.
 * \return max |a - b| / max(1, max |b|).
 */
double
InferenceRelativeGap(const torch::Tensor& a, const torch::Tensor& b)
{
    const double scale = std::max(1.0, b.abs().max().item<double>());
    return (a - b).abs().max().item<double>() / scale;
}

} // namespace

// Direct sampling = grid_sample, and the 1x1x1 matrix product = conv3d, with fractional offsets
// that reach outside the input on every axis.
TEST(DeformableConv3dInference, EqualsTheDifferentiablePath)
{
    torch::manual_seed(3);
    at::set_num_threads(1);
    for (auto type : {torch::kDouble, torch::kFloat})
    {
        const double tolerance = type == torch::kDouble ? 1e-12 : 1e-5;
        DeformableConv3d layer(3, 4, 5);
        layer->to(type);
        {
            // A trained-looking offset predictor: its last layer is zero at creation.
            torch::NoGradGuard noGrad;
            for (auto& p : layer->offsetNet->parameters())
            {
                p.uniform_(-0.4, 0.4);
            }
        }
        for (int64_t batch : {1, 5})
        {
            auto x = torch::randn({batch, 3, 4, 5, 6}, type);
            auto offsets = (torch::rand({batch, 81, 4, 5, 6}, type) - 0.5) * 5.0;
            // Differentiable path: x requires its gradient.
            auto xg = x.clone().requires_grad_(true);
            auto reference = layer->Deform(xg, offsets).detach();
            auto referenceOffsets = layer->offsetNet->forward(x).detach();
            auto referenceForward = layer->forward(xg).detach();
            ASSERT_TRUE(xg.requires_grad());
            torch::NoGradGuard noGrad;
            EXPECT_LT(InferenceRelativeGap(layer->Deform(x, offsets), reference), tolerance)
                << "sampling, batch " << batch << ", " << type;
            EXPECT_LT(InferenceRelativeGap(layer->PredictOffsets(x), referenceOffsets), tolerance)
                << "offset predictor, batch " << batch << ", " << type;
            EXPECT_LT(InferenceRelativeGap(layer->forward(x), referenceForward), tolerance)
                << "whole layer, batch " << batch << ", " << type;
            // Not vacuous: the offsets moved the sampling away from a plain convolution.
            auto plain = torch::conv3d(x, layer->weight, layer->bias, 1, 1);
            EXPECT_GT(InferenceRelativeGap(reference, plain), 1e-2);
        }
    }
}
