/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_MLP_NET_H
#define MICROSCOPE_MLP_NET_H

#include "mtd-network.h"

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Multi-layer perceptron (Microscope Table 1: 5 hidden layers of 1000 units; small:
 * 3 of 256): the whole history window flattened, fully connected ReLU layers, one output per
 * service and grid point.
 */
class MlpNetImpl : public MtdNetworkImpl
{
public:
    /// \param options shape and size.
    explicit MlpNetImpl(const NetworkOptions& options);
    torch::Tensor forward(torch::Tensor x) override;
    double Flops() const override;

private:
    std::vector<int64_t> m_widths;           //!< layer widths, input to output
    torch::nn::Sequential m_layers{nullptr}; //!< the layers
};

TORCH_MODULE(MlpNet);

} // namespace ns3

#endif /* MICROSCOPE_MLP_NET_H */
