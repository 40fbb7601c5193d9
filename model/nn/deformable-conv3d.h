/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_DEFORMABLE_CONV3D_H
#define MICROSCOPE_DEFORMABLE_CONV3D_H

#include <torch/torch.h>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief 3D deformable convolution (Microscope paper, Sec. 4.2.1, Eq. 7-8):
 * y(p) = sum_{g in G} w(g) x(p + g + dp_g(p)), with a 3x3x3 kernel G (stride 1, "same"
 * output size).
 *
 * The 3|G| offset maps dp are predicted from x by a 3-layer 3D CNN (3x3x3, 3x3x3, 1x1x1, with
 * LeakyReLU between); its last layer starts at zero, so an untrained layer is a plain 3D
 * convolution. Fractional positions are read by trilinear interpolation with 5-D grid_sample
 * (bilinear mode, zero outside the input): all |G| taps are sampled at once as a [B, C, |G|·D,
 * H, W] volume, then contracted with the weights [Cout, C, |G|] by one matrix product. No
 * deformable-convolution operator exists in LibTorch 1.13, hence this construction.
 *
 * At inference (autograd off, or nothing to differentiate), the sampling is one direct pass
 * over the points instead of grid_sample (the same trilinear weights, each point's 8 corner
 * weights applied to every channel; equal to grid_sample within float rounding), and the
 * offset predictor's last 1x1x1 convolution is a matrix product: LibTorch 1.13's 5-D
 * grid_sample and its batched 1x1x1 conv3d were most of the layer's time.
 */
class DeformableConv3dImpl : public torch::nn::Module
{
public:
    /**
     * \param inChannels input channels.
     * \param outChannels output channels.
     * \param offsetChannels hidden channels of the offset predictor.
     */
    DeformableConv3dImpl(int64_t inChannels, int64_t outChannels, int64_t offsetChannels = 8);

    /**
     * \param x [B, C, D, H, W].
     * \return [B, Cout, D, H, W].
     */
    torch::Tensor forward(torch::Tensor x);

    /**
     * The deformable convolution with given offsets (no offset prediction).
     * \param x [B, C, D, H, W].
     * \param offsets [B, 3|G|, D, H, W]: for tap k, channels 3k, 3k+1, 3k+2 hold its (depth,
     *        row, column) offsets in input index units.
     * \return [B, Cout, D, H, W].
     */
    torch::Tensor Deform(const torch::Tensor& x, const torch::Tensor& offsets);

    /// \return the offsets the predictor gives for x, [B, 3|G|, D, H, W].
    torch::Tensor PredictOffsets(const torch::Tensor& x);

    /**
     * \param depth D \param rows H \param cols W
     * \return FLOPs of one inference on a single sample.
     */
    double Flops(int64_t depth, int64_t rows, int64_t cols) const;

    torch::Tensor weight;                     //!< [Cout, C, 3, 3, 3], the conv3d layout
    torch::Tensor bias;                       //!< [Cout]
    torch::nn::Sequential offsetNet{nullptr}; //!< offset predictor

private:
    /**
     * \param x [B, C, D, H, W].
     * \return the offset predictor's features before its last 1x1x1 layer.
     */
    torch::Tensor OffsetFeatures(const torch::Tensor& x);

    /**
     * \param x the input.
     * \param offsets given offsets, or undefined when the layer predicts them.
     * \return true if nothing needs a gradient (autograd off, or no input, offset or
     *         parameter that requires one) and x is a float or double CPU tensor: then the
     *         direct sampling and in-place matrix products run instead of grid_sample.
     */
    bool UsesInferencePath(const torch::Tensor& x, const torch::Tensor& offsets);

    int64_t m_in;     //!< input channels
    int64_t m_out;    //!< output channels
    int64_t m_hidden; //!< offset predictor channels
};

TORCH_MODULE(DeformableConv3d);

} // namespace ns3

#endif /* MICROSCOPE_DEFORMABLE_CONV3D_H */
