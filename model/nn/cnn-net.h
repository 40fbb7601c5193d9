/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_CNN_NET_H
#define MICROSCOPE_CNN_NET_H

#include "conv-tail.h"
#include "mtd-network.h"
#include "zipper-blocks.h"

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The Fig. 8 network without its 3D block (Microscope Table 1, "CNN"): the T snapshots
 * enter as channels of a 3x3 convolution, then zipper blocks and the 2D convolution tail.
 */
class CnnNetImpl : public MtdNetworkImpl
{
public:
    /// \param options shape and size.
    explicit CnnNetImpl(const NetworkOptions& options);
    torch::Tensor forward(torch::Tensor x) override;
    double Flops() const override;

private:
    int64_t m_width;                      //!< feature maps of the zipper blocks
    torch::nn::Conv2d m_head{nullptr};    //!< input convolution
    torch::nn::BatchNorm2d m_bn{nullptr}; //!< its normalisation
    ZipperBlocks m_zipper{nullptr};       //!< zipper blocks
    ConvTail m_tail{nullptr};             //!< 2D convolution tail
};

TORCH_MODULE(CnnNet);

} // namespace ns3

#endif /* MICROSCOPE_CNN_NET_H */
