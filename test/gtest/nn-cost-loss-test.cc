/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * GoogleTest cases of the cost-aware loss (Microscope paper, Sec. 7.1; model/nn/, LibTorch only,
 * no ns-3 simulator): its three pieces, the sign of its gradient on each side of alpha*eps, the
 * capacity estimate of the non-conserving output, and the per-slice peak weighting.
 */

#include "../../model/nn/decomposition-loss.h"

#include <cmath>
#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace ns3;

namespace
{

constexpr double COST_ALPHA = 2.0; ///< the SLA fee, in units of overprovisioning
constexpr double COST_EPS = 0.05;  ///< the loss's slope below the truth; alpha * eps = 0.1

/**
 * \param d the relative error (estimate - truth) / truth.
 * \return the cost-aware loss at d.
 */
double
CostAwareAt(double d)
{
    return DecompositionLoss::CostAware(torch::full({1}, d, torch::kDouble), COST_ALPHA, COST_EPS)
        .item<double>();
}

/**
 * \param d the relative error.
 * \return the loss's derivative at d, through autograd.
 */
double
CostAwareGradientAt(double d)
{
    auto x = torch::full({1}, d, torch::TensorOptions().dtype(torch::kDouble)).requires_grad_(true);
    DecompositionLoss::CostAware(x, COST_ALPHA, COST_EPS).sum().backward();
    return x.grad().item<double>();
}

} // namespace

// D <= 0: alpha - eps D; 0 < D <= alpha eps: alpha - D / eps; above: D - alpha eps.
TEST(CostAwareLoss, Pieces)
{
    EXPECT_NEAR(CostAwareAt(-3.0), 2.0 + 0.15, 1e-12) << "shortfall piece";
    EXPECT_NEAR(CostAwareAt(0.0), 2.0, 1e-12) << "at zero error: the fee";
    EXPECT_NEAR(CostAwareAt(0.04), 2.0 - 0.8, 1e-12) << "the fading piece";
    EXPECT_NEAR(CostAwareAt(0.1), 0.0, 1e-12) << "zero at alpha eps";
    EXPECT_NEAR(CostAwareAt(1.1), 1.0, 1e-12) << "overprovisioning piece";
}

TEST(CostAwareLoss, GradientSigns)
{
    EXPECT_NEAR(CostAwareGradientAt(-1.0), -COST_EPS, 1e-12) << "below the truth: slope -eps";
    EXPECT_NEAR(CostAwareGradientAt(0.05), -1.0 / COST_EPS, 1e-9) << "below alpha eps: -1/eps";
    EXPECT_NEAR(CostAwareGradientAt(0.5), 1.0, 1e-12) << "above alpha eps: slope +1";
    EXPECT_LT(CostAwareGradientAt(0.0999), 0.0) << "just below alpha eps: more capacity pays";
    EXPECT_GT(CostAwareGradientAt(0.1001), 0.0) << "just above alpha eps: less capacity pays";
}

// 2 S channels (logits, margins); a zero output is an even split times (1 + softplus(0)) =
// (1 + ln 2) of the aggregate, more than the aggregate.
TEST(CostAwareLoss, Capacities)
{
    DecompositionLoss cost(LossType::COST, 1.0, 0.01);
    EXPECT_EQ(cost.OutputChannels(3), 6) << "logits and margins";
    EXPECT_EQ(DecompositionLoss(LossType::RATIO_CE).OutputChannels(3), 3)
        << "conserving losses: one channel per service";
    auto output = torch::zeros({1, 6, 1, 2});
    auto aggregate = torch::tensor({{{3.0f, 6.0f}}});
    auto mask = torch::ones({1, 2});
    int64_t repaired = 0;
    auto estimate = cost.Estimate(output, aggregate, mask, repaired);
    EXPECT_EQ(estimate.size(1), 3) << "one capacity per service";
    const double factor = 1.0 + std::log(2.0);
    EXPECT_NEAR(estimate[0][1][0][1].item<double>(), 6.0 / 3.0 * factor, 1e-5)
        << "ratio x aggregate x (1 + softplus(margin))";
    EXPECT_GT(estimate.sum().item<double>(), 9.0 * 1.5) << "the capacities exceed the aggregate";
    EXPECT_EQ(repaired, 0) << "capacities are never repaired";
}

// loss = sum P * CostAware((x - d) / P) / sum P, over services and antennas.
TEST(CostAwareLoss, PeakWeighting)
{
    DecompositionLoss cost(LossType::COST, 1.0, 0.01);
    auto output = torch::zeros({1, 6, 1, 2});
    auto mask = torch::ones({1, 2});
    auto truth = torch::tensor({{{{1.0f, 2.0f}}, {{1.0f, 2.0f}}, {{0.5f, 2.5f}}}});
    auto agg = truth.sum(1);
    auto peak = torch::tensor({{{2.0f, 4.0f}}, {{1.0f, 1.0f}}, {{1.0f, 5.0f}}});
    cost.SetPeak(peak);
    const double got = cost.Compute(output, truth, agg, mask).item<double>();
    int64_t repaired = 0;
    auto x = cost.Estimate(output, agg, mask, repaired);
    double num = 0;
    double den = 0;
    for (int s = 0; s < 3; ++s)
    {
        for (int n = 0; n < 2; ++n)
        {
            const double p = peak[s][0][n].item<double>();
            const double d = (x[0][s][0][n].item<double>() - truth[0][s][0][n].item<double>()) / p;
            const double l = d <= 0 ? 1.0 - 0.01 * d : d <= 0.01 ? 1.0 - d / 0.01 : d - 0.01;
            num += p * l;
            den += p;
        }
    }
    EXPECT_NEAR(got, num / den, 1e-5) << "peak-weighted mean of the loss";
}
