/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "gru-forecaster.h"

#include <cmath>

namespace ns3
{

GruForecasterImpl::GruForecasterImpl(int64_t inputSize, int64_t hidden, int64_t layers, bool relu)
    : m_hidden(hidden),
      m_relu(relu)
{
    const double bound = 1.0 / std::sqrt(static_cast<double>(hidden));
    for (int64_t l = 0; l < layers; ++l)
    {
        auto in = register_module("input" + std::to_string(l),
                                  torch::nn::Linear(l == 0 ? inputSize : hidden, 3 * hidden));
        auto rec =
            register_module("recurrent" + std::to_string(l), torch::nn::Linear(hidden, 3 * hidden));
        torch::NoGradGuard noGrad;
        for (auto& p : in->parameters())
        {
            p.uniform_(-bound, bound);
        }
        for (auto& p : rec->parameters())
        {
            p.uniform_(-bound, bound);
        }
        m_input.push_back(in);
        m_recurrent.push_back(rec);
    }
    m_head = register_module("head", torch::nn::Linear(hidden, 1));
}

torch::Tensor
GruForecasterImpl::forward(torch::Tensor x)
{
    const int64_t batch = x.size(0);
    const int64_t steps = x.size(1);
    torch::Tensor sequence = x;
    torch::Tensor h;
    for (size_t l = 0; l < m_input.size(); ++l)
    {
        torch::Tensor projected = m_input[l]->forward(sequence);
        h = torch::zeros({batch, m_hidden}, x.options());
        const bool last = l + 1 == m_input.size();
        std::vector<torch::Tensor> outputs;
        for (int64_t t = 0; t < steps; ++t)
        {
            auto xs = projected.select(1, t).chunk(3, 1);
            auto hs = m_recurrent[l]->forward(h).chunk(3, 1);
            torch::Tensor r = torch::sigmoid(xs[0] + hs[0]);
            torch::Tensor z = torch::sigmoid(xs[1] + hs[1]);
            torch::Tensor pre = xs[2] + r * hs[2];
            torch::Tensor n = m_relu ? torch::relu(pre) : torch::tanh(pre);
            h = (1 - z) * n + z * h;
            if (!last)
            {
                outputs.push_back(h);
            }
        }
        if (!last)
        {
            sequence = torch::stack(outputs, 1);
        }
    }
    return m_head->forward(h);
}

} // namespace ns3
