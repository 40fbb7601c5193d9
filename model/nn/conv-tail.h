/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_CONV_TAIL_H
#define MICROSCOPE_CONV_TAIL_H

#include "deformable-conv2d.h"

#include <torch/torch.h>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The last part of the Fig. 8 architectures: 2D convolution blocks with more feature
 * maps (two 3x3 convolutions of `width` maps with batch normalisation and LeakyReLU), ending
 * in a 1x1 convolution to one output channel per service. With `deformable`, the 3x3
 * convolutions are 2D deformable convolutions (DefCNN).
 */
class ConvTailImpl : public torch::nn::Module
{
public:
    /**
     * \param in input channels.
     * \param width feature maps of the blocks.
     * \param services output channels.
     * \param deformable use 2D deformable convolutions.
     */
    ConvTailImpl(int64_t in, int64_t width, int64_t services, bool deformable);

    /**
     * \param x [B, in, H, W].
     * \return [B, services, H, W].
     */
    torch::Tensor forward(torch::Tensor x);

    /**
     * \param rows H \param cols W
     * \return FLOPs of one inference on a single sample.
     */
    double Flops(int64_t rows, int64_t cols) const;

private:
    int64_t m_in;                          //!< input channels
    int64_t m_width;                       //!< feature maps
    int64_t m_services;                    //!< output channels
    bool m_deformable;                     //!< deformable 3x3 convolutions
    torch::nn::Conv2d m_conv1{nullptr};    //!< first 3x3 (plain)
    torch::nn::Conv2d m_conv2{nullptr};    //!< second 3x3 (plain)
    DeformableConv2d m_def1{nullptr};      //!< first 3x3 (deformable)
    DeformableConv2d m_def2{nullptr};      //!< second 3x3 (deformable)
    torch::nn::BatchNorm2d m_bn1{nullptr}; //!< normalisation
    torch::nn::BatchNorm2d m_bn2{nullptr}; //!< normalisation
    torch::nn::Conv2d m_out{nullptr};      //!< 1x1 to services
};

TORCH_MODULE(ConvTail);

} // namespace ns3

#endif /* MICROSCOPE_CONV_TAIL_H */
