/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_ZIPPER_BLOCKS_H
#define MICROSCOPE_ZIPPER_BLOCKS_H

#include <torch/torch.h>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Zipper convolutional blocks in the style of ZipNet (C. Zhang et al., CoNEXT 2017):
 * a stack of 3x3 convolutions (with batch normalisation and LeakyReLU) in which every layer
 * also receives the output of the layer two below it (the "zipper" of skip connections),
 * plus a global skip connection from the input to the output.
 *
 * h_1 = f_1(x), h_i = f_i(h_{i-1}) + h_{i-2} (h_0 = x), y = h_L + x.
 */
class ZipperBlocksImpl : public torch::nn::Module
{
public:
    /**
     * \param channels input = output channels.
     * \param layers convolutions in the stack.
     */
    ZipperBlocksImpl(int64_t channels, int64_t layers);

    /**
     * \param x [B, channels, H, W].
     * \return [B, channels, H, W].
     */
    torch::Tensor forward(torch::Tensor x);

    /**
     * \param rows H \param cols W
     * \return FLOPs of one inference on a single sample.
     */
    double Flops(int64_t rows, int64_t cols) const;

private:
    int64_t m_channels;                          //!< channels
    std::vector<torch::nn::Sequential> m_layers; //!< conv + BN + LeakyReLU layers
};

TORCH_MODULE(ZipperBlocks);

} // namespace ns3

#endif /* MICROSCOPE_ZIPPER_BLOCKS_H */
