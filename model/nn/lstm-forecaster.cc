/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "lstm-forecaster.h"

#include <cmath>

namespace ns3
{

LstmForecasterImpl::LstmForecasterImpl(int64_t inputSize, int64_t hidden, int64_t layers, bool relu)
    : m_hidden(hidden),
      m_relu(relu)
{
    const double bound = 1.0 / std::sqrt(static_cast<double>(hidden));
    for (int64_t l = 0; l < layers; ++l)
    {
        auto in = register_module("input" + std::to_string(l),
                                  torch::nn::Linear(l == 0 ? inputSize : hidden, 4 * hidden));
        auto rec = register_module(
            "recurrent" + std::to_string(l),
            torch::nn::Linear(torch::nn::LinearOptions(hidden, 4 * hidden).bias(false)));
        // torch::nn::LSTM's initialisation: U(-1/sqrt(H), 1/sqrt(H)) for every parameter.
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
LstmForecasterImpl::forward(torch::Tensor x)
{
    const int64_t batch = x.size(0);
    const int64_t steps = x.size(1);
    auto phi = [this](const torch::Tensor& t) { return m_relu ? torch::relu(t) : torch::tanh(t); };
    torch::Tensor sequence = x;
    torch::Tensor h;
    for (size_t l = 0; l < m_input.size(); ++l)
    {
        // Project every time step's input at once; only the recurrence is sequential.
        torch::Tensor projected = m_input[l]->forward(sequence);
        h = torch::zeros({batch, m_hidden}, x.options());
        torch::Tensor c = torch::zeros({batch, m_hidden}, x.options());
        const bool last = l + 1 == m_input.size();
        std::vector<torch::Tensor> outputs;
        for (int64_t t = 0; t < steps; ++t)
        {
            torch::Tensor gates = projected.select(1, t) + m_recurrent[l]->forward(h);
            auto chunks = gates.chunk(4, 1);
            c = torch::sigmoid(chunks[1]) * c + torch::sigmoid(chunks[0]) * phi(chunks[2]);
            h = torch::sigmoid(chunks[3]) * phi(c);
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
