/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_MTD_NETWORK_H
#define MICROSCOPE_MTD_NETWORK_H

#include "network-options.h"

#include <torch/torch.h>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Base of the decomposition networks: [B, C, T, H, W] aggregate history in,
 * [B, S, H, W] per-service output (logits for the ratio losses, volumes for regression).
 */
class MtdNetworkImpl : public torch::nn::Module
{
public:
    /**
     * \param options shape and size.
     */
    explicit MtdNetworkImpl(const NetworkOptions& options)
        : m_options(options)
    {
        if (options.outputGate)
        {
            m_outputGate = register_parameter("output_gate", torch::zeros({1}));
        }
        if (options.positionBias)
        {
            m_positionBias =
                register_parameter("position_bias",
                                   torch::zeros({options.services, options.rows, options.cols}));
        }
    }

    /**
     * \param x [B, channels, history, rows, cols].
     * \return [B, services, rows, cols].
     */
    virtual torch::Tensor forward(torch::Tensor x) = 0;

    /// \return floating-point operations of one inference (batch 1), counted analytically.
    virtual double Flops() const = 0;

    /// \return the shape and size.
    const NetworkOptions& GetOptions() const
    {
        return m_options;
    }

protected:
    /**
     * \param y [B, services, rows, cols].
     * \return y times the output gate and plus the learned per-position bias, if the options
     *         ask for them.
     */
    torch::Tensor AddPositionBias(const torch::Tensor& y) const
    {
        const torch::Tensor gated = m_options.outputGate ? y * m_outputGate : y;
        return m_options.positionBias ? gated + m_positionBias.unsqueeze(0) : gated;
    }

    NetworkOptions m_options;     //!< shape and size
    torch::Tensor m_positionBias; //!< [services, rows, cols]
    torch::Tensor m_outputGate;   //!< [1], starts at 0
};

/// Shared pointer to any decomposition network.
using MtdNetworkPtr = std::shared_ptr<MtdNetworkImpl>;

/**
 * \ingroup microscope
 * \brief Analytic FLOP counts of common layers (a multiply-add counts 2).
 */
struct FlopCount
{
    /**
     * \param cin input channels \param cout output channels \param kernel taps per channel
     * \param outputs output positions \return FLOPs of a convolution (with bias)
     */
    static double Conv(double cin, double cout, double kernel, double outputs)
    {
        return (2.0 * cin * kernel + 1.0) * cout * outputs;
    }

    /**
     * \param in inputs \param out outputs \return FLOPs of a linear layer (with bias)
     */
    static double Linear(double in, double out)
    {
        return (2.0 * in + 1.0) * out;
    }

    /**
     * \param elements elements \return FLOPs of batch normalisation at inference (scale and
     * shift) followed by a (leaky) ReLU
     */
    static double NormActivation(double elements)
    {
        return 3.0 * elements;
    }
};

} // namespace ns3

#endif /* MICROSCOPE_MTD_NETWORK_H */
