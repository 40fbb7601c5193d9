/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "decomposition-loss.h"

#include "../input-error.h"

namespace ns3
{

namespace
{

/// Names, in enum order.
const std::vector<std::string> LOSS_NAMES = {"regression", "ratio-mse", "ratio-ce", "cost"};

} // namespace

DecompositionLoss::DecompositionLoss(LossType type, double alpha, double epsilon)
    : m_type(type),
      m_alpha(alpha),
      m_eps(epsilon)
{
}

LossType
DecompositionLoss::Parse(const std::string& name)
{
    for (size_t i = 0; i < LOSS_NAMES.size(); ++i)
    {
        if (LOSS_NAMES[i] == name)
        {
            return static_cast<LossType>(i);
        }
    }
    throw InputError("unknown loss '" + name + "' (known: regression, ratio-mse, ratio-ce, cost)");
}

std::string
DecompositionLoss::Name(LossType type)
{
    return LOSS_NAMES.at(static_cast<size_t>(type));
}

std::vector<std::string>
DecompositionLoss::Names()
{
    return LOSS_NAMES;
}

LossType
DecompositionLoss::GetType() const
{
    return m_type;
}

bool
DecompositionLoss::IsRatio() const
{
    return m_type != LossType::REGRESSION;
}

bool
DecompositionLoss::IsCapacity() const
{
    return m_type == LossType::COST;
}

int64_t
DecompositionLoss::OutputChannels(int64_t services) const
{
    return IsCapacity() ? 2 * services : services;
}

void
DecompositionLoss::SetPeak(const torch::Tensor& peak)
{
    m_peak = peak.defined() ? peak.detach().to(torch::kFloat) : peak;
}

double
DecompositionLoss::GetAlpha() const
{
    return m_alpha;
}

double
DecompositionLoss::GetEpsilon() const
{
    return m_eps;
}

namespace
{

/**
 * \param output [B, 2S, H, W] logits then margins.
 * \param agg [B, 1, H, W] aggregate.
 * \return [B, S, H, W] capacities r * agg * (1 + softplus(m)).
 */
torch::Tensor
Capacity(const torch::Tensor& output, const torch::Tensor& agg)
{
    const int64_t s = output.size(1) / 2;
    auto logits = output.narrow(1, 0, s);
    auto margins = output.narrow(1, s, s);
    return torch::softmax(logits, 1) * agg * (1.0 + torch::softplus(margins));
}

} // namespace

torch::Tensor
DecompositionLoss::CostAware(const torch::Tensor& d, double alpha, double epsilon)
{
    return torch::where(
        d <= 0,
        alpha - epsilon * d,
        torch::where(d <= alpha * epsilon, alpha - d / epsilon, d - alpha * epsilon));
}

torch::Tensor
DecompositionLoss::Compute(const torch::Tensor& output,
                           const torch::Tensor& truth,
                           const torch::Tensor& aggregate,
                           const torch::Tensor& mask) const
{
    const int64_t b = output.size(0);
    const int64_t s = truth.size(1);
    auto m = mask.view({1, 1, mask.size(0), mask.size(1)});
    const auto nodes = mask.sum() * b; // masked (sample, node) pairs
    if (m_type == LossType::REGRESSION)
    {
        return ((output - truth).pow(2) * m).sum() / (nodes * s);
    }
    auto agg = aggregate.unsqueeze(1);
    // True ratios; a node with zero aggregate has no mix to learn: uniform target.
    auto ratio =
        torch::where(agg > 0, truth / agg.clamp_min(1e-12), torch::full_like(truth, 1.0 / s));
    switch (m_type)
    {
    case LossType::RATIO_MSE:
        return ((torch::softmax(output, 1) - ratio).pow(2) * m).sum() / (nodes * s);
    case LossType::RATIO_CE:
        return (-(ratio * torch::log_softmax(output, 1)) * m).sum() / nodes;
    case LossType::COST:
    {
        // Per-slice peak P: errors in units of P, weighted by P (fee alpha * P per violation,
        // excess capacity at face value), normalised by the total peak so that the loss is of
        // order alpha whatever the data's scale.
        auto peak = m_peak.defined()
                        ? m_peak.unsqueeze(0).clamp_min(1e-6)
                        : torch::ones({1, truth.size(1), truth.size(2), truth.size(3)});
        auto weight = peak * m;
        auto d = (Capacity(output, agg) - truth) / peak;
        return (CostAware(d, m_alpha, m_eps) * weight).sum() / (weight.sum() * b);
    }
    default:
        break;
    }
    throw InputError("unknown loss");
}

torch::Tensor
DecompositionLoss::Estimate(const torch::Tensor& output,
                            const torch::Tensor& aggregate,
                            const torch::Tensor& mask,
                            int64_t& repaired) const
{
    const int64_t s = output.size(1);
    auto agg = aggregate.unsqueeze(1);
    auto m = mask.view({1, 1, mask.size(0), mask.size(1)});
    if (IsCapacity())
    {
        return Capacity(output, agg) * m;
    }
    if (IsRatio())
    {
        return torch::softmax(output, 1) * agg * m;
    }
    auto clamped = output.clamp_min(0.0);
    auto sum = clamped.sum(1, true);
    auto estimate = torch::where(sum > 0,
                                 clamped * (agg / sum.clamp_min(1e-30)),
                                 agg.expand_as(clamped) / static_cast<double>(s)) *
                    m;
    auto change = (estimate - output).abs().amax(1) / agg.squeeze(1).abs().clamp_min(1e-12);
    repaired += ((change > 1e-6).to(torch::kFloat) * mask).sum().item<int64_t>();
    return estimate;
}

} // namespace ns3
