/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_DEF_CNN_NET_H
#define MICROSCOPE_DEF_CNN_NET_H

#include "zip-net.h"

namespace ns3
{

/**
 * \ingroup microscope
 * \brief DefCNN (Microscope Table 1): ZipNet with the convolutions of its last block replaced
 * by 2D deformable convolutions.
 */
class DefCnnNetImpl : public ZipNetImpl
{
public:
    /// \param options shape and size.
    explicit DefCnnNetImpl(const NetworkOptions& options)
        : ZipNetImpl(options, false, true)
    {
    }
};

TORCH_MODULE(DefCnnNet);

} // namespace ns3

#endif /* MICROSCOPE_DEF_CNN_NET_H */
