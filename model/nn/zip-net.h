/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_ZIP_NET_H
#define MICROSCOPE_ZIP_NET_H

#include "conv-tail.h"
#include "deformable-conv3d.h"
#include "mtd-network.h"
#include "zipper-blocks.h"

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The Fig. 8 architecture of the Microscope paper in its three variants:
 * (1) 3D convolution blocks over the [T, H, W] history (convolution, BatchNorm3d,
 * LeakyReLU), whose time axis is then folded into channels by a 1x1 convolution;
 * (2) zipper blocks (2D convolutions with global and multiple skip connections);
 * (3) 2D convolution blocks with more feature maps, ending in one channel per service.
 *
 * ZipNet uses plain 3D convolutions; DefCNN replaces the convolutions of the last block by
 * 2D deformable ones; 3D-DefCNN uses 3D deformable convolutions in the first block (in the
 * "small" size only its ingress layer is deformable, the layer whose sampling the paper's
 * Fig. 15 illustrates; in the "paper" size every 3D layer is).
 *
 * Calendar input channels (channels 1..3, constant over time and space) skip the 3D blocks
 * and join the features where time is folded into channels.
 */
class ZipNetImpl : public MtdNetworkImpl
{
public:
    /**
     * \param options shape and size.
     * \param deformable3d 3D deformable convolutions in the first block (3D-DefCNN).
     * \param deformable2d 2D deformable convolutions in the last block (DefCNN).
     */
    ZipNetImpl(const NetworkOptions& options, bool deformable3d = false, bool deformable2d = false);
    torch::Tensor forward(torch::Tensor x) override;
    double Flops() const override;

private:
    bool m_deformable3d;                        //!< 3D deformable first block
    int64_t m_channels3d;                       //!< maps of the 3D blocks
    int64_t m_width;                            //!< maps of the zipper blocks
    std::vector<torch::nn::Conv3d> m_conv3d;    //!< plain 3D convolutions
    std::vector<DeformableConv3d> m_deform3d;   //!< deformable 3D convolutions
    std::vector<torch::nn::BatchNorm3d> m_bn3d; //!< their normalisation
    torch::nn::Conv2d m_fold{nullptr};          //!< time folded into channels
    torch::nn::BatchNorm2d m_foldBn{nullptr};   //!< its normalisation
    ZipperBlocks m_zipper{nullptr};             //!< zipper blocks
    ConvTail m_tail{nullptr};                   //!< 2D convolution tail
};

TORCH_MODULE(ZipNet);

} // namespace ns3

#endif /* MICROSCOPE_ZIP_NET_H */
