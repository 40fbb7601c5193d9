/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_DEF_CNN3D_NET_H
#define MICROSCOPE_DEF_CNN3D_NET_H

#include "zip-net.h"

namespace ns3
{

/**
 * \ingroup microscope
 * \brief 3D-DefCNN, the Microscope paper's own architecture (Sec. 4.2, Fig. 8): 3D deformable
 * convolution blocks (deformable conv3d, batch normalisation, LeakyReLU), zipper blocks with
 * global and multiple skip connections, and 2D convolution blocks ending in one channel per
 * service.
 */
class DefCnn3dNetImpl : public ZipNetImpl
{
public:
    /// \param options shape and size.
    explicit DefCnn3dNetImpl(const NetworkOptions& options)
        : ZipNetImpl(options, true, false)
    {
    }
};

TORCH_MODULE(DefCnn3dNet);

} // namespace ns3

#endif /* MICROSCOPE_DEF_CNN3D_NET_H */
