/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "deepcog-forecaster.h"

#include "decomposition-loss.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ns3
{

namespace
{
/// Normalised past values are clamped to [0, MAX_RATIO] (a series far above its training peak).
constexpr float MAX_RATIO = 16.0F;
/// Held-out samples per forward pass.
constexpr int64_t EVAL_CHUNK = 16384;
} // namespace

DeepCogNetImpl::DeepCogNetImpl(int64_t inputs, int64_t hidden)
{
    m_first = register_module("first", torch::nn::Linear(inputs, hidden));
    m_second = register_module("second", torch::nn::Linear(hidden, hidden));
    m_out = register_module("out", torch::nn::Linear(hidden, 1));
}

torch::Tensor
DeepCogNetImpl::forward(torch::Tensor x)
{
    x = torch::relu(m_first->forward(x));
    x = torch::relu(m_second->forward(x));
    return torch::softplus(m_out->forward(x)).squeeze(1);
}

DeepCogForecaster::DeepCogForecaster(const DeepCogOptions& options,
                                     uint32_t services,
                                     uint32_t nodes)
    : m_options(options),
      m_services(services),
      m_nodes(nodes)
{
}

int64_t
DeepCogForecaster::GetNFeatures() const
{
    return static_cast<int64_t>(m_options.window) + 3 + m_services;
}

void
DeepCogForecaster::CalendarFeatures(uint32_t intervalOfDay,
                                    uint32_t intervalsPerDay,
                                    bool holiday,
                                    float* out)
{
    const double phase = 2.0 * M_PI * intervalOfDay / std::max<uint32_t>(intervalsPerDay, 1);
    out[0] = static_cast<float>(std::sin(phase));
    out[1] = static_cast<float>(std::cos(phase));
    out[2] = holiday ? 1.0F : 0.0F;
}

void
DeepCogForecaster::FillRow(float* row,
                           const float* values,
                           size_t stride,
                           double peak,
                           const float* calendar,
                           uint32_t service) const
{
    const double inv = 1.0 / peak;
    const uint32_t t = m_options.window;
    for (uint32_t j = 0; j < t; ++j)
    {
        const auto v = static_cast<float>(values[j * stride] * inv);
        row[j] = std::clamp(v, 0.0F, MAX_RATIO);
    }
    row[t] = calendar[0];
    row[t + 1] = calendar[1];
    row[t + 2] = calendar[2];
    float* oneHot = row + t + 3;
    std::fill(oneHot, oneHot + m_services, 0.0F);
    oneHot[service] = 1.0F;
}

DeepCogFitReport
DeepCogForecaster::Fit(const DeepCogData& data)
{
    torch::manual_seed(m_options.seed);
    const int64_t f = GetNFeatures();
    m_net = DeepCogNet(f, m_options.hidden);
    m_net->train();
    torch::optim::Adam adam(m_net->parameters(), torch::optim::AdamOptions(m_options.learningRate));

    const uint64_t t0 = m_options.window;
    const size_t ns = static_cast<size_t>(data.services) * data.nodes;
    const uint64_t split = std::clamp<uint64_t>(data.firstEarlyStoppingTarget, t0, data.intervals);
    DeepCogFitReport report;
    report.trainingSamples = (split - t0) * ns;
    const uint64_t heldOut = (data.intervals - split) * ns;

    // A sample index k maps to (target interval, series).
    auto fill = [&](float* row, uint64_t firstTarget, uint64_t k)
    {
        const uint64_t t = firstTarget + k / ns;
        const size_t i = k % ns;
        FillRow(row,
                data.values + (t - t0) * ns + i,
                ns,
                data.peak[i],
                data.calendar + 3 * t,
                static_cast<uint32_t>(i / data.nodes));
        return std::make_pair(t, i);
    };

    // Held-out samples, evenly spaced, as tensors.
    uint64_t nEval = heldOut;
    if (m_options.validationSamples > 0 && nEval > m_options.validationSamples)
    {
        nEval = m_options.validationSamples;
    }
    report.earlyStoppingSamples = nEval;
    torch::Tensor evalX = torch::empty({static_cast<int64_t>(nEval), f});
    torch::Tensor evalY = torch::empty({static_cast<int64_t>(nEval)});
    torch::Tensor evalPeak = torch::empty({static_cast<int64_t>(nEval)});
    {
        float* x = evalX.data_ptr<float>();
        float* y = evalY.data_ptr<float>();
        float* p = evalPeak.data_ptr<float>();
        for (uint64_t j = 0; j < nEval; ++j)
        {
            const uint64_t k = nEval == heldOut ? j : j * heldOut / nEval;
            const auto [t, i] = fill(x + j * f, split, k);
            y[j] = static_cast<float>(data.values[t * ns + i] / data.peak[i]);
            p[j] = static_cast<float>(data.peak[i]);
        }
    }
    auto heldOutCost = [&]()
    {
        torch::NoGradGuard noGrad;
        m_net->eval();
        double cost = 0.0;
        for (int64_t b = 0; b < static_cast<int64_t>(nEval); b += EVAL_CHUNK)
        {
            const int64_t e = std::min<int64_t>(nEval, b + EVAL_CHUNK);
            auto out = m_net->forward(evalX.slice(0, b, e));
            auto y = evalY.slice(0, b, e);
            auto fee = (out < y * m_options.keep).to(torch::kFloat32) * m_options.alpha;
            cost += ((fee + torch::relu(out - y)) * evalPeak.slice(0, b, e)).sum().item<double>();
        }
        m_net->train();
        return nEval > 0 ? cost / nEval : 0.0;
    };

    const uint64_t nTrain = report.trainingSamples;
    const uint64_t perEpoch = m_options.samplesPerEpoch > 0
                                  ? std::min<uint64_t>(nTrain, m_options.samplesPerEpoch)
                                  : nTrain;
    const int64_t batch = std::max<uint32_t>(m_options.batchSize, 1);
    std::vector<float> xs(static_cast<size_t>(batch * f));
    std::vector<float> ys(batch);
    std::vector<float> ps(batch);
    std::vector<torch::Tensor> best;
    double bestCost = std::numeric_limits<double>::infinity();
    uint32_t wait = 0;
    for (uint32_t epoch = 1; epoch <= m_options.epochs && nTrain > 0; ++epoch)
    {
        // All samples in a shuffled order, or a uniform draw with replacement: a permutation
        // of every sample would cost more than the epoch at the antenna level (84 million).
        auto order = perEpoch == nTrain
                         ? torch::randperm(static_cast<int64_t>(nTrain), torch::kLong)
                         : torch::randint(static_cast<int64_t>(nTrain),
                                          {static_cast<int64_t>(perEpoch)},
                                          torch::kLong);
        const int64_t* idx = order.data_ptr<int64_t>();
        double lossSum = 0.0;
        for (int64_t b = 0; b < static_cast<int64_t>(perEpoch); b += batch)
        {
            const int64_t n = std::min<int64_t>(batch, perEpoch - b);
            for (int64_t j = 0; j < n; ++j)
            {
                const auto [t, i] = fill(xs.data() + j * f, t0, static_cast<uint64_t>(idx[b + j]));
                ys[j] = static_cast<float>(data.values[t * ns + i] / data.peak[i]);
                ps[j] = static_cast<float>(data.peak[i]);
            }
            auto x = torch::from_blob(xs.data(), {n, f}, torch::kFloat32);
            auto y = torch::from_blob(ys.data(), {n}, torch::kFloat32);
            auto p = torch::from_blob(ps.data(), {n}, torch::kFloat32);
            auto out = m_net->forward(x);
            auto loss =
                (DecompositionLoss::CostAware(out - y, m_options.alpha, m_options.epsilon) * p)
                    .mean();
            adam.zero_grad();
            loss.backward();
            adam.step();
            lossSum += loss.item<double>() * n;
        }
        report.epochs = epoch;
        report.trainingLoss = lossSum / std::max<uint64_t>(perEpoch, 1);
        if (nEval == 0)
        {
            continue;
        }
        const double cost = heldOutCost();
        if (cost < bestCost)
        {
            bestCost = cost;
            report.bestEpoch = epoch;
            report.earlyStoppingCost = cost;
            wait = 0;
            torch::NoGradGuard noGrad;
            best.clear();
            for (const auto& q : m_net->parameters())
            {
                best.push_back(q.detach().clone());
            }
        }
        else if (++wait >= m_options.patience)
        {
            break;
        }
    }
    if (!best.empty())
    {
        torch::NoGradGuard noGrad;
        auto params = m_net->parameters();
        for (size_t j = 0; j < params.size(); ++j)
        {
            params[j].copy_(best[j]);
        }
    }
    m_net->eval();
    return report;
}

void
DeepCogForecaster::Predict(const std::vector<float>& windows,
                           const std::vector<double>& peak,
                           const float* calendar,
                           std::vector<double>& out)
{
    const size_t ns = static_cast<size_t>(m_services) * m_nodes;
    const int64_t f = GetNFeatures();
    if (!m_input.defined() || m_input.size(0) != static_cast<int64_t>(ns))
    {
        m_input = torch::empty({static_cast<int64_t>(ns), f});
    }
    float* x = m_input.data_ptr<float>();
    for (size_t i = 0; i < ns; ++i)
    {
        FillRow(x + i * f,
                windows.data() + i * m_options.window,
                1,
                peak[i],
                calendar,
                static_cast<uint32_t>(i / m_nodes));
    }
    torch::NoGradGuard noGrad;
    auto y = m_net->forward(m_input).to(torch::kFloat64).contiguous();
    const double* v = y.data_ptr<double>();
    out.resize(ns);
    for (size_t i = 0; i < ns; ++i)
    {
        out[i] = v[i] * peak[i];
    }
}

} // namespace ns3
