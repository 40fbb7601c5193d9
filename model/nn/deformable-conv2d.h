/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_DEFORMABLE_CONV2D_H
#define MICROSCOPE_DEFORMABLE_CONV2D_H

#include <torch/torch.h>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief 2D deformable convolution (Dai et al., ICCV 2017), used by DefCNN: a 3x3 kernel
 * whose 2|G| offset maps are predicted from the input by a 3-layer CNN (the last layer
 * starting at zero), read by bilinear interpolation with 4-D grid_sample (zero outside), and
 * contracted with the weights [Cout, C, |G|].
 */
class DeformableConv2dImpl : public torch::nn::Module
{
public:
    /**
     * \param inChannels input channels.
     * \param outChannels output channels.
     * \param offsetChannels hidden channels of the offset predictor.
     */
    DeformableConv2dImpl(int64_t inChannels, int64_t outChannels, int64_t offsetChannels = 8);

    /**
     * \param x [B, C, H, W].
     * \return [B, Cout, H, W].
     */
    torch::Tensor forward(torch::Tensor x);

    /**
     * \param x [B, C, H, W].
     * \param offsets [B, 2|G|, H, W]: for tap k, channels 2k, 2k+1 hold its (row, column)
     *        offsets in input index units.
     * \return [B, Cout, H, W].
     */
    torch::Tensor Deform(const torch::Tensor& x, const torch::Tensor& offsets);

    /**
     * \param rows H \param cols W
     * \return FLOPs of one inference on a single sample.
     */
    double Flops(int64_t rows, int64_t cols) const;

    torch::Tensor weight;                     //!< [Cout, C, 3, 3], the conv2d layout
    torch::Tensor bias;                       //!< [Cout]
    torch::nn::Sequential offsetNet{nullptr}; //!< offset predictor

private:
    int64_t m_in;     //!< input channels
    int64_t m_out;    //!< output channels
    int64_t m_hidden; //!< offset predictor channels
};

TORCH_MODULE(DeformableConv2d);

} // namespace ns3

#endif /* MICROSCOPE_DEFORMABLE_CONV2D_H */
